export type * from './recordings-query.js';
export { parseRecordingsQuery, MAX_LAST, DEFAULT_RANGE_DAYS } from './parse-recordings-query.js';
export { toApiParams, type ApiParamsOptions } from './to-api-params.js';
export { queryKey, normalizeTopic } from './normalize-query.js';
export {
  isValidTimeZone,
  wallTimeAt,
  dateInZone,
  instantFromWallTime,
  startOfDayInZone,
  dayRange,
  daysRange,
  inclusiveDaysRange,
  addDaysInZone,
  addMonthsInZone,
  startOfWeekDate,
  weekRange,
  monthRange,
  splitRange,
  type InstantRange,
} from './date-range.js';
export { parseDate, parseDateAt, type DateParseResult } from './parse-date.js';
export type { PlainDate, PlainDateTime } from './plain-date.js';
export { tokenize, type Token } from './tokenize.js';
