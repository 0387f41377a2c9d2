// Checks of the deployment files that need no Docker engine: the compose files are validated by
// Docker Compose itself (`config`: the Compose Specification's schema, interpolation, references
// between services, volumes and profiles), their environment is run through the app's own
// configuration loader, nginx checks its configuration (`nginx -t`), the Dockerfile goes through the
// validator of the Docker language server (dockerfile-utils; hadolint is not packaged for Debian or
// npm), and the Dockerfile, the .dockerignore allowlist and the CI workflow are held to what the
// image and the tests need.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { validate } from "dockerfile-utils";
import { afterAll, describe, expect, it, vi } from "vitest";
import { parse } from "yaml";
import { loadConfig } from "../../apps/server/src/core/config.ts";

// Each check runs Docker Compose or nginx as a process: seconds apiece on a busy machine.
vi.setConfig({ testTimeout: 30_000 });

const root = resolve(import.meta.dirname, "../..");
const read = (path: string) => readFileSync(join(root, path), "utf8");
const scratch = mkdtempSync(join(tmpdir(), "dq-deploy-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Parsed YAML: its shape is what the assertions check. */
type Yaml = any;
const yamlFile = (path: string): Yaml => parse(read(path), { merge: true });

// ---- Docker Compose -------------------------------------------------------------------------

/** Debian's `docker-compose` (.ci/run installs it), or the Compose v2 plugin where that exists. */
function composeCommand(): string[] {
  for (const command of [["docker-compose"], ["docker", "compose"]]) {
    const r = spawnSync(command[0]!, [...command.slice(1), "version"], { encoding: "utf8" });
    if (r.status === 0) return command;
  }
  throw new Error("Docker Compose is needed to validate the compose files: apt-get install docker-compose");
}
const compose = composeCommand();

/** `docker compose config` with only this env file: no .env of a developer, no shell variables. */
function composeConfig(file: string, env: Record<string, string>) {
  const envFile = join(scratch, `env-${Math.random().toString(36).slice(2)}`);
  writeFileSync(
    envFile,
    Object.entries(env)
      .map(([k, v]) => `${k}=${v}\n`)
      .join(""),
  );
  const r = spawnSync(compose[0]!, [...compose.slice(1), "-f", file, "--env-file", envFile, "config"], {
    cwd: root,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: scratch },
  });
  return { ok: r.status === 0, stderr: r.stderr.trim(), config: r.status === 0 ? parse(r.stdout) : null };
}

/** .env.example as a user fills it in: the required secrets set, everything else as shipped. */
const exampleEnv = Object.fromEntries(
  read(".env.example")
    .split("\n")
    .filter((line) => /^[A-Z_][A-Z0-9_]*=/.test(line))
    .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
);
const secrets = { POSTGRES_PASSWORD: "pw4test", DQ_ADMIN_PASSWORD: "admin-password-4-test" };
const filledEnv = { ...exampleEnv, ...secrets };

/** The variables the app reads: the keys of the environment schema in core/config.ts. */
const appVariables = (() => {
  const source = read("apps/server/src/core/config.ts");
  const schema = source.slice(source.indexOf("const envSchema = z.object({"));
  const names = [...schema.slice(0, schema.indexOf("\n});")).matchAll(/^ {2}([A-Z][A-Z0-9_]*):/gm)].map(
    (m) => m[1]!,
  );
  return names;
})();

/** ENV of the Dockerfile's last stage: what every container starts with. */
function imageEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const i of dockerfile().runtime.filter((i) => i.keyword === "ENV")) {
    for (const m of i.args.matchAll(/([A-Z_][A-Z0-9_]*)=(\S+)/g)) env[m[1]!] = m[2]!;
  }
  return env;
}

