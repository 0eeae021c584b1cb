/**
 * validateAdaptiveCard: does this JSON render on Webex? Returns a list of problems (empty when fine).
 *
 * 1. Microsoft's own `adaptivecards` library parses it with a SerializationContext targeting 1.3 (the newest Webex
 *    renders): unknown element/action types and properties newer than 1.3 become parse events; then
 *    `validateProperties()` adds semantic failures (missing url on Action.OpenUrl, duplicate ids, wrong card type…).
 * 2. A recursive walk rejects what the library accepts in 1.3 but Webex doesn't render: Media, Action.ToggleVisibility,
 *    Action.Execute, and any `version` above 1.3 (nested cards too).
 * 3. The top-level `version` must be present and ≤ 1.3.
 */
import { createRequire } from 'node:module';
// The package's `main` (lib/) is extensionless ES modules that Node can't load; the UMD bundle in dist/ is the same
// code and runs in plain Node: parsing and validation never touch the DOM (rendering would), so no jsdom is needed.
const requireCjs = createRequire(import.meta.url);
const AC = requireCjs('adaptivecards/dist/adaptivecards.js');
/** Types Webex does not render even though they exist in Adaptive Cards ≤ 1.3 (or at all). */
export const WEBEX_DENIED_TYPES = new Set([
    'Media',
    'Action.ToggleVisibility',
    'Action.Execute',
]);
const MAX_VERSION = { major: 1, minor: 3 };
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
function versionProblem(version, where) {
    const m = typeof version === 'string' ? /^(\d+)\.(\d+)$/u.exec(version) : null;
    if (!m)
        return `${where}: version ${JSON.stringify(version)} is not "major.minor"`;
    const major = Number(m[1]);
    const minor = Number(m[2]);
    if (major > MAX_VERSION.major || (major === MAX_VERSION.major && minor > MAX_VERSION.minor)) {
        return `${where}: version ${String(version)} is newer than 1.3, the newest Webex renders`;
    }
    return undefined;
}
function walk(node, where, problems) {
    if (Array.isArray(node)) {
        node.forEach((item, i) => walk(item, `${where}[${i}]`, problems));
        return;
    }
    if (!isObject(node))
        return;
    const type = node.type;
    if (typeof type === 'string' && WEBEX_DENIED_TYPES.has(type)) {
        problems.push(`${where}: ${type} is not supported by Webex`);
    }
    if ('version' in node) {
        const p = versionProblem(node.version, where);
        if (p)
            problems.push(p);
    }
    for (const [key, value] of Object.entries(node)) {
        // An Action.Submit's data is the bot's own payload, not card content: a `type` inside it means nothing.
        if (key === 'data' && type === 'Action.Submit')
            continue;
        walk(value, `${where}.${key}`, problems);
    }
}
function libraryProblems(card) {
    const problems = [];
    const context = new AC.SerializationContext(AC.Versions.v1_3);
    const parsed = new AC.AdaptiveCard();
    try {
        parsed.parse(card, context);
    }
    catch (err) {
        return [`adaptivecards: parse threw ${String(err)}`];
    }
    for (let i = 0; i < context.eventCount; i++) {
        const e = context.getEventAt(i);
        problems.push(`adaptivecards: ${AC.ValidationEvent[e.event]}: ${e.message}`);
    }
    for (const e of parsed.validateProperties().validationEvents) {
        problems.push(`adaptivecards: ${AC.ValidationEvent[e.event]}: ${e.message}`);
    }
    return problems;
}
/** Problems that would stop `card` rendering (correctly) on Webex; empty when it is fine. */
export function validateAdaptiveCard(card) {
    if (!isObject(card))
        return ['card: not a JSON object'];
    const problems = [];
    if (card.type !== 'AdaptiveCard')
        problems.push(`card: type is ${JSON.stringify(card.type)}, not "AdaptiveCard"`);
    if (card.version === undefined)
        problems.push('card: version is missing (Webex needs "1.3" or lower)');
    // Round-trip through JSON first: what Webex gets is the serialized card (drops undefined, rejects cycles).
    let json;
    try {
        json = JSON.parse(JSON.stringify(card));
    }
    catch (err) {
        return [...problems, `card: not serializable as JSON (${String(err)})`];
    }
    walk(json, 'card', problems);
    problems.push(...libraryProblems(json));
    return problems;
}
//# sourceMappingURL=validate-card.js.map