export { WebexEmulator } from './webex-emulator.js';
export { sparkSignature, verifySparkSignature } from './signing.js';
export { encodeWebexId, decodeWebexId } from './ids.js';
export { MAX_MESSAGE_BYTES, ADAPTIVE_CARD_CONTENT_TYPE } from './store.js';
//# sourceMappingURL=index.js.map