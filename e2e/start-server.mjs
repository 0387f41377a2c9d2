// Starts the real server for end-to-end tests on a fresh embedded database with known credentials.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const port = process.argv[2] ?? "18480";
/** Where e2e/remote-join.spec.ts receives the SMS gateway's requests (e2e/support/sms-receiver.ts). */
const SMS_RECEIVER_PORT = 18_489;
const dataDir = mkdtempSync(join(tmpdir(), "dq-e2e-"));
const child = spawn(process.execPath, ["apps/server/src/cli.ts", "serve"], {
  cwd: resolve(import.meta.dirname, ".."),
  stdio: "inherit",
  env: {
    ...process.env,
    PORT: port,
    HOST: "127.0.0.1",
    DQ_DATA_DIR: dataDir,
    DQ_ADMIN_LOGIN: "admin",
    DQ_ADMIN_PASSWORD: "e2e-admin-password",
    DQ_DEMO: "0",
    DATABASE_URL: "",
    LOG_LEVEL: "warn",
    // Alerts are checked every second, so a test sees one open without waiting 15 s.
    DQ_ALERT_INTERVAL_SECONDS: "1",
    // Links in visitors' messages (the one-tap unsubscribe) point at this server.
    DQ_PUBLIC_URL: `http://127.0.0.1:${port}`,
    // Visitors' SMS go to the receiver e2e/remote-join.spec.ts listens with (nothing listens otherwise:
    // a message then waits in the outbox, retried, and touches nothing else).
    DQ_SMS_URL: `http://127.0.0.1:${SMS_RECEIVER_PORT}/sms?to={phone}&text={text}`,
    DQ_SMS_METHOD: "GET",
  },
});
const stop = () => child.kill("SIGTERM");
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
child.on("exit", (code) => {
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
