import { type Kysely, sql } from "kysely";

/**
 * Remote join and visitor notifications (docs/remote-join.md).
 *
 * - `services.remote_join`: whether visitors may take this service's tickets from /join.
 * - `tickets.phone_hash`: a keyed hash (HMAC, key in `server_state`) of the phone given at a remote
 *   join: enough to count the per-phone daily cap, useless to anyone reading the database.
 *   `tickets.phone` holds the number itself only with the visitor's consent (`phone_consent_at`),
 *   for SMS; both are erased `phoneRetentionDays` after the ticket's day.
 * - `tickets.browser_hash`: the same for the id the /join page keeps in the browser (per-browser cap).
 * - `tickets.arrival_required` / `arrived_at`: a remote ticket that is not called until its holder
 *   taps «Я на месте» (inside the geofence, or with the door's QR).
 * - `tickets.postpone_count`: how often the visitor moved back.
 * - `visitor_subscriptions`: where to tell a ticket's (or an appointment's) holder about it.
 * - `alert_deliveries` becomes `outbox`, the one outbox of every outgoing message: an alert's
 *   (alert_id) or a visitor's (subscription_id). A view keeps the old name for instances of the
 *   previous release during a rolling upgrade. `dedupe_key` makes a visitor message once per
 *   event: two instances deciding the same message insert one row.
 * - `server_state`: small named values the server keeps (VAPID keys, the phone-hash key, the
 *   Telegram updates offset and the lease of the instance that reads them).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table services add column remote_join boolean not null default true;

    alter table tickets
      add column phone text,
      add column phone_consent_at timestamptz,
      add column phone_hash text,
      add column browser_hash text,
      add column arrival_required boolean not null default false,
      add column arrived_at timestamptz,
      add column postpone_count integer not null default 0;
    create index tickets_phone_day on tickets (branch_id, business_day, phone_hash) where phone_hash is not null;
    create index tickets_browser_day on tickets (branch_id, business_day, browser_hash)
      where browser_hash is not null;

    create table visitor_subscriptions (
      id bigint generated always as identity primary key,
      branch_id bigint not null references branches(id),
      ticket_id bigint references tickets(id),
      appointment_id bigint references appointments(id),
      channel text not null check (channel in ('telegram', 'webpush', 'sms', 'email')),
      -- telegram {chatId}; webpush {endpoint, keys: {p256dh, auth}}; sms {phone}; email {to}
      target jsonb not null,
      -- The channel and recipient ("telegram:12345"): subscribing twice is one subscription.
      target_key text not null,
      language text not null,
      -- The secret of the one-tap unsubscribe link.
      unsubscribe_token text not null,
      created_at timestamptz not null,
      stopped_at timestamptz,
      check ((ticket_id is null) <> (appointment_id is null))
    );
    create unique index visitor_subscriptions_unsubscribe on visitor_subscriptions (unsubscribe_token);
    create unique index visitor_subscriptions_ticket_one on visitor_subscriptions (ticket_id, target_key)
      where stopped_at is null and ticket_id is not null;
    create unique index visitor_subscriptions_appointment_one on visitor_subscriptions (appointment_id, target_key)
      where stopped_at is null and appointment_id is not null;
    create index visitor_subscriptions_branch on visitor_subscriptions (branch_id) where stopped_at is null;

    alter table alert_deliveries rename to outbox;
    alter table outbox alter column alert_id drop not null;
    alter table outbox add column subscription_id bigint references visitor_subscriptions(id);
    alter table outbox add column dedupe_key text;
    alter table outbox drop constraint alert_deliveries_event_check;
    alter table outbox add constraint outbox_event_check check (event in (
      'opened', 'reminder', 'escalated', 'resolved',
      'joined', 'approaching', 'called', 'recalled', 'redirected', 'finished',
      'reminder_day', 'reminder_hour'));
    alter table outbox add constraint outbox_one_subject check ((alert_id is null) <> (subscription_id is null));
    create unique index outbox_once on outbox (subscription_id, dedupe_key) where subscription_id is not null;
    create index outbox_subscription on outbox (subscription_id, channel_key) where subscription_id is not null;
    -- Instances of the previous release, still running during a rolling upgrade, keep queuing and
    -- sending alert messages through the old name: a one-table view is updatable (insert, update,
    -- select for update skip locked). To drop once no such instance can be left.
    create view alert_deliveries as select * from outbox;

    create table server_state (
      name text primary key,
      value jsonb not null,
      updated_at timestamptz not null default now()
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table server_state;
    drop view alert_deliveries;
    delete from outbox where subscription_id is not null;
    drop index outbox_once;
    drop index outbox_subscription;
    alter table outbox drop constraint outbox_one_subject;
    alter table outbox drop constraint outbox_event_check;
    alter table outbox add constraint alert_deliveries_event_check
      check (event in ('opened', 'reminder', 'escalated', 'resolved'));
    alter table outbox drop column dedupe_key;
    alter table outbox drop column subscription_id;
    alter table outbox alter column alert_id set not null;
    alter table outbox rename to alert_deliveries;
    drop table visitor_subscriptions;
    drop index tickets_phone_day;
    drop index tickets_browser_day;
    alter table tickets drop column phone, drop column phone_consent_at, drop column phone_hash,
      drop column browser_hash, drop column arrival_required, drop column arrived_at, drop column postpone_count;
    alter table services drop column remote_join;
  `.execute(db);
}
