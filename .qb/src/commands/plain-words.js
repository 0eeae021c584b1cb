/**
 * Plain words before routing: "what did I record on monday?", "show me my recordings from last week", "find
 * recordings about onboarding", "thanks", "hi". Pure: text in, what to do out.
 *
 * - Small talk (greetings, thanks) gets a friendly answer of its own.
 * - Leading filler ("show me my", "can you find", "please list", "what did I record") is dropped; a phrase that asked
 *   about recordings without naming a command ("what did I record …") becomes `recordings …`.
 * - Trailing `?`, `!` and `.` are dropped.
 * The recordings parser itself reads "about X" (topic X) and "from/in/during last week" (the range).
 */
const GREETING = /^(hi|hello|hey|hiya|howdy|good (morning|afternoon|evening)|yo)( there)?( bot)?$/u;
const THANKS = /^(thanks|thank you|thank u|thx|ty|cheers|great,? thanks|ok,? thanks|merci|danke)( (a lot|so much|very much))?( bot)?$/u;
/** Each drops words that carry no meaning for us; `recordings` says the phrase was about recordings. */
const FILLERS = [
    { pattern: /^(please|pls|hey|ok|okay|so)\s+/u },
    { pattern: /^(can|could|would|will) you( please)?\s+/u },
    { pattern: /^i('d| would) like( to see)?\s+/u },
    { pattern: /^what (did|have) i (record|recorded)\b\s*/u, recordings: true },
    { pattern: /^what (are|were) my\s+/u },
    {
        pattern: /^(show|find|list|get|give|fetch|display|search)( me)?( for)?( all)?( of)?( my| the)?\s+/u,
        recordings: true,
    },
    { pattern: /^(all )?my\s+/u },
];
export function understand(raw, isCommandWord) {
    const text = raw.replace(/\s+/gu, ' ').trim();
    const plain = text
        .toLowerCase()
        .replace(/[!?.,]+$/u, '')
        .trim();
    if (GREETING.test(plain))
        return { kind: 'greeting' };
    if (THANKS.test(plain))
        return { kind: 'thanks' };
    let rest = text.replace(/[!?.]+$/u, '').trim();
    let aboutRecordings = false;
    // The command word may itself be first ("recordings last week?"): filler only ever precedes it.
    for (let changed = true; changed && !isCommandWord(firstWord(rest));) {
        changed = false;
        for (const f of FILLERS) {
            const m = f.pattern.exec(rest.toLowerCase());
            if (!m)
                continue;
            rest = rest.slice(m[0].length).trim();
            aboutRecordings ||= Boolean(f.recordings);
            changed = true;
            break;
        }
    }
    if (rest === text)
        return { kind: 'text', text };
    if (!isCommandWord(firstWord(rest)) && aboutRecordings)
        rest = `recordings ${rest}`.trim();
    return { kind: 'text', text: rest || text };
}
const firstWord = (s) => s.split(' ')[0] ?? '';
//# sourceMappingURL=plain-words.js.map