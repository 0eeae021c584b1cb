export { WebexEmulator, type WaitForMessageOptions } from './webex-emulator.js';
export type * from './types.js';
export { sparkSignature, verifySparkSignature } from './signing.js';
export { encodeWebexId, decodeWebexId } from './ids.js';
export { MAX_MESSAGE_BYTES, ADAPTIVE_CARD_CONTENT_TYPE } from './store.js';
export type {
  AddIntegrationInput,
  IntegrationCredentials,
  IssueTokenOptions,
  OAuthTokenResponse,
  TokenLifetimes,
} from './oauth.js';
