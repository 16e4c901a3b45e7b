/**
 * `eventum plot` as a user runs it: the timeline is computed in the
 * sandboxed engine Worker, like `gen`.
 */
import { deepEqual, equal, match } from "node:assert/strict";
import { eventum, lines } from "./_cli.ts";

function plot(args: string[]) {
  return eventum(["plot", ...args]);
}

function tempScenario(text: string): string {
  const dir = Deno.makeTempDirSync({ prefix: "eventum-plot-" });
  Deno.writeTextFileSync(`${dir}/s.evt`, text);
  return `${dir}/s.evt`;
}

function scenario(inputs: string, more = ""): string {
  return tempScenario(`generator "web" {
${more}${inputs}
  event template { template t """x""" }
  output stdout
}
`);
}

const MIXED = scenario(`  input linspace { start 2024-01-01T00:00:00Z; end 2024-01-01T02:59:59Z; count 6 }
  input timer { every 30m; count 2; start 2024-01-01T00:00:00Z; repeat 4; tags ["web"] }
  input timestamps ["2024-01-01T02:00:00Z", "2024-01-01T02:30:00Z"] { tags ["db"] }
  input static { count 3 }`);

const NOW = ["--now", "2024-01-01T01:15:00Z", "--seed", "1"];

Deno.test("the chart counts every input per bin", async () => {
  const r = await plot([MIXED, "--bin", "1h", ...NOW]);
  equal(r.code, 0, r.stderr);
  equal(r.stderr, "");
  equal(
    r.stdout,
    `web: 3 bins of 1h from 2024-01-01 00:00 to 2024-01-01 03:00 (UTC), seed 1

2024-01-01 00:00 ████████████████████████████████████████▋                     6
2024-01-01 01:00 █████████████████████████████████████████████████████████████ 9
2024-01-01 02:00 ███████████████████████████▏                                  4

input 1: linspace          6
input 2: timer [web]       8
input 3: timestamps [db]   2
input 4: static            3
merged                    19
`,
  );
});

Deno.test("csv and json give the same counts, per input and merged", async () => {
  const csv = await plot([MIXED, "--bin", "1h", "--format", "csv", ...NOW]);
  equal(csv.code, 0, csv.stderr);
  deepEqual(lines(csv.stdout), [
    "start,input 1: linspace,input 2: timer [web],input 3: timestamps [db],input 4: static,merged",
    "2024-01-01T00:00:00+00:00,2,4,0,0,6",
    "2024-01-01T01:00:00+00:00,2,4,0,3,9",
    "2024-01-01T02:00:00+00:00,2,0,2,0,4",
  ]);
  const json = await plot([MIXED, "--bin", "1h", "--format", "json", ...NOW]);
  equal(json.code, 0, json.stderr);
  const [t] = JSON.parse(json.stdout);
  equal(t.generator, "web");
  equal(t.binText, "1h");
  deepEqual(t.starts, lines(csv.stdout).slice(1).map((l) => l.split(",")[0]));
  deepEqual(t.series.map((s: { counts: number[] }) => s.counts), [[2, 2, 2], [4, 4, 0], [0, 0, 2], [0, 3, 0]]);
  deepEqual(t.merged, [6, 9, 4]);
  equal(t.total, 19);
});

Deno.test("without --bin about 60 bins cover the data", async () => {
  const file = scenario("  input timer { every 10s; start 2024-01-01T00:00:00Z; repeat 360 }");
  const r = await plot([file, "--format", "csv"]);
  equal(r.code, 0, r.stderr);
  const rows = lines(r.stdout).slice(1);
  equal(rows.length, 60);
  equal(rows[0], "2024-01-01T00:00:00+00:00,6,6");
  equal(rows[59], "2024-01-01T00:59:00+00:00,6,6");
});

Deno.test("--from and --to bound the count and the bins; times are in the scenario's timezone", async () => {
  const r = await plot([
    MIXED,
    "--bin",
    "30m",
    "--from",
    "2024-01-01T00:30:00Z",
    "--to",
    "+45m",
    "--format",
    "csv",
    ...NOW,
  ]);
  equal(r.code, 0, r.stderr);
  // linspace at 00:36, 01:12, 01:48; the timer twice every 30m; static 3 times at --now (01:15)
  deepEqual(lines(r.stdout).slice(1), [
    "2024-01-01T00:30:00+00:00,1,2,0,0,3",
    "2024-01-01T01:00:00+00:00,1,2,0,3,6",
    "2024-01-01T01:30:00+00:00,1,2,0,0,3",
  ]);
  const berlin = scenario(
    "  input timer { every 1h; start 2024-01-01T00:00:00; repeat 48 }",
    '  timezone "Europe/Berlin"\n',
  );
  const day = await plot([berlin, "--bin", "1d", "--from", "2024-01-02", "--to", "2024-01-03", "--format", "csv"]);
  equal(day.code, 0, day.stderr);
  deepEqual(lines(day.stdout).slice(1), ["2024-01-02T00:00:00+01:00,24,24"]);
});

