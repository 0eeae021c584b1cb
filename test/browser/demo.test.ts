/**
 * `npm run demo` in a real browser: Debian's headless Chromium driven by playwright-core against startDemo(), the
 * same function the command runs (emulator + seeded org + the production bot + the chat page).
 * `npm run screenshot` runs this file with DEMO_SCREENSHOT=docs/demo.png to refresh the README's picture.
 */
import assert from 'node:assert/strict';
import { readFile, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { zoneAbbreviation } from '../../src/core/time.js';
import { WebexEmulator } from '../../dev/emulator/index.js';
import { packageRoot } from '../../dev/demo/demo-routes.js';
import { startDemo, type RunningDemo } from '../../dev/demo/start-demo.js';
import { collectPageErrors, launchBrowser, type Browser } from './harness.js';

const SCREENSHOT =
  process.env['DEMO_SCREENSHOT'] ?? join(tmpdir(), `webex-recordings-demo-${process.pid}.png`);

describe('the demo page, in headless Chromium', () => {
  let demo: RunningDemo;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];

  /**
   * A card button, found by its accessible name: Action.OpenUrl buttons, and the Play/Download cells of a recordings
   * row (a selectAction, role="link"), are labelled with their recording ("Play Weekly sync, …"), so match the start.
   */
  const button = (label: string) => `[aria-label="${label}"], [aria-label^="${label} "]`;
  const cards = () => page.locator('.msg.from-bot .card');
  const lastCard = () => cards().last();

  async function say(text: string) {
    await page.locator('#input').fill(text);
    await page.locator('#input').press('Enter');
  }

  before(async () => {
    demo = await startDemo({ port: 0, logLevel: 'silent' });
    browser = await launchBrowser();
    page = browser.page;
    pageErrors = collectPageErrors(page);
    await page.goto(demo.url);
    await page.locator('body[data-ready="true"]').waitFor();
  });
  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it('when Ann asks "recordings last week" in her 1:1, then a rendered card lists them with Play buttons', async () => {
    const ann = demo.seed.people[0];
    assert.ok(ann);
    assert.equal(await page.locator('#person option:checked').textContent(), ann.displayName);
    await page.locator('#person').selectOption({ label: ann.displayName });
    await page.locator('#rooms button', { hasText: demo.seed.bot.displayName }).click();
    await say('recordings last week');

    // The message shows as Ann's, then the bot's card, rendered by the adaptivecards renderer.
    await page.locator('.msg:not(.from-bot) .msg-text', { hasText: 'recordings last week' }).waitFor();
    await lastCard().locator('.ac-adaptiveCard').waitFor();
    const card = lastCard();
    assert.match(await card.innerText(), /Showing 1–10 of \d+ recordings/);
    // The range is labelled with her zone's name (PST, CET…; both names when last week crossed a DST change).
    const zoneNames = [Date.now(), Date.now() - 8 * 86_400_000].map((t) =>
      zoneAbbreviation(new Date(t), ann.timezone ?? 'UTC'),
    );
    const shown = await card.innerText();
    assert.ok(
      zoneNames.some((z) => shown.includes(`(${z}`) || shown.includes(`/${z})`)),
      `${zoneNames.join(', ')} in ${shown}`,
    );
    assert.equal(await card.locator(button('Play')).count(), 10);
    assert.ok((await card.locator(button('Download')).count()) >= 9);

    // It went through Webex's path: Ann's message reached the bot as a signed webhook over HTTP.
    const annMessage = demo.emulator.messagesIn(demo.seed.directRooms.get(ann.id)?.id ?? '')[0];
    assert.equal(annMessage?.text, 'recordings last week');
    const delivery = demo.emulator.deliveries.find((d) => d.body.data['id'] === annMessage?.id);
    assert.equal(delivery?.status, 200);
    assert.match(delivery?.signature ?? '', /^[0-9a-f]{40}$/);
    assert.equal(delivery?.targetUrl, `${demo.botUrl}/webhooks/webex`);
  });

  it('when Ann presses Play, then the (emulated) recording page opens', async () => {
    const [player] = await Promise.all([
      browser.context.waitForEvent('page'),
      lastCard().locator(button('Play')).first().click(),
    ]);
    await player.waitForLoadState();
    const id = /\/_demo\/recordings\/([0-9a-f]{32})\/play$/.exec(player.url())?.[1];
    const recording = demo.seed.recordings.find((r) => r.id === id);
    assert.equal(recording?.hostEmail, demo.seed.people[0]?.email, player.url());
    assert.equal((await player.locator('h1').innerText()).trim(), recording?.topic);
    await player.close();
  });

  it('when Ann presses "Show more", then the action goes through the emulator and the next page arrives', async () => {
    const before = await cards().count();
    await lastCard().locator(button('Show more')).click();
    await cards().nth(before).locator('.ac-adaptiveCard').waitFor();
    assert.match(await lastCard().innerText(), /Showing 11–\d+ of \d+ recordings/);
    assert.ok((await lastCard().locator(button('Play')).count()) >= 4);
    const action = demo.emulator.deliveries.find((d) => d.resource === 'attachmentActions');
    assert.equal(action?.status, 200);
    assert.equal(action?.body.data['personId'], demo.seed.people[0]?.id);
  });

  it('when Ann writes in the group space, then the bot hears only the message that @mentions it', async () => {
    const group = demo.seed.group;
    await page.locator('#rooms button', { hasText: group.title }).click();
    await page.locator('#room-title', { hasText: group.title }).waitFor();

    await say('morning all');
    await page.locator('.msg-text', { hasText: 'morning all' }).waitFor();
    const unmentioned = demo.emulator.messagesIn(group.id).at(-1);
    assert.equal(unmentioned?.text, 'morning all');
    assert.equal(
      demo.emulator.deliveries.filter((d) => d.body.data['id'] === unmentioned?.id).length,
      0,
      'Webex tells a bot only about group messages that mention it',
    );

    // "@Rec" opens the mention menu; Enter picks the bot, as in a Webex client.
    await page.locator('#input').fill('');
    await page.locator('#input').pressSequentially('@Rec');
    await page.locator('#mention-menu button', { hasText: demo.seed.bot.displayName }).waitFor();
    await page.locator('#input').press('Enter');
    await page.locator('#input').pressSequentially('recordings last week topic sync');
    await page.locator('#input').press('Enter');

    await page.locator('.msg .mention', { hasText: demo.seed.bot.displayName }).waitFor();
    await lastCard().locator('.ac-adaptiveCard').waitFor();
    const card = lastCard();
    assert.match(await card.innerText(), /topic “sync”/);
    assert.ok((await card.locator(button('Play')).count()) >= 3);
    assert.doesNotMatch(await card.innerText(), /Password/, 'no passwords in a group space');
    // "Sales & product sync" comes escaped for Webex's markdown (`\&`); the page renders it as Webex does.
    assert.match(await card.innerText(), /Sales & product sync/);
    assert.doesNotMatch(await card.innerText(), /\\/);
    const asked = demo.emulator.messagesIn(group.id).find((m) => m.mentionedPeople?.length);
    assert.deepEqual(asked?.mentionedPeople, [demo.seed.bot.id]);
    assert.equal(asked?.text, `${demo.seed.bot.displayName} recordings last week topic sync`);
  });

  it('takes a screenshot of the page with the card', async () => {
    // Show the question and the top of the answer, as someone reading along would.
    await page.setViewportSize({ width: 1280, height: 880 });
    await page
      .locator('.msg', { has: page.locator('.mention') })
      .last()
      .evaluate((el) => (el as { scrollIntoView(o: object): void }).scrollIntoView({ block: 'start' }));
    await page.mouse.move(0, 0);
    await page.screenshot({ path: SCREENSHOT });
    const png = await readFile(SCREENSHOT);
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.ok(png.length < 300_000, `screenshot is ${png.length} bytes`);
    assert.deepEqual(pageErrors, []);
  });

  it('when Ann sets her time zone with the bot, then the header and the message times follow it', async () => {
    const ann = demo.seed.people[0];
    assert.ok(ann);
    await page.locator('#rooms button', { hasText: demo.seed.bot.displayName }).click();
    await page.locator('#room-sub', { hasText: `times in ${ann.timezone ?? 'UTC'}` }).waitFor();
    // The bot is a member of the group space, but not one of its people.
    const people = demo.seed.people.length;
    await page.locator('#rooms small', { hasText: `Group · ${people} people` }).waitFor();

    await say('timezone Asia/Tokyo');
    await page.locator('#room-sub', { hasText: 'times in Asia/Tokyo' }).waitFor({ timeout: 15_000 });
    const first = page.locator('#messages time').first();
    const iso = await first.getAttribute('datetime');
    assert.ok(iso);
    const tokyo = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Tokyo',
      hour: '2-digit',
      minute: '2-digit',
    });
    assert.match(await first.innerText(), new RegExp(tokyo.format(new Date(iso))));

    await say('timezone reset');
    await page
      .locator('#room-sub', { hasText: `times in ${ann.timezone ?? 'UTC'}` })
      .waitFor({ timeout: 15_000 });
  });

  it('when Ann says "notify me" and her meeting ends, then the alert card arrives in her 1:1', async () => {
    const ann = demo.seed.people[0];
    assert.ok(ann);
    await page.locator('#rooms button', { hasText: demo.seed.bot.displayName }).click();
    await page.locator('#room-sub', { hasText: '1:1 space' }).waitFor();
    await say('notify me');
    // The bot's first message after Ann's (counting the bot's messages first raced the space's history loading).
    const answer = page.locator('.msg:not(.from-bot):has-text("notify me") ~ .msg.from-bot').first();
    await answer.waitFor();
    assert.match(await answer.innerText(), /notification \*{0,2}#\d/i);

    // The page's control: Ann's meeting "Quarterly planning" ends with a recording.
    assert.equal(await page.locator('#meeting-host option:checked').textContent(), ann.displayName);
    await page.locator('#meeting-topic').fill('Quarterly planning');
    await page.locator('#end-meeting button[type="submit"]').click();
    await page.locator('#meeting-status', { hasText: 'ready' }).waitFor();

    const alert = cards().filter({ hasText: 'Quarterly planning' }).last();
    await alert.locator('.ac-adaptiveCard').waitFor({ timeout: 20_000 });
    assert.match(await alert.innerText(), /ready/i);
    assert.equal(await alert.locator(button('Play Quarterly planning')).count(), 1);
    // Webex's path: the recordings webhook was delivered, signed, to the bot.
    const delivery = demo.emulator.deliveries.find(
      (d) => d.resource === 'recordings' && d.body.data['topic'] === 'Quarterly planning',
    );
    assert.equal(delivery?.status, 200);
    assert.equal(delivery?.targetUrl.startsWith(demo.botUrl), true);
  });

  it('when Ann connects and signs in as herself, then her recordings include those shared with her', async () => {
    const ann = demo.seed.people[0];
    assert.ok(ann);
    await say('connect');
    const signIn = lastCard().locator(button('Sign in'));
    await signIn.waitFor();
    const [popup] = await Promise.all([browser.context.waitForEvent('page'), signIn.click()]);
    await popup.waitForLoadState();
    await popup.locator('h1', { hasText: 'You are connected' }).waitFor();
    await popup.close();
    await page.locator('.msg.from-bot .msg-text', { hasText: 'connected' }).last().waitFor();

    demo.emulator.clearLog();
    const before = await cards().count();
    await say('recordings last week');
    await cards().nth(before).locator('.ac-adaptiveCard').waitFor();
    const list = demo.emulator.requests.find((r) => r.path === '/recordings');
    assert.equal(list?.query['hostEmail'], undefined, 'listed with her own token');
    const shared = demo.seed.recordings.filter((r) => r.sharedWith.includes(ann.email));
    assert.ok(shared.length >= 2);
    const text = await lastCard().innerText();
    assert.match(text, /Shared with you/);
    assert.ok(
      shared.some((r) => text.includes(r.topic)),
      `one of ${shared.map((r) => r.topic).join(', ')}`,
    );
  });

  it('when the page is 400 px wide, then the chat, the spaces and the composer fit without sideways scrolling', async () => {
    await page.setViewportSize({ width: 400, height: 800 });
    const width = await page.evaluate(
      () =>
        (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
          .documentElement.scrollWidth,
    );
    assert.ok(width <= 400, `page is ${width} px wide`);
    for (const id of ['#person', '#rooms', '#messages', '#input', '#send']) {
      const box = await page.locator(id).boundingBox();
      assert.ok(
        box && box.x >= 0 && box.x + box.width <= 400 && box.height > 0,
        `${id}: ${JSON.stringify(box)}`,
      );
    }
    const card = await lastCard().boundingBox();
    assert.ok(card && card.x + card.width <= 400, `card: ${JSON.stringify(card)}`);
    // The card's buttons wrap rather than being cut off at the card's edge.
    for (const b of await lastCard().locator('button.ac-pushButton').all()) {
      const box = await b.boundingBox();
      assert.ok(box && card && box.x + box.width <= card.x + card.width, `button: ${JSON.stringify(box)}`);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});

describe('the demo stays out of production', () => {
  it('when the bot runs in the demo, then its own server serves none of the page', async () => {
    const demo = await startDemo({ port: 0, logLevel: 'silent' });
    try {
      for (const path of ['/', '/_demo/api/state', '/_demo/static/app.js']) {
        assert.equal((await fetch(`${demo.botUrl}${path}`)).status, 404, path);
        assert.equal((await fetch(new URL(path, demo.url))).status, 200, path);
      }
    } finally {
      await demo.stop();
    }
  });

  it('when an emulator is started without the demo, then it has no page either', async () => {
    const emulator = await WebexEmulator.start();
    try {
      const origin = emulator.baseUrl.replace(/\/v1$/, '');
      for (const path of ['/', '/_demo/api/state', '/_demo/static/app.js']) {
        assert.equal((await fetch(`${origin}${path}`)).status, 404, path);
      }
    } finally {
      await emulator.stop();
    }
  });

  it('when main.ts is followed import by import, then it never leaves src/ (the demo and emulator live in dev/)', async () => {
    const root = packageRoot();
    const src = join(root, 'src');
    const seen = new Set<string>();
    const visit = async (file: string): Promise<void> => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = await readFile(file, 'utf8');
      for (const m of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)\.js'/g)) {
        const target = resolve(dirname(file), `${m[1]}.ts`);
        if ((await stat(target).catch(() => undefined))?.isFile()) await visit(target);
      }
    };
    await visit(join(src, 'main.ts'));
    const reached = [...seen].map((f) => relative(root, f));
    assert.ok(reached.includes(join('src', 'app.ts')));
    assert.deepEqual(
      reached.filter((f) => !f.startsWith(`src${sep}`)),
      [],
    );
    // And the page's files really are where the demo serves them from.
    assert.deepEqual((await readdir(join(root, 'dev', 'demo', 'public'))).sort(), [
      'app.js',
      'index.html',
      'style.css',
    ]);
  });
});
