import { Column, getTableColumns, getTableName, is, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";

// Several tables' rows in one statement: each part of a read is a JSON subquery, mapped back here
// exactly as drizzle maps a column it reads. On the embedded database every statement costs a
// fixed round trip through PGlite, so a card read in one statement instead of nine saves most of
// its cost (and a pooled connection per part on a PostgreSQL server).

/** A JSON object's fields: table columns (mapped back like a read) or typed expressions. */
export type JsonFields = Record<string, Column | SQL<unknown>>;

/** What a field reads back as. */
export type Decoded<F extends JsonFields> = {
  [K in keyof F]: F[K] extends Column
    ? F[K]["_"]["notNull"] extends true
      ? F[K]["_"]["data"]
      : F[K]["_"]["data"] | null
    : F[K] extends SQL<infer T>
      ? T
      : never;
};

/**
 * A column with its table's name (or alias) always written out. Drizzle leaves the table off in a
 * query on a single table, and then a correlated subquery's `"id"` silently means its own table's
 * id: every column inside these subqueries, and the outer column it is matched with, goes through here.
 */
export function col(column: Column): SQL {
  return sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}`;
}

const rendered = (field: Column | SQL) => (is(field, Column) ? col(field) : field);

/** `json_build_object('key', field, …)`; keys are our own property names. */
export function jsonObject(fields: JsonFields): SQL {
  const pairs = Object.entries(fields).map(([key, value]) => {
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(key)) throw new Error(`not a property name: ${key}`);
    return sql`${sql.raw(`'${key}'`)}, ${rendered(value)}`;
  });
  return sql`json_build_object(${sql.join(pairs, sql`, `)})`;
}

/** A JSON object of `fields` read back: columns mapped as a plain select maps them. */
export function fromJson<F extends JsonFields>(fields: F, json: Record<string, unknown>): Decoded<F> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(fields)) {
    const value = json[key] ?? null;
    out[key] = value !== null && is(field, Column) ? field.mapFromDriverValue(value) : value;
  }
  return out as Decoded<F>;
}

/** Every column of `table`, for `jsonObject` and `fromJson`. */
export function columnsOf<T extends PgTable>(table: T): T["_"]["columns"] {
  return getTableColumns(table);
}

/** A sort key of a JSON list: a column or expression, ascending unless `desc`. */
export interface OrderKey {
  by: Column | SQL;
  desc?: boolean;
}

const direction = (o: OrderKey) => (o.desc ? sql` desc` : sql``);
const key = (o: OrderKey) => rendered(o.by);

/**
 * `(select json_agg(…) …)`: the rows of a correlated subquery as a JSON array in `order` (an empty
 * array when there are none), at most `limit`. The order is given to json_agg itself: a sorted
 * subquery alone does not promise the aggregate's order.
 */
export function jsonList(
  fields: JsonFields,
  from: SQL,
  where: SQL,
  order: OrderKey[],
  limit?: number,
): SQL<Record<string, unknown>[]> {
  const sorted = sql.join(
    order.map((o) => sql`${key(o)}${direction(o)}`),
    sql`, `,
  );
  if (limit === undefined) {
    return sql`(select coalesce(json_agg(${jsonObject(fields)} order by ${sorted}), '[]'::json)
      from ${from} where ${where})`;
  }
  const keys = sql.join(
    order.map((o, i) => sql`${key(o)} as ${sql.raw(`k${i}`)}`),
    sql`, `,
  );
  const again = sql.join(
    order.map((o, i) => sql`${sql.raw(`x.k${i}`)}${direction(o)}`),
    sql`, `,
  );
  return sql`(select coalesce(json_agg(x.j order by ${again}), '[]'::json) from (
    select ${jsonObject(fields)} as j, ${keys} from ${from} where ${where} order by ${sorted} limit ${limit}) x)`;
}

/** `(select json_build_object(…) …)`: the first row of a correlated subquery in `order`, or null. */
export function jsonFirst(
  fields: JsonFields,
  from: SQL,
  where: SQL,
  order: OrderKey[],
): SQL<Record<string, unknown> | null> {
  const sorted = sql.join(
    order.map((o) => sql`${key(o)}${direction(o)}`),
    sql`, `,
  );
  return sql`(select ${jsonObject(fields)} from ${from} where ${where} order by ${sorted} limit 1)`;
}
