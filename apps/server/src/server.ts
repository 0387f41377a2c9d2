import { type Kysely, sql } from "kysely";
import { buildApp } from "./app.ts";
import { type BootstrapResult, bootstrap } from "./bootstrap.ts";
import type { BranchContext } from "./core/branch-context.ts";
import type { Config } from "./core/config.ts";
import { openDatabase } from "./db/database.ts";
import { migrateToLatest } from "./db/migrate.ts";
import type { DB } from "./db/schema.ts";
import { isDatabaseUnavailable } from "./db/unavailable.ts";
import { makeDemoHistory, planDemoHistory } from "./demo/history-background.ts";
import type { App } from "./http/types.ts";
import { startEndOfDayJob } from "./jobs.ts";
import { startAlertJob, startOutboxDelivery } from "./modules/alerts/job.ts";
import { startVisitorNotifier } from "./modules/notifications/notifier-job.ts";
import { startTelegramBot } from "./modules/notifications/telegram-webhook.ts";
import { firstBranch } from "./queue/branches.ts";

/** Opens the database, migrates, bootstraps, builds the app and listens. Used by the CLI. */
export async function startServer(config: Config): Promise<{ app: App; stop: () => Promise<void> }> {
  const timer = startupTimer();
  const database = await openDatabase(config.database);
  try {
    timer.lap("database opened");
    await waitForDatabase(database.db);
    await migrateToLatest(database.db as never);
    timer.lap("migrations");
    const boot = await bootstrap(database.db, config);
    const branch = await firstBranch(database.db);
    if (boot.demo && branch) await planDemoHistory(database.db, branch, config.demoHistoryDays);
    timer.lap("bootstrap");
    // Before listening: the simulated staff work the office's real windows through the engine,
    // and nobody live may share them meanwhile (a kiosk ticket taken then was "served" in the past).
    if (branch) await makeHistory(database.db, database.kind, branch);
    timer.lap("demo history");
    const app = await buildApp({ config, database });
    const stopJob = startEndOfDayJob(app.deps, app.branches, app.log);
    const delivery = startOutboxDelivery(app.deps, app.deps.senders, app.log, config.alerts.intervalSeconds);
    const stopAlerts = startAlertJob(app.deps, delivery, app.log, config.alerts.intervalSeconds);
    const notifier = startVisitorNotifier(app.deps, delivery, app.log);
    const stopBot = startTelegramBot(app.deps, app.log);
    await app.listen({ port: config.port, host: config.host });
    timer.lap("listening");
    printWelcome(app, config, boot);
    app.log.info({ startup: timer.laps }, "startup timings (ms)");

    let stopping: Promise<void> | null = null;
    const stop = () => {
      stopping ??= (async () => {
        stopJob();
        await Promise.all([stopAlerts(), notifier.stop(), stopBot()]);
        await delivery.stop();
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

/** Milliseconds of each step of the start, for the log (docs: README, "First start"). */
function startupTimer() {
  const began = performance.now();
  let last = began;
  const laps: Record<string, number> = {};
  return {
    laps,
    lap(name: string) {
      const now = performance.now();
      laps[name] = Math.round(now - last);
      laps.total = Math.round(now - began);
      last = now;
    },
  };
}

/**
 * Makes the demo history's days still to make (all of them at the first start; the rest of them
 * after a start that was stopped midway), a day at a time. Progress: dots, and
 * GET /api/v1/reports/history-status says "ready" once the server answers.
 */
async function makeHistory(db: Kysely<DB>, kind: string, branch: BranchContext) {
  const began = Date.now();
  let announced = false;
  const made = await makeDemoHistory(db, branch, {
    holdSession: kind === "postgres",
    onDay: (_day, daysDone, days) => {
      if (!announced)
        process.stdout.write(`Making ${days} days of demo history (DQ_DEMO_HISTORY_DAYS=0 skips it) `);
      announced = true;
      process.stdout.write(daysDone === days ? ".\n" : ".");
    },
  });
  if (made.tickets > 0) {
    process.stdout.write(
      `Demo history ready: ${made.tickets} tickets in ${Math.round((Date.now() - began) / 1000)} s\n`,
    );
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
