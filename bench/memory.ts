/**
 * `npm run bench:memory`: the bot's RSS (read from /proc, never from inside it) while 10,000 people each ask once,
 * then while 10,000 distinct questions are asked, 32 conversations at a time, on the project's emulator. Prints RSS
 * every 1,000 answers; flat once the caches are full means memory is bounded. Numbers only.
 */
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WebexEmulator } from '../dev/emulator/index.js';
import { BENCH_NOW_RECORDINGS, REPO, rssMb, startRecBot } from './harness.js';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 10_000);
const QUESTIONS = Number(process.env.BENCH_QUESTIONS ?? 10_000);
const CONCURRENCY = 32;
const WITH_RECORDINGS = 100;

const emulator = await WebexEmulator.start();
const botPerson = emulator.addPerson({ displayName: 'Rec Bot', email: 'recbot@webex.bot', type: 'bot' });
const admin = emulator.addPerson({
  displayName: 'Org Admin',
  email: 'admin@example.com',
  scopes: ['spark:all', 'meeting:admin_recordings_read'],
});
const people = Array.from({ length: PEOPLE }, (_, i) => {
  const p = emulator.addPerson({
    displayName: `Person ${i}`,
    email: `p${i}@example.com`,
    timezone: 'Europe/Berlin',
  });
  const room = emulator.addRoom({ type: 'direct', memberIds: [p.id, botPerson.id] });
  if (i < WITH_RECORDINGS)
    for (const r of BENCH_NOW_RECORDINGS(new Date(), p.email)) emulator.addRecording(r);
  return { personId: p.id, roomId: room.id };
});
const bot = await startRecBot(emulator, botPerson.token, { WEBEX_ADMIN_TOKEN: admin.token });
const samples: Array<{
  phase: string;
  answered: number;
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
}> = [];

/** What the bot's V8 heap holds (from its /metrics): tells live objects from heap V8 keeps and from native memory. */
async function heapOf(url: string): Promise<{ heapUsedMb: number; heapTotalMb: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const mb = (name: string) =>
    Math.round(
      Number(
        text
          .split('\n')
          .find((l) => l.startsWith(`${name} `))
          ?.split(' ')[1] ?? NaN,
      ) /
        2 ** 20,
    );
  return { heapUsedMb: mb('nodejs_heap_size_used_bytes'), heapTotalMb: mb('nodejs_heap_size_total_bytes') };
}
const startRss = rssMb(bot.pid);
console.log(`started: RSS ${startRss.toFixed(0)} MB`);

async function drive(
  phase: string,
  count: number,
  ask: (i: number) => { personId: string; roomId: string; text: string },
) {
  let next = 0;
  let answered = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < count; i = next++) {
        const { personId, roomId, text } = ask(i);
        const said = await emulator.userSays(personId, roomId, text);
        await emulator.waitForMessage(roomId, (m) => m.personId === botPerson.id, {
          afterMessageId: said.id,
          timeoutMs: 30_000,
        });
        answered++;
        if (answered % 1000 === 0) {
          const rss = rssMb(bot.pid);
          const heap = await heapOf(bot.url);
          samples.push({ phase, answered, rssMb: Math.round(rss), ...heap });
          console.log(
            `${phase}: ${answered} answered, RSS ${rss.toFixed(0)} MB (V8 heap ${heap.heapUsedMb} MB used of ${heap.heapTotalMb} MB)`,
          );
          emulator.clearLog();
        }
      }
    }),
  );
}

const started = Date.now();
await drive('people', PEOPLE, (i) => ({ ...people[i % PEOPLE]!, text: 'recordings last week' }));
// Distinct questions from the people who have recordings: every one a new cache entry with up to 10 recordings.
await drive('questions', QUESTIONS, (i) => ({
  ...people[i % Math.min(PEOPLE, 32)]!,
  text: `recordings last ${1 + (i % 100)} days max ${1 + Math.floor(i / 100)}`,
}));
const endRss = rssMb(bot.pid);
const snapshotDir = process.env.BENCH_HEAP_SNAPSHOT_DIR;
if (snapshotDir) {
  // The bot must run with --heapsnapshot-signal=SIGUSR2 --diagnostic-dir=<dir> (BENCH_BOT_NODE_ARGS): what is live at
  // the end (the snapshot is taken after a full GC) is written there for a heap-snapshot viewer.
  const before = new Set(readdirSync(snapshotDir));
  process.kill(bot.pid, 'SIGUSR2');
  for (let size = -1; ;) {
    await new Promise((r) => setTimeout(r, 2000));
    const file = readdirSync(snapshotDir).find((f) => f.endsWith('.heapsnapshot') && !before.has(f));
    const now = file ? statSync(join(snapshotDir, file)).size : -1;
    if (file && now === size && now > 0) break;
    size = now;
  }
}
await bot.stop();
await emulator.stop();
const result = {
  people: PEOPLE,
  questions: QUESTIONS,
  startRssMb: Math.round(startRss),
  endRssMb: Math.round(endRss),
  peakRssMb: Math.max(...samples.map((s) => s.rssMb), Math.round(endRss)),
  seconds: Math.round((Date.now() - started) / 1000),
  samples,
};
console.log(
  `RSS: ${result.startRssMb} MB at start, ${result.endRssMb} MB at the end, peak ${result.peakRssMb} MB (${result.seconds} s)`,
);
mkdirSync(join(REPO, 'bench-results'), { recursive: true });
writeFileSync(join(REPO, 'bench-results', 'memory.json'), `${JSON.stringify(result, null, 2)}\n`);
