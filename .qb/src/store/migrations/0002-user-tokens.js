/** Encrypted per-user Webex tokens (src/auth), so sign-ins and the digests that list with them survive restarts. */
export const userTokens = {
    async up(db) {
        await db.schema
            .createTable('user_tokens')
            .ifNotExists()
            .addColumn('token_key', 'text', (c) => c.primaryKey())
            .addColumn('ciphertext', 'text', (c) => c.notNull())
            .addColumn('email', 'text')
            .execute();
    },
    async down(db) {
        await db.schema.dropTable('user_tokens').ifExists().execute();
    },
};
//# sourceMappingURL=0002-user-tokens.js.map