export class KyselyNonceLedger {
    db;
    constructor(db) {
        this.db = db;
    }
    async useOnce(nonce, expiresAt, now) {
        // The primary key decides between racing instances; expired rows are swept on the way.
        await this.db.deleteFrom('oauth_nonces').where('expires_at', '<', now.getTime()).execute();
        const r = await this.db
            .insertInto('oauth_nonces')
            .values({ nonce, expires_at: expiresAt })
            .onConflict((oc) => oc.column('nonce').doNothing())
            .executeTakeFirst();
        return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
    }
}
//# sourceMappingURL=kysely-nonce-ledger.js.map