import { JsonText } from '../../src/webex/json-text.js';
import type { CardToPost } from '../../src/webex/types.js';

/** The card a reply posted, as an object whether it was posted as one or as JSON already serialised. */
export function cardObject(card: CardToPost): Record<string, unknown> {
  return card instanceof JsonText ? (JSON.parse(card.text) as Record<string, unknown>) : card;
}
