import { defineConfig } from "vitest/config";

// One `vitest run` at the root runs every project. The integration suite runs twice: once on
// PGlite (in memory) and once on PostgreSQL (a fresh database per test file).
const integration = ["apps/server/test/integration/**/*.test.ts"];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: [
            "apps/server/test/unit/**/*.test.ts",
            "packages/shared/test/**/*.test.ts",
            "apps/web/test/**/*.test.ts",
            "deploy/test/**/*.test.ts",
          ],
        },
      },
      {
        test: {
          name: "pglite",
          include: [
            ...integration,
            "apps/server/test/pglite/**/*.test.ts",
            "apps/server/test/process/**/*.test.ts",
          ],
          env: { DQ_TEST_DB: "pglite" },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "postgres",
          include: [...integration, "apps/server/test/concurrency/**/*.test.ts"],
          env: { DQ_TEST_DB: "postgres" },
          globalSetup: ["apps/server/test/helpers/postgres-global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "resilience",
          include: ["apps/server/test/resilience/**/*.test.ts"],
          // After the other projects: its recovery deadlines should not compete with them for CPU.
          sequence: { groupOrder: 1 },
          testTimeout: 600_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
