import { bootstrap } from "./bootstrap.ts";
import { type CliCommand, firstBranchOrThrow, positiveInt } from "./cli-commands.ts";
import { inTransaction } from "./db/transaction.ts";
import { DEFAULT_TICKETS_PER_DAY, generateHistory } from "./demo/history.ts";
import { seedDemoOffice } from "./demo/seed.ts";
import { firstBranch } from "./queue/branches.ts";

/** The demo office in the first branch, which must have no services yet. */
export const demoSeedCommand: CliCommand = {
  database: true,
  async run({ db, config }) {
    await bootstrap(db, { ...config, demo: false });
    const branch = await firstBranchOrThrow(db);
    const services = await db
      .selectFrom("services")
      .select("id")
      .where("branch_id", "=", branch.id)
      .executeTakeFirst();
    if (services)
      throw new Error("the first branch already has services; the demo goes only into an empty office");
    const demo = await inTransaction(db, (tx) => seedDemoOffice(tx, branch.id));
    console.log(JSON.stringify(demo, null, 2));
  },
};

/** Days of simulated history in the first branch, made through the queue engine. */
export const historyGenerateCommand: CliCommand = {
  database: true,
  async run({ db, config, values }) {
    await bootstrap(db, { ...config, demo: false });
    const branch = await firstBranch(db);
    if (!branch) throw new Error("no branch to make history in");
    const days = positiveInt(values.days ?? "14", "--days", 3660);
    const ticketsPerDay = positiveInt(
      values["per-day"] ?? String(DEFAULT_TICKETS_PER_DAY),
      "--per-day",
      100_000,
    );
    const seed = positiveInt(values.seed ?? "42", "--seed", 2 ** 31);
    const result = await generateHistory(db, branch, {
      days,
      ticketsPerDay,
      seed,
      onDay: (day, tickets) => console.log(`${day}: ${tickets} tickets`),
    });
    if (result.tickets === 0)
      throw new Error("the first branch needs active services, operators and workstations for a history");
    console.log(`made ${result.tickets} tickets over ${result.days} working days`);
  },
};
