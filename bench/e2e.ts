/**
 * `npm run bench:e2e`: the bot beside a bare webex-node-bot-framework echo bot, both as real processes against the
 * project's Webex emulator (in this process), over HTTP with signed webhooks. Drives `echo` (the echo bot), `help`,
 * recordings cache `hit` and cache `miss` (a second bot with CACHE_TTL_SECONDS=0, so every question is a real miss:
 * its /metrics is read to prove it) at 1, 8 and 32 concurrent conversations, alternating variants, 3 repetitions.
 * Prints a table of medians, writes bench-results/e2e.json and the latency chart docs/performance-e2e.svg.
 * Numbers only: nothing here is asserted.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WebexEmulator, type EmulatedPerson } from '../dev/emulator/index.js';
import {
  BENCH_NOW_RECORDINGS,
  cpuMs,
  median,
  percentile,
  productionNodeFlags,
  REPO,
  rssMb,
  startEchoBot,
  startRecBot,
  type BotProcess,
} from './harness.js';
import { latencyChartSvg } from './svg-chart.js';

type Variant = 'echo' | 'help' | 'hit' | 'miss';
// BENCH_VARIANTS / BENCH_CONCURRENCY (comma-separated) narrow a run, e.g. to profile one path.
const VARIANTS = (process.env.BENCH_VARIANTS?.split(',') ?? ['echo', 'help', 'hit', 'miss']) as Variant[];
const CONCURRENCY = (process.env.BENCH_CONCURRENCY?.split(',') ?? ['1', '8', '32']).map(Number);
const REPETITIONS = Number(process.env.BENCH_REPETITIONS ?? 3);
const RUN_MS = Number(process.env.BENCH_RUN_MS ?? 2500);
// BENCH_WARMUP_MS: a narrowed run starts with cold bots, so give the JIT longer before measuring.
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 400);

interface Row {
  variant: Variant;
  concurrency: number;
  msgPerSec: number;
  p50Ms: number;
  p99Ms: number;
  cpuMsPerMsg: number;
  /** CPU of this process (the emulator and the simulated people) per message: when it nears a core, it sets the pace. */
  driverCpuMsPerMsg: number;
  rssMb: number;
  /** Mean time inside the bot, webhook arrival to reply posted (its own histogram); undefined for the echo bot. */
  botMs?: number;
}

/** Sum and count of the bot's reply-latency histogram for `command`, from its /metrics. */
async function replyLatency(url: string, command: string): Promise<{ sum: number; count: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (suffix: string) =>
    Number(
      text
        .split('\n')
        .find((l) => l.startsWith(`bot_reply_latency_seconds_${suffix}{command="${command}"} `))
        ?.split(' ')[1] ?? 0,
    );
  return { sum: value('sum'), count: value('count') };
}

// No request log: the emulator stands in for Webex, whose memory and work are not the bot's to pay for.
const emulator = await WebexEmulator.start({ logRequests: false });
const recBotPerson = emulator.addPerson({ displayName: 'Rec Bot', email: 'recbot@webex.bot', type: 'bot' });
const missBotPerson = emulator.addPerson({
  displayName: 'Miss Bot',
  email: 'missbot@webex.bot',
  type: 'bot',
});
const echoBotPerson = emulator.addPerson({
  displayName: 'Echo Bot',
  email: 'echobot@webex.bot',
  type: 'bot',
});
const admin = emulator.addPerson({
  displayName: 'Org Admin',
  email: 'admin@example.com',
  scopes: ['spark:all', 'meeting:admin_recordings_read'],
});
const maxC = Math.max(...CONCURRENCY);
const people: EmulatedPerson[] = [];
const rooms = { rec: [] as string[], miss: [] as string[], echo: [] as string[] };
for (let i = 0; i < maxC; i++) {
  const p = emulator.addPerson({
    displayName: `Person ${i}`,
    email: `person${i}@example.com`,
    timezone: ['America/Los_Angeles', 'Europe/Berlin', 'Asia/Kolkata', 'UTC'][i % 4],
  });
  people.push(p);
  rooms.rec.push(emulator.addRoom({ type: 'direct', memberIds: [p.id, recBotPerson.id] }).id);
  rooms.miss.push(emulator.addRoom({ type: 'direct', memberIds: [p.id, missBotPerson.id] }).id);
  rooms.echo.push(emulator.addRoom({ type: 'direct', memberIds: [p.id, echoBotPerson.id] }).id);
  // 10 recordings last week each: a full card.
  for (const r of BENCH_NOW_RECORDINGS(new Date(), p.email)) emulator.addRecording(r);
}

