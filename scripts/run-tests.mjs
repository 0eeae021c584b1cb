// Runs Node's test runner on every *.test.js under the given folders (default .build/test), one file at a time.
// Node 20 finds test files in a folder argument, Node 22+ takes glob patterns instead: listing the files here works
// the same on every supported line. Extra `--` arguments go to `node --test`.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const dashes = args.indexOf('--');
const roots = (dashes === -1 ? args : args.slice(0, dashes)).filter(Boolean);
const extra = dashes === -1 ? [] : args.slice(dashes + 1);

function testFiles(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? testFiles(join(dir, e.name)) : e.name.endsWith('.test.js') ? [join(dir, e.name)] : [],
    )
    .sort();
}

const files = (roots.length > 0 ? roots : ['.build/test']).flatMap(testFiles);
if (files.length === 0) {
  console.error(`no *.test.js files under ${roots.join(', ')}`);
  process.exit(1);
}
const child = spawn(process.execPath, ['--test', '--test-concurrency=1', ...extra, ...files], {
  stdio: 'inherit',
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
