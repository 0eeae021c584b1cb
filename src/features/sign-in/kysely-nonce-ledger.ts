/** Single-use sign-in nonces over the shared store connection, so a link works once on whichever instance. */
import type { Kysely } from 'kysely';
import type { NonceLedger } from './oauth-state.js';
import type { Database } from '../../store/schema.js';

export class KyselyNonceLedger implements NonceLedger {
  constructor(private readonly db: Kysely<Database>) {}

  async useOnce(nonce: string, expiresAt: number, now: Date): Promise<boolean> {
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
