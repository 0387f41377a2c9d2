// Functions in apps/ may be at most 120 lines. Declarative tables (a migration's DDL) are the only
// exceptions, listed with their length as a ceiling they may not grow past.
// Usage: node scripts/check-function-length.mjs   (npm run lint runs it)
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import ts from "typescript";

const LIMIT = 120;
const root = resolve(import.meta.dirname, "..");

/** `file:function` → the most lines it may have. */
const CEILINGS = {
  "apps/server/src/db/migrations/0001_initial.ts:up": 296, // DDL: a declarative table
};

const files = execFileSync(
  "git",
  ["ls-files", "--cached", "--others", "--exclude-standard", "apps/*.ts", "apps/*.tsx"],
  {
    cwd: root,
    encoding: "utf8",
  },
)
  .split("\n")
  .filter((f) => f && !f.includes("/test/") && existsSync(resolve(root, f)));

const problems = [];
for (const file of files) {
  const text = readFileSync(resolve(root, file), "utf8");
  const kind = file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const visit = (node, name) => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = last - first + 1;
      const key = `${file}:${node.name?.getText() ?? name ?? "(anonymous)"}`;
      const ceiling = CEILINGS[key] ?? LIMIT;
      if (lines > ceiling)
        problems.push(`${file}:${first + 1} ${key.split(":")[1]}: ${lines} lines (at most ${ceiling})`);
    }
    const inner = ts.isVariableDeclaration(node) ? node.name.getText() : name;
    ts.forEachChild(node, (child) => visit(child, inner));
  };
  visit(source);
}
if (problems.length) {
  console.error(
    `Functions too long (split them; see scripts/check-function-length.mjs):\n${problems.join("\n")}`,
  );
  process.exit(1);
}
console.log(`function length: ${files.length} files, none over ${LIMIT} lines beyond the listed ceilings`);
