import { randomBytes, randomUUID } from 'node:crypto';

export type WebexIdKind =
  | 'PEOPLE'
  | 'ROOM'
  | 'MESSAGE'
  | 'MEMBERSHIP'
  | 'WEBHOOK'
  | 'ATTACHMENT_ACTION'
  | 'ORGANIZATION'
  | 'APPLICATION'
  | 'CONTENT';

/** Webex ids are standard base64 of a `ciscospark://` URI with the `=` padding stripped. */
export function encodeWebexId(kind: WebexIdKind, suffix: string, cluster = 'us'): string {
  return Buffer.from(`ciscospark://${cluster}/${kind}/${suffix}`, 'utf8')
    .toString('base64')
    .replace(/=+$/, '');
}

export interface DecodedWebexId {
  cluster: string;
  kind: string;
  suffix: string;
}

/** Returns undefined for anything that is not a well-formed Webex id, so lookups can answer 404. */
export function decodeWebexId(id: string): DecodedWebexId | undefined {
  if (!/^[A-Za-z0-9+/]+$/.test(id)) return undefined;
  const decoded = Buffer.from(id, 'base64').toString('utf8');
  const match = /^ciscospark:\/\/([a-z0-9-]+)\/([A-Z_]+)\/(.+)$/.exec(decoded);
  if (!match) return undefined;
  return { cluster: match[1] ?? '', kind: match[2] ?? '', suffix: match[3] ?? '' };
}

export function newWebexId(kind: Exclude<WebexIdKind, 'MEMBERSHIP'>): { id: string; uuid: string } {
  const uuid = randomUUID();
  return { id: encodeWebexId(kind, uuid), uuid };
}

export function membershipId(personUuid: string, roomUuid: string): string {
  return encodeWebexId('MEMBERSHIP', `${personUuid}:${roomUuid}`);
}

export function hex32(): string {
  return randomBytes(16).toString('hex');
}

/** Shaped like a real Webex access token: opaque characters, `_PF84_`, the org uuid. */
export function newAccessToken(orgUuid: string): string {
  return `${randomBytes(48).toString('base64url').replace(/[-_]/g, 'x')}_PF84_${orgUuid}`;
}

export function newTrackingId(): string {
  return `EMU_${randomUUID()}`;
}
