import { type Kysely, sql } from "kysely";

/**
 * Every promise recorded (docs/estimates.md): the wait range and expected wait quoted when the
 * ticket was issued, and the latest quote the visitor was shown before the call (with when it was
 * made). The actual wait is the first segment's `wait_seconds`; the estimates report compares them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table tickets
      add column quoted_min_minutes integer,
      add column quoted_max_minutes integer,
      add column quoted_expected_minutes real,
      add column latest_quoted_min_minutes integer,
      add column latest_quoted_max_minutes integer,
      add column latest_quoted_expected_minutes real,
      add column latest_quoted_at timestamptz;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table tickets
      drop column quoted_min_minutes, drop column quoted_max_minutes, drop column quoted_expected_minutes,
      drop column latest_quoted_min_minutes, drop column latest_quoted_max_minutes,
      drop column latest_quoted_expected_minutes, drop column latest_quoted_at;
  `.execute(db);
}
