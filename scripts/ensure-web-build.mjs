// Builds the web app when its build is missing or older than its sources (or with --force),
// so `npm start` on a fresh clone serves the UI without a separate build step.
import { execSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

const web = resolve(import.meta.dirname, "../apps/web");
const built = join(web, "dist/index.html");

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

const sources = ["src", "index.html", "vite.config.ts", "public", "../../packages/shared/src"]
  .map((p) => join(web, p))
  .filter(existsSync);
const stale = !existsSync(built) || Math.max(...sources.map(newestMtime)) > statSync(built).mtimeMs;

if (process.argv.includes("--force") || stale) {
  console.log("Building the web app…");
  execSync("npm run build --workspace apps/web", { stdio: "inherit", cwd: resolve(web, "../..") });
}
