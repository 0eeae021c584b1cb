/** The sign-in feature's durable records over the shared store connection: encrypted tokens (ciphertext only). */
import type { Kysely } from 'kysely';
import type { TokenRecords } from './user-tokens.js';
import type { Database } from '../../store/schema.js';

export class KyselyTokenRecords implements TokenRecords {
  constructor(private readonly db: Kysely<Database>) {}

  async getToken(key: string): Promise<{ ciphertext: string; email: string | undefined } | undefined> {
    const row = await this.db
      .selectFrom('user_tokens')
      .select(['ciphertext', 'email'])
      .where('token_key', '=', key)
      .executeTakeFirst();
    return row && { ciphertext: row.ciphertext, email: row.email ?? undefined };
  }

  async putToken(key: string, ciphertext: string, email: string | undefined): Promise<void> {
    await this.db
      .insertInto('user_tokens')
      .values({ token_key: key, ciphertext, email: email ?? null })
      .onConflict((oc) => oc.column('token_key').doUpdateSet({ ciphertext, email: email ?? null }))
      .execute();
  }

  async listTokenKeys(): Promise<string[]> {
    const rows = await this.db.selectFrom('user_tokens').select('token_key').execute();
    return rows.map((r) => r.token_key);
  }

  async deleteToken(key: string): Promise<boolean> {
    const r = await this.db.deleteFrom('user_tokens').where('token_key', '=', key).executeTakeFirst();
    return r.numDeletedRows > 0n;
  }
}
