// The server's layers, bottom to top (docs/ARCHITECTURE.md):
//   core → db → events → queue (the engine) → http (request plumbing) → modules (features) → app
// A layer may import its own and lower layers only. `npm run lint` runs this check.
const SRC = "^apps/server/src/";
const layer = (name) => `${SRC}${name}/`;
// The top: composition and entry points (app.ts, server.ts, cli.ts, jobs.ts, bootstrap.ts) and
// the demo office, which drives everything below it.
const APP = `${SRC}([^/]+\\.ts$|demo/)`;

/** `from` may not import anything in `above`. */
const below = (name, from, above, why) => ({
  name,
  comment: why,
  severity: "error",
  from: { path: from },
  to: { path: above },
});

module.exports = {
  forbidden: [
    below(
      "core-imports-nothing-above",
      layer("core"),
      `${SRC}(db|events|queue|http|modules)/|${APP}`,
      "core/ (errors, clock, branch context, config, secrets) is what every layer needs: it needs none of them.",
    ),
    below(
      "db-below-events",
      layer("db"),
      `${SRC}(events|queue|http|modules)/|${APP}`,
      "db/ is the database access every layer above uses.",
    ),
    below(
      "events-below-engine",
      layer("events"),
      `${SRC}(queue|http|modules)/|${APP}`,
      "events/ is the one event path (log, hub, stream framing); it knows nothing of the engine or HTTP.",
    ),
    below(
      "engine-below-http",
      layer("queue"),
      `${SRC}(http|modules)/|${APP}`,
      "queue/ is the engine: pure logic plus repositories; it must not depend on HTTP or on a feature.",
    ),
    below(
      "http-below-features",
      layer("http"),
      `${SRC}modules/|${APP}`,
      "http/ is the plumbing routes are built on (types, access, errors, OpenAPI); features plug into it, not the reverse.",
    ),
    below(
      "features-below-app",
      layer("modules"),
      APP,
      "modules/ are the features; the app composes them, they do not reach into it.",
    ),
    {
      name: "no-circular",
      comment: "A cycle makes the layers meaningless and the load order fragile.",
      severity: "error",
      from: { path: SRC },
      to: { circular: true, dependencyTypesNot: ["type-only"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    includeOnly: SRC,
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "apps/server/tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js"] },
  },
};
