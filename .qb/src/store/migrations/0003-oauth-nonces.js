/** Used sign-in state nonces: a sign-in link works once, whichever instance its callback reaches. */
export const oauthNonces = {
    async up(db) {
        await db.schema
            .createTable('oauth_nonces')
            .ifNotExists()
            .addColumn('nonce', 'text', (c) => c.primaryKey())
            .addColumn('expires_at', 'bigint', (c) => c.notNull())
            .execute();
    },
    async down(db) {
        await db.schema.dropTable('oauth_nonces').ifExists().execute();
    },
};
//# sourceMappingURL=0003-oauth-nonces.js.map