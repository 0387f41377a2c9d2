import { type Kysely, sql } from "kysely";

/**
 * The demo office's history is made after the server listens, one day at a time: a row per planned
 * day, marked done in the transaction that finishes the day. A restart finds the days still to make
 * (and throws away what a stopped run left of a half-made one), and the app tells staff how far it is.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table demo_history_days (
      branch_id bigint not null references branches(id),
      day date not null,
      done boolean not null default false,
      tickets integer,
      primary key (branch_id, day)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table demo_history_days`.execute(db);
}
