import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";

const root = resolve(import.meta.dirname, "../../../..");

export interface ServerProcess {
  proc: ChildProcess;
  /** Everything it printed so far, for failure messages. */
  output(): string;
}

/** `node apps/server/src/cli.ts serve`, as an operator starts it, with this environment added. */
export function spawnServer(env: Record<string, string>): ServerProcess {
  let output = "";
  const proc = spawn(process.execPath, ["apps/server/src/cli.ts", "serve"], {
    cwd: root,
    env: { ...process.env, HOST: "127.0.0.1", LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  proc.stdout!.on("data", (d) => (output += d));
  proc.stderr!.on("data", (d) => (output += d));
  return { proc, output: () => output };
}

/**
 * Polls `url` until it answers 2xx, for `seconds` at most (a start with demo history takes ~10 s
 * alone, several times that on a loaded 2-core CI machine).
 */
export async function waitReady(
  url: string,
  what: string,
  output: () => string,
  seconds = 75,
): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not start:\n${output()}`);
}

/** SIGTERM, and the exit code. */
export function stopServer(proc: ChildProcess): Promise<number | null> {
  return new Promise((resolvePromise) => {
    proc.once("exit", (code) => resolvePromise(code));
    proc.kill("SIGTERM");
  });
}
