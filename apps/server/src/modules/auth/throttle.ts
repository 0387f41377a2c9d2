import { sql } from "kysely";
import { DomainError } from "../../core/errors.ts";
import type { Executor } from "../../db/executor.ts";

const WINDOW_MINUTES = 15;

/**
 * Failed sign-ins allowed per window: per address and login (guessing one password), per address
 * (trying many logins from one place), and per login from anywhere (a botnet on one account).
 * Only failures count, so staff signing in all day at one office never hit a limit.
 */
const LIMITS = { addressAndLogin: 10, address: 30, login: 50 } as const;

const loginKey = (login: string) => login.trim().toLowerCase();

function keys(address: string, login: string) {
  const name = loginKey(login);
  return [
    { key: `al:${address}:${name}`, limit: LIMITS.addressAndLogin },
    { key: `a:${address}`, limit: LIMITS.address },
    { key: `l:${name}`, limit: LIMITS.login },
  ];
}

/** Refuses (429) before the password is even checked when a limit is used up. */
export async function assertSignInAllowed(db: Executor, address: string, login: string, now: Date) {
  const counters = keys(address, login);
  const rows = await db
    .selectFrom("sign_in_failures")
    .select(["key", "failures", "window_started_at"])
    .where(
      "key",
      "in",
      counters.map((c) => c.key),
    )
    .where("window_started_at", ">", new Date(now.getTime() - WINDOW_MINUTES * 60_000))
    .execute();
  for (const row of rows) {
    const limit = counters.find((c) => c.key === row.key)!.limit;
    if (row.failures >= limit) {
      const retryAfterSeconds = Math.max(
        1,
        Math.ceil((row.window_started_at.getTime() + WINDOW_MINUTES * 60_000 - now.getTime()) / 1000),
      );
      throw new DomainError(
        429,
        "rate_limited",
        `too many failed sign-ins; try again in ${retryAfterSeconds} s`,
        {
          retryAfterSeconds,
        },
      );
    }
  }
}

/** Counts a failed sign-in against every key; an expired window starts again at 1. */
export async function recordSignInFailure(db: Executor, address: string, login: string, now: Date) {
  const since = new Date(now.getTime() - WINDOW_MINUTES * 60_000);
  for (const { key } of keys(address, login)) {
    await sql`
      insert into sign_in_failures (key, failures, window_started_at) values (${key}, 1, ${now})
      on conflict (key) do update set
        failures = case when sign_in_failures.window_started_at > ${since} then sign_in_failures.failures + 1 else 1 end,
        window_started_at = case when sign_in_failures.window_started_at > ${since}
                                 then sign_in_failures.window_started_at else ${now} end
    `.execute(db);
  }
}

/** A successful sign-in forgets the failures of that address and login. */
export async function clearSignInFailures(db: Executor, address: string, login: string) {
  await db.deleteFrom("sign_in_failures").where("key", "=", keys(address, login)[0]!.key).execute();
}

/**
 * Logins that may not sign in now because of their own failures (per login, or per address and
 * login from any address), each with the end of its lock. The per-address limit locks an address,
 * not a login, and is not listed.
 */
export async function lockedLogins(db: Executor, now: Date): Promise<Map<string, Date>> {
  const rows = await db
    .selectFrom("sign_in_failures")
    .select(["key", "window_started_at"])
    .where("window_started_at", ">", new Date(now.getTime() - WINDOW_MINUTES * 60_000))
    .where((eb) =>
      eb.or([
        eb.and([eb("key", "like", "al:%"), eb("failures", ">=", LIMITS.addressAndLogin)]),
        eb.and([eb("key", "like", "l:%"), eb("failures", ">=", LIMITS.login)]),
      ]),
    )
    .execute();
  const locks = new Map<string, Date>();
  for (const row of rows) {
    // Logins hold no colon, so the login is what follows the key's last one.
    const login = row.key.slice(row.key.lastIndexOf(":") + 1);
    const until = new Date(row.window_started_at.getTime() + WINDOW_MINUTES * 60_000);
    if (until > (locks.get(login) ?? 0)) locks.set(login, until);
  }
  return locks;
}

/** An administrator's unlock: forgets the failures of that login, from every address. */
export async function clearLoginLock(db: Executor, login: string) {
  const name = loginKey(login);
  // `_` is the only LIKE wildcard a login may hold.
  const suffix = `:${name}`.replaceAll("_", "\\_");
  await db
    .deleteFrom("sign_in_failures")
    .where((eb) => eb.or([eb("key", "=", `l:${name}`), eb("key", "like", `al:%${suffix}`)]))
    .execute();
}

/** Old windows are kept only until they expire; the end-of-day job drops them. */
export async function pruneSignInFailures(db: Executor, now: Date) {
  await db
    .deleteFrom("sign_in_failures")
    .where("window_started_at", "<", new Date(now.getTime() - WINDOW_MINUTES * 60_000))
    .execute();
}
