/**
 * The production build (`npm run build`, tsconfig.json) must ship neither the Webex emulator nor the demo: they are
 * development tools under dev/, built by tsconfig.dev.json. This runs the real build into a scratch folder and
 * looks at what it emitted.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { repoRoot } from '../helpers/repo-root.js';

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)));
}

describe('the production build', () => {
  let out = '';
  let emitted: string[] = [];

  before(async () => {
    out = await mkdtemp(join(tmpdir(), 'prod-build-'));
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const root = repoRoot();
    const run = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.json'), '--outDir', out], {
      cwd: root,
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, `tsc failed:\n${run.stdout}${run.stderr}`);
    emitted = await filesUnder(out);
  });

  after(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it('when built, then it holds the bot and its entry points', () => {
    for (const entry of ['main.js', 'app.js', 'migrate.js', 'reencrypt-tokens.js']) {
      assert.ok(emitted.includes(entry), `${entry} in ${emitted.length} files`);
    }
  });

  it('when built, then no emitted file comes from the emulator or the demo', async () => {
    const devTools = emitted.filter((f) => {
      const top = f.split(sep)[0];
      return top === 'emulator' || top === 'demo' || top === 'dev';
    });
    assert.deepEqual(devTools, []);
    const mentioningEmulator: string[] = [];
    for (const f of emitted.filter((name) => name.endsWith('.js'))) {
      const text = await readFile(join(out, f), 'utf8');
      if (/\bWebexEmulator\b|\bstartDemo\b|from '[^']*\/dev\//.test(text)) mentioningEmulator.push(f);
    }
    assert.deepEqual(mentioningEmulator, []);
  });
});
