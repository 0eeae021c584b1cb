import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { signWebexBody, verifyWebexSignature } from '../../../src/server/verify-signature.js';
describe('verifyWebexSignature', () => {
    const body = Buffer.from('{"id":"x", "data":{"id":"m"}}'); // spacing as sent: re-serialising would change it
    const secret = 'a-long-enough-secret';
    it('accepts the HMAC-SHA1 of the raw bytes', () => {
        assert.equal(verifyWebexSignature(body, signWebexBody(body, secret), secret), true);
    });
    it('rejects a signature over the re-serialised JSON', () => {
        const reserialised = JSON.stringify(JSON.parse(body.toString()));
        assert.equal(verifyWebexSignature(body, signWebexBody(reserialised, secret), secret), false);
    });
    it('rejects missing, malformed, short and wrong-key signatures', () => {
        assert.equal(verifyWebexSignature(body, undefined, secret), false);
        assert.equal(verifyWebexSignature(body, 'zz-not-hex', secret), false);
        assert.equal(verifyWebexSignature(body, 'abcd', secret), false);
        assert.equal(verifyWebexSignature(body, signWebexBody(body, 'other-secret-123'), secret), false);
    });
});
//# sourceMappingURL=verify-signature.test.js.map