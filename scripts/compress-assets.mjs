// Writes .br and .gz next to every built asset so the server can send them precompressed
// (@fastify/static `preCompressed`), and prints what each device screen downloads.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const dist = resolve(import.meta.dirname, "../apps/web/dist");
const assets = join(dist, "assets");
for (const name of readdirSync(assets)) {
  if (!/\.(js|css|svg|json|html|mp3|wav)$/.test(name) || name.endsWith(".map")) continue;
  const data = readFileSync(join(assets, name));
  writeFileSync(join(assets, `${name}.gz`), gzipSync(data, { level: 9 }));
  writeFileSync(
    join(assets, `${name}.br`),
    brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
  );
}