describe("compose.yaml", () => {
  const file = yamlFile("compose.yaml");
  const resolved = composeConfig("compose.yaml", filledEnv);

  it("is valid for Docker Compose with .env.example filled in", () => {
    expect(resolved.stderr).not.toMatch(/invalid|error/i);
    expect(resolved.ok).toBe(true);
    expect(Object.keys(resolved.config.services).sort()).toEqual(["app", "db", "pgadmin"]);
  });

  it("refuses to start without the database and administrator passwords (no default secrets)", () => {
    const noDb = composeConfig("compose.yaml", { ...exampleEnv, DQ_ADMIN_PASSWORD: "admin-password" });
    expect(noDb.ok).toBe(false);
    expect(noDb.stderr).toMatch(/set POSTGRES_PASSWORD in \.env$/);
    const noAdmin = composeConfig("compose.yaml", { ...exampleEnv, POSTGRES_PASSWORD: "pw" });
    expect(noAdmin.ok).toBe(false);
    expect(noAdmin.stderr).toMatch(/set DQ_ADMIN_PASSWORD in \.env \(at least 8 characters\)$/);
  });

  it("gives the app a valid configuration: PostgreSQL of the db service, no demo, no trusted proxy", () => {
    const env = { ...imageEnv(), ...resolved.config.services.app.environment };
    const config = loadConfig(env);
    expect(config.database).toEqual({
      kind: "postgres",
      url: `postgres://digitalqueue:${secrets.POSTGRES_PASSWORD}@db:5432/digitalqueue`,
    });
    expect(config.adminPassword).toBe(secrets.DQ_ADMIN_PASSWORD);
    expect(config.demo).toBe(false);
    expect(config.trustProxy).toBe(false);
    expect(config.host).toBe("0.0.0.0");
    expect(config.port).toBe(8080);
    // Empty values mean "not set": the app's defaults apply.
    expect(config.adminLogin).toBe("admin");
    expect(config.alerts).toEqual({ intervalSeconds: 15, smtp: null, telegram: null });
    expect(config.logLevel).toBe("info");
  });

  it("starts the app only when PostgreSQL is healthy; PostgreSQL keeps its data in a named volume", () => {
    const { app, db } = file.services;
    expect(app.depends_on).toEqual({ db: { condition: "service_healthy" } });
    expect(db.image).toMatch(/^postgres:1[67]-alpine$/);
    expect(db.volumes).toContain("pgdata:/var/lib/postgresql/data");
    expect(Object.keys(file.volumes)).toContain("pgdata");
    expect(db.healthcheck.test.join(" ")).toMatch(/pg_isready/);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a compose interpolation, not a template
    expect(app.ports).toEqual(["${DQ_HTTP_PORT:-8080}:8080"]);
  });

  it("runs pgAdmin only under the pgadmin profile, on the host's loopback", () => {
    const profiled = Object.entries(file.services).filter(([, s]: [string, Yaml]) => s.profiles);
    expect(profiled.map(([name]) => name)).toEqual(["pgadmin"]);
    expect(file.services.pgadmin.profiles).toEqual(["pgadmin"]);
    expect(file.services.pgadmin.ports.every((p: string) => p.startsWith("127.0.0.1:"))).toBe(true);
    const servers = JSON.parse(read("deploy/pgadmin/servers.json")).Servers["1"];
    expect(servers).toMatchObject({ Host: "db", MaintenanceDB: "digitalqueue", Username: "digitalqueue" });
  });

  it("restarts every service, and documents every variable the app reads", () => {
    for (const [name, service] of Object.entries(file.services) as [string, Yaml][]) {
      expect(service.restart, name).toBe("unless-stopped");
    }
    const text = read("compose.yaml");
    const missing = appVariables.filter((v) => !text.includes(v));
    expect(appVariables.length).toBeGreaterThan(15);
    expect(missing).toEqual([]);
    for (const name of ["DQ_METRICS_TOKEN", "DQ_TRUST_PROXY", "SMTP_URL", "DQ_TELEGRAM_BOT_TOKEN"]) {
      expect(text).toContain(name);
    }
  });
});

describe("deploy/compose.scale.yaml", () => {
  const file = yamlFile("deploy/compose.scale.yaml");
  const resolved = composeConfig("deploy/compose.scale.yaml", filledEnv);
  const apps = Object.keys(file.services).filter((name) => /^app\d+$/.test(name));

  it("is valid for Docker Compose, with two app instances, nginx and PostgreSQL", () => {
    expect(resolved.stderr).not.toMatch(/invalid|error/i);
    expect(resolved.ok).toBe(true);
    expect(apps).toEqual(["app1", "app2"]);
    expect(Object.keys(resolved.config.services).sort()).toEqual(["app1", "app2", "db", "nginx"]);
  });

  it("runs the same app on one PostgreSQL, trusting the proxy, behind nginx only", () => {
    for (const name of apps) {
      const env = { ...imageEnv(), ...resolved.config.services[name].environment };
      const config = loadConfig(env);
      expect(config.database).toMatchObject({ kind: "postgres", url: expect.stringContaining("@db:5432/") });
      expect(config.trustProxy).toEqual(["loopback", "uniquelocal"]);
      expect(file.services[name].depends_on).toEqual({ db: { condition: "service_healthy" } });
      expect(file.services[name].ports).toBeUndefined();
    }
    expect(file.services.nginx.depends_on).toEqual(
      Object.fromEntries(apps.map((name) => [name, { condition: "service_healthy" }])),
    );
    expect(file.services.db.healthcheck.test.join(" ")).toMatch(/pg_isready/);
    expect(file.services.db.volumes).toContain("pgdata:/var/lib/postgresql/data");
  });

  it("gives nginx every instance as an upstream, and the shared locations outside conf.d", () => {
    const mounts: string[] = file.services.nginx.volumes;
    expect(mounts).toContain("./nginx/default.conf:/etc/nginx/conf.d/default.conf:ro");
    expect(mounts).toContain("./nginx/digitalqueue.conf:/etc/nginx/digitalqueue.conf:ro");
    const site = read("deploy/nginx/default.conf");
    const upstream = site.match(/upstream digitalqueue \{([^}]*)\}/)?.[1] ?? "";
    expect([...upstream.matchAll(/server (\S+):8080/g)].map((m) => m[1])).toEqual(apps);
    expect(site).toMatch(/include \/etc\/nginx\/digitalqueue\.conf;/);
  });
});

