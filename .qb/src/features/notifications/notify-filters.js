/**
 * The filters of a notification and the matcher that applies them to a recording's details. Pure.
 * The rules are the ones GET /recordings applies to the same parameters, so `notify me topic sync` announces what
 * `recordings topic sync` would list.
 */
import { escapeMarkdown, truncate } from '../../core/markdown.js';
const hostOf = (site) => (site ?? '')
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//u, '')
    .replace(/\/.*$/u, '');
export function matchesFilters(f, r) {
    if (f.topic !== undefined && !(r.topic ?? '').toLowerCase().includes(f.topic.toLowerCase()))
        return false;
    if (f.format !== undefined && (r.format ?? '').toUpperCase() !== f.format)
        return false;
    if (f.serviceType !== undefined && r.serviceType !== f.serviceType)
        return false;
    if (f.meetingId !== undefined &&
        ![r.meetingId, r.scheduledMeetingId, r.meetingSeriesId].some((id) => id !== undefined && id === f.meetingId)) {
        return false;
    }
    if (f.siteUrl !== undefined && hostOf(r.siteUrl) !== hostOf(f.siteUrl))
        return false;
    if (f.integrationTag !== undefined && !(r.integrationTags ?? []).includes(f.integrationTag))
        return false;
    return true;
}
/** Filters in words for replies ("topic “sync”, format MP4"); empty when there are none. */
const TYPE_WORDS = {
    MeetingCenter: 'meetings',
    EventCenter: 'events',
    TrainingCenter: 'training sessions',
    SupportCenter: 'support sessions',
};
export function describeNotifyFilters(f) {
    const words = [];
    if (f.topic)
        words.push(`topic “${escapeMarkdown(truncate(f.topic, 100))}”`);
    if (f.format)
        words.push(`format ${f.format}`);
    if (f.serviceType)
        words.push(`type ${TYPE_WORDS[f.serviceType]}`);
    if (f.meetingId)
        words.push(`meeting ${escapeMarkdown(truncate(f.meetingId, 100))}`);
    if (f.siteUrl)
        words.push(`site ${escapeMarkdown(truncate(f.siteUrl, 100))}`);
    if (f.integrationTag)
        words.push(`tag “${escapeMarkdown(truncate(f.integrationTag, 100))}”`);
    return words.join(', ');
}
/** Same filters, whatever the order they were given in: the duplicate check compares these. */
export function filtersKey(f) {
    const entries = Object.entries(f)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, k === 'topic' ? String(v).toLowerCase() : v])
        .sort(([a], [b]) => a.localeCompare(b));
    return JSON.stringify(entries);
}
//# sourceMappingURL=notify-filters.js.map