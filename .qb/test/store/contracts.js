import { connectionContract } from './connection.contract.js';
import { digestsContract } from './digests.contract.js';
import { notificationsContract } from './notifications.contract.js';
import { seenEventsContract } from './seen-events.contract.js';
import { signInContract } from './sign-in.contract.js';
import { timeZoneContract } from './timezone.contract.js';
export const STORE_CONTRACTS = [
    connectionContract,
    seenEventsContract,
    timeZoneContract,
    digestsContract,
    signInContract,
    notificationsContract,
];
//# sourceMappingURL=contracts.js.map