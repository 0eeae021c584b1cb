import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { describe, it } from 'node:test';
import { createSdkStandIn, loadWithReplacement } from '../../../src/bot/sdk-stand-in.js';

/** A throw-away CommonJS package that requires `name` at its top, as the framework requires 'webex'. */
function fakePackage(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'stand-in-'));
  writeFileSync(join(dir, 'index.cjs'), `module.exports = { sdk: require(${JSON.stringify(name)}) };`);
  return dir;
}

describe('the SDK stand-in', () => {
  it('when the package is loaded through loadWithReplacement, then its require gets the replacement', () => {
    const dir = fakePackage('node:os');
    const require = createRequire(import.meta.url);
    const replacement = { init: () => 'ours' };
    const loaded = loadWithReplacement(
      'node:os',
      dir + sep,
      replacement,
      () => require(join(dir, 'index.cjs')) as unknown,
    ) as { sdk: unknown };
    assert.equal(loaded.sdk, replacement);
  });

  it('when the same request comes from elsewhere, or after loading, then the real module answers', () => {
    const dir = fakePackage('node:os');
    const other = fakePackage('node:os');
    const require = createRequire(import.meta.url);
    const fromOther = loadWithReplacement(
      'node:os',
      dir + sep,
      {},
      () => require(join(other, 'index.cjs')) as { sdk: unknown },
    );
    assert.equal(fromOther.sdk, require('node:os'));
  });

  it('when init() is called during the hand-over, then it returns the transport; outside it, it throws', () => {
    const standIn = createSdkStandIn<{ name: string }>();
    const transport = { name: 'transport' };
    assert.equal(
      standIn.during(transport, () => standIn.init()),
      transport,
    );
    assert.throws(() => standIn.init(), /outside of the framework start/);
    assert.throws(() =>
      standIn.during(transport, () => {
        throw new Error('start failed');
      }),
    );
    assert.throws(() => standIn.init(), /outside/, 'a failed start does not leave the transport handed out');
  });
});
