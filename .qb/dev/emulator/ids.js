import { randomBytes, randomUUID } from 'node:crypto';
/** Webex ids are standard base64 of a `ciscospark://` URI with the `=` padding stripped. */
export function encodeWebexId(kind, suffix, cluster = 'us') {
    return Buffer.from(`ciscospark://${cluster}/${kind}/${suffix}`, 'utf8')
        .toString('base64')
        .replace(/=+$/, '');
}
/** Returns undefined for anything that is not a well-formed Webex id, so lookups can answer 404. */
export function decodeWebexId(id) {
    if (!/^[A-Za-z0-9+/]+$/.test(id))
        return undefined;
    const decoded = Buffer.from(id, 'base64').toString('utf8');
    const match = /^ciscospark:\/\/([a-z0-9-]+)\/([A-Z_]+)\/(.+)$/.exec(decoded);
    if (!match)
        return undefined;
    return { cluster: match[1] ?? '', kind: match[2] ?? '', suffix: match[3] ?? '' };
}
export function newWebexId(kind) {
    const uuid = randomUUID();
    return { id: encodeWebexId(kind, uuid), uuid };
}
export function membershipId(personUuid, roomUuid) {
    return encodeWebexId('MEMBERSHIP', `${personUuid}:${roomUuid}`);
}
export function hex32() {
    return randomBytes(16).toString('hex');
}
/** Shaped like a real Webex access token: opaque characters, `_PF84_`, the org uuid. */
export function newAccessToken(orgUuid) {
    return `${randomBytes(48).toString('base64url').replace(/[-_]/g, 'x')}_PF84_${orgUuid}`;
}
export function newTrackingId() {
    return `EMU_${randomUUID()}`;
}
//# sourceMappingURL=ids.js.map