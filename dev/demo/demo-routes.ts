/**
 * The browser-facing side of `npm run demo`, mounted on the emulator (never on the bot): the chat page, its small
 * JSON API, and stand-in pages for the recordings' Play/Download links.
 *
 * The page plays a Webex client: what it sends goes through the emulator's own `userSays` / `userSubmits`, i.e. the
 * same logic as `POST /messages` and `POST /attachment/actions`, and reaches the bot as signed webhooks over HTTP.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { OAUTH_START_PATH } from '../../src/features/sign-in/sign-in.js';
import { takeTypedMentions } from '../../src/core/mentions.js';
import { formatInZone } from '../../src/core/time.js';
import { fileURLToPath } from 'node:url';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { EmulatedPerson, RecordingObject, WebexEmulator, WebexMessage } from '../emulator/index.js';
import type { DemoSeed } from './seed.js';

/** What the routes need once the emulator is up and seeded (they answer 503 before). */
export interface DemoContext {
  emulator?: WebexEmulator;
  seed?: DemoSeed;
  /** The bot's origin, e.g. http://127.0.0.1:39191: its sign-in links go through /_demo/sign-in. */
  botUrl?: string;
  /** Where Play/Download links of recordings made on the page point (the stand-in pages below). */
  linkBase?: string;
  /** The zone the bot uses for a person: their `timezone` setting, else their profile's, else UTC. */
  timeZoneOf?: (person: EmulatedPerson) => Promise<string | undefined>;
  now?: () => Date;
}

export const DEMO_API = '/_demo/api';
export const DEMO_RECORDINGS = '/_demo/recordings';
const MAX_TEXT_CHARS = 7000;
const MAX_TOPIC_CHARS = 150;

/** The package root: the nearest folder up from this file holding package.json (works from .dev-build/ and .build/). */
export function packageRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`No package.json above ${from}`);
  }
}

/** Static files are served from the source tree (tsc does not copy them), so `npm run build` is all it takes. */
export const publicDir = () => join(packageRoot(), 'dev', 'demo', 'public');

function adaptiveCardsBundle(): string {
  const require = createRequire(import.meta.url);
  // The package's main is lib/adaptivecards.js; the browser bundle sits next to it in dist/.
  return join(dirname(require.resolve('adaptivecards')), '..', 'dist', 'adaptivecards.min.js');
}

