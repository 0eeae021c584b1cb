/**
 * docs/architecture.md is a map a newcomer trusts: every file and folder it names must exist. A file named alone in
 * the feature table lives in that row's folder.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../../helpers/repo-root.js';

const ROOT = repoRoot();
const DOC = readFileSync(path.join(ROOT, 'docs/architecture.md'), 'utf8');

/** Paths from the repository root, in backticks or in the diagram's labels (`src/features/<feature>` is a pattern). */
const REPO_PATH = /\b((?:src|test|dev|bench)\/[\w./-]*[\w/])/g;

describe('docs/architecture.md', () => {
  it('names only files and folders that exist', () => {
    const named = [...new Set([...DOC.matchAll(REPO_PATH)].map((m) => m[1] ?? ''))];
    assert.ok(named.length > 30, `${named.length} paths found`);
    const missing = named.filter((p) => !existsSync(path.join(ROOT, p)));
    assert.deepEqual(missing, []);
  });

  it("names, in the feature table, only files that exist in the row's folder", () => {
    const rows = DOC.split('\n').filter((line) => line.startsWith('| ') && line.includes('`src/features/'));
    assert.equal(rows.length, 6, 'one row per feature');
    const missing: string[] = [];
    for (const row of rows) {
      const folder = /`(src\/features\/[\w-]+\/)`/.exec(row)?.[1] ?? '';
      for (const [, file = ''] of row.matchAll(/`([\w.-]+\.ts)`/g)) {
        if (!existsSync(path.join(ROOT, folder, file))) missing.push(folder + file);
      }
    }
    assert.deepEqual(missing, []);
  });
});
