/**
 * Types for the parsed `recordings` command. Types only — no runtime code.
 *
 * Everything is in absolute instants (`Date`) plus the asking person's IANA zone; ranges are
 * half-open `[from, to)` and `from < to` always holds for a successful parse.
 */
export {};
//# sourceMappingURL=recordings-query.js.map