/** Everything the page shows about a message. Text is rendered by the page, never injected as HTML. */
export interface PageMessage {
  id: string;
  personId: string;
  personName: string;
  personType: 'person' | 'bot';
  created: string;
  text: string;
  markdown?: string;
  mentions: { id: string; displayName: string }[];
  card?: Record<string, unknown>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Turns `@Rec Bot recordings today` into the mention a Webex client would make: `@Name` (display or first name of
 * someone else in the space, or the display name without spaces) becomes a mention and leaves the text.
 */
export function parseMentions(
  text: string,
  others: readonly Pick<EmulatedPerson, 'id' | 'displayName' | 'firstName'>[],
): { text: string; mentionIds: string[] } {
  return takeTypedMentions(
    text,
    others.map((p) => ({ id: p.id, names: [p.displayName, p.firstName, p.displayName.replace(/\s+/g, '')] })),
  );
}

function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function stringField(body: unknown, key: string): string {
  const v = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[key] : undefined;
  if (typeof v !== 'string' || v.trim() === '') throw new HttpError(400, `${key} is required`);
  return v;
}

/** A stand-in for the Webex recording player / download page, so the card's links lead somewhere offline. */
function recordingPage(r: RecordingObject, kind: 'play' | 'download', hostZone: string | undefined): string {
  const zone = hostZone ?? 'UTC';
  const when = formatInZone(new Date(r.timeRecorded), zone, 'EEE d MMM yyyy, HH:mm');
  const minutes = Math.round(r.durationSeconds / 60);
  const size = `${(r.sizeBytes / 1_000_000).toFixed(1)} MB`;
  const title = escapeHtml(r.topic);
  const body =
    kind === 'play'
      ? `<div class="player" role="img" aria-label="Emulated player"><span>▶</span><div class="bar"><div></div></div>
         <small>0:00 / ${minutes}:00</small></div>
         <p>In Webex this link opens the recording player. The demo has no video: this page stands in for it.</p>`
      : `<p class="file">${title}.${r.format === 'ARF' ? 'arf' : 'mp4'} · ${size}</p>
         <p>In Webex this link downloads the recording. The demo has nothing to download: this page stands in for it.</p>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} – emulated ${kind}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:'Helvetica Neue',Helvetica,Arial,sans-serif;margin:0;background:#f7f7f7;color:#121212}
main{max-width:720px;margin:48px auto;padding:24px;background:#fff;border-radius:12px;box-shadow:0 1px 4px #0002}
h1{font-size:22px;margin:0 0 4px}.meta{color:#545454;margin:0 0 20px}
.player{background:#1d1d1d;color:#fff;border-radius:8px;aspect-ratio:16/9;display:flex;flex-direction:column;
align-items:center;justify-content:center;gap:16px}.player span{font-size:48px}
.bar{width:80%;height:4px;background:#555;border-radius:2px}.bar div{width:3%;height:100%;background:#00a0d1}
.file{font-weight:bold}.badge{display:inline-block;background:#fff4e5;color:#8a4b00;border-radius:4px;padding:2px 8px;font-size:12px}
</style></head><body><main>
<span class="badge">Webex emulator</span>
<h1>${title}</h1>
<p class="meta">${escapeHtml(when)} (${escapeHtml(zone)}) · ${minutes} min · ${escapeHtml(r.format)} · ${escapeHtml(r.serviceType)}</p>
${body}
</main></body></html>`;
}

/** What every route group needs: the seeded world (503 until it exists) and the visitor's checks. */
function helpers(ctx: DemoContext) {
  const ready = () => {
    if (!ctx.emulator || !ctx.seed) throw new HttpError(503, 'The demo is still starting');
    return { emulator: ctx.emulator, seed: ctx.seed };
  };
  const visitor = (personId: string) => {
    const person = ready().seed.people.find((p) => p.id === personId);
    if (!person) throw new HttpError(404, 'No such person in the demo');
    return person;
  };
  const roomOf = (roomId: string, personId: string) => {
    const room = ready()
      .emulator.roomsOf(personId)
      .find((r) => r.id === roomId);
    if (!room) throw new HttpError(404, 'No such space for this person');
    return room;
  };
  const pageMessage = (m: WebexMessage): PageMessage => {
    const { emulator } = ready();
    const author = emulator.getPerson(m.personId);
    const card = m.attachments?.[0]?.content;
    return {
      id: m.id,
      personId: m.personId,
      personName: author?.displayName ?? m.personEmail,
      personType: author?.type ?? 'person',
      created: m.created,
      text: m.text ?? '',
      ...(m.markdown !== undefined ? { markdown: m.markdown } : {}),
      mentions: (m.mentionedPeople ?? []).map((id) => ({
        id,
        displayName: emulator.getPerson(id)?.displayName ?? id,
      })),
      ...(card ? { card } : {}),
    };
  };
  return { ready, visitor, roomOf, pageMessage };
}
type Helpers = ReturnType<typeof helpers>;

/** The page and its assets. A strict policy: nothing but our own scripts runs, whatever a message contains. */
function pageRoutes(router: Router): void {
  router.get(['/', '/index.html'], (_req, res) => {
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'",
    );
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(readFileSync(join(publicDir(), 'index.html'), 'utf8'));
  });
  router.get('/_demo/static/adaptivecards.min.js', (_req, res) => {
    res.type('application/javascript').sendFile(adaptiveCardsBundle());
  });
  router.use('/_demo/static', express.static(publicDir(), { index: false, maxAge: 0 }));
  router.get('/favicon.ico', (_req, res) => {
    res.status(204).end();
  });
}

