/** Trim, collapse whitespace, lower-case: how topics are compared. */
export function normalizeTopic(topic) {
    return topic.normalize('NFC').trim().replace(/\s+/gu, ' ').toLowerCase();
}
/**
 * A canonical string for caching: equal for two phrasings of the same question
 * (`recs last week topic Sync` ≡ `recordings topic sync last week`; also `last week` ≡ `from <mon> to <sun>`,
 * since the key is made of instants, not words). The label, zone and `isDefault` are not part of the key.
 *
 * Rolling ranges (ending at "now") have `from` and `to` floored to a multiple of `roundToMs`, so repeated
 * questions within one bucket share a key and the key changes as time moves on. Calendar ranges are exact.
 * `roundToMs` ≤ 0 or not finite means no rounding.
 */
export function queryKey(q, roundToMs) {
    const step = Number.isFinite(roundToMs) && roundToMs >= 1 ? Math.floor(roundToMs) : 1;
    const round = (d) => q.range.kind === 'rolling' ? Math.floor(d.getTime() / step) * step : d.getTime();
    const parts = [
        ['from', round(q.range.from)],
        ['to', round(q.range.to)],
    ];
    if (q.topic !== undefined)
        parts.push(['topic', normalizeTopic(q.topic)]);
    if (q.format !== undefined)
        parts.push(['format', q.format]);
    if (q.serviceType !== undefined)
        parts.push(['serviceType', q.serviceType]);
    if (q.status !== undefined)
        parts.push(['status', q.status]);
    if (q.meetingId !== undefined)
        parts.push(['meetingId', q.meetingId]);
    if (q.siteUrl !== undefined)
        parts.push(['siteUrl', q.siteUrl.toLowerCase()]);
    if (q.integrationTag !== undefined)
        parts.push(['integrationTag', q.integrationTag]);
    if (q.hostEmail !== undefined)
        parts.push(['hostEmail', q.hostEmail.toLowerCase()]);
    if (q.max !== undefined)
        parts.push(['max', q.max]);
    return JSON.stringify(parts);
}
//# sourceMappingURL=normalize-query.js.map