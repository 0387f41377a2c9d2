import { execFile } from "node:child_process";
import { chmodSync, chownSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";

const run = promisify(execFile);

/** Debian keeps the server binaries per major version; the newest installed one is used. */
function binDir(): string {
  const root = "/usr/lib/postgresql";
  const newest = readdirSync(root)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error(`no PostgreSQL server binaries under ${root}`);
  return join(root, newest, "bin");
}

/** A free TCP port on loopback, as the operating system hands one out. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A PostgreSQL cluster of the test's own (initdb in a temporary folder, on a free loopback port),
 * so a test can restart, kill or stop it — never the shared server. As root, the cluster runs as
 * the `postgres` OS user (PostgreSQL refuses to run as root).
 */
export class OwnPostgres {
  readonly dir: string;
  readonly port: number;
  readonly #bin = binDir();
  readonly #asPostgres = process.getuid?.() === 0;

  private constructor(dir: string, port: number) {
    this.dir = dir;
    this.port = port;
  }

  static async create(): Promise<OwnPostgres> {
    const dir = mkdtempSync(join(tmpdir(), "dq-own-pg-"));
    const cluster = new OwnPostgres(dir, await freePort());
    if (cluster.#asPostgres) {
      const { uid, gid } = await postgresUser();
      chownSync(dir, uid, gid);
    }
    chmodSync(dir, 0o700);
    await cluster.#pg("initdb", [
      "-D",
      cluster.dataDir,
      "-U",
      "postgres",
      "-A",
      "trust",
      "--no-sync",
      "-E",
      "UTF8",
    ]);
    await cluster.start();
    return cluster;
  }

  get dataDir() {
    return join(this.dir, "data");
  }

  /** The URL of a database in this cluster. */
  url(database = "postgres"): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async createDatabase(name: string) {
    const client = new pg.Client({ connectionString: this.url() });
    await client.connect();
    await client.query(`create database "${name}"`);
    await client.end();
  }

  /** Starts the server and waits until it accepts connections (retrying while the old one's backends exit). */
  async start() {
    const options = `-p ${this.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${this.dir} -c max_connections=100`;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.#pg("pg_ctl", [
          "-D",
          this.dataDir,
          "-l",
          join(this.dir, "log"),
          "-o",
          options,
          "-w",
          "-t",
          "30",
          "start",
        ]);
        return;
      } catch (error) {
        // After a SIGKILL of the postmaster its orphaned backends still hold the shared memory
        // for a moment ("pre-existing shared memory block is still in use").
        if (attempt >= 50) throw new Error(`${(error as Error).message}\n${this.log()}`);
        await sleep(200);
      }
    }
  }

  /** `pg_ctl restart -m fast`: sessions are ended, the server comes back at once. */
  async restartFast() {
    // With a log file: otherwise the new server writes to pg_ctl's stdout, which never closes.
    const log = join(this.dir, "log");
    await this.#pg("pg_ctl", ["-D", this.dataDir, "-l", log, "-m", "fast", "-w", "-t", "30", "restart"]);
  }

  /** `pg_ctl stop -m fast`. */
  async stop() {
    await this.#pg("pg_ctl", ["-D", this.dataDir, "-m", "fast", "-w", "-t", "30", "stop"]);
  }

  /** SIGKILL to the postmaster, as a crash or an OOM killer would do; start() brings it back. */
  killPostmaster() {
    const pid = Number(readFileSync(join(this.dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    process.kill(pid, "SIGKILL");
  }

  /** Whether a new connection succeeds now. */
  async accepts(): Promise<boolean> {
    const client = new pg.Client({ connectionString: this.url(), connectionTimeoutMillis: 1000 });
    client.on("error", () => {});
    try {
      await client.connect();
      await client.query("select 1");
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  }

  log(): string {
    try {
      return readFileSync(join(this.dir, "log"), "utf8").split("\n").slice(-30).join("\n");
    } catch {
      return "";
    }
  }

  async destroy() {
    await this.#pg("pg_ctl", ["-D", this.dataDir, "-m", "immediate", "-w", "stop"]).catch(() => {});
    rmSync(this.dir, { recursive: true, force: true });
  }

  async #pg(program: string, args: string[]) {
    const path = join(this.#bin, program);
    if (this.#asPostgres) await run("runuser", ["-u", "postgres", "--", path, ...args], { cwd: this.dir });
    else await run(path, args, { cwd: this.dir });
  }
}

async function postgresUser(): Promise<{ uid: number; gid: number }> {
  const { stdout } = await run("id", ["postgres"]);
  const uid = /uid=(\d+)/.exec(stdout)?.[1];
  const gid = /gid=(\d+)/.exec(stdout)?.[1];
  if (!uid || !gid) throw new Error("no `postgres` OS user to run the test's own PostgreSQL as");
  return { uid: Number(uid), gid: Number(gid) };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
