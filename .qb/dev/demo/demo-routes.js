/**
 * The browser-facing side of `npm run demo`, mounted on the emulator (never on the bot): the chat page, its small
 * JSON API, and stand-in pages for the recordings' Play/Download links.
 *
 * The page plays a Webex client: what it sends goes through the emulator's own `userSays` / `userSubmits`, i.e. the
 * same logic as `POST /messages` and `POST /attachment/actions`, and reaches the bot as signed webhooks over HTTP.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { formatInZone } from '../../src/core/time.js';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';
export const DEMO_API = '/_demo/api';
export const DEMO_RECORDINGS = '/_demo/recordings';
const MAX_TEXT_CHARS = 7000;
/** The package root: the nearest folder up from this file holding package.json (works from .dev-build/ and .build/). */
export function packageRoot(from = dirname(fileURLToPath(import.meta.url))) {
    for (let dir = from;; dir = dirname(dir)) {
        if (existsSync(join(dir, 'package.json')))
            return dir;
        if (dirname(dir) === dir)
            throw new Error(`No package.json above ${from}`);
    }
}
/** Static files are served from the source tree (tsc does not copy them), so `npm run build` is all it takes. */
export const publicDir = () => join(packageRoot(), 'dev', 'demo', 'public');
function adaptiveCardsBundle() {
    const require = createRequire(import.meta.url);
    // The package's main is lib/adaptivecards.js; the browser bundle sits next to it in dist/.
    return join(dirname(require.resolve('adaptivecards')), '..', 'dist', 'adaptivecards.min.js');
}
class HttpError extends Error {
    status;
    constructor(status, message) {
        super(message);
        this.status = status;
    }
}
const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/**
 * Turns `@Rec Bot recordings today` into the mention a Webex client would make: `@Name` (display or first name of
 * someone else in the space, longest match first, any case) becomes a mention and leaves the text.
 */
export function parseMentions(text, others) {
    const names = others
        .flatMap((p) => [p.displayName, p.firstName, p.displayName.replace(/\s+/g, '')].map((name) => ({ name, p })))
        .filter((n) => n.name.trim() !== '')
        .sort((a, b) => b.name.length - a.name.length);
    const mentionIds = [];
    let rest = text;
    for (const { name, p } of names) {
        const re = new RegExp(`(^|\\s)@${escapeRegExp(name)}(?=$|[\\s,:;.!?])`, 'giu');
        rest = rest.replace(re, (_m, lead) => {
            if (!mentionIds.includes(p.id))
                mentionIds.push(p.id);
            return lead;
        });
    }
    return {
        text: rest
            .replace(/\s+/g, ' ')
            .replace(/^[\s,:;]+/, '')
            .trim(),
        mentionIds,
    };
}
function escapeHtml(s) {
    return s
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&#39;');
}
function stringField(body, key) {
    const v = typeof body === 'object' && body !== null ? body[key] : undefined;
    if (typeof v !== 'string' || v.trim() === '')
        throw new HttpError(400, `${key} is required`);
    return v;
}
/** A stand-in for the Webex recording player / download page, so the card's links lead somewhere offline. */
function recordingPage(r, kind, hostZone) {
    const zone = hostZone ?? 'UTC';
    const when = formatInZone(new Date(r.timeRecorded), zone, 'EEE d MMM yyyy, HH:mm');
    const minutes = Math.round(r.durationSeconds / 60);
    const size = `${(r.sizeBytes / 1_000_000).toFixed(1)} MB`;
    const title = escapeHtml(r.topic);
    const body = kind === 'play'
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
export function demoRoutes(ctx) {
    const router = Router();
    const ready = () => {
        if (!ctx.emulator || !ctx.seed)
            throw new HttpError(503, 'The demo is still starting');
        return { emulator: ctx.emulator, seed: ctx.seed };
    };
    const visitor = (personId) => {
        const person = ready().seed.people.find((p) => p.id === personId);
        if (!person)
            throw new HttpError(404, 'No such person in the demo');
        return person;
    };
    const roomOf = (roomId, personId) => {
        const { emulator } = ready();
        const room = emulator.roomsOf(personId).find((r) => r.id === roomId);
        if (!room)
            throw new HttpError(404, 'No such space for this person');
        return room;
    };
    const pageMessage = (m) => {
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
    // The page and its assets. A strict policy: nothing but our own scripts runs, whatever a message contains.
    router.get(['/', '/index.html'], (_req, res) => {
        res.setHeader('Content-Security-Policy', "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'");
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
    // The page's API.
    router.use(DEMO_API, express.json({ limit: '64kb' }));
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
        });
    });
    router.get(`${DEMO_API}/people/:personId/rooms`, (req, res) => {
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
        res.json({ rooms, botId: seed.bot.id });
    });
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
        if (typed.length > MAX_TEXT_CHARS)
            throw new HttpError(400, 'The message is too long');
        let text = typed;
        let mention = [];
        if (room.type === 'group') {
            const others = emulator
                .memberIdsOf(room.id)
                .filter((id) => id !== person.id)
                .map((id) => emulator.getPerson(id))
                .filter((p) => p !== undefined);
            ({ text, mentionIds: mention } = parseMentions(typed, others));
        }
        if (text === '' && mention.length === 0)
            throw new HttpError(400, 'Type a message');
        const message = await emulator.userSays(person.id, room.id, text, { mention });
        res.json({ message: pageMessage(message) });
    });
    router.post(`${DEMO_API}/actions`, async (req, res) => {
        const { emulator } = ready();
        const person = visitor(stringField(req.body, 'personId'));
        const messageId = stringField(req.body, 'messageId');
        const inputs = req.body['inputs'] ?? {};
        if (typeof inputs !== 'object' || inputs === null || Array.isArray(inputs)) {
            throw new HttpError(400, 'inputs must be an object');
        }
        const action = await emulator.userSubmits(person.id, messageId, inputs);
        res.status(202).json({ action });
    });
    router.use(DEMO_API, (_req, res) => {
        res.status(404).json({ error: 'Not found' });
    });
    // Where the seeded recordings' Play / Download links lead.
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
    router.use((err, _req, res, _next) => {
        const status = err instanceof HttpError
            ? err.status
            : typeof err.status === 'number'
                ? err.status
                : 500;
        const message = err instanceof Error ? err.message : String(err);
        res.status(status >= 400 && status < 600 ? status : 500).json({ error: message });
    });
    return router;
}
//# sourceMappingURL=demo-routes.js.map