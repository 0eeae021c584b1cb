// `npm run test:stress`: the end-to-end tests several times in a row (STRESS_ROUNDS, default 5) while a CPU hog keeps
// every core busy, to catch tests that pass only on an idle machine. Run after `npm run build:test`.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { availableParallelism } from 'node:os';

const rounds = Number(process.env.STRESS_ROUNDS ?? 5);
const cores = availableParallelism();
const hogs = Array.from({ length: cores }, () =>
  spawn(process.execPath, ['-e', 'for (;;) Math.sqrt(Math.random());'], { stdio: 'ignore' }),
);
const stopHogs = () => {
  for (const h of hogs) h.kill('SIGKILL');
};
process.on('exit', stopHogs);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopHogs();
    process.exit(130);
  });
}

console.log(`test:stress: ${rounds} rounds of the e2e tests with ${cores} CPU hog(s) running`);
const started = Date.now();
for (let round = 1; round <= rounds; round++) {
  const t0 = Date.now();
  const child = spawn(
    process.execPath,
    ['scripts/run-tests.mjs', '.build/test/e2e', '--', '--test-reporter=dot'],
    {
      stdio: 'inherit',
    },
  );
  const [code] = await once(child, 'exit');
  const secs = ((Date.now() - t0) / 1000).toFixed(0);
  if (code !== 0) {
    console.error(`\ntest:stress: round ${round}/${rounds} FAILED (exit ${code}) after ${secs} s`);
    process.exit(1);
  }
  console.log(`\ntest:stress: round ${round}/${rounds} passed in ${secs} s`);
}
console.log(`test:stress: all ${rounds} rounds passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
