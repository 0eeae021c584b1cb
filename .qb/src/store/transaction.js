import { isConnectionLost } from './resilient-pg-pool.js';
/**
 * A transaction, run once more when Postgres cut its connection: the server rolled it back, so the second run
 * starts from the same state. (Only a cut during COMMIT itself is ambiguous; callers pass only transactions that are
 * fenced or idempotent, so running one again then changes nothing or fails cleanly.)
 */
export async function retriedTransaction(db, backend, fn) {
    try {
        return await db.transaction().execute(fn);
    }
    catch (err) {
        if (backend !== 'postgres' || !isConnectionLost(err))
            throw err;
        return db.transaction().execute(fn);
    }
}
//# sourceMappingURL=transaction.js.map