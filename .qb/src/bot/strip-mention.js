/** Webex puts an @mention into `html` as a spark-mention tag whose data-object-id is the person's id (or its uuid). */
const MENTION_TAG = /<spark-mention[^>]*data-object-type="person"[^>]*data-object-id="([^"]+)"[^>]*>(.*?)<\/spark-mention>/gi;
const decodeEntities = (s) => s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
/** The uuid inside a Webex id (base64 of ciscospark://us/PEOPLE/<uuid>), or the id itself. */
export function uuidOfWebexId(id) {
    try {
        const decoded = Buffer.from(id, 'base64').toString('utf8');
        const m = /^ciscospark:\/\/[^/]+\/[A-Z_]+\/(.+)$/.exec(decoded);
        return m?.[1] ?? id;
    }
    catch {
        return id;
    }
}
/**
 * Removes the bot's @mention from a group-space message, so "RecBot recordings today" reads "recordings today".
 * Uses the html mention markup when present (display names can be shortened or contain spaces), and falls back to the
 * bot's names at the start of the text.
 */
export function stripBotMention(message, bot) {
    let text = (message.text ?? '').replace(/\s+/g, ' ').trim();
    const botUuid = uuidOfWebexId(bot.id);
    const mentionedAs = [];
    for (const m of (message.html ?? '').matchAll(MENTION_TAG)) {
        const [, objectId = '', inner = ''] = m;
        if (objectId === bot.id || objectId === botUuid || uuidOfWebexId(objectId) === botUuid) {
            mentionedAs.push(decodeEntities(inner.replace(/<[^>]*>/g, '')).trim());
        }
    }
    for (const name of mentionedAs) {
        if (!name)
            continue;
        const idx = text.indexOf(name);
        if (idx >= 0)
            text = `${text.slice(0, idx)} ${text.slice(idx + name.length)}`;
    }
    if (mentionedAs.length === 0) {
        const names = [bot.displayName, bot.nickName, bot.firstName, bot.displayName?.split(' ')[0]]
            .filter((n) => Boolean(n))
            .sort((a, b) => b.length - a.length);
        for (const name of names) {
            if (text.toLowerCase().startsWith(name.toLowerCase())) {
                text = text.slice(name.length);
                break;
            }
        }
    }
    return text.replace(/\s+/g, ' ').trim();
}
//# sourceMappingURL=strip-mention.js.map