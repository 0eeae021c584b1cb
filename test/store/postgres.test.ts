import { before } from 'node:test';
import { assertPostgresReachable, postgresBackend } from './backends.js';
import { storeContract } from './contract.js';
import { notificationsContract } from './notifications.contract.js';

// Not skipped when Postgres is missing: CI has it, and a silently skipped backend would hide its bugs.
before(() => assertPostgresReachable());
storeContract(postgresBackend());
notificationsContract(postgresBackend());
