import { sqliteBackend } from './backends.js';
import { STORE_CONTRACTS } from './contracts.js';
for (const contract of STORE_CONTRACTS)
    contract(sqliteBackend());
//# sourceMappingURL=sqlite.test.js.map