import { type Kysely, type Migration, type MigrationProvider, Migrator } from "kysely";
import * as m0001 from "./migrations/0001_initial.ts";
import * as m0002 from "./migrations/0002_ticket_segments.ts";
import * as m0003 from "./migrations/0003_report_rollups.ts";
import * as m0004 from "./migrations/0004_alerts.ts";
import * as m0005 from "./migrations/0005_ticket_calls.ts";
import * as m0006 from "./migrations/0006_demo_history.ts";
import * as m0007 from "./migrations/0007_wait_quotes.ts";
import * as m0008 from "./migrations/0008_appointments.ts";
import * as m0009 from "./migrations/0009_remote_visitors.ts";

const migrations: Record<string, Migration> = {
  "0001_initial": m0001,
  "0002_ticket_segments": m0002,
  "0003_report_rollups": m0003,
  "0004_alerts": m0004,
  "0005_ticket_calls": m0005,
  "0006_demo_history": m0006,
  "0007_wait_quotes": m0007,
  "0008_appointments": m0008,
  "0009_remote_visitors": m0009,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * Brings the schema up to date. Kysely's PostgreSQL adapter takes an advisory lock inside the
 * migration transaction, so instances starting together run each migration exactly once.
 */
export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
