/**
 * The one-file artifact (`deno task bundle` → `dist/eventum.js`) runs the
 * commands with plain `deno run`, from a folder outside the repository.
 *
 * `.ci/run` builds the bundle first and points `EVENTUM_BUNDLE` at it; run
 * alone, the test builds its own into a temporary folder.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { cpSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { lines, ROOT, studioAddress } from "./_cli.ts";
import { buildArgs, versionModule } from "../tools/build.ts";
import { V8_FLAGS_ARG } from "../cli/v8_flags.ts";

const work = Deno.makeTempDirSync({ prefix: "eventum-artifact-" });

async function bundle(): Promise<string> {
  const given = Deno.env.get("EVENTUM_BUNDLE");
  if (given) return given;
  const out = join(work, "eventum.js");
  const r = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", join(ROOT, "tools", "build.ts"), "bundle", "--output", out],
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!r.success) throw new Error(`bundle failed: ${new TextDecoder().decode(r.stderr)}`);
  return out;
}

/** A copy of the artifact and of `samples/` in a folder outside the repository. */
async function setUp(): Promise<{ dir: string; js: string }> {
  const dir = join(work, "project");
  cpSync(join(ROOT, "samples"), dir, { recursive: true, filter: (src) => !src.includes("/out") });
  const js = join(dir, "eventum.js");
  Deno.copyFileSync(await bundle(), js);
  return { dir, js };
}

const ready = setUp();

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { dir, js } = await ready;
  const r = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--unstable-worker-options", V8_FLAGS_ARG, "--no-config", js, ...args],
    cwd: dir,
    env: { NO_COLOR: "1", TZ: "UTC" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return { code: r.code, stdout: dec.decode(r.stdout), stderr: dec.decode(r.stderr) };
}

Deno.test("artifact: --version names the build", async () => {
  const r = await run(["--version"]);
  equal(r.code, 0, r.stderr);
  match(r.stdout, /^eventum \d+\.\d+\.\d+ \([0-9a-f]{7,}(\+dirty)?, built \d{4}-\d\d-\d\dT/);
  match(r.stdout, /\ndeno 2\.\d+\.\d+\nv8 /);
});

Deno.test("artifact: gen runs hello.evt", async () => {
  const r = await run(["gen", "hello.evt"]);
  equal(r.code, 0, r.stderr);
  deepEqual(lines(r.stdout), [1, 2, 3, 4, 5].map((n) => `{"userID":${n}}`));
});

Deno.test("artifact: gen writes a file and keeps the sandbox", async () => {
  const refused = await run(["gen", "whoami.evt"]);
  equal(refused.code, 1);
  match(refused.stderr, /EVT3001/);
  const r = await run(["gen", "web-traffic.evt", "--count", "100", "-q"]);
  equal(r.code, 0, r.stderr);
  const { dir } = await ready;
  equal(lines(Deno.readTextFileSync(join(dir, "out", "access.log"))).length, 100);
});

Deno.test("artifact: check passes the samples and catches a broken file", async () => {
  const r = await run(["check", "hello.evt", "sessions.evt", "web-traffic.evt"]);
  equal(r.code, 0, r.stderr);
  const { dir } = await ready;
  Deno.writeTextFileSync(join(dir, "broken.evt"), 'generator "x" {\n  input timer { every 5sec }\n}\n');
  const bad = await run(["check", "broken.evt"]);
  equal(bad.code, 1);
  match(bad.stderr + bad.stdout, /broken\.evt:2:\d+/);
});

Deno.test("artifact: render prints steps with their state", async () => {
  const r = await run(["render", "sessions.evt", "-n", "3", "--seed", "1", "--json", "--state"]);
  equal(r.code, 0, r.stderr);
  const steps = JSON.parse(r.stdout) as { step: number; state?: unknown }[];
  equal(steps.length, 3);
  ok(steps.every((s) => s.state !== undefined));
});

Deno.test("artifact: plot counts the pattern", async () => {
  const r = await run(["plot", "web-traffic.evt", "--bin", "1d", "--format", "json", "--seed", "1"]);
  equal(r.code, 0, r.stderr);
  const [t] = JSON.parse(r.stdout) as { merged: number[]; total: number }[];
  equal(t?.merged.length, 7);
  ok((t?.total ?? 0) > 250_000);
});

Deno.test("artifact: studio starts, answers one request with its token, and stops", async () => {
  const { dir, js } = await ready;
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--unstable-worker-options", V8_FLAGS_ARG, "--no-config", js, "studio", dir, "--port", "0"],
    cwd: dir,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const stderr = new Response(child.stderr).text();
  try {
    const { url, rest } = await studioAddress(child.stdout);
    const token = new URL(url).searchParams.get("token") ?? "";
    const files = await fetch(new URL("/api/files", url), { headers: { authorization: `Bearer ${token}` } });
    equal(files.status, 200);
    const body = await files.json() as { files: { path: string }[] };
    ok(body.files.some((f) => f.path === "hello.evt"));
    const page = await fetch(url);
    equal(page.status, 200);
    match(await page.text(), /<script[^>]+studio\.js/);
    const script = await fetch(new URL("/assets/studio.js", url));
    equal(script.status, 200);
    ok((await script.text()).length > 100_000, "the Studio's script is inside the bundle");
    child.kill("SIGINT");
    equal((await child.status).code, 130);
    await rest;
    await stderr;
  } finally {
    try {
      child.kill("SIGKILL");
    } catch {
      // already ended
    }
  }
});

Deno.test("the stamped version module is what build.ts writes and restores", async () => {
  await ready;
  const text = versionModule({ version: "9.8.7", commit: "abcdef1", date: "2026-12-03T00:00:00.000Z" });
  match(text, /export const VERSION = "9\.8\.7";/);
  match(text, /export const BUILD: \{ commit: string; date: string \} = \{"commit":"abcdef1","date":"2026-12-03T/);
  match(Deno.readTextFileSync(join(ROOT, "cli", "version.ts")), /commit: "dev"/);
});

Deno.test("the release workflow compiles every platform with the build script", () => {
  const wf = parseYaml(Deno.readTextFileSync(join(ROOT, ".github", "workflows", "release.yml"))) as {
    on: { push: { tags: string[] } };
    jobs: Record<string, { strategy?: { matrix: { include: { target: string }[] } }; steps: { run?: string }[] }>;
  };
  deepEqual(wf.on.push.tags, ["v*"]);
  const targets = wf.jobs.build?.strategy?.matrix.include.map((m) => m.target).sort();
  deepEqual(targets, [
    "aarch64-apple-darwin",
    "aarch64-unknown-linux-gnu",
    "x86_64-apple-darwin",
    "x86_64-pc-windows-msvc",
    "x86_64-unknown-linux-gnu",
  ]);
  ok(wf.jobs.build?.steps.some((s) => s.run?.includes("tools/build.ts compile --target")));
  ok(wf.jobs.release?.steps.some((s) => s.run?.includes("sha256sum")));
});

Deno.test("the compile task builds with the engine's flags", () => {
  const config = JSON.parse(Deno.readTextFileSync(join(ROOT, "deno.json"))) as { tasks: Record<string, string> };
  match(config.tasks.compile ?? "", /tools\/build\.ts compile/);
  const args = buildArgs("compile", "dist/eventum", undefined);
  for (const flag of ["--unstable-worker-options", "--allow-all", V8_FLAGS_ARG]) ok(args.includes(flag), flag);
});
