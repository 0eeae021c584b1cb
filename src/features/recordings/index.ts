/** The recordings feature's public API: what other features may use (they never import its internal files). */
export { buildRecordingsCard, type CardRecording } from './recordings-card.js';
