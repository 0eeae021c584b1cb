/**
 * `npm run bench:startup`: time from spawning the bot's process to `GET /readyz` = 200, with 10,000 spaces the bot is
 * in, on the project's emulator; 5 starts, median, and the Webex calls one start makes. The bare framework echo bot
 * (which discovers every space at start) is timed once beside it. Numbers only.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { WebexEmulator } from '../dev/emulator/index.js';
import { cpus, loadavg } from 'node:os';
import { cpuMs, median, REPO, startEchoBot, startRecBot } from './harness.js';

const SPACES = Number(process.env.BENCH_SPACES ?? 10_000);
const STARTS = 5;

const emulator = await WebexEmulator.start();
const bot = emulator.addPerson({ displayName: 'Rec Bot', email: 'recbot@webex.bot', type: 'bot' });
const echo = emulator.addPerson({ displayName: 'Echo Bot', email: 'echobot@webex.bot', type: 'bot' });
for (let i = 0; i < SPACES; i++) {
  const p = emulator.addPerson({ displayName: `Person ${i}`, email: `p${i}@example.com` });
  emulator.addRoom({ type: 'direct', memberIds: [p.id, bot.id] });
  emulator.addRoom({ type: 'direct', memberIds: [p.id, echo.id] });
}

const times: number[] = [];
// CPU time the process used until it was ready: on a loaded machine the wall time is mostly waiting for a core, so
// this is what a quiet machine's start-up would come close to.
const cpuTimes: number[] = [];
let calls = 0;
for (let i = 0; i < STARTS; i++) {
  emulator.clearLog();
  const b = await startRecBot(emulator, bot.token);
  times.push(b.readyAfterMs);
  cpuTimes.push(cpuMs(b.pid));
  calls = emulator.requests.length;
  await b.stop();
}
console.log(
  `bot: ready in ${Math.round(median(times))} ms (median of ${STARTS}: ${times.map(Math.round).join(', ')}), ` +
    `${Math.round(median(cpuTimes))} ms of CPU until ready, ${calls} Webex calls, with ${SPACES} spaces, ` +
    `load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores`,
);
emulator.clearLog();
let echoMs = NaN;
try {
  const e = await startEchoBot(emulator, echo.token, { readyTimeoutMs: 60_000 });
  echoMs = e.readyAfterMs;
  await e.stop();
} catch (err) {
  console.error(`echo bot: ${err instanceof Error ? err.message : String(err)}`);
}
const echoCalls = emulator.requests.length;
await emulator.stop();

const result = {
  spaces: SPACES,
  loadAverage: loadavg()[0],
  bot: {
    readyMsMedian: Math.round(median(times)),
    readyMs: times.map(Math.round),
    cpuMsUntilReadyMedian: Math.round(median(cpuTimes)),
    cpuMsUntilReady: cpuTimes,
    webexCalls: calls,
  },
  echo: { readyMs: Math.round(echoMs), webexCalls: echoCalls },
};
console.log(`bare framework echo bot: ready in ${result.echo.readyMs} ms, ${echoCalls} Webex calls`);
mkdirSync(join(REPO, 'bench-results'), { recursive: true });
writeFileSync(join(REPO, 'bench-results', 'startup.json'), `${JSON.stringify(result, null, 2)}\n`);
