// Functions in apps/ may be at most 120 lines. Those longer today are listed with their current
// length as a ceiling: they may shrink (lower the number, or drop them when they fit), never grow,
// and no new one may join them. Declarative tables (a migration's DDL) are listed for good.
// Usage: node scripts/check-function-length.mjs   (npm run lint runs it)
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import ts from "typescript";

const LIMIT = 120;
const root = resolve(import.meta.dirname, "..");

/** `file:function` → the most lines it may have until it is split. */
const CEILINGS = {
  "apps/server/src/db/migrations/0001_initial.ts:up": 296, // DDL: a declarative table
  "apps/server/src/demo/seed.ts:seedDemoOffice": 260,
  "apps/server/src/http/auth-plugin.ts:authPlugin": 162,
  "apps/server/src/demo/history.ts:simulateDay": 148,
  "apps/server/src/cli.ts:main": 130,
  "apps/web/src/features/admin/directories/ServicesPage.tsx:ServicesPage": 236,
  "apps/web/src/features/admin/queue/QueuePage.tsx:QueuePage": 230,
  "apps/web/src/features/operator/Workplace.tsx:Workplace": 213,
  "apps/web/src/features/admin/settings/SettingsPage.tsx:SettingsForm": 210,
  "apps/web/src/features/admin/alerts/RuleForm.tsx:RuleForm": 189,
  "apps/web/src/features/admin/directories/DevicesPage.tsx:DeviceForm": 183,
  "apps/web/src/features/admin/directories/ServicesPage.tsx:ServiceForm": 178,
  "apps/web/src/features/admin/directories/EmployeesPage.tsx:EmployeeForm": 173,
  "apps/web/src/features/admin/dashboard/DashboardPage.tsx:DashboardPage": 168,
  "apps/web/src/features/admin/directories/EmployeesPage.tsx:EmployeesPage": 160,
  "apps/web/src/features/admin/alerts/AlertRules.tsx:AlertRules": 154,
  "apps/web/src/features/admin/directories/ServicesPage.tsx:(anonymous)": 143,
  "apps/web/src/features/admin/reports/TicketsTab.tsx:TicketsTab": 142,
  "apps/web/src/features/admin/directories/DevicesPage.tsx:DevicesPage": 134,
  "apps/web/src/features/admin/alerts/AlertBanner.tsx:AlertBanner": 131,
  "apps/web/src/features/admin/directories/WorkstationsPage.tsx:WorkstationsPage": 126,
  "apps/web/src/features/kiosk/KioskPage.tsx:KioskPage": 125,
  "apps/web/src/features/operator/SidePanel.tsx:SidePanel": 125,
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
