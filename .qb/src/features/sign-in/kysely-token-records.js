export class KyselyTokenRecords {
    db;
    constructor(db) {
        this.db = db;
    }
    async getToken(key) {
        const row = await this.db
            .selectFrom('user_tokens')
            .select(['ciphertext', 'email'])
            .where('token_key', '=', key)
            .executeTakeFirst();
        return row && { ciphertext: row.ciphertext, email: row.email ?? undefined };
    }
    async putToken(key, ciphertext, email) {
        await this.db
            .insertInto('user_tokens')
            .values({ token_key: key, ciphertext, email: email ?? null })
            .onConflict((oc) => oc.column('token_key').doUpdateSet({ ciphertext, email: email ?? null }))
            .execute();
    }
    async listTokenKeys() {
        const rows = await this.db.selectFrom('user_tokens').select('token_key').execute();
        return rows.map((r) => r.token_key);
    }
    async deleteToken(key) {
        const r = await this.db.deleteFrom('user_tokens').where('token_key', '=', key).executeTakeFirst();
        return r.numDeletedRows > 0n;
    }
}
//# sourceMappingURL=kysely-token-records.js.map