/** Who the visitor can be, their spaces, and the zone the bot uses for them (their `timezone` setting first). */
function peopleRoutes(router: Router, ctx: DemoContext, { ready, visitor }: Helpers): void {
  router.get(`${DEMO_API}/state`, (_req, res) => {
    const { seed } = ready();
    res.json({
      bot: { id: seed.bot.id, displayName: seed.bot.displayName },
      people: seed.people.map((p) => ({
        id: p.id,
        displayName: p.displayName,
        email: p.email,
        timezone: p.timezone,
      })),
      ...(ctx.botUrl ? { signInStart: `${ctx.botUrl}${OAUTH_START_PATH}` } : {}),
    });
  });
  router.get(`${DEMO_API}/people/:personId/rooms`, async (req, res) => {
    const { emulator, seed } = ready();
    const person = visitor(req.params.personId);
    const rooms = emulator
      .roomsOf(person.id)
      .map((r) => ({
        id: r.id,
        title: r.title,
        type: r.type,
        lastActivity: r.lastActivity,
        members: emulator.memberIdsOf(r.id).map((id) => {
          const p = emulator.getPerson(id);
          return {
            id,
            displayName: p?.displayName ?? id,
            firstName: p?.firstName ?? '',
            type: p?.type ?? 'person',
          };
        }),
      }))
      // The 1:1 with the bot first, then group spaces.
      .sort((a, b) => Number(a.type === 'group') - Number(b.type === 'group'));
    const timeZone = (await ctx.timeZoneOf?.(person)) ?? person.timezone ?? 'UTC';
    res.json({ rooms, botId: seed.bot.id, timeZone });
  });
}

/** Reading and writing messages and card actions, as the visitor, through the emulator's own logic. */
function messageRoutes(router: Router, { ready, visitor, roomOf, pageMessage }: Helpers): void {
  router.get(`${DEMO_API}/rooms/:roomId/messages`, (req, res) => {
    const { emulator } = ready();
    const personId = typeof req.query['personId'] === 'string' ? req.query['personId'] : '';
    const person = visitor(personId);
    roomOf(req.params.roomId, person.id);
    const all = emulator.messagesIn(req.params.roomId);
    const after = typeof req.query['after'] === 'string' ? req.query['after'] : undefined;
    const start = after === undefined ? 0 : all.findIndex((m) => m.id === after) + 1;
    res.json({ messages: all.slice(start).map(pageMessage) });
  });
  router.post(`${DEMO_API}/rooms/:roomId/messages`, async (req, res) => {
    const { emulator } = ready();
    const person = visitor(stringField(req.body, 'personId'));
    const room = roomOf(req.params.roomId, person.id);
    const typed = stringField(req.body, 'text').trim();
    if (typed.length > MAX_TEXT_CHARS) throw new HttpError(400, 'The message is too long');
    let text = typed;
    let mention: string[] = [];
    if (room.type === 'group') {
      const others = emulator
        .memberIdsOf(room.id)
        .filter((id) => id !== person.id)
        .map((id) => emulator.getPerson(id))
        .filter((p): p is EmulatedPerson => p !== undefined);
      ({ text, mentionIds: mention } = parseMentions(typed, others));
    }
    if (text === '' && mention.length === 0) throw new HttpError(400, 'Type a message');
    const message = await emulator.userSays(person.id, room.id, text, { mention });
    res.json({ message: pageMessage(message) });
  });
  router.post(`${DEMO_API}/actions`, async (req, res) => {
    const { emulator } = ready();
    const person = visitor(stringField(req.body, 'personId'));
    const messageId = stringField(req.body, 'messageId');
    const inputs = (req.body as Record<string, unknown>)['inputs'] ?? {};
    if (typeof inputs !== 'object' || inputs === null || Array.isArray(inputs)) {
      throw new HttpError(400, 'inputs must be an object');
    }
    const action = await emulator.userSubmits(person.id, messageId, inputs as Record<string, unknown>);
    res.status(202).json({ action });
  });
}

/**
 * "End a meeting with a recording": the emulator makes the recording ready and delivers `recordings:created` to the
 * recordings webhooks (the org's and the host's own), as Webex does when a recorded meeting ends.
 */
