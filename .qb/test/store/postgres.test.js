import { before } from 'node:test';
import { assertPostgresReachable, postgresBackend } from './backends.js';
import { STORE_CONTRACTS } from './contracts.js';
// Not skipped when Postgres is missing: CI has it, and a silently skipped backend would hide its bugs.
before(() => assertPostgresReachable());
for (const contract of STORE_CONTRACTS)
    contract(postgresBackend());
//# sourceMappingURL=postgres.test.js.map