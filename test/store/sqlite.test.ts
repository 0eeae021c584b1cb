import { sqliteBackend } from './backends.js';
import { notificationsContract } from './notifications.contract.js';
import { storeContract } from './contract.js';

storeContract(sqliteBackend());
notificationsContract(sqliteBackend());
