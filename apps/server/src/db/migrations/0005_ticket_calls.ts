import { type Kysely, sql } from "kysely";

/**
 * The ratio rule (docs/PRODUCT.md §4) looks at the classes of a branch's latest calls. They were
 * read back out of the event log's JSON; now each call that takes a ticket from the queue writes
 * a row here, in the same transaction. Only the latest few per branch matter, so only those are
 * carried over from the log.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table ticket_calls (
      id bigint generated always as identity primary key,
      branch_id bigint not null references branches(id),
      ticket_id bigint not null references tickets(id),
      call_class text not null check (call_class in ('normal', 'priority')),
      called_at timestamptz not null
    );
    create index ticket_calls_latest on ticket_calls (branch_id, id desc);

    insert into ticket_calls (branch_id, ticket_id, call_class, called_at)
    select branch_id, ticket_id,
           case when data->>'callClass' = 'priority' then 'priority' else 'normal' end,
           created_at
      from (select e.*, row_number() over (partition by e.branch_id order by e.id desc) as newest
              from events e
             where e.type = 'ticket.called' and e.ticket_id is not null) latest
     where newest <= 100
     order by id;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table ticket_calls`.execute(db);
}
