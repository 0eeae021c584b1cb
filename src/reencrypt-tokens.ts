/**
 * `npm run reencrypt-tokens`: after a key rotation (TOKEN_ENCRYPTION_KEYS=<new>,<old>), re-encrypts every stored
 * token with the new key, so the old one can be removed from the list. Uses the same configuration as the bot.
 */
import { ConfigError, loadConfig } from './config.js';
import { KyselyTokenRecords, reencryptTokens, TokenCipher } from './features/sign-in/index.js';
import { openStore } from './store/open-store.js';

async function run(): Promise<number> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 78;
    }
    throw err;
  }
  if (config.tokenEncryptionKeys.length === 0) {
    console.error(
      'TOKEN_ENCRYPTION_KEYS (or TOKEN_ENCRYPTION_KEY) is not set: there is nothing to re-encrypt with.',
    );
    return 78;
  }
  const store = openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await store.migrate();
    const cipher = new TokenCipher(config.tokenEncryptionKeys.map((k) => Buffer.from(k, 'base64')));
    const report = await reencryptTokens(new KyselyTokenRecords(store.kysely), cipher);
    console.log(
      `${report.total} stored tokens: ${report.reencrypted} re-encrypted with the first key of TOKEN_ENCRYPTION_KEYS, ` +
        `${report.total - report.reencrypted - report.unreadable.length} already on it, ${report.unreadable.length} unreadable.`,
    );
    if (report.unreadable.length > 0) {
      console.error(
        `No configured key decrypts ${report.unreadable.length} token(s); they were left as they are. Add the key they were saved with to TOKEN_ENCRYPTION_KEYS and run this again.`,
      );
      return 1;
    }
    return 0;
  } finally {
    await store.close();
  }
}

run().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
