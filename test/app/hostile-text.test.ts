/**
 * Finding 3: every reply that echoes something a person typed (or a display name) shows it literally. A table of
 * hostile strings goes through every such reply; none may come back as a live mention, link, image, code or block.
 * In-process (test/app): the replies are what is under test, not the webhook route, and each answer is awaited
 * instead of polled for.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApp, startWorld, type AppUnderTest, type World } from './harness.js';

const HOSTILE = [
  'flib`<@all>`',
  '<@all>',
  '[click](https://evil.example/x)',
  '![img](https://evil.example/i.png)',
  '<@personEmail:bob@example.com|Bob>',
  '**loud**',
  '``x``',
  '#heading',
  '&lt;@all&gt;',
  '<a href="https://evil.example">x</a>',
];

/**
 * The markdown is inert when, after dropping backslash escapes and the bot's own code spans, no character that
 * starts markup survives, and no code span carries user text that could turn into a mention or a link.
 */
function assertInert(markdown: string, hostile: string, context: string): void {
  const unescaped = markdown.replace(/\\[\s\S]/gu, '');
  const spans = unescaped.match(/`[^`\n]*`/gu) ?? [];
  for (const s of spans) {
    assert.doesNotMatch(s, /<@|\]\(|&\w+;|<a\b/u, `${context}: code span ${s} in ${markdown}`);
  }
  const outside = unescaped.replace(/`[^`\n]*`/gu, '');
  assert.doesNotMatch(outside, /[`<>[\]]|&\w+;/u, `${context}: live markup in ${markdown}`);
  // Inline markup characters must come back escaped (a `#` is only markup at the start of a line).
  if (/[`*~[\]<>|&\\]/u.test(hostile))
    assert.ok(!unescaped.includes(hostile), `${context}: the hostile text came back verbatim: ${markdown}`);
  assert.doesNotMatch(markdown, /^\s*#/mu, `${context}: a heading in ${markdown}`);
}

describe('hostile text in every reply that echoes input (finding 3)', () => {
  let world: World;
  let app: AppUnderTest;

  before(async () => {
    world = await startWorld();
    app = await startApp(world, { WEBEX_ADMIN_TOKEN: world.admin.token });
  });
  after(async () => {
    await app?.stop();
    await world?.emulator.stop();
  });

  /** What the bot posted in answer, once it has answered: there must be something. */
  async function ask(roomId: string, personId: string, text: string) {
    const replies = await app.say(personId, roomId, text);
    assert.ok(replies.length > 0, `a reply to "${text}"`);
    return replies;
  }

  const TEMPLATES: Array<[string, (h: string) => string]> = [
    ['unknown command', (h) => h],
    ['did you mean', (h) => `help ${h}`],
    ['parser: unknown word', (h) => `recordings ${h}`],
    ['parser: bad date', (h) => `recordings since ${h}`],
    ['parser: bad host', (h) => `recordings host ${h}`],
    ['no recordings for a topic', (h) => `recordings topic "${h}"`],
    ['digest parser', (h) => `digest daily at 9:00 ${h}`],
    ['digest bad time', (h) => `digest daily at ${h}`],
    ['timezone', (h) => `timezone ${h}`],
    ['did you mean (the whole phrase, with its button)', (h) => `recordngs last week ${h}`],
    ['plain words', (h) => `show me my recordings about ${h}`],
    ['notify filters', (h) => `notify me topic "${h.replaceAll('"', "'")}"`],
    ['notify bad filter', (h) => `notify me ${h}`],
    ['notify stop', (h) => `notify stop ${h}`],
  ];

  for (const [name, template] of TEMPLATES) {
    it(`when the ${name} reply echoes hostile text, then it shows literally`, async () => {
      for (const h of HOSTILE) {
        for (const roomId of [world.annDm.id, world.group.id]) {
          const replies = await ask(roomId, world.ann.id, template(h));
          for (const r of replies) assertInert(r.markdown ?? r.text ?? '', h, `${name} / ${h}`);
        }
      }
    });
  }

  it('when a display name or a digest topic is hostile, then the digest confirmation, list and refusal show it literally', async () => {
    for (const [i, h] of HOSTILE.entries()) {
      const mallory = world.emulator.addPerson({
        displayName: h,
        firstName: h,
        email: `mallory${i}@example.com`,
      });
      await world.emulator.addMember(world.group.id, mallory.id);
      const created = await ask(
        world.group.id,
        mallory.id,
        `digest daily at 9:00 topic "${h.replaceAll('"', "'")}"`,
      );
      for (const r of created) assertInert(r.markdown ?? '', h, `digest created / ${h}`);
      const listed = await ask(world.group.id, world.bob.id, 'digest list');
      for (const r of listed) assertInert(r.markdown ?? '', h, `digest list / ${h}`);
      const number = /digest \*\*#(\d+)\*\*/u.exec(created[0]?.markdown ?? '')?.[1];
      assert.ok(number, created[0]?.markdown);
      const refused = await ask(world.group.id, world.bob.id, `digest stop ${number}`);
      for (const r of refused) assertInert(r.markdown ?? '', h, `digest stop refusal / ${h}`);
      const all = await ask(world.group.id, world.bob.id, 'digest stop all');
      for (const r of all) assertInert(r.markdown ?? '', h, `digest stop all / ${h}`);
    }
  });

  it('when a display name is hostile, then the greeting and the notify confirmation, list and refusal show it literally', async () => {
    for (const [i, h] of HOSTILE.entries()) {
      const eve = world.emulator.addPerson({ displayName: h, firstName: h, email: `eve${i}@example.com` });
      await world.emulator.addMember(world.group.id, eve.id);
      const greeted = await ask(world.group.id, eve.id, 'hi');
      assert.ok(greeted.length > 0, 'the greeting');
      for (const r of greeted) assertInert(r.markdown ?? '', h, `greeting / ${h}`);
      const created = await ask(world.group.id, eve.id, 'notify here');
      for (const r of created) assertInert(r.markdown ?? '', h, `notify here / ${h}`);
      const listed = await ask(world.group.id, world.bob.id, 'notify list');
      for (const r of listed) assertInert(r.markdown ?? '', h, `notify list / ${h}`);
      const refused = await ask(world.group.id, world.bob.id, 'notify stop all');
      for (const r of refused) assertInert(r.markdown ?? '', h, `notify stop all / ${h}`);
    }
  });
});
