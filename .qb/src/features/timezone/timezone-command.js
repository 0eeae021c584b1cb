/** `timezone`: show, set (validated IANA name) or reset the zone the bot uses for a person (TimeZoneSettings). */
import { closest, distance } from 'fastest-levenshtein';
import { canonicalTimeZone } from '../../core/time.js';
import { ErrorCode, UserError } from '../../errors.js';
import { escapeMarkdown, quote as quoteWord } from '../../core/markdown.js';
let zonesByLowerName;
function suggestZone(typed) {
    zonesByLowerName ??= new Map(Intl.supportedValuesOf('timeZone').map((z) => [z.toLowerCase(), z]));
    const byLower = zonesByLowerName;
    const lower = typed.toLowerCase();
    const best = closest(lower, [...byLower.keys()]);
    return distance(lower, best) <= Math.max(2, Math.floor(best.length / 5)) ? byLower.get(best) : undefined;
}
const SOURCE_WORDS = {
    setting: 'you set it here with `timezone …`; `timezone reset` goes back to your Webex profile’s',
    profile: 'from your Webex profile; `timezone Europe/Berlin` (for example) overrides it',
    default: 'the bot’s default, as your Webex profile has none; set yours with e.g. `timezone Europe/Berlin`',
};
/** The IANA zone typed, canonicalized; a UserError (with a suggestion when one is close) for anything else. */
function readZone(arg) {
    const oneWord = !/\s/u.test(arg);
    const zone = oneWord ? canonicalTimeZone(arg) : undefined;
    if (zone)
        return zone;
    const guess = oneWord ? suggestZone(arg) : undefined;
    throw new UserError(ErrorCode.BadInput, `${quoteWord(arg)} isn't a time zone I know.${guess ? ` Did you mean \`${guess}\`?` : ''} Use an IANA name such as \`Europe/Berlin\`, \`America/New_York\` or \`UTC\`.`);
}
export function timezoneCommand(deps) {
    const { settings } = deps;
    return {
        name: 'timezone',
        aliases: ['tz', 'timezones', 'zone'],
        description: 'show or set the time zone I use for you (recordings, digests)',
        examples: ['timezone', 'timezone Europe/Berlin', 'timezone reset'],
        async handler({ message, args, reply, now }) {
            const arg = args.trim();
            if (arg === '') {
                const { timeZone, source } = await settings.resolve(message.person);
                return reply.say(`Your time zone is **${escapeMarkdown(timeZone)}** (${SOURCE_WORDS[source]}).`);
            }
            if (/^(reset|clear|default|unset)$/iu.test(arg)) {
                const removed = await settings.reset(message.personId);
                const { timeZone, source } = await settings.resolve(message.person);
                const from = source === 'profile' ? 'your Webex profile' : 'the bot’s default';
                return reply.say(removed
                    ? `Done: I use **${escapeMarkdown(timeZone)}** for you again, from ${from}.`
                    : `You had no time zone set here; I use **${escapeMarkdown(timeZone)}**, from ${from}.`);
            }
            const zone = readZone(arg);
            await settings.set(message.personId, zone, now());
            return reply.say(`Done: I'll use **${escapeMarkdown(zone)}** for you from now on (recordings and new digests). \`timezone reset\` goes back to your Webex profile’s.`);
        },
    };
}
//# sourceMappingURL=timezone-command.js.map