Deno.test("--input selects inputs by tag, plugin or index", async () => {
  const header = async (input: string) => {
    const r = await plot([MIXED, "--bin", "1h", "--input", input, "--format", "csv", ...NOW]);
    equal(r.code, 0, r.stderr);
    return lines(r.stdout);
  };
  deepEqual(await header("web"), [
    "start,input 2: timer [web],merged",
    "2024-01-01T00:00:00+00:00,4,4",
    "2024-01-01T01:00:00+00:00,4,4",
  ]);
  equal((await header("static"))[0], "start,input 4: static,merged");
  equal((await header("3"))[0], "start,input 3: timestamps [db],merged");
  const none = await plot([MIXED, "--input", "nope"]);
  equal(none.code, 2);
  match(none.stderr, /--input: no input is `nope`; the inputs are input 1: linspace, input 2: timer \[web\]/);
});

Deno.test("an endless timer needs --to (or --until)", async () => {
  const file = scenario("  input timer { every 1s; start 2024-01-01T00:00:00Z }");
  const r = await plot([file]);
  equal(r.code, 1);
  equal(r.stdout, "");
  match(r.stderr, /error EVT4004 Input `timer` \(input 1\) of generator `web` never ends: pass --to TIME \(or --until/);
  const bounded = await plot([file, "--until", "2024-01-01T00:01:00Z", "--format", "json"]);
  equal(bounded.code, 0, bounded.stderr);
  const [t] = JSON.parse(bounded.stdout);
  equal(t.total, 60);
  equal(t.binText, "1s");
});

Deno.test("-p overrides a param the inputs use", async () => {
  const file = scenario('  param n = 2\n  input static { count param("n") }\n');
  const r = await plot([file, "-p", "n=5", "--format", "json"]);
  equal(r.code, 0, r.stderr);
  equal(JSON.parse(r.stdout)[0].total, 5);
});

Deno.test("usage mistakes exit 2; scenario errors exit 1; --help exits 0", async () => {
  for (
    const args of [
      [],
      [MIXED, "--bin", "soon"],
      [MIXED, "--bin", "0s"],
      [MIXED, "--format", "svg"],
      [MIXED, "--from", "yesterday"],
      [MIXED, "--from", "2024-01-02", "--to", "2024-01-01"],
      [MIXED, "--to", "+1h", "--until", "+1h"],
      [MIXED, "--generator", "db"],
      [MIXED, "--seed", "x"],
    ]
  ) {
    const r = await plot(args);
    equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    match(r.stderr, /eventum plot --help/);
  }
  const bad = await plot([scenario("  input statik { count 1 }")]);
  equal(bad.code, 1);
  match(bad.stderr, /EVT2002 unknown input plugin `statik`/);
  const help = await plot(["--help"]);
  equal(help.code, 0);
  match(help.stdout, /^Usage: eventum plot FILE/);
});

Deno.test("a scenario with several generators plots each; csv asks to choose one", async () => {
  const file = tempScenario(`generator "a" {
  input static { count 2 }
  event template { template t """x""" }
  output stdout
}
generator "b" {
  input static { count 3 }
  event template { template t """x""" }
  output stdout
}
`);
  const text = await plot([file, ...NOW]);
  equal(text.code, 0, text.stderr);
  match(text.stdout, /^a: 1 bin of 1s from 2024-01-01 01:15:00 to 2024-01-01 01:15:01 \(UTC\), seed 1\n/);
  match(text.stdout, /\n\nb: 1 bin of 1s /);
  const csv = await plot([file, "--format", "csv"]);
  equal(csv.code, 2);
  match(csv.stderr, /--format csv takes one generator: choose one with --generator NAME \(`a`, `b`\)/);
  const b = await plot([file, "--format", "csv", "--generator", "b", ...NOW]);
  deepEqual(lines(b.stdout), ["start,input 1: static,merged", "2024-01-01T01:15:00+00:00,3,3"]);
});
