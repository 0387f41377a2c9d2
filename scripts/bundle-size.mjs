// The gzip size of the JavaScript each screen loads: the entry, the screen's chunk, and every chunk
// they import statically (read from Vite's manifest). Usage: node scripts/bundle-size.mjs
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";

const dist = resolve(import.meta.dirname, "../apps/web/dist");
const manifest = JSON.parse(readFileSync(join(dist, ".vite/manifest.json"), "utf8"));
const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);

function closure(key, seen = new Set()) {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const imported of manifest[key].imports ?? []) closure(imported, seen);
  return seen;
}

const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const screens = Object.keys(manifest).filter((k) =>
  /features\/(kiosk|board|counter|track|public-queue|booking|join)\/\w+Page\.tsx$/.test(k),
);
const sizes = {};
for (const screen of [...screens, "src/app/StaffApp.tsx"]) {
  const keys = new Set([...closure(entryKey), ...closure(screen)]);
  const bytes = [...keys].reduce((sum, k) => sum + gz(manifest[k].file), 0);
  sizes[screen.replace(/^.*\//, "").replace(".tsx", "")] = `${(bytes / 1024).toFixed(1)} KB`;
}
console.log(JSON.stringify(sizes, null, 2));
