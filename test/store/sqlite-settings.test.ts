import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { openStore } from '../../src/store/open-store.js';

describe('SQLite store settings', () => {
  it('opens the file in WAL mode with synchronous NORMAL, and runs a query again from its compiled statement', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sqlite-settings-'));
    const store = openStore({ dataDir: dir });
    try {
      await store.migrate();
      const pragma = async (name: string) =>
        Object.values(
          (await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(store.kysely)).rows[0] ?? {},
        )[0];
      assert.equal(await pragma('journal_mode'), 'wal');
      // 1 = NORMAL (2 = FULL, the default, syncs on every commit).
      assert.equal(await pragma('synchronous'), 1);
      const count = async () =>
        (await sql<{ n: number }>`select count(*) as n from seen_events`.execute(store.kysely)).rows[0]?.n;
      assert.equal(await count(), 0);
      await sql`insert into seen_events (event_key, claimed_by, expires_at) values (${'k'}, ${'me'}, ${1})`.execute(
        store.kysely,
      );
      // The same SQL text again: the cached statement sees the row inserted since.
      assert.equal(await count(), 1);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
