// `npm run test:tz`: the time, card, parser, digest and notification unit tests again under several process zones
// (TEST_TZ_ZONES, default below). Zone code must not depend on the server's TZ: date-fns-tz did, and was wrong near
// DST changes whenever TZ was not UTC. Files are picked by name, not folder, so moving a feature's folder keeps them
// in; the run fails if the time module's own test is not among them. Run after `npm run build:test`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const zones = (
  process.env.TEST_TZ_ZONES ?? 'UTC Europe/Berlin America/Los_Angeles Asia/Kolkata Australia/Lord_Howe'
)
  .split(/\s+/u)
  .filter(Boolean);
const root = '.build/test/unit';
// What shows or computes a time, matched on the path below `root` (folder or file name). The lease and store tests in
// multi-instance.test.js are left out: they compute no wall time and are the slowest unit tests.
const WANTED = /(time|card|format|pars|range|date|digest|schedul|notif)/u;
const UNWANTED = /multi-instance/u;

function testFiles(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? testFiles(join(dir, e.name)) : [join(dir, e.name)]))
    .filter((f) => f.endsWith('.test.js') && WANTED.test(relative(root, f)) && !UNWANTED.test(f))
    .sort();
}

const files = testFiles(root);
if (!files.some((f) => f.endsWith('/time.test.js'))) {
  console.error(`test:tz: no time.test.js under ${root} (run npm run build:test first)`);
  process.exit(1);
}
console.log(`test:tz: ${files.map((f) => relative(root, f)).join(' ')}`);
console.log(`test:tz: ${files.length} files under TZ = ${zones.join(', ')}`);
for (const tz of zones) {
  const t0 = Date.now();
  const run = spawnSync(
    process.execPath,
    ['--test', '--test-concurrency=1', '--test-reporter=dot', ...files],
    { stdio: 'inherit', env: { ...process.env, TZ: tz } },
  );
  const secs = ((Date.now() - t0) / 1000).toFixed(0);
  if (run.status !== 0) {
    console.error(`\ntest:tz: FAILED under TZ=${tz} (exit ${run.status ?? run.signal}) after ${secs} s`);
    process.exit(1);
  }
  console.log(`\ntest:tz: passed under TZ=${tz} in ${secs} s`);
}
