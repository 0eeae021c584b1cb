import { createHmac, timingSafeEqual } from 'node:crypto';
/** Webex's `X-Spark-Signature`: hex HMAC-SHA1 of the exact body bytes, keyed with the webhook secret. */
export function sparkSignature(secret, rawBody) {
    return createHmac('sha1', secret).update(rawBody).digest('hex');
}
export function verifySparkSignature(secret, rawBody, signature) {
    const expected = Buffer.from(sparkSignature(secret, rawBody), 'utf8');
    const actual = Buffer.from(signature, 'utf8');
    return expected.length === actual.length && timingSafeEqual(expected, actual);
}
//# sourceMappingURL=signing.js.map