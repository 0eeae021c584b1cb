import { before } from 'node:test';
import { assertPostgresReachable, postgresBackend } from './backends.js';
import { upgradeContract } from './upgrade.js';
before(() => assertPostgresReachable());
upgradeContract(postgresBackend());
//# sourceMappingURL=upgrade-postgres.test.js.map