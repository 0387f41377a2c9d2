import { type Kysely, sql } from "kysely";

/**
 * Long-wait alerts (docs/PRODUCT.md §6): rules, the alerts they open, and an outbox of messages to send.
 * - One open alert per rule and subject (a service, or an operator for long pauses), enforced by a
 *   unique index, so even two evaluators racing could not open it twice.
 * - Messages are written to `alert_deliveries` in the transaction that opens, escalates or resolves
 *   the alert, and sent afterwards: a slow or failing channel never holds the queue's transaction,
 *   and a restart loses nothing (pending rows are sent after it).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table alert_rules (
      id bigint generated always as identity primary key,
      branch_id bigint not null references branches(id),
      name text not null default '',
      kind text not null check (kind in ('wait_time', 'queue_length', 'no_operator', 'long_pause')),
      service_id bigint references services(id),
      threshold double precision not null check (threshold >= 0),
      -- [{type: in_app} | {type: email, to} | {type: telegram, chatId} | {type: webhook, url, secret?}]
      channels jsonb not null,
      cooldown_minutes integer not null check (cooldown_minutes >= 1),
      -- {afterMinutes, channels} or null
      escalation jsonb,
      active boolean not null default true,
      deleted_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index alert_rules_branch on alert_rules (branch_id) where deleted_at is null;

    create table alerts (
      id bigint generated always as identity primary key,
      branch_id bigint not null references branches(id),
      rule_id bigint not null references alert_rules(id),
      kind text not null,
      -- 'service:<id>' or 'employee:<id>': what the alert is about, within its rule.
      subject text not null,
      service_id bigint references services(id),
      employee_id bigint references employees(id),
      status text not null default 'open' check (status in ('open', 'resolved')),
      threshold double precision not null,
      value double precision not null,
      peak_value double precision not null,
      details jsonb not null default '{}',
      message text not null default '',
      opened_at timestamptz not null,
      resolved_at timestamptz,
      -- Why it resolved without the condition clearing (the rule was archived or switched off).
      resolve_reason text,
      -- When its channels may next be told (opening, then reminders every cooldown); null: never.
      next_notify_at timestamptz,
      -- When its channels were last told about it; a resolution is sent only if they were.
      last_notified_at timestamptz,
      escalated_at timestamptz,
      acknowledged_at timestamptz,
      acknowledged_by bigint references employees(id)
    );
    create unique index alerts_one_open on alerts (rule_id, subject) where status = 'open';
    -- "When was this last messaged about?", asked when an alert opens, over recent resolved ones.
    create index alerts_last_notified on alerts (rule_id, subject, last_notified_at) where status = 'resolved';
    create index alerts_branch_opened on alerts (branch_id, opened_at desc);

    create table alert_deliveries (
      id bigint generated always as identity primary key,
      alert_id bigint not null references alerts(id),
      branch_id bigint not null references branches(id),
      event text not null check (event in ('opened', 'reminder', 'escalated', 'resolved')),
      -- The channel without its secret (looked up in the rule when sending), and a key naming the
      -- recipient: a newer message to the same recipient about the same alert supersedes an unsent one.
      channel jsonb not null,
      channel_key text not null,
      subject text not null,
      body text not null,
      status text not null default 'pending' check (status in ('pending', 'sent', 'failed', 'superseded')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null,
      -- A sender claims a row until then; another instance takes it only if that sender died.
      locked_until timestamptz,
      last_error text,
      created_at timestamptz not null,
      sent_at timestamptz
    );
    create index alert_deliveries_due on alert_deliveries (next_attempt_at) where status = 'pending';
    create index alert_deliveries_alert on alert_deliveries (alert_id, channel_key);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table alert_deliveries; drop table alerts; drop table alert_rules;`.execute(db);
}
