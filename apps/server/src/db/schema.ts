import type {
  AlertDetails,
  AlertKind,
  BookingSettings,
  DeliveryEvent,
  DeliveryStatus,
  VisitorEvent,
} from "@dq/shared";
import type { ColumnType, Generated, GeneratedAlways, Insertable, Selectable, Updateable } from "kysely";

/** bigint ids come back as decimal strings from both drivers (see database.ts). */
type Id = ColumnType<string, string | never, never>;
type GeneratedId = Generated<string>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string | undefined, string>;
type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface BranchesTable {
  id: GeneratedId;
  name: string;
  timezone: string;
  settings: Json<Record<string, unknown>>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ServicesTable {
  id: GeneratedId;
  branch_id: Id;
  parent_id: string | null;
  is_group: Defaulted<boolean>;
  name: string;
  translations: Json<Record<string, string>>;
  description: Defaulted<string>;
  prefix: string | null;
  color: Defaulted<string>;
  sort_order: Defaulted<number>;
  schedule: NullableJson<Record<string, { from: string; to: string }[]>>;
  daily_limit: number | null;
  target_wait_minutes: number | null;
  priority: Defaulted<number>;
  expected_service_minutes: Defaulted<number>;
  active: Defaulted<boolean>;
  accepting_tickets: Defaulted<boolean>;
  /** Booking settings (migration 0008); null: never configured, not bookable. */
  booking: NullableJson<Partial<BookingSettings>>;
  /** Visitors may take its tickets from /join (migration 0009). */
  remote_join: Defaulted<boolean>;
  deleted_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CategoriesTable {
  id: GeneratedId;
  branch_id: Id;
  name: string;
  translations: Json<Record<string, string>>;
  priority: Defaulted<number>;
  sort_order: Defaulted<number>;
  active: Defaulted<boolean>;
  deleted_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PauseReasonsTable {
  id: GeneratedId;
  branch_id: Id;
  name: string;
  translations: Json<Record<string, string>>;
  active: Defaulted<boolean>;
  deleted_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EmployeesTable {
  id: GeneratedId;
  login: string;
  name: string;
  role: "admin" | "supervisor" | "operator";
  password_hash: string;
  active: Defaulted<boolean>;
  deleted_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EmployeeBranchesTable {
  employee_id: string;
  branch_id: string;
}

export interface CompetenciesTable {
  employee_id: string;
  service_id: string;
  branch_id: string;
  rank: number;
}

export interface WorkstationsTable {
  id: GeneratedId;
  branch_id: Id;
  number: string;
  name: string;
  spoken_name: Defaulted<string>;
  active: Defaulted<boolean>;
  deleted_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WorkstationServicesTable {
  workstation_id: string;
  service_id: string;
  branch_id: string;
}

export interface DevicesTable {
  id: GeneratedId;
  branch_id: Id;
  kind: "kiosk" | "board" | "counter" | "feedback";
  name: string;
  config: Json<Record<string, unknown>>;
  token_hash: string;
  token_prefix: string;
  created_at: Timestamp;
  last_seen_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface ApiTokensTable {
  id: GeneratedId;
  branch_id: string | null;
  name: string;
  role: "admin" | "supervisor";
  token_hash: string;
  token_prefix: string;
  created_by: string | null;
  created_at: Timestamp;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface SessionsTable {
  id: GeneratedId;
  token_hash: string;
  employee_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface TicketCountersTable {
  branch_id: string;
  service_id: string;
  business_day: string;
  last_number: number;
}

export type TicketStatus = "waiting" | "called" | "serving" | "served" | "no_show" | "cancelled";

export interface TicketsTable {
  id: GeneratedId;
  branch_id: Id;
  service_id: string;
  category_id: string | null;
  code: string;
  number: number;
  label: string;
  business_day: string;
  status: TicketStatus;
  priority: Defaulted<number>;
  segment: Defaulted<number>;
  issued_at: Timestamp;
  enqueued_at: Timestamp;
  called_at: NullableTimestamp;
  last_called_at: NullableTimestamp;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
  call_count: Defaulted<number>;
  workstation_id: string | null;
  employee_id: string | null;
  note: string | null;
  close_reason: string | null;
  language: string | null;
  origin: Defaulted<string>;
  device_id: string | null;
  rating_score: number | null;
  rating_comment: string | null;
  rated_at: NullableTimestamp;
  idempotency_key: string | null;
  /** The wait quoted at issue (migration 0007); null when no estimate was given (nobody serving). */
  quoted_min_minutes: number | null;
  quoted_max_minutes: number | null;
  quoted_expected_minutes: number | null;
  /** The latest quote shown before the call, as minutes from `latest_quoted_at`. */
  latest_quoted_min_minutes: number | null;
  latest_quoted_max_minutes: number | null;
  latest_quoted_expected_minutes: number | null;
  latest_quoted_at: NullableTimestamp;
  /** The appointment it was checked in for (migration 0008); null for walk-ins. */
  appointment_id: string | null;
  /** The slot's start while the ticket is called as an appointment; null for walk-ins and late arrivals. */
  booked_for: NullableTimestamp;
  /** The appointment as checked in, for staff screens without a join. */
  appointment: NullableJson<TicketAppointment>;
  /** The phone given at a remote join, kept only with consent (migration 0009); "+" and digits. */
  phone: string | null;
  phone_consent_at: NullableTimestamp;
  /** Keyed hashes of the phone and of the /join page's browser id, for the daily caps. */
  phone_hash: string | null;
  browser_hash: string | null;
  /** Not called until its holder says he is in the office (arrived_at). */
  arrival_required: Defaulted<boolean>;
  arrived_at: NullableTimestamp;
  postpone_count: Defaulted<number>;
  updated_at: Timestamp;
}

export interface TicketAppointment {
  code: string;
  /** The slot's start, ISO 8601 UTC. */
  start: string;
  name: string;
  /** Checked in after start plus grace: issued as a walk-in. */
  late: boolean;
}

export type AppointmentStatus = "booked" | "checked_in" | "cancelled";

export interface AppointmentsTable {
  id: GeneratedId;
  branch_id: Id;
  service_id: string;
  code: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  business_day: string;
  status: Defaulted<AppointmentStatus>;
  name: string;
  /** Normalised: "+" and digits. */
  phone: string | null;
  email: string | null;
  language: string | null;
  origin: Defaulted<"online" | "staff">;
  created_by: string | null;
  late: Defaulted<boolean>;
  ticket_id: string | null;
  idempotency_key: string | null;
  fingerprint: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  checked_in_at: NullableTimestamp;
  cancelled_at: NullableTimestamp;
}

export interface AppointmentSlotsTable {
  service_id: string;
  starts_at: Timestamp;
  booked: number;
}

export interface TicketSegmentsTable {
  ticket_id: string;
  segment: number;
  branch_id: string;
  service_id: string;
  category_id: string | null;
  business_day: string;
  enqueued_at: Timestamp;
  first_called_at: NullableTimestamp;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
  call_count: number;
  outcome: "served" | "no_show" | "redirected" | "cancelled" | null;
  close_reason: string | null;
  employee_id: string | null;
  workstation_id: string | null;
  /** Computed by the database from the columns above. */
  wait_seconds: GeneratedAlways<number | null>;
  service_seconds: GeneratedAlways<number | null>;
  rating_score: number | null;
}

export interface SignInFailuresTable {
  key: string;
  failures: number;
  window_started_at: Timestamp;
}

export interface IdempotencyKeysTable {
  branch_id: string;
  key: string;
  fingerprint: string;
  created_at: Timestamp;
}

export interface EventsTable {
  id: GeneratedId;
  branch_id: string;
  type: string;
  ticket_id: string | null;
  employee_id: string | null;
  workstation_id: string | null;
  device_id: string | null;
  data: Json<Record<string, unknown>>;
  created_at: Timestamp;
}

/** One row per call that took a ticket from the queue, with its class, for the ratio rule. */
export interface TicketCallsTable {
  id: GeneratedId;
  branch_id: string;
  ticket_id: string;
  call_class: "normal" | "priority";
  called_at: Timestamp;
}

export interface OperatorStatesTable {
  employee_id: string;
  branch_id: string;
  workstation_id: string | null;
  status: "offline" | "free" | "calling" | "serving" | "paused";
  pause_reason: string | null;
  since: Timestamp;
}

export interface OperatorStatusLogTable {
  id: GeneratedId;
  branch_id: string;
  employee_id: string;
  workstation_id: string | null;
  status: string;
  reason: string | null;
  started_at: Timestamp;
  ended_at: NullableTimestamp;
}

/** Seconds of each status per office day, added by a trigger when an interval of the log ends. */
export interface OperatorStatusDaysTable {
  branch_id: string;
  business_day: string;
  employee_id: string;
  workstation_id: string | null;
  status: string;
  reason: string | null;
  seconds: number;
}

export interface AuditLogTable {
  id: GeneratedId;
  branch_id: string | null;
  actor_kind: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  entity: string;
  entity_id: string | null;
  data: Json<Record<string, unknown>>;
  ip: string | null;
  created_at: Timestamp;
}

/** Channels and escalation as stored: a webhook keeps its secret here (never sent to clients). */
export type StoredChannel =
  | { type: "in_app" }
  | { type: "email"; to: string }
  | { type: "telegram"; chatId: string }
  | { type: "webhook"; url: string; secret?: string };
/** Where an outbox message goes: an alert's channel, or a visitor's Web Push or SMS. */
export type OutboxChannel =
  | StoredChannel
  | { type: "webpush"; endpoint: string; keys: { p256dh: string; auth: string } }
  | { type: "sms"; phone: string };
export interface StoredEscalation {
  afterMinutes: number;
  channels: StoredChannel[];
}

export interface AlertRulesTable {
  id: GeneratedId;
  branch_id: Id;
  name: Defaulted<string>;
  kind: AlertKind;
  service_id: string | null;
  threshold: number;
  channels: Json<StoredChannel[]>;
  cooldown_minutes: number;
  escalation: NullableJson<StoredEscalation>;
  active: Defaulted<boolean>;
  deleted_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AlertsTable {
  id: GeneratedId;
  branch_id: Id;
  rule_id: string;
  kind: AlertRulesTable["kind"];
  subject: string;
  service_id: string | null;
  employee_id: string | null;
  status: Defaulted<"open" | "resolved">;
  threshold: number;
  value: number;
  peak_value: number;
  details: Json<AlertDetails>;
  message: Defaulted<string>;
  opened_at: Timestamp;
  resolved_at: NullableTimestamp;
  resolve_reason: string | null;
  next_notify_at: NullableTimestamp;
  last_notified_at: NullableTimestamp;
  escalated_at: NullableTimestamp;
  acknowledged_at: NullableTimestamp;
  acknowledged_by: string | null;
}

/** The outbox of every outgoing message (migration 0009): an alert's, or a visitor's. */
export interface OutboxTable {
  id: GeneratedId;
  /** Exactly one of alert_id and subscription_id is set. */
  alert_id: string | null;
  subscription_id: string | null;
  /** A visitor message's event and occurrence ("called:2:1"): the same message is queued once. */
  dedupe_key: string | null;
  branch_id: Id;
  event: DeliveryEvent | VisitorEvent;
  channel: Json<OutboxChannel>;
  channel_key: string;
  subject: string;
  body: string;
  status: Defaulted<DeliveryStatus>;
  attempts: Defaulted<number>;
  next_attempt_at: Timestamp;
  locked_until: NullableTimestamp;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: NullableTimestamp;
}

export type VisitorChannel = "telegram" | "webpush" | "sms" | "email";
export type VisitorTarget =
  | { chatId: string }
  | { endpoint: string; keys: { p256dh: string; auth: string } }
  | { phone: string }
  | { to: string };

/** Where a ticket's or an appointment's holder is told about it (migration 0009). */
export interface VisitorSubscriptionsTable {
  id: GeneratedId;
  branch_id: Id;
  /** Exactly one of ticket_id and appointment_id is set. */
  ticket_id: string | null;
  appointment_id: string | null;
  channel: VisitorChannel;
  target: Json<VisitorTarget>;
  /** "telegram:12345", "sms:+79161234567": one active subscription per recipient and ticket. */
  target_key: string;
  language: string;
  unsubscribe_token: string;
  created_at: Timestamp;
  stopped_at: NullableTimestamp;
}

/** Small named values the server keeps: VAPID keys, the phone-hash key, the Telegram offset and lease. */
export interface ServerStateTable {
  name: string;
  value: Json<unknown>;
  updated_at: Defaulted<Timestamp>;
}

/** A planned day of the demo office's history (migration 0006): done once all of it is committed. */
export interface DemoHistoryDaysTable {
  branch_id: string;
  day: string;
  done: Defaulted<boolean>;
  tickets: number | null;
}

export interface DB {
  branches: BranchesTable;
  services: ServicesTable;
  categories: CategoriesTable;
  pause_reasons: PauseReasonsTable;
  employees: EmployeesTable;
  employee_branches: EmployeeBranchesTable;
  competencies: CompetenciesTable;
  workstations: WorkstationsTable;
  workstation_services: WorkstationServicesTable;
  devices: DevicesTable;
  api_tokens: ApiTokensTable;
  sessions: SessionsTable;
  ticket_counters: TicketCountersTable;
  tickets: TicketsTable;
  idempotency_keys: IdempotencyKeysTable;
  sign_in_failures: SignInFailuresTable;
  ticket_segments: TicketSegmentsTable;
  events: EventsTable;
  ticket_calls: TicketCallsTable;
  operator_states: OperatorStatesTable;
  operator_status_log: OperatorStatusLogTable;
  operator_status_days: OperatorStatusDaysTable;
  audit_log: AuditLogTable;
  alert_rules: AlertRulesTable;
  alerts: AlertsTable;
  outbox: OutboxTable;
  visitor_subscriptions: VisitorSubscriptionsTable;
  server_state: ServerStateTable;
  demo_history_days: DemoHistoryDaysTable;
  appointments: AppointmentsTable;
  appointment_slots: AppointmentSlotsTable;
}

export type TicketRow = Selectable<TicketsTable>;
export type ServiceRow = Selectable<ServicesTable>;
export type EventRow = Selectable<EventsTable>;
export type BranchRow = Selectable<BranchesTable>;
export type NewTicket = Insertable<TicketsTable>;
export type TicketUpdate = Updateable<TicketsTable>;
export type AlertRuleRow = Selectable<AlertRulesTable>;
export type AlertRow = Selectable<AlertsTable>;
export type AppointmentRow = Selectable<AppointmentsTable>;
export type OutboxRow = Selectable<OutboxTable>;
export type VisitorSubscriptionRow = Selectable<VisitorSubscriptionsTable>;
