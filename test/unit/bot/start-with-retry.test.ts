import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startWithRetry } from '../../../src/bot/start-with-retry.js';
import { StartupError } from '../../../src/core/startup-error.js';
import { WebexApiError } from '../../../src/webex/webex-client.js';
import { memoryLogger } from '../../helpers/silent-logger.js';

const apiError = (status: number) => new WebexApiError('GET', '/people/me', status, undefined, 'refused');

describe('startWithRetry', () => {
  it('when Webex fails twice and then answers, then it retries, reports why, and clears the reason', async () => {
    const statuses: Array<string | undefined> = [];
    let attempts = 0;
    const started = await startWithRetry(
      async () => {
        if (++attempts < 3) throw apiError(503);
      },
      {
        logger: memoryLogger('fatal').logger,
        delayMs: () => 0,
        stopping: () => false,
        onStatus: (s) => statuses.push(s),
      },
    );
    assert.equal(started, true);
    assert.equal(attempts, 3);
    assert.equal(statuses.length, 3);
    assert.match(statuses[0] ?? '', /503/);
    assert.equal(statuses.at(-1), undefined);
  });

  it('when Webex rejects the token (401), then it stops at once with a StartupError naming WEBEX_BOT_TOKEN', async () => {
    let attempts = 0;
    await assert.rejects(
      startWithRetry(
        async () => {
          attempts++;
          throw apiError(401);
        },
        {
          logger: memoryLogger('fatal').logger,
          delayMs: () => 0,
          stopping: () => false,
          onStatus: () => undefined,
        },
      ),
      (err: unknown) => err instanceof StartupError && /WEBEX_BOT_TOKEN/.test(err.message),
    );
    assert.equal(attempts, 1);
  });

  it('when the bot is stopping, then no further attempt is made', async () => {
    let attempts = 0;
    let stopping = false;
    const started = await startWithRetry(
      async () => {
        attempts++;
        stopping = true;
        throw apiError(503);
      },
      {
        logger: memoryLogger('fatal').logger,
        delayMs: () => 0,
        stopping: () => stopping,
        onStatus: () => undefined,
      },
    );
    assert.equal(started, false);
    assert.equal(attempts, 1);
  });
});
