/**
 * Golden tests of `eventum convert`: each `tests/convert/<case>/generator.yml`
 * (written the way the Python Eventum's docs write them) with the scenario it
 * becomes (`expected.evt`) and the diagnostics printed (`expected.stderr`).
 * Each expected scenario passes `eventum check`, and the cases holding a
 * `runnable` file run with `eventum gen --count 5`. `args` holds extra
 * arguments (`-p NAME=VALUE`). Rewrite with `UPDATE_GOLDEN=1` and read the diff.
 */
import { equal, ok } from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as shellParse } from "shell-quote";
import { convertGenerator } from "../convert/mod.ts";
import { formatDiagnostics } from "../dsl/format.ts";
import { hasErrors } from "../dsl/diagnostics.ts";
import { loadScenario } from "../dsl/load.ts";
import { collectParams } from "../cli/commands/_params.ts";
import { eventum } from "./_cli.ts";

const root = fileURLToPath(new URL("./convert/", import.meta.url));
const update = Deno.env.get("UPDATE_GOLDEN") === "1";

function readMaybe(path: string): string | undefined {
  try {
    return Deno.readTextFileSync(path);
  } catch {
    return undefined;
  }
}

function exists(path: string): boolean {
  return readMaybe(path) !== undefined;
}

/** The arguments of a case, from its `args` file. */
function caseArgs(dir: string): string[] {
  return (shellParse(readMaybe(join(dir, "args")) ?? "") as unknown[]).filter((a): a is string =>
    typeof a === "string"
  );
}

/** Compares with the golden file, or rewrites it. */
function golden(path: string, actual: string | undefined): void {
  if (update) {
    if (actual === undefined) rmSync(path, { force: true });
    else Deno.writeTextFileSync(path, actual);
    return;
  }
  equal(actual, readMaybe(path), `${relative(root, path)} differs: run with UPDATE_GOLDEN=1 and read the diff`);
}

const cases = [...Deno.readDirSync(root)].filter((e) => e.isDirectory).map((e) => e.name).sort();

for (const name of cases) {
  const dir = join(root, name);
  Deno.test(`convert: ${name}`, async (t) => {
    const rel = relative(Deno.cwd(), dir);
    const args = caseArgs(dir);
    const params = collectParams(args.filter((_, i) => args[i - 1] === "-p"));
    const result = convertGenerator(join(rel, "generator.yml"), { params });
    const stderr = formatDiagnostics(result.diagnostics, result.sources).replaceAll(`${rel}/`, "");
    golden(join(dir, "expected.stderr"), stderr);
    golden(join(dir, "expected.evt"), result.text);
    if (result.text === undefined) return;

    await t.step("passes eventum check", () => {
      const loaded = loadScenario(join(rel, "expected.evt"));
      const errors = loaded.diagnostics.filter((d) => d.severity === "error");
      equal(formatDiagnostics(errors, loaded.sources), "");
      ok(!hasErrors(loaded.diagnostics));
    });

    if (exists(join(dir, "runnable"))) {
      await t.step("runs with eventum gen --count 5", async () => {
        const tmp = mkdtempSync(join(tmpdir(), `convert-${name}-`));
        try {
          cpSync(dir, tmp, { recursive: true });
          const r = await eventum(["gen", join(tmp, "expected.evt"), "--count", "5", "--seed", "1"], { cwd: tmp });
          equal(r.code, 0, r.stderr);
          ok(/5 events generated, 5 written/.test(r.stderr), r.stderr);
        } finally {
          rmSync(tmp, { recursive: true, force: true });
        }
      });
    }
  });
}

Deno.test("convert CLI: prints the scenario, warnings go to stderr, exit 0", async () => {
  const r = await eventum(["convert", "tests/convert/unmappable/generator.yml"]);
  equal(r.code, 0, r.stderr);
  equal(r.stdout, readMaybe(join(root, "unmappable/expected.evt")));
  ok(
    r.stderr.startsWith("tests/convert/unmappable/generator.yml:3:19 warning EVT5007 cannot map `R * * * *`"),
    r.stderr,
  );
});

Deno.test("convert CLI: -o writes the file, paths relative to it", async () => {
  const tmp = mkdtempSync(join(tmpdir(), "convert-out-"));
  try {
    const out = join(tmp, "scenario.evt");
    const r = await eventum(["convert", "tests/convert/template-chance/generator.yml", "-o", out, "--live"]);
    equal(r.code, 0, r.stderr);
    equal(r.stdout, "");
    const text = Deno.readTextFileSync(out);
    ok(text.includes("  mode live\n"), text);
    ok(text.includes(`file "${relative(tmp, join(root, "template-chance/templates/access.jinja"))}"`), text);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

Deno.test("convert CLI: unreadable YAML exits 1, usage mistakes exit 2", async () => {
  const bad = await eventum(["convert", "tests/convert/invalid-yaml/generator.yml"]);
  equal(bad.code, 1);
  ok(bad.stderr.includes("error EVT5002"), bad.stderr);
  equal(bad.stdout, "");
  const missing = await eventum(["convert", "tests/convert/nope/generator.yml"]);
  equal(missing.code, 1);
  ok(missing.stderr.includes("error EVT5001 cannot read"), missing.stderr);
  equal((await eventum(["convert"])).code, 2);
  equal((await eventum(["convert", "a.yml", "--bogus"])).code, 2);
  const help = await eventum(["convert", "--help"]);
  equal(help.code, 0);
  ok(help.stdout.startsWith("Usage: eventum convert generator.yml"), help.stdout);
});