// ---- nginx ------------------------------------------------------------------------------------

const nginx = ["nginx", "/usr/sbin/nginx"].find(
  (bin) => spawnSync(bin, ["-v"], { encoding: "utf8" }).status === 0,
);

/** `nginx -t` on an http block of ours, with every path nginx writes to in a scratch directory. */
function nginxTest(http: string) {
  if (!nginx) throw new Error("nginx is needed to check deploy/nginx: apt-get install nginx");
  const dir = mkdtempSync(join(scratch, "nginx-"));
  const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]
    .map((t) => `${t}_temp_path ${dir}/${t};`)
    .join(" ");
  writeFileSync(
    join(dir, "nginx.conf"),
    `pid ${dir}/nginx.pid;\nevents {}\nhttp {\n  access_log off;\n  ${temp}\n${http}\n}\n`,
  );
  return spawnSync(nginx, ["-t", "-q", "-e", "stderr", "-p", dir, "-c", join(dir, "nginx.conf")], {
    encoding: "utf8",
  });
}

describe("deploy/nginx/digitalqueue.conf", () => {
  const snippet = read("deploy/nginx/digitalqueue.conf").replace(/#.*$/gm, "");
  const locations = new Map(
    [...snippet.matchAll(/location\s+(?:=\s+)?(\S+)\s*\{([^}]*)\}/g)].map((m) => [m[1]!, m[2]!]),
  );
  const serverLevel = snippet.replace(/location\s+[^{]*\{[^}]*\}/g, "");

  it("is accepted by nginx inside a server block, with the upstream named digitalqueue", () => {
    const r = nginxTest(
      `upstream digitalqueue { server 127.0.0.1:8080; server 127.0.0.1:8081; keepalive 8; }\n` +
        `server { listen 127.0.0.1:8088; include ${join(root, "deploy/nginx/digitalqueue.conf")}; }`,
    );
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("passes Server-Sent Events through unbuffered, on long-lived upstream connections", () => {
    const events = locations.get("/api/v1/events");
    expect(events).toBeDefined();
    expect(events).toMatch(/proxy_pass http:\/\/digitalqueue;/);
    expect(events).toMatch(/proxy_buffering off;/);
    expect(events).toMatch(/proxy_cache off;/);
    const timeout = events?.match(/proxy_read_timeout (\d+)([smh]);/);
    const seconds = Number(timeout?.[1]) * { s: 1, m: 60, h: 3600 }[timeout?.[2] as "s" | "m" | "h"];
    expect(seconds).toBeGreaterThanOrEqual(600);
    expect(serverLevel).toMatch(/proxy_http_version 1\.1;/);
    expect(serverLevel).toMatch(/proxy_set_header Connection "";/);
  });

  it("tells the app the client's address, scheme and host; headers are set once for every location", () => {
    expect(serverLevel).toMatch(/proxy_set_header X-Forwarded-For \$remote_addr;/);
    expect(serverLevel).toMatch(/proxy_set_header X-Forwarded-Proto \$scheme;/);
    expect(serverLevel).toMatch(/proxy_set_header Host \$http_host;/);
    expect(serverLevel).toMatch(/proxy_set_header X-Request-Id \$request_id;/);
    // A proxy_set_header inside a location would drop all of these there (nginx inheritance).
    for (const [path, body] of locations) expect(body, path).not.toMatch(/proxy_set_header/);
    expect(locations.get("/")).toMatch(/proxy_pass http:\/\/digitalqueue;/);
  });

  it("is included by the compose site config, which nginx accepts too", () => {
    const site = read("deploy/nginx/default.conf")
      .replace(/server app(\d+):8080/g, "server 127.0.0.1:808$1")
      .replace(/listen 80;/, "listen 127.0.0.1:8089;")
      .replace("/etc/nginx/digitalqueue.conf", join(root, "deploy/nginx/digitalqueue.conf"));
    const r = nginxTest(site);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});

// ---- Dockerfile -------------------------------------------------------------------------------

interface Instruction {
  keyword: string;
  args: string;
}

function dockerfile() {
  const lines = read("Dockerfile")
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  const all: Instruction[] = lines.map((l) => {
    const [keyword = "", ...rest] = l.split(/\s+/);
    return { keyword: keyword.toUpperCase(), args: rest.join(" ") };
  });
  const globalArgs = Object.fromEntries(
    all
      .slice(
        0,
        all.findIndex((i) => i.keyword === "FROM"),
      )
      .filter((i) => i.keyword === "ARG")
      .map((i) => i.args.split("=") as [string, string]),
  );
  const stages: Instruction[][] = [];
  for (const i of all) {
    if (i.keyword === "FROM") stages.push([]);
    stages.at(-1)?.push(i);
  }
  const from = (stage: Instruction[]) =>
    stage[0]!.args.split(/\s+/)[0]!.replace(/\$\{(\w+)\}/g, (_, name: string) => globalArgs[name] ?? "");
  return { stages, from, runtime: stages.at(-1)! };
}

/** Docker's .dockerignore: the last pattern matching a path or one of its parent folders wins. */
function inBuildContext(path: string): boolean {
  const patterns = read(".dockerignore")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  const toRegExp = (glob: string) =>
    new RegExp(
      `^${glob
        .replace(/[.+^$()|[\]\\]/g, "\\$&")
        .replace(/\*\*\//g, "%ANY%")
        .replace(/\*/g, "[^/]*")
        .replace(/\?/g, "[^/]")
        .replace(/%ANY%/g, "(.*/)?")}$`,
    );
  const parts = path.split("/");
  const prefixes = parts.map((_, i) => parts.slice(0, i + 1).join("/"));
  let included = true;
  for (const pattern of patterns) {
    const negated = pattern.startsWith("!");
    const re = toRegExp(negated ? pattern.slice(1) : pattern);
    if (prefixes.some((p) => re.test(p))) included = negated;
  }
  return included;
}

describe("Dockerfile", () => {
  const { stages, from, runtime } = dockerfile();
  const get = (keyword: string) => runtime.filter((i) => i.keyword === keyword).map((i) => i.args);

  it("passes the Dockerfile validator of the Docker language server (instructions, flags, values)", () => {
    const problems = validate(read("Dockerfile")).map((d) => `${d.range.start.line + 1}: ${d.message}`);
    expect(problems).toEqual([]);
  });

  it("builds on Node 24 Alpine in every stage, with production dependencies only", () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(from(stage)).toMatch(/^node:24(\.\d+)?-alpine(3\.\d+)?$/);
    const install = stages.flat().filter((i) => i.keyword === "RUN" && /npm ci/.test(i.args));
    const production = install.filter((i) => /--omit=dev/.test(i.args));
    expect(production).toHaveLength(1);
    expect(production[0]!.args).toMatch(/--workspace apps\/server/);
    // The root's `node` devDependency downloads a glibc binary in its install script.
    for (const i of install) expect(i.args).toMatch(/--ignore-scripts/);
    expect(get("RUN").some((r) => /npm (ci|install)/.test(r))).toBe(false);
  });

  it("runs the server as a non-root user, with the data volume, port, health check and defaults", () => {
    expect(get("USER")).toEqual(["node"]);
    expect(get("VOLUME")).toEqual(['["/data"]']);
    expect(get("EXPOSE")).toEqual(["8080"]);
    expect(get("STOPSIGNAL")).toEqual(["SIGTERM"]);
    expect(get("CMD")).toEqual(['["node", "apps/server/src/cli.ts", "serve"]']);
    expect(get("HEALTHCHECK").join(" ")).toMatch(/CMD wget .*http:\/\/127\.0\.0\.1:\$\{PORT\}\/readyz/);
    expect(imageEnv()).toMatchObject({
      NODE_ENV: "production",
      HOST: "0.0.0.0",
      PORT: "8080",
      DQ_DATA_DIR: "/data",
      DQ_DEMO: "0",
      DQ_WEB_DIST: "/app/apps/web/dist",
    });
    expect(get("WORKDIR")).toEqual(["/app"]);
    expect(get("COPY")).toContain("--from=web /app/apps/web/dist apps/web/dist");
    // A bad value in the image's environment would stop every container at start.
    expect(() => loadConfig(imageEnv())).not.toThrow();
  });

  it("copies only files that exist and that .dockerignore lets into the build context", () => {
    const sources = stages
      .flat()
      .filter((i) => i.keyword === "COPY" && !i.args.startsWith("--from"))
      .flatMap((i) => i.args.split(/\s+/).slice(0, -1));
    expect(sources.length).toBeGreaterThan(10);
    for (const source of sources) {
      expect(existsSync(join(root, source)), source).toBe(true);
      expect(inBuildContext(source), source).toBe(true);
    }
    for (const outside of [".env", "data/pglite", "apps/web/dist/index.html", "node_modules/vite", ".git"]) {
      expect(inBuildContext(outside), outside).toBe(false);
    }
  });

  it("has every package the server imports among the production dependencies it installs", () => {
    const files = (dir: string): string[] =>
      readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(`${dir}/${e.name}`) : e.name.endsWith(".ts") ? [`${dir}/${e.name}`] : [],
      );
    const imported = new Set<string>();
    for (const f of [...files("apps/server/src"), ...files("packages/shared/src")]) {
      const source = read(f);
      const specifiers = [
        // `import type …` is erased: it needs no package at run time.
        ...[...source.matchAll(/^\s*(?:import|export)\s+(type\s+)?[^'";]*?\bfrom\s+["']([^"']+)["']/gm)]
          .filter((m) => !m[1])
          .map((m) => m[2]!),
        ...[...source.matchAll(/^\s*import\s+["']([^"']+)["']/gm)].map((m) => m[1]!),
        ...[...source.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!),
      ];
      for (const s of specifiers) {
        if (s.startsWith(".") || s.startsWith("node:") || builtinModules.includes(s)) continue;
        imported.add(s.startsWith("@") ? s.split("/").slice(0, 2).join("/") : s.split("/")[0]!);
      }
    }
    const deps = (path: string) => Object.keys(JSON.parse(read(path)).dependencies ?? {});
    const installed = new Set([
      "@dq/shared",
      ...deps("apps/server/package.json"),
      ...deps("packages/shared/package.json"),
    ]);
    expect(imported.has("fastify")).toBe(true);
    expect([...imported].filter((p) => !installed.has(p))).toEqual([]);
  });
});

// ---- CI workflow ------------------------------------------------------------------------------

describe(".github/workflows/ci.yml", () => {
  const workflow = yamlFile(".github/workflows/ci.yml");
  const run = (job: Yaml) => job.steps.map((s: Yaml) => s.run ?? "").join("\n");

  it("runs the README's test command on Node 24 with PostgreSQL as a service", () => {
    const test = workflow.jobs.test;
    const postgres = test.services.postgres;
    expect(postgres.image).toMatch(/^postgres:\d+/);
    const url = new URL(test.env.DQ_TEST_DATABASE_URL);
    expect(url.hostname).toBe("postgres");
    expect(decodeURIComponent(url.password)).toBe(postgres.env.POSTGRES_PASSWORD);
    const setupNode = test.steps.find((s: Yaml) => String(s.uses).startsWith("actions/setup-node@"));
    expect(String(setupNode.with["node-version"])).toBe("24");
    expect(run(test)).toMatch(/^npm ci$/m);
    expect(run(test)).toMatch(/^npm test$/m);
    expect(read(".ci/run")).toMatch(/npm ci && npm test/);
  });

  it("installs every Debian package that .ci/run installs", () => {
    const ciRun = read(".ci/run").replace(/\\\n/g, " ");
    const packages = [...ciRun.matchAll(/apt-get install ([^\n>]*)/g)].flatMap((m) =>
      m[1]!.split(/\s+/).filter((w) => w && !w.startsWith("-")),
    );
    expect(packages).toEqual(expect.arrayContaining(["chromium", "docker-compose"]));
    const aptStep = run(workflow.jobs.test).replace(/\\\n/g, " ");
    for (const p of packages) expect(aptStep, p).toMatch(new RegExp(`\\s${p}(\\s|$)`));
  });

  it("builds the image without pushing it, and starts both compose files", () => {
    const image = workflow.jobs.image;
    const build = image.steps.find((s: Yaml) => String(s.uses).startsWith("docker/build-push-action@"));
    expect(build.with).toMatchObject({ context: ".", push: false });
    expect(run(image)).toMatch(/docker compose -f compose\.yaml .*up -d/);
    expect(run(image)).toMatch(/docker compose -f deploy\/compose\.scale\.yaml .*up -d/);
  });
});