const bots: Record<'rec' | 'miss' | 'echo', BotProcess> = {
  rec: await startRecBot(emulator, recBotPerson.token, { WEBEX_ADMIN_TOKEN: admin.token }),
  miss: await startRecBot(emulator, missBotPerson.token, {
    WEBEX_ADMIN_TOKEN: admin.token,
    CACHE_TTL_SECONDS: '0',
  }),
  echo: await startEchoBot(emulator, echoBotPerson.token),
};

const botIds = new Set([recBotPerson.id, missBotPerson.id, echoBotPerson.id]);

function setup(variant: Variant): { bot: 'rec' | 'miss' | 'echo'; text: string } {
  switch (variant) {
    case 'echo':
      return { bot: 'echo', text: 'hello there' };
    case 'help':
      return { bot: 'rec', text: 'help' };
    case 'hit':
      return { bot: 'rec', text: 'recordings last week' };
    case 'miss':
      return { bot: 'miss', text: 'recordings last week' };
  }
}

/** One exchange: the person says `text`; resolves when the bot has answered, with the latency in ms. */
async function exchange(bot: 'rec' | 'miss' | 'echo', i: number, text: string): Promise<number> {
  const roomId = rooms[bot][i] ?? '';
  const person = people[i];
  if (!person) throw new Error('no such conversation');
  const started = performance.now();
  const said = await emulator.userSays(person.id, roomId, text);
  await emulator.waitForMessageId(roomId, (m) => botIds.has(m.personId), {
    afterMessageId: said.id,
    timeoutMs: 15_000,
  });
  return performance.now() - started;
}

