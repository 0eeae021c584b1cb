/**
 * Turns Webex mention markup (`<@personId:ID|Name>`, `<@personEmail:a@b.c|Name>`, `<@all>`) and a small
 * Markdown subset into what Webex stores: plain `text`, rendered `html` with `<spark-mention>` tags, and the
 * `mentionedPeople` / `mentionedGroups` lists. Webex's renderer is richer; bots only rely on the mention
 * structure and the plain text, which is what this reproduces.
 */
const MENTION = /<@(personId|personEmail):([^|>]+)(?:\|([^>]*))?>|<@all>/g;
export function containsMentionMarkup(source) {
    MENTION.lastIndex = 0;
    return MENTION.test(source);
}
export function renderMessage(source, resolve) {
    const mentionedPeople = [];
    const mentionedGroups = [];
    let text = '';
    let html = '';
    let last = 0;
    MENTION.lastIndex = 0;
    for (let m = MENTION.exec(source); m !== null; m = MENTION.exec(source)) {
        const literal = source.slice(last, m.index);
        text += markdownToText(literal);
        html += markdownToHtml(literal);
        last = m.index + m[0].length;
        if (m[0] === '<@all>') {
            if (!mentionedGroups.includes('all'))
                mentionedGroups.push('all');
            text += 'All';
            html += '<spark-mention data-object-type="groupMention" data-group-type="all">All</spark-mention>';
            continue;
        }
        const kind = m[1] === 'personEmail' ? 'personEmail' : 'personId';
        const target = resolve(kind, (m[2] ?? '').trim());
        if (!target) {
            // Webex leaves markup it cannot resolve as literal text.
            text += m[0];
            html += escapeHtml(m[0]);
            continue;
        }
        const name = m[3]?.trim() || target.displayName;
        if (!mentionedPeople.includes(target.id))
            mentionedPeople.push(target.id);
        text += name;
        html += `<spark-mention data-object-type="person" data-object-id="${escapeHtml(target.id)}">${escapeHtml(name)}</spark-mention>`;
    }
    const rest = source.slice(last);
    text += markdownToText(rest);
    html += markdownToHtml(rest);
    return { text: text.trim(), html: wrapParagraphs(html), mentionedPeople, mentionedGroups };
}
export function escapeHtml(s) {
    return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
function markdownToText(s) {
    return s
        .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '$1')
        .replace(/\*\*([^*]+)\*\*/g, '$1')
        .replace(/__([^_]+)__/g, '$1')
        .replace(/(^|[^\w*])\*([^*\n]+)\*/g, '$1$2')
        .replace(/(^|[^\w_])_([^_\n]+)_/g, '$1$2')
        .replace(/`([^`]+)`/g, '$1');
}
function markdownToHtml(s) {
    return escapeHtml(s)
        .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2" alt="$2" onclick="return false;">$1</a>')
        .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
        .replace(/__([^_]+)__/g, '<strong>$1</strong>')
        .replace(/(^|[^\w*])\*([^*\n]+)\*/g, '$1<em>$2</em>')
        .replace(/(^|[^\w_])_([^_\n]+)_/g, '$1<em>$2</em>')
        .replace(/`([^`]+)`/g, '<code>$1</code>');
}
function wrapParagraphs(html) {
    const paragraphs = html
        .trim()
        .split(/\n{2,}/)
        .map((p) => p.trim())
        .filter((p) => p.length > 0);
    if (paragraphs.length === 0)
        return '<p></p>';
    return paragraphs.map((p) => `<p>${p.replace(/\n/g, '<br />')}</p>`).join('');
}
//# sourceMappingURL=mentions.js.map