import { LRUCache } from 'lru-cache';
import { JsonText } from '../../webex/json-text.js';
import type { CardToPost } from '../../webex/types.js';

/** A finished answer: the card (best kept as its JSON: see JsonText) and the markdown fallback posted with it. */
export interface FinishedAnswer {
  card: CardToPost;
  markdown: string;
}

/** 8 MiB: a few hundred finished cards, the ones people are asking for right now. */
export const DEFAULT_ANSWER_MEMO_BYTES = 8 * 1024 * 1024;

/**
 * Finished answers for listings the answer cache still holds, so that a cache hit posts what was built the first
 * time instead of building the card again (the card and its fallback are most of a hit's work).
 *
 * An answer is remembered per listing object (the very array the answer cache returned) and a key that names
 * everything else the card is made from (the resolved question, the page, whether passwords are shown). A new listing
 * (the answer cache refetched) is a new object, so an answer is never reused for a list it was not built from; the
 * entries of listings that are gone are unreachable and age out of the LRU, bounded in bytes.
 */
export function createAnswerMemo(maxBytes: number = DEFAULT_ANSWER_MEMO_BYTES) {
  const listIds = new WeakMap<object, number>();
  let lastId = 0;
  const answers = new LRUCache<string, FinishedAnswer>({
    maxSize: maxBytes,
    // A kept card's bytes, strings as UTF-16, plus object overhead; measured once per built answer, never on a hit.
    sizeCalculation: (a) =>
      (a.card instanceof JsonText ? a.card.bytes.length : 2 * JSON.stringify(a.card).length) +
      2 * a.markdown.length +
      1024,
  });
  return {
    /** The answer for `list` and `key`, built by `build` the first time. Callers must not mutate what they get. */
    answer(list: object, key: string, build: () => FinishedAnswer): FinishedAnswer {
      let id = listIds.get(list);
      if (id === undefined) {
        id = ++lastId;
        listIds.set(list, id);
      }
      const fullKey = `${id}\n${key}`;
      const known = answers.get(fullKey);
      if (known) return known;
      const built = build();
      answers.set(fullKey, built);
      return built;
    },
    /** Bytes held (for tests and metrics). */
    get bytes(): number {
      return answers.calculatedSize;
    },
  };
}

export type AnswerMemo = ReturnType<typeof createAnswerMemo>;
