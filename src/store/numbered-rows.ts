/**
 * Rows numbered per space (`digest stop 2`, `notify stop 1`): the queries every such table answers the same way,
 * written once. A feature's repository keeps its own row mapping and its own way of picking the next number.
 */
import type { Insertable, Kysely, Selectable } from 'kysely';

/** The columns a per-space numbered table has: `number` unique per `room_id`, `active` 1 until stopped. */
export interface NumberedColumns {
  id: string;
  room_id: string;
  number: number;
  active: number;
  stopped_at: number | null;
  stopped_by: string | null;
}

/** The tables of `DB` that have those columns. */
export type NumberedTable<DB> = {
  [T in keyof DB & string]: Selectable<DB[T]> extends NumberedColumns ? T : never;
}[keyof DB & string];

/**
 * Kysely cannot type a query over a table chosen by a type parameter, so the queries are typed against this view
 * of one table (`numbered`) and run on the real one: the `NumberedTable` constraint is what makes the view true.
 */
type View = Kysely<{ numbered: NumberedColumns }>;
const view = <DB>(db: Kysely<DB>): View => db as unknown as View;
const real = (table: string) => table as 'numbered';

/** The active rows of a space, by number. */
export async function activeByNumber<DB, T extends NumberedTable<DB>>(
  db: Kysely<DB>,
  table: T,
  roomId: string,
): Promise<Selectable<DB[T]>[]> {
  const rows = await view(db)
    .selectFrom(real(table))
    .selectAll()
    .where('room_id', '=', roomId)
    .where('active', '=', 1)
    .orderBy('number')
    .execute();
  return rows as Selectable<DB[T]>[];
}

/** The row with this number in the space, active or stopped. */
export async function rowByNumber<DB, T extends NumberedTable<DB>>(
  db: Kysely<DB>,
  table: T,
  roomId: string,
  number: number,
): Promise<Selectable<DB[T]> | undefined> {
  const row = await view(db)
    .selectFrom(real(table))
    .selectAll()
    .where('room_id', '=', roomId)
    .where('number', '=', number)
    .executeTakeFirst();
  return row as Selectable<DB[T]> | undefined;
}

/**
 * Stops those of `ids` still active and returns the ids this call stopped: of several instances stopping the same
 * row, exactly one hears it back, so only one acts on it.
 */
export async function stopNumbered<DB>(
  db: Kysely<DB>,
  table: NumberedTable<DB>,
  ids: string[],
  stoppedBy: string,
  now: Date,
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await view(db)
    .updateTable(real(table))
    .set({ active: 0, stopped_at: now.getTime(), stopped_by: stoppedBy })
    .where('id', 'in', ids)
    .where('active', '=', 1)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** How many times `insertNumbered` tries again after losing the race for a number. */
export const NUMBER_RETRIES = 5;

/**
 * Inserts the row `build` makes with the next number of the space (max + 1, so a stopped row's number is not
 * reused). Two instances racing for the same number: the table's unique key on (room_id, number) refuses one,
 * which tries again with the next. A table with other unique keys passes `refused`: called with the row a unique
 * key refused, it throws when that key was not the number's (trying other numbers would not help).
 */
export async function insertNumbered<DB, T extends NumberedTable<DB>, R extends Insertable<DB[T]>>(
  db: Kysely<DB>,
  table: T,
  roomId: string,
  build: (number: number) => R,
  refused?: (row: R) => Promise<void>,
): Promise<R> {
  for (let attempt = 0; ; attempt++) {
    const top = await view(db)
      .selectFrom(real(table))
      .select((eb) => eb.fn.max('number').as('n'))
      .where('room_id', '=', roomId)
      .executeTakeFirst();
    const row = build(Number(top?.n ?? 0) + 1);
    try {
      await view(db)
        .insertInto(real(table))
        .values(row as unknown as NumberedColumns)
        .execute();
      return row;
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      await refused?.(row);
      if (attempt >= NUMBER_RETRIES) throw err;
    }
  }
}

/** Unique-key violation on SQLite or Postgres: someone else got there first. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: unknown } | null | undefined;
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE'
  );
}
