import { type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";

/**
 * `column IN (values)` with the values as one JSON parameter. drizzle's inArray sends a parameter
 * per value and builds them one at a time: for the thousand-row batches of an import that took
 * longer than the queries. `= ANY(array)` keeps the column's index usable.
 */
export function inList(
  column: PgColumn,
  values: readonly (string | number)[],
  type: "text" | "integer",
): SQL {
  return sql`${column} = any(array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))::${sql.raw(type)}[])`;
}