async function run(variant: Variant, concurrency: number): Promise<Row> {
  const { bot, text } = setup(variant);
  const proc = bots[bot];
  if (variant === 'hit') {
    // Every conversation's question is answered once first, so the measured ones are hits.
    await Promise.all(Array.from({ length: concurrency }, (_, i) => exchange(bot, i, text)));
  }
  const latencies: number[] = [];
  let measuring = false;
  let stop = false;
  let cpuStart = 0;
  let t0 = 0;
  const loops = Array.from({ length: concurrency }, async (_, i) => {
    while (!stop) {
      const ms = await exchange(bot, i, text);
      if (measuring && !stop) latencies.push(ms);
    }
  });
  await new Promise((r) => setTimeout(r, WARMUP_MS));
  const command = variant === 'help' ? 'help' : 'recordings';
  const latencyStart = variant === 'echo' ? undefined : await replyLatency(proc.url, command);
  cpuStart = cpuMs(proc.pid);
  const driverStart = process.cpuUsage();
  t0 = performance.now();
  measuring = true;
  await new Promise((r) => setTimeout(r, RUN_MS));
  const elapsed = performance.now() - t0;
  const cpu = cpuMs(proc.pid) - cpuStart;
  const driverUsage = process.cpuUsage(driverStart);
  const driverCpu = (driverUsage.user + driverUsage.system) / 1000;
  const count = latencies.length;
  const latencyEnd = latencyStart ? await replyLatency(proc.url, command) : undefined;
  stop = true;
  await Promise.all(loops);
  emulator.clearLog();
  emulator.forgetMessages();
  latencies.sort((a, b) => a - b);
  return {
    variant,
    concurrency,
    msgPerSec: round((count / elapsed) * 1000, 1),
    p50Ms: round(percentile(latencies, 0.5), 1),
    p99Ms: round(percentile(latencies, 0.99), 1),
    cpuMsPerMsg: round(cpu / Math.max(1, count), 2),
    driverCpuMsPerMsg: round(driverCpu / Math.max(1, count), 2),
    rssMb: round(rssMb(proc.pid), 1),
    ...(latencyStart && latencyEnd && latencyEnd.count > latencyStart.count
      ? {
          botMs: round(
            ((latencyEnd.sum - latencyStart.sum) / (latencyEnd.count - latencyStart.count)) * 1000,
            1,
          ),
        }
      : {}),
  };
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

const started = Date.now();
const samples: Row[] = [];
for (let rep = 0; rep < REPETITIONS; rep++) {
  for (const concurrency of CONCURRENCY) {
    for (const variant of VARIANTS) {
      const row = await run(variant, concurrency);
      samples.push(row);
      process.stderr.write(
        `rep ${rep + 1} ${variant.padEnd(4)} c=${String(concurrency).padStart(2)}: ${row.msgPerSec} msg/s, p50 ${row.p50Ms} ms\n`,
      );
    }
  }
}

const rows: Row[] = [];
for (const concurrency of CONCURRENCY) {
  for (const variant of VARIANTS) {
    const mine = samples.filter((s) => s.variant === variant && s.concurrency === concurrency);
    const m = (k: keyof Omit<Row, 'variant' | 'concurrency' | 'botMs'>) => median(mine.map((s) => s[k]));
    rows.push({
      variant,
      concurrency,
      msgPerSec: m('msgPerSec'),
      p50Ms: m('p50Ms'),
      p99Ms: m('p99Ms'),
      cpuMsPerMsg: m('cpuMsPerMsg'),
      driverCpuMsPerMsg: m('driverCpuMsPerMsg'),
      rssMb: m('rssMb'),
      ...(variant === 'echo' ? {} : { botMs: median(mine.map((s) => s.botMs ?? NaN)) }),
    });
  }
}

// The miss bot must have answered from Webex every time, and the hit bot from its cache.
const missMetrics = await (await fetch(`${bots.miss.url}/metrics`)).text();
const hitMetrics = await (await fetch(`${bots.rec.url}/metrics`)).text();
const series = (text: string, s: string) =>
  Number(
    text
      .split('\n')
      .find((l) => l.startsWith(`${s} `))
      ?.split(' ')[1] ?? 0,
  );
const cacheCheck = {
  missBot: {
    hits: series(missMetrics, 'bot_cache_lookups_total{cache="answers",result="hit"}'),
    misses: series(missMetrics, 'bot_cache_lookups_total{cache="answers",result="miss"}'),
  },
  hitBot: {
    hits: series(hitMetrics, 'bot_cache_lookups_total{cache="answers",result="hit"}'),
    misses: series(hitMetrics, 'bot_cache_lookups_total{cache="answers",result="miss"}'),
  },
};

for (const b of Object.values(bots)) await b.stop();
await emulator.stop();

const echoAt = (c: number) => rows.find((r) => r.variant === 'echo' && r.concurrency === c);
const lines = [
  '| path | conversations | msg/s | ratio to echo | p50 ms | p99 ms | inside the bot, mean ms | bot CPU ms/msg | driver CPU ms/msg | RSS MB |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map((r) => {
    const echo = echoAt(r.concurrency);
    const ratio = echo && echo.msgPerSec > 0 ? (r.msgPerSec / echo.msgPerSec).toFixed(2) : '–';
    return `| ${r.variant} | ${r.concurrency} | ${r.msgPerSec} | ${ratio}× | ${r.p50Ms} | ${r.p99Ms} | ${r.botMs ?? '–'} | ${r.cpuMsPerMsg} | ${r.driverCpuMsPerMsg} | ${r.rssMb} |`;
  }),
];
console.log(lines.join('\n'));
console.log(
  `\nanswer cache: miss bot ${cacheCheck.missBot.hits} hits / ${cacheCheck.missBot.misses} misses; ` +
    `hit bot ${cacheCheck.hitBot.hits} hits / ${cacheCheck.hitBot.misses} misses`,
);
console.log(`took ${Math.round((Date.now() - started) / 1000)} s`);

const outDir = join(REPO, 'bench-results');
mkdirSync(outDir, { recursive: true });
writeFileSync(
  join(outDir, 'e2e.json'),
  `${JSON.stringify(
    {
      rows,
      meta: {
        at: new Date().toISOString(),
        node: process.version,
        repetitions: REPETITIONS,
        runMs: RUN_MS,
        loadAverage: (await import('node:os')).loadavg(),
        nodeFlags: productionNodeFlags(),
        cpus: (await import('node:os')).cpus().length,
        cacheCheck,
      },
    },
    null,
    2,
  )}\n`,
);
writeFileSync(join(outDir, 'e2e-table.md'), `${lines.join('\n')}\n`);
writeFileSync(
  join(REPO, 'docs', 'performance-e2e.svg'),
  latencyChartSvg(
    VARIANTS.map((v) => ({
      name: v,
      points: rows
        .filter((r) => r.variant === v)
        .map((r) => ({ x: r.concurrency, p50: r.p50Ms, p99: r.p99Ms })),
    })),
  ),
);
