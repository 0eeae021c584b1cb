/** Every store contract suite: the connection, the numbered-rows helper and one per repository, each run on SQLite and on Postgres. */
import type { Backend } from './backends.js';
import { connectionContract } from './connection.contract.js';
import { digestsContract } from './digests.contract.js';
import { notificationsContract } from './notifications.contract.js';
import { numberedRowsContract } from './numbered-rows.contract.js';
import { seenEventsContract } from './seen-events.contract.js';
import { signInContract } from './sign-in.contract.js';
import { timeZoneContract } from './timezone.contract.js';

export const STORE_CONTRACTS: ReadonlyArray<(backend: Backend) => void> = [
  connectionContract,
  seenEventsContract,
  timeZoneContract,
  digestsContract,
  signInContract,
  notificationsContract,
  numberedRowsContract,
];
