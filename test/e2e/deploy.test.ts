/**
 * Deploying: the migrate entry (Heroku's release phase, compose's one-shot), the platform files, and the container
 * image built and run for real where a container engine works (skipped, saying why, where none does).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import SqliteDatabase from 'better-sqlite3';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { waitFor } from '../helpers/wait-for.js';
import { repoRoot } from '../helpers/repo-root.js';
import { freePort, startWorld, tempDataDir, testEnv, type World } from './harness.js';

const MIGRATE = fileURLToPath(new URL('../../src/migrate.js', import.meta.url));
const ROOT = repoRoot();

async function runMigrate(env: Record<string, string>) {
  const child = spawn(process.execPath, [MIGRATE], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, out };
}

describe('deploying: migrate entry, platform files, container image', () => {
  it('when `node dist/migrate.js` runs, then the store is at the latest schema, and a second run changes nothing', async () => {
    const dataDir = tempDataDir();
    for (let i = 0; i < 2; i++) {
      const run = await runMigrate({ DATA_DIR: dataDir });
      assert.equal(run.code, 0, run.out);
      assert.match(run.out, /migrated the sqlite store/);
    }
    const db = new SqliteDatabase(join(dataDir, 'bot.sqlite'), { readonly: true });
    try {
      const applied = db.prepare('select name from kysely_migration order by name').all() as Array<{
        name: string;
      }>;
      assert.deepEqual(
        applied.map((r) => r.name),
        Object.keys(MIGRATIONS).sort(),
      );
    } finally {
      db.close();
    }
  });

  it('when the release-phase migration cannot reach Postgres, then it fails (exit 1) naming DATABASE_URL', async () => {
    const run = await runMigrate({ DATABASE_URL: `postgres://bot@127.0.0.1:${await freePort()}/bot` });
    assert.equal(run.code, 1, run.out);
    assert.match(run.out, /DATABASE_URL: Postgres at .* is unreachable/);
  });

  it('Heroku: the Procfile migrates in the release phase, app.json provisions Postgres and asks for the variables', () => {
    const procfile = readFileSync(join(ROOT, 'Procfile'), 'utf8');
    assert.match(procfile, /^release: node dist\/migrate\.js$/m);
    // The bot's memory is bounded by its caches and by these V8 flags (docs/performance.md): every way of starting it
    // in production passes the same ones.
    const web = /^web: node ((?:--[\w-]+(?:=\S+)? )*)dist\/main\.js$/m.exec(procfile);
    assert.ok(web, procfile);
    const flags = (web[1] ?? '').trim().split(' ');
    assert.ok(
      flags.includes('--max-semi-space-size=8') && flags.includes('--heap-growing-percent=40'),
      procfile,
    );
    // --optimize-for-size cost about 1 ms of CPU per message on every path (docs/performance.md).
    assert.ok(!flags.includes('--optimize-for-size'), procfile);
    const dockerCmd = /^CMD (\[.*\])$/m.exec(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'))?.[1] ?? '[]';
    assert.deepEqual(JSON.parse(dockerCmd), ['node', ...flags, 'dist/main.js']);
    const app = JSON.parse(readFileSync(join(ROOT, 'app.json'), 'utf8')) as {
      addons: Array<{ plan: string }>;
      env: Record<string, { required?: boolean; value?: string; generator?: string }>;
    };
    assert.ok(app.addons.some((a) => a.plan.startsWith('heroku-postgresql')));
    assert.equal(app.env['WEBEX_BOT_TOKEN']?.required, true);
    assert.equal(app.env['PUBLIC_URL']?.required, true);
    assert.equal(app.env['WEBHOOK_SECRET']?.generator, 'secret');
    assert.equal(app.env['NODE_ENV']?.value, 'production');
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    assert.equal(pkg.scripts['migrate'], 'node dist/migrate.js');
    assert.equal(pkg.scripts['start'], `node ${flags.join(' ')} dist/main.js`);
  });

  describe('the container image', () => {
    let world: World;
    before(async () => {
      world = await startWorld();
    });
    after(async () => {
      await world.emulator.stop();
    });

    it('when built and run, then it is healthy on /readyz, runs as non-root and holds no dev dependencies', async (t) => {
      const docker = (args: string[], timeout = 60_000) =>
        spawnSync('docker', args, { cwd: ROOT, encoding: 'utf8', timeout });
      const info = docker(['info', '--format', '{{.ServerVersion}}'], 20_000);
      if (info.error || info.status !== 0) {
        t.skip(
          `no working container engine here (docker info: ${(info.error?.message ?? info.stderr).trim().split('\n')[0]})`,
        );
        return;
      }
      const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
      const base = /^FROM (\S+) AS build$/m.exec(dockerfile)?.[1]?.replace('${NODE_VERSION}', '24');
      assert.ok(base, 'the build stage names its base image');
      if (docker(['image', 'inspect', base]).status !== 0 && docker(['pull', base], 300_000).status !== 0) {
        t.skip(`the base image ${base} is not available locally and cannot be pulled (no registry access)`);
        return;
      }
      const tag = `webex-recordings-bot-test:${process.pid}`;
      const build = docker(['build', '-t', tag, '.'], 900_000);
      assert.equal(build.status, 0, `docker build failed:\n${build.stderr}`);
      const port = await freePort();
      const env = { ...testEnv(world, port), DATA_DIR: '/data', LOG_LEVEL: 'info' };
      const run = docker([
        'run',
        '-d',
        '--network',
        'host',
        '--health-interval',
        '1s',
        '--health-start-period',
        '1s',
        ...Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]),
        tag,
      ]);
      assert.equal(run.status, 0, run.stderr);
      const id = run.stdout.trim();
      try {
        await waitFor(
          () => docker(['inspect', '--format', '{{.State.Health.Status}}', id]).stdout.trim() === 'healthy',
          'the container to be healthy',
          120_000,
        );
        assert.notEqual(docker(['exec', id, 'id', '-u']).stdout.trim(), '0', 'not root');
        assert.notEqual(
          docker(['exec', id, 'test', '-e', 'node_modules/typescript']).status,
          0,
          'no dev deps',
        );
        assert.equal(docker(['exec', id, 'test', '-e', 'dist/emulator']).status, 1, 'no emulator shipped');
        assert.equal(docker(['exec', id, 'test', '-e', 'dist/demo']).status, 1, 'no demo shipped');
      } finally {
        docker(['rm', '-f', id]);
        docker(['rmi', '-f', tag]);
      }
    });
  });
});
