import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { WebexEmulator } from '../../../dev/emulator/index.js';
import { asRecord, call, itemsOf, nextLink, seed, startEmulator, type Seed } from './helpers.js';

const CARD = {
  contentType: 'application/vnd.microsoft.card.adaptive',
  content: { type: 'AdaptiveCard', version: '1.3', body: [{ type: 'TextBlock', text: 'Hi' }] },
};

describe('messages', () => {
  let emu: WebexEmulator;
  let s: Seed;
  const post = (token: string, body: unknown) => call(emu, token, 'POST', '/messages', { body });

  before(async () => {
    emu = await startEmulator();
    s = seed(emu);
  });
  after(() => emu.stop());

  it('lists a 1:1 space by the other person (GET /messages/direct), newest first, without to* fields', async () => {
    const sent = await call(emu, s.bot.token, 'POST', '/messages', {
      body: { toPersonId: s.alice.id, markdown: 'direct **hello**' },
    });
    assert.equal(sent.status, 200);
    const byId = await call(emu, s.bot.token, 'GET', '/messages/direct', { query: { personId: s.alice.id } });
    assert.equal(byId.status, 200);
    const items = itemsOf(byId.body);
    assert.equal(items[0]?.['id'], asRecord(sent.body)['id']);
    assert.equal(items[0]?.['markdown'], 'direct **hello**');
    assert.equal(items[0]?.['toPersonId'], undefined);
    const byEmail = await call(emu, s.bot.token, 'GET', '/messages/direct', {
      query: { personEmail: s.alice.emails[0] ?? '' },
    });
    assert.deepEqual(itemsOf(byEmail.body)[0], items[0]);
    const neither = await call(emu, s.bot.token, 'GET', '/messages/direct');
    assert.equal(neither.status, 400);
  });

  it('limits text and markdown to 7439 UTF-8 bytes each', async () => {
    const ok = 'é'.repeat(3719) + 'a'; // 7439 bytes
    const tooLong = 'é'.repeat(3720); // 7440 bytes, 3720 characters
    assert.equal((await post(s.bot.token, { roomId: s.dmAlice, text: ok })).status, 200);
    assert.equal((await post(s.bot.token, { roomId: s.dmAlice, markdown: ok })).status, 200);
    const res = await post(s.bot.token, { roomId: s.dmAlice, text: tooLong });
    assert.equal(res.status, 400);
    assert.match(String(asRecord(res.body)['message']), /7439/);
    assert.equal((await post(s.bot.token, { roomId: s.dmAlice, markdown: tooLong })).status, 400);
    assert.equal((await post(s.bot.token, { roomId: s.dmAlice, text: 'x', markdown: tooLong })).status, 400);
  });

  it('accepts one Adaptive Card with a text or markdown fallback, nothing else', async () => {
    const good = await post(s.bot.token, { roomId: s.dmAlice, text: 'Card', attachments: [CARD] });
    assert.equal(good.status, 200);
    assert.deepEqual(asRecord(good.body)['attachments'], [CARD]);
    const cases: [string, unknown][] = [
      ['two cards', { roomId: s.dmAlice, text: 'x', attachments: [CARD, CARD] }],
      ['no fallback', { roomId: s.dmAlice, attachments: [CARD] }],
      ['blank fallback', { roomId: s.dmAlice, markdown: '  ', attachments: [CARD] }],
      [
        'wrong type',
        { roomId: s.dmAlice, text: 'x', attachments: [{ ...CARD, contentType: 'application/json' }] },
      ],
      ['no content', { roomId: s.dmAlice, text: 'x', attachments: [{ contentType: CARD.contentType }] }],
      ['empty message', { roomId: s.dmAlice }],
      ['no destination', { text: 'x' }],
      ['two destinations', { roomId: s.dmAlice, toPersonId: s.alice.id, text: 'x' }],
      ['text not a string', { roomId: s.dmAlice, text: 42 }],
    ];
    for (const [label, body] of cases) {
      const res = await post(s.bot.token, body);
      assert.equal(res.status, 400, label);
      assert.equal(asRecord(res.body)['trackingId'], res.headers.get('trackingid'), label);
    }
    const malformed = await fetch(`${emu.baseUrl}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.bot.token}`, 'content-type': 'application/json' },
      body: '{"roomId":',
    });
    assert.equal(malformed.status, 400);
  });

  it('renders @mentions like a Webex client (name first, spark-mention html, mentionedPeople)', async () => {
    const m = await emu.userSays(s.alice.id, s.group, 'help', { mention: [s.bot.id] });
    assert.equal(m.text, 'Rec Bot help');
    assert.equal(
      m.html,
      `<p><spark-mention data-object-type="person" data-object-id="${s.bot.id}">Rec Bot</spark-mention> help</p>`,
    );
    assert.deepEqual(m.mentionedPeople, [s.bot.id]);
    assert.equal(m.markdown, undefined, 'client messages carry no markdown');
    const read = await call(emu, s.bot.token, 'GET', `/messages/${m.id}`);
    assert.deepEqual(read.body, m);
  });

  it('converts mention markup in posted markdown', async () => {
    const res = await post(s.alice.token, {
      roomId: s.group,
      markdown: `<@personId:${s.bot.id}|Bot> show <@personEmail:${s.bob.email}> the **latest**`,
    });
    const m = asRecord(res.body);
    assert.equal(m['text'], 'Bot show Bob Brown the latest');
    assert.deepEqual(m['mentionedPeople'], [s.bot.id, s.bob.id]);
    assert.match(
      String(m['html']),
      /data-object-id="[^"]+">Bot<\/spark-mention> show <spark-mention[^>]+>Bob Brown/,
    );
    assert.match(String(m['html']), /<strong>latest<\/strong>/);
  });

  it('hides unmentioned group messages from bots and requires mentionedPeople to list them', async () => {
    const plain = await emu.userSays(s.bob.id, s.group, 'just chatting');
    const ping = await emu.userSays(s.bob.id, s.group, 'ping', { mention: [s.bot.id] });
    assert.equal((await call(emu, s.bot.token, 'GET', `/messages/${plain.id}`)).status, 404);
    assert.equal((await call(emu, s.alice.token, 'GET', `/messages/${plain.id}`)).status, 200);
    const forbidden = await call(emu, s.bot.token, 'GET', '/messages', { query: { roomId: s.group } });
    assert.equal(forbidden.status, 403, 'the document: bots must include mentionedPeople in group rooms');
    const mine = await call(emu, s.bot.token, 'GET', '/messages', {
      query: { roomId: s.group, mentionedPeople: 'me' },
    });
    const ids = itemsOf(mine.body).map((m) => m['id']);
    assert.ok(ids.includes(ping.id));
    assert.ok(!ids.includes(plain.id));
    assert.equal(ids[0], ping.id, 'newest first');
    const other = await call(emu, s.bot.token, 'GET', '/messages', {
      query: { roomId: s.group, mentionedPeople: s.bob.id },
    });
    assert.equal(other.status, 400);
    const dm = await call(emu, s.bot.token, 'GET', '/messages', { query: { roomId: s.dmAlice } });
    assert.equal(dm.status, 200, 'direct rooms need no mention');
    assert.equal((await call(emu, s.bot.token, 'GET', '/messages')).status, 400, 'roomId is required');
  });

  it('pages GET /messages with Link beforeMessage', async () => {
    const room = emu.addRoom({ type: 'group', title: 'paging', memberIds: [s.alice.id, s.bob.id] }).id;
    for (let i = 0; i < 5; i += 1) await emu.userSays(s.bob.id, room, `m${i}`);
    const seen: unknown[] = [];
    let url: string | undefined = `${emu.baseUrl}/messages?roomId=${encodeURIComponent(room)}&max=2`;
    while (url) {
      const res = await call(emu, s.alice.token, 'GET', url);
      seen.push(...itemsOf(res.body).map((m) => m['text']));
      url = nextLink(res.headers);
    }
    assert.deepEqual(seen, ['m4', 'm3', 'm2', 'm1', 'm0']);
  });

  it('creates a direct room on the fly for toPersonEmail and reuses it', async () => {
    const carol = emu.addPerson({ displayName: 'Carol Chen', email: 'carol@example.com' });
    const first = asRecord(
      (await post(s.bot.token, { toPersonEmail: carol.email, text: 'Hello Carol' })).body,
    );
    assert.equal(first['roomType'], 'direct');
    assert.equal(first['toPersonEmail'], carol.email);
    const second = asRecord((await post(s.bot.token, { toPersonId: carol.id, text: 'Again' })).body);
    assert.equal(second['roomId'], first['roomId']);
    const room = asRecord((await call(emu, carol.token, 'GET', `/rooms/${String(first['roomId'])}`)).body);
    assert.equal(room['title'], 'Rec Bot', "a direct room is titled with the other person's name");
    assert.equal((await post(s.bot.token, { toPersonEmail: 'ghost@example.com', text: 'x' })).status, 404);
  });

  it('threads replies with parentId and deletes messages', async () => {
    const parent = await emu.userSays(s.alice.id, s.dmAlice, 'question');
    const reply = asRecord(
      (await post(s.bot.token, { roomId: s.dmAlice, parentId: parent.id, text: 'answer' })).body,
    );
    assert.equal(reply['parentId'], parent.id);
    const nested = await post(s.bot.token, { roomId: s.dmAlice, parentId: String(reply['id']), text: 'x' });
    assert.equal(nested.status, 400);
    assert.equal(
      (await call(emu, s.bot.token, 'DELETE', `/messages/${parent.id}`)).status,
      403,
      "not the bot's",
    );
    assert.equal((await call(emu, s.bot.token, 'DELETE', `/messages/${String(reply['id'])}`)).status, 204);
    assert.equal((await call(emu, s.bot.token, 'GET', `/messages/${String(reply['id'])}`)).status, 404);
    assert.ok(!emu.messagesIn(s.dmAlice).some((m) => m.id === reply['id']));
  });

  it('refuses rooms the caller is not in', async () => {
    const private_ = emu.addRoom({ type: 'group', title: 'secret', memberIds: [s.alice.id, s.bob.id] }).id;
    assert.equal((await post(s.bot.token, { roomId: private_, text: 'x' })).status, 404);
    assert.equal(
      (await call(emu, s.bot.token, 'GET', '/messages', { query: { roomId: private_ } })).status,
      404,
    );
  });

  it('waitForMessage resolves with existing or future matching messages', async () => {
    const asked = await emu.userSays(s.alice.id, s.dmAlice, 'anything new?');
    const pending = emu.waitForMessage(s.dmAlice, (m) => m.personId === s.bot.id, {
      afterMessageId: asked.id,
    });
    await post(s.bot.token, { roomId: s.dmAlice, text: 'nothing new' });
    assert.equal((await pending).text, 'nothing new');
    await assert.rejects(
      emu.waitForMessage(s.dmAlice, () => false, { timeoutMs: 20 }),
      /waitForMessage/,
    );
  });

  it('when a benchmark turns the request log off and forgets messages, then cards are still stored as posted and nothing else is kept', async () => {
    const quiet = await startEmulator({ logRequests: false });
    try {
      const q = seed(quiet);
      const asked = await quiet.userSays(q.alice.id, q.dmAlice, 'recordings');
      const reply = quiet.waitForMessageId(q.dmAlice, (m) => m.personId === q.bot.id, {
        afterMessageId: asked.id,
      });
      const posted = await call(quiet, q.bot.token, 'POST', '/messages', {
        body: { roomId: q.dmAlice, markdown: 'card', attachments: [CARD] },
      });
      assert.equal(await reply, asRecord(posted.body)['id']);
      assert.deepEqual(quiet.messagesIn(q.dmAlice).at(-1)?.attachments, [CARD]);
      assert.equal(quiet.requests.length, 0);
      quiet.forgetMessages();
      assert.deepEqual(quiet.messagesIn(q.dmAlice), []);
      const again = await quiet.userSays(q.alice.id, q.dmAlice, 'still here?');
      assert.deepEqual(
        quiet.messagesIn(q.dmAlice).map((m) => m.id),
        [again.id],
      );
    } finally {
      await quiet.stop();
    }
  });

  it('when the request log is on, then it keeps a copy of each body, apart from what the store keeps', async () => {
    const before = emu.requests.length;
    await post(s.bot.token, { roomId: s.dmAlice, markdown: 'logged card', attachments: [CARD] });
    const logged = emu.requests.slice(before).find((r) => r.method === 'POST' && r.path === '/messages');
    assert.deepEqual(logged?.body, { roomId: s.dmAlice, markdown: 'logged card', attachments: [CARD] });
    const loggedCard = (logged?.body as { attachments: Array<{ content: Record<string, unknown> }> })
      .attachments[0];
    if (loggedCard) loggedCard.content['type'] = 'changed in the log';
    assert.deepEqual(emu.messagesIn(s.dmAlice).at(-1)?.attachments, [CARD]);
  });
});
