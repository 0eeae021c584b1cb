export const LA = 'America/Los_Angeles';
export const KOLKATA = 'Asia/Kolkata';
export const PASSWORD = 'Zq7-unique-pw-9x';
/** [Mon 16 Nov 00:00, Mon 23 Nov 00:00) in Los Angeles (PST, UTC−8). */
export const WEEK_LA = { from: new Date('2026-11-16T08:00:00Z'), to: new Date('2026-11-23T08:00:00Z') };
export function recording(i, over = {}) {
    const id = `rec-${i}`;
    return {
        id,
        topic: `Weekly sync ${i}`,
        createTime: '2026-11-17T17:40:00Z',
        timeRecorded: '2026-11-17T17:30:00Z',
        durationSeconds: 2700,
        sizeBytes: 152_000_000,
        format: 'MP4',
        playbackUrl: `https://example.webex.com/recordingservice/sites/example/recording/playback/${id}0123456789abcdef0123456789abcdef`,
        downloadUrl: `https://example.webex.com/recordingservice/sites/example/recording/${id}/download?at=0123456789abcdef0123456789abcdef`,
        password: PASSWORD,
        serviceType: 'MeetingCenter',
        status: 'available',
        shareToMe: false,
        hostEmail: 'host@example.com',
        ...over,
    };
}
export function input(over = {}) {
    const recordings = over.recordings ?? [recording(1)];
    return {
        timeZone: LA,
        range: WEEK_LA,
        filters: {},
        recordings,
        offset: 0,
        total: recordings.length,
        showPasswords: false,
        ...over,
    };
}
/** `n` recordings whose topics are `chars` code points of 3-byte (CJK) and 4-byte (emoji) characters. */
export function multibyteRecordings(n, chars = 200) {
    return Array.from({ length: n }, (_, i) => recording(i, { topic: Array.from({ length: chars }, (_, j) => (j % 2 ? '会' : '🎥')).join('') }));
}
/** Every object in the card JSON, depth first. */
export function allNodes(json) {
    const out = [];
    const visit = (v) => {
        if (Array.isArray(v))
            v.forEach(visit);
        else if (typeof v === 'object' && v !== null) {
            out.push(v);
            Object.values(v).forEach(visit);
        }
    };
    visit(json);
    return out;
}
export const texts = (card) => allNodes(card)
    .filter((n) => n.type === 'TextBlock')
    .map((n) => String(n.text));
/** Actions, optionally those whose title is `title` or starts with it ("Play" finds "Play Weekly sync 1"). */
export const actions = (card, title) => allNodes(card).filter((n) => typeof n.type === 'string' &&
    n.type.startsWith('Action.') &&
    (!title || n.title === title || String(n.title).startsWith(`${title} `)));
//# sourceMappingURL=fixtures.js.map