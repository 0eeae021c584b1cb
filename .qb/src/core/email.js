/**
 * One email check for every place that needs one (config lists, the `host` filter, org-token credentials).
 * Written without regular expressions that could backtrack: each character is looked at a bounded number of times,
 * so a hostile 8 KB "address" costs microseconds.
 */
/** RFC 5321's limit for a whole address. */
export const MAX_EMAIL_LENGTH = 254;
const FORBIDDEN = new Set([
    ' ',
    '\t',
    '\n',
    '\r',
    '\f',
    '\v',
    '<',
    '>',
    '(',
    ')',
    '[',
    ']',
    ',',
    ';',
    ':',
    '"',
    '\\',
    '`',
]);
/** A plausible address: `local@domain.tld`, one `@`, no spaces or markup characters, every domain label non-empty. */
export function isEmailAddress(value) {
    if (value.length === 0 || value.length > MAX_EMAIL_LENGTH)
        return false;
    const at = value.indexOf('@');
    if (at <= 0 || at !== value.lastIndexOf('@'))
        return false;
    for (const ch of value)
        if (FORBIDDEN.has(ch) || /\s/u.test(ch))
            return false;
    const labels = value.slice(at + 1).split('.');
    return labels.length >= 2 && labels.every((l) => l.length > 0);
}
//# sourceMappingURL=email.js.map