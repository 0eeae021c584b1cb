/**
 * What the end-to-end benchmarks share: the bot and the echo bot as real child processes against an emulator, and
 * the process figures read from the OS (/proc), never from inside the measured process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddRecordingInput, WebexEmulator } from '../dev/emulator/index.js';
import { freePort } from '../src/util/free-port.js';

/** Where results are written: the repository root, from which the npm scripts run. */
export const REPO = process.cwd();
const BUILD = fileURLToPath(new URL('../', import.meta.url));
const WEBHOOK_SECRET = 'bench-webhook-secret-0123456789';

export interface BotProcess {
  pid: number;
  url: string;
  /** Milliseconds from spawn to ready. */
  readyAfterMs: number;
  stop(): Promise<void>;
}

/** CPU time (user + system) the process has used so far, in ms, from /proc/<pid>/stat (10 ms ticks). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the name: state is field 3, so utime (14) and stime (15) are at 11 and 12.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Resident set size of the process, in MB, from /proc/<pid>/status. */
export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/u.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length === 0 ? NaN : s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

/** `q` quantile of ascending-sorted `xs` (nearest rank). */
export const percentile = (xs: number[], q: number): number =>
  xs.length === 0 ? NaN : (xs[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)] ?? NaN);

/** 10 recordings of `email`'s last week (Tuesday to Thursday of the previous ISO week), whatever today is. */
export function BENCH_NOW_RECORDINGS(now: Date, email: string): AddRecordingInput[] {
  const monday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7) - 7);
  return Array.from({ length: 10 }, (_, i) => ({
    hostEmail: email,
    topic: `Weekly sync ${i + 1}: roadmap, hiring and the quarterly numbers`,
    createTime: new Date(monday.getTime() + 86_400_000 + 12 * 3_600_000 + i * 4 * 3_600_000).toISOString(),
    durationSeconds: 1800 + i * 120,
    sizeBytes: 80_000_000 + i * 1_000_000,
  }));
}

async function waitReady(
  url: string,
  child: ChildProcess,
  started: number,
  timeoutMs = 120_000,
): Promise<number> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with ${child.exitCode}`);
    if (performance.now() - started > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`${url}: not ready within ${timeoutMs} ms`);
    }
    try {
      if ((await fetch(url)).ok) return performance.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}

function botProcess(
  child: ChildProcess,
  url: string,
  readyAfterMs: number,
  cleanup?: () => void,
): BotProcess {
  return {
    pid: child.pid ?? 0,
    url,
    readyAfterMs,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
      cleanup?.();
    },
  };
}

/**
 * The Node flags production starts the bot with (the Procfile's `web:` line; the Dockerfile and `npm start` use the
 * same, see test/e2e/deploy.test.ts), so that the benchmarks measure the process that is deployed.
 */
export function productionNodeFlags(): string[] {
  // BENCH_NODE_FLAGS (space-separated, may be empty) replaces them, to measure the cost of each flag.
  const override = process.env.BENCH_NODE_FLAGS;
  if (override !== undefined) return override.split(' ').filter(Boolean);
  const web = readFileSync(join(REPO, 'Procfile'), 'utf8')
    .split('\n')
    .find((l) => l.startsWith('web:'));
  return (web ?? '').split(/\s+/u).filter((w) => w.startsWith('--'));
}

/** The bot (`.build/src/main.js`, the production entry point) as its own process, ready. */
export async function startRecBot(
  emulator: WebexEmulator,
  token: string,
  extraEnv: Record<string, string> = {},
  opts: { nodeArgs?: string[] } = {},
): Promise<BotProcess> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-bot-'));
  const started = performance.now();
  // BENCH_BOT_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=prof`) profiles the bot processes of any benchmark.
  const envArgs = (process.env.BENCH_BOT_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const nodeArgs = [...productionNodeFlags(), ...envArgs, ...(opts.nodeArgs ?? [])];
  const child = spawn(process.execPath, [...nodeArgs, join(BUILD, 'src', 'main.js')], {
    env: {
      PATH: process.env.PATH ?? '',
      // Not 'production': that demands an https PUBLIC_URL, and the emulator delivers webhooks over plain http.
      NODE_ENV: 'development',
      WEBEX_BOT_TOKEN: token,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      WEBHOOK_SECRET,
      PORT: String(port),
      WEBEX_API_URL: emulator.baseUrl,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ...extraEnv,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const readyAfterMs = await waitReady(`${url}/readyz`, child, started);
  return botProcess(child, url, readyAfterMs, () => rmSync(dataDir, { recursive: true, force: true }));
}

/** The bare framework echo bot (bench/echo-bot.ts) as its own process, ready. */
export async function startEchoBot(
  emulator: WebexEmulator,
  token: string,
  opts: { readyTimeoutMs?: number } = {},
): Promise<BotProcess> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [join(BUILD, 'bench', 'echo-bot.js')], {
    env: {
      PATH: process.env.PATH ?? '',
      ECHO_PORT: String(port),
      ECHO_TOKEN: token,
      WEBEX_API_URL: emulator.baseUrl,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const readyAfterMs = await waitReady(`${url}/ready`, child, started, opts.readyTimeoutMs);
  return botProcess(child, url, readyAfterMs);
}
