import type { Migration, MigrationProvider } from 'kysely';
import { initial } from './0001-initial.js';
import { userTokens } from './0002-user-tokens.js';
import { oauthNonces } from './0003-oauth-nonces.js';
import { seenEvents } from './0004-seen-events.js';
import { notifications } from './0006-notifications.js';
import { notifyActiveKey } from './0007-notify-active-key.js';
import { digestActiveKey } from './0008-digest-active-key.js';

/**
 * Every migration, in order, listed in code rather than found by scanning a folder, so the same list works from
 * src/ (tests), .build/ and dist/. Append new ones; never edit or rename one that has shipped.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-initial': initial,
  '0002-user-tokens': userTokens,
  '0003-oauth-nonces': oauthNonces,
  '0004-seen-events': seenEvents,
  '0006-notifications': notifications,
  '0007-notify-active-key': notifyActiveKey,
  '0008-digest-active-key': digestActiveKey,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...MIGRATIONS }),
};
