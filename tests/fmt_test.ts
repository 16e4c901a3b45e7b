/**
 * Golden tests of `eventum fmt`: each `tests/fmt/<case>.in.evt` formats to
 * `<case>.out.evt` (regenerate with `UPDATE_GOLDEN=1` and read the diff).
 * Every golden output, every sample and every design example is already
 * formatted once formatted: fmt of fmt is fmt; and formatting never changes
 * what a file means.
 */
import { deepEqual, equal, match } from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { formatEvt } from "../dsl/fmt.ts";
import { compiled, evtFiles, shape } from "../dsl/_fmt_testing.ts";
import { eventum, ROOT } from "./_cli.ts";

const root = fileURLToPath(new URL("./fmt/", import.meta.url));
const repo = fileURLToPath(new URL("../", import.meta.url));
const update = Deno.env.get("UPDATE_GOLDEN") === "1";

function fmt(text: string, file: string): string {
  const r = formatEvt(text, file);
  if (r.value === undefined) throw new Error(`${file} does not format: ${r.diagnostics.map((d) => d.message)}`);
  return r.value;
}

const cases = [...Deno.readDirSync(root)]
  .filter((e) => e.name.endsWith(".in.evt"))
  .map((e) => e.name.slice(0, -".in.evt".length))
  .sort();

for (const name of cases) {
  Deno.test(`fmt golden: ${name}`, () => {
    const input = Deno.readTextFileSync(`${root}${name}.in.evt`);
    const actual = fmt(input, `${name}.in.evt`);
    const expectedPath = `${root}${name}.out.evt`;
    if (update) Deno.writeTextFileSync(expectedPath, actual);
    let expected: string;
    try {
      expected = Deno.readTextFileSync(expectedPath);
    } catch {
      throw new Error(`Missing ${expectedPath}: run with UPDATE_GOLDEN=1`);
    }
    equal(actual, expected);
    equal(fmt(actual, `${name}.out.evt`), actual, "fmt of the golden output changes it");
    deepEqual(shape(actual), shape(input), "formatting changed the statements");
  });
}

const scenarios = [...evtFiles(`${repo}samples`), ...evtFiles(`${repo}../shared/design/examples`)];

for (const path of scenarios) {
  Deno.test(`fmt is idempotent and keeps the graph: ${path.slice(repo.length)}`, () => {
    const text = Deno.readTextFileSync(path);
    const once = fmt(text, path);
    equal(fmt(once, path), once);
    deepEqual(shape(once), shape(text));
    deepEqual(compiled(once, path), compiled(text, path));
  });
}

/** Runs `eventum ARGS...` with `input` on standard input. */
async function withStdin(args: string[], input: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "--unstable-worker-options",
      "--quiet",
      `--config=${ROOT}deno.json`,
      `${ROOT}cli/main.ts`,
      ...args,
    ],
    env: { NO_COLOR: "1" },
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(input));
  await writer.close();
  const out = await child.output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

Deno.test("eventum fmt: --check lists what would change, a plain run rewrites only that", async () => {
  const dir = Deno.makeTempDirSync({ prefix: "eventum-fmt-" });
  try {
    const messy = 'generator "g" {\ninput static {count 3}\n}\n';
    const tidy = 'generator "g" {\n  input static { count 3 }\n}\n';
    Deno.mkdirSync(`${dir}/sub`);
    Deno.writeTextFileSync(`${dir}/a.evt`, messy);
    Deno.writeTextFileSync(`${dir}/sub/b.evt`, tidy);
    const before = Deno.statSync(`${dir}/sub/b.evt`).mtime;
    const check = await eventum(["fmt", "--check", dir]);
    equal(check.code, 1, check.stderr);
    equal(check.stdout, `${dir}/a.evt\n`);
    match(check.stderr, /2 files checked: 1 would be reformatted/);
    equal(Deno.readTextFileSync(`${dir}/a.evt`), messy);
    const run = await eventum(["fmt", `${dir}/a.evt`, `${dir}/sub/b.evt`]);
    equal(run.code, 0, run.stderr);
    equal(Deno.readTextFileSync(`${dir}/a.evt`), tidy);
    deepEqual(Deno.statSync(`${dir}/sub/b.evt`).mtime, before);
    const again = await eventum(["fmt", "--check", dir]);
    equal(again.code, 0, again.stderr);
    match(again.stderr, /2 files checked, all formatted/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("eventum fmt: a file with syntax errors is left alone, its errors printed with file:line:col", async () => {
  const dir = Deno.makeTempDirSync({ prefix: "eventum-fmt-" });
  try {
    const bad = 'generator "g" {\n  input static { count 3 \n';
    Deno.writeTextFileSync(`${dir}/bad.evt`, bad);
    const r = await eventum(["fmt", `${dir}/bad.evt`]);
    equal(r.code, 1);
    match(r.stderr, new RegExp(`${dir}/bad\\.evt:\\d+:\\d+ error EVT1004`));
    equal(Deno.readTextFileSync(`${dir}/bad.evt`), bad);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("eventum fmt -: standard input to standard output", async () => {
  const r = await withStdin(["fmt", "-"], "a   1;b {c 2}");
  equal(r.code, 0, r.stderr);
  equal(r.stdout, "a 1\nb { c 2 }\n");
  const bad = await withStdin(["fmt", "-"], "a {");
  equal(bad.code, 1);
  match(bad.stderr, /<stdin>:1:3 error/);
});

Deno.test("eventum fmt: usage mistakes exit 2", async () => {
  equal((await eventum(["fmt"])).code, 2);
  equal((await eventum(["fmt", "--nope", "x.evt"])).code, 2);
});
