import { sqliteBackend } from './backends.js';
import { upgradeContract } from './upgrade.js';
upgradeContract(sqliteBackend());
//# sourceMappingURL=upgrade-sqlite.test.js.map