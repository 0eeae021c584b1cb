import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config.js';

const base = { WEBEX_BOT_TOKEN: 'bot-token', PUBLIC_URL: 'https://bot.example.com/' };

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    return err.problems;
  }
  return [];
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig(base);
    assert.equal(c.port, 3000);
    assert.equal(c.webexApiUrl, 'https://webexapis.com/v1');
    assert.equal(c.defaultTimeZone, 'UTC');
    assert.equal(c.dataDir, './data');
    assert.equal(c.publicUrl, 'https://bot.example.com');
    assert.equal(c.webhookSecret, undefined);
  });

  it('names every variable to fix at once', () => {
    const p = problems({
      PORT: 'abc',
      DEFAULT_TIMEZONE: 'Mars/Olympus',
      LOG_LEVEL: 'loud',
      WEBEX_API_URL: 'ftp://x',
    });
    for (const name of [
      'WEBEX_BOT_TOKEN',
      'PUBLIC_URL',
      'PORT',
      'DEFAULT_TIMEZONE',
      'LOG_LEVEL',
      'WEBEX_API_URL',
    ]) {
      assert.ok(
        p.some((line) => line.startsWith(name)),
        `${name} missing from ${p.join('; ')}`,
      );
    }
    assert.ok(p.find((l) => l.startsWith('WEBEX_BOT_TOKEN'))?.includes('developer.webex.com'));
  });

  it('requires WEBHOOK_SECRET in production', () => {
    const p = problems({ ...base, NODE_ENV: 'production' });
    assert.ok(p.some((l) => l.startsWith('WEBHOOK_SECRET')));
    assert.doesNotThrow(() =>
      loadConfig({ ...base, NODE_ENV: 'production', WEBHOOK_SECRET: 'x'.repeat(32) }),
    );
  });

  it('treats empty values as unset', () => {
    assert.equal(loadConfig({ ...base, PORT: '', DEFAULT_TIMEZONE: ' ' }).port, 3000);
  });

  it('accepts IANA zones with odd offsets', () => {
    assert.equal(
      loadConfig({ ...base, DEFAULT_TIMEZONE: 'Asia/Kathmandu' }).defaultTimeZone,
      'Asia/Kathmandu',
    );
  });
});
