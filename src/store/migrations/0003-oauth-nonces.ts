import type { Kysely, Migration } from 'kysely';

/** Used sign-in state nonces: a sign-in link works once, whichever instance its callback reaches. */
export const oauthNonces: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('oauth_nonces')
      .ifNotExists()
      .addColumn('nonce', 'text', (c) => c.primaryKey())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('oauth_nonces').ifExists().execute();
  },
};
