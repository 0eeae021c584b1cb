import { createHmac, timingSafeEqual } from 'node:crypto';
/**
 * Webex signs each delivery with HMAC-SHA1 of the exact bytes it sent, keyed with the webhook secret, hex-encoded in
 * X-Spark-Signature. Checked over the raw body (re-serialised JSON differs from what was signed) in constant time.
 */
export function verifyWebexSignature(rawBody, signature, secret) {
    // Exactly one SHA-1 digest: Buffer.from(hex) would silently drop a trailing odd nibble.
    if (!signature || !/^[0-9a-f]{40}$/i.test(signature))
        return false;
    const expected = createHmac('sha1', secret).update(rawBody).digest();
    const given = Buffer.from(signature, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
}
export function signWebexBody(rawBody, secret) {
    return createHmac('sha1', secret).update(rawBody).digest('hex');
}
//# sourceMappingURL=verify-signature.js.map