function meetingRoutes(router: Router, ctx: DemoContext, { ready, visitor }: Helpers): void {
  router.post(`${DEMO_API}/meetings/end`, async (req, res) => {
    const { emulator, seed } = ready();
    const host = visitor(stringField(req.body, 'hostId'));
    const topic = stringField(req.body, 'topic').trim();
    if (topic.length > MAX_TOPIC_CHARS)
      throw new HttpError(400, `The topic is longer than ${MAX_TOPIC_CHARS} characters`);
    const now = (ctx.now ?? (() => new Date()))();
    const durationSeconds = 25 * 60;
    const id = randomBytes(16).toString('hex');
    const links = ctx.linkBase ?? '';
    const recording = await emulator.recordingReady({
      id,
      hostEmail: host.email,
      hostDisplayName: host.displayName,
      topic,
      createTime: now.toISOString(),
      timeRecorded: new Date(now.getTime() - (durationSeconds + 120) * 1000).toISOString(),
      durationSeconds,
      siteUrl: 'example.webex.com',
      playbackUrl: `${links}/${id}/play`,
      downloadUrl: `${links}/${id}/download`,
    });
    seed.recordings.push(recording);
    res
      .status(201)
      .json({ recording: { id: recording.id, topic: recording.topic, hostEmail: recording.hostEmail } });
  });
}

/**
 * The bot's sign-in card links to its own /oauth/start, which sends the browser to Webex's /authorize. A real Webex
 * asks who is signing in; here the visitor already said who they are, so this hop adds `as` (the emulator's
 * "signed in as") to the bot's redirect. Only the demo bot's start link is followed: no open redirect.
 */
function signInRoute(router: Router, ctx: DemoContext, { ready, visitor }: Helpers): void {
  router.get('/_demo/sign-in', async (req, res) => {
    const { emulator } = ready();
    const person = visitor(typeof req.query['personId'] === 'string' ? req.query['personId'] : '');
    const link = typeof req.query['link'] === 'string' ? req.query['link'] : '';
    let start: URL;
    try {
      start = new URL(link);
    } catch {
      throw new HttpError(400, 'link must be a URL');
    }
    if (
      !ctx.botUrl ||
      `${start.origin}${start.pathname}` !== `${new URL(ctx.botUrl).origin}${OAUTH_START_PATH}`
    ) {
      throw new HttpError(400, "Not the demo bot's sign-in link");
    }
    const answer = await fetch(start, { redirect: 'manual' });
    const location = answer.headers.get('location');
    if (answer.status !== 302 || !location) {
      // The bot's own refusal (an expired or used link): show it as the bot wrote it.
      res
        .status(answer.status)
        .type('html')
        .send(await answer.text());
      return;
    }
    const authorize = new URL(location);
    if (authorize.origin !== new URL(emulator.baseUrl).origin)
      throw new HttpError(502, 'The bot sent the sign-in elsewhere');
    authorize.searchParams.set('as', person.email);
    res.redirect(302, authorize.href);
  });
}

/** Where the seeded recordings' Play / Download links lead. */
function recordingPageRoutes(router: Router, { ready }: Helpers): void {
  router.get(`${DEMO_RECORDINGS}/:id/:kind`, (req, res, next) => {
    const { seed } = ready();
    const kind = req.params.kind;
    const r = seed.recordings.find((x) => x.id === req.params.id);
    if (!r || (kind !== 'play' && kind !== 'download')) {
      next();
      return;
    }
    const host = seed.people.find((p) => p.email === r.hostEmail);
    res.type('html').send(recordingPage(r, kind, host?.timezone));
  });
}

function errorNet(err: unknown, _req: Request, res: Response, _next: NextFunction): void {
  const status =
    err instanceof HttpError
      ? err.status
      : typeof (err as { status?: unknown }).status === 'number'
        ? (err as { status: number }).status
        : 500;
  const message = err instanceof Error ? err.message : String(err);
  res.status(status >= 400 && status < 600 ? status : 500).json({ error: message });
}

export function demoRoutes(ctx: DemoContext): Router {
  const router = Router();
  const h = helpers(ctx);
  pageRoutes(router);
  router.use(DEMO_API, express.json({ limit: '64kb' }));
  peopleRoutes(router, ctx, h);
  messageRoutes(router, h);
  meetingRoutes(router, ctx, h);
  router.use(DEMO_API, (_req, res) => {
    res.status(404).json({ error: 'Not found' });
  });
  signInRoute(router, ctx, h);
  recordingPageRoutes(router, h);
  router.use(errorNet);
  return router;
}
