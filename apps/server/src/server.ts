import { type Kysely, sql } from "kysely";
import { buildApp } from "./app.ts";
import { type BootstrapResult, bootstrap } from "./bootstrap.ts";
import type { Config } from "./core/config.ts";
import { openDatabase } from "./db/database.ts";
import { migrateToLatest } from "./db/migrate.ts";
import type { DB } from "./db/schema.ts";
import { isDatabaseUnavailable } from "./db/unavailable.ts";
import { DEFAULT_TICKETS_PER_DAY, generateHistory } from "./demo/history.ts";
import type { App } from "./http/types.ts";
import { startEndOfDayJob } from "./jobs.ts";
import { startAlertJob } from "./modules/alerts/job.ts";
import { firstBranch } from "./queue/branches.ts";

/** Opens the database, migrates, bootstraps, builds the app and listens. Used by the CLI. */
export async function startServer(config: Config): Promise<{ app: App; stop: () => Promise<void> }> {
  const database = await openDatabase(config.database);
  try {
    await waitForDatabase(database.db);
    await migrateToLatest(database.db as never);
    const boot = await bootstrap(database.db, config);
    if (boot.demo && config.demoHistoryDays > 0) await makeDemoHistory(database.db, config.demoHistoryDays);
    const app = await buildApp({ config, database });
    const stopJob = startEndOfDayJob(app.deps, app.branches, app.log);
    const stopAlerts = startAlertJob(app.deps, app.deps.senders, app.log, config.alerts.intervalSeconds);
    await app.listen({ port: config.port, host: config.host });
    printWelcome(app, config, boot);

    let stopping: Promise<void> | null = null;
    const stop = () => {
      stopping ??= (async () => {
        stopJob();
        await stopAlerts();
        // SSE streams first: otherwise close() waits for those never-ending responses.
        app.deps.hub.endStreams();
        await app.close();
        await database.close();
      })();
      return stopping;
    };
    return { app, stop };
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
}

const DATABASE_WAIT_MS = 60_000;

/**
 * A server started while PostgreSQL is still starting (a host reboot, `docker compose up`) waits
 * for it for up to a minute instead of exiting at once; any other error stops the start.
 */
async function waitForDatabase(db: Kysely<DB>) {
  const deadline = Date.now() + DATABASE_WAIT_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      await sql`select 1`.execute(db);
      return;
    } catch (error) {
      if (!isDatabaseUnavailable(error) || Date.now() > deadline) throw error;
      if (attempt === 0) process.stdout.write(`Waiting for the database (${(error as Error).message})…\n`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

/** Past days for the demo office, so that its reports and dashboard have something to show. */
async function makeDemoHistory(db: Kysely<DB>, days: number) {
  const branch = await firstBranch(db);
  if (!branch) return;
  process.stdout.write(`Making ${days} days of demo history (DQ_DEMO_HISTORY_DAYS=0 skips it) `);
  const made = await generateHistory(db, branch, {
    days,
    ticketsPerDay: DEFAULT_TICKETS_PER_DAY,
    onDay: () => process.stdout.write("."),
  });
  process.stdout.write(` ${made.tickets} tickets\n`);
}

function printWelcome(app: App, config: Config, boot: BootstrapResult) {
  const host = config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host;
  const base = config.publicUrl ?? `http://${host}:${config.port}`;
  const lines = [`DigitalQueue is running at ${base}  (database: ${config.database.kind})`];
  if (boot.admin) {
    lines.push(
      boot.admin.generated
        ? `Administrator created: login "${boot.admin.login}", password "${boot.admin.password}" (shown once; change it after signing in)`
        : `Administrator created: login "${boot.admin.login}" with the password from DQ_ADMIN_PASSWORD`,
    );
  }
  if (boot.demo) {
    lines.push("Demo office created. Staff (password for all of them shown once):");
    for (const s of boot.demo.staff) lines.push(`  ${s.role.padEnd(10)} ${s.login.padEnd(10)} ${s.name}`);
    lines.push(`  password: ${boot.demo.staffPassword}`);
    for (const d of boot.demo.devices) lines.push(`  ${d.name}: ${base}/${d.kind}?token=${d.token}`);
    lines.push(
      `Operator: ${base}/operator   Admin: ${base}/admin   Public queue: ${base}/queue   API docs: ${base}/api/docs`,
    );
  }
  // Printed, not logged: credentials shown once must not end up in log aggregation.
  process.stdout.write(`\n${lines.join("\n")}\n\n`);
  app.log.info({ url: base, database: config.database.kind }, "started");
}
