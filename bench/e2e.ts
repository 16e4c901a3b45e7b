/**
 * End to end: each scenario of `bench/scenarios/` run through `eventum gen`
 * as a user runs it, beside three baselines that write the same lines to
 * the same kind of sink (the scenario's file under `bench/scenarios/out/`,
 * or `/dev/null`):
 *
 * - `jinja2`: the template text rendered by Jinja2 in a loop, on one
 *   thread, with plain Python objects for `locals`, samples, `module.rand`
 *   and `timestamp` (`bench/baselines/jinja2_loop.py`, Debian's
 *   `/usr/bin/python3`). The Python Eventum renders through Jinja2 on one
 *   thread too, so this is the upper bound of its speed.
 * - `nunjucks-loop`: the template text rendered by a plain Nunjucks
 *   environment over our own State, samples, `module.rand` and
 *   `EventTimestamp` (`bench/baselines/nunjucks_loop.ts`): what the engine
 *   around the template costs.
 * - `handwritten`: the lines built with template literals and direct calls
 *   into the same APIs (`bench/baselines/handwritten.ts`): the practical
 *   limit for us.
 *
 * Every run is one process timed from outside with `/usr/bin/time` (wall
 * time and peak RSS, process startup included: what a user sees), sized to
 * take about 3 s (a run outside 1.5–6 s is resized once), the
 * implementations taking turns, median of 3 runs. Bytes per event come
 * from the timed runs' files for scenarios that write a file, and from one
 * small run per implementation into a file for those that write to
 * `/dev/null`. Random picks differ between the implementations (different
 * generators, different draws), so the bytes are not identical, but
 * fields, shape and size per event agree within a few percent (`counter`'s
 * ids grow with the count); the bytes per event are printed under each
 * table. `eventum gen` runs from source with the program's V8 flags
 * (`cli/v8_flags.ts`, which the binary embeds), the Deno baselines with
 * Deno's defaults.
 *
 * For `pattern-10m` eventum runs the scenario's pattern input (stopped with
 * `--count`), while the baselines render `{{ timestamp }}` (Python's
 * `str(datetime)`) over timestamps computed in the loop, evenly spaced over
 * the pattern's ten days: they measure the rendering only.
 *
 * `deno run -A --unstable-worker-options bench/e2e.ts [SCENARIO...]`
 *
 * @module
 */
import { dirname, join } from "node:path";
import { median, si, table } from "./_stats.ts";
import { EVENTUM } from "./_eventum.ts";

const ROOT = new URL("..", import.meta.url).pathname;
const SCENARIOS = join(ROOT, "bench", "scenarios");
const BASELINES = join(ROOT, "bench", "baselines");
const PYTHON = "/usr/bin/python3";
const RUNS = 3;
/** The command line running a baseline script under Deno. */
function denoScript(file: string): (scenario: string, count: number, out: string) => string[] {
  return (scenario, count, out) => [Deno.execPath(), "run", "-A", join(BASELINES, file), scenario, String(count), out];
}

/** Seconds a run should take; a run outside [SHORTEST, LONGEST] is resized once. */
const TARGET = 3;
const SHORTEST = 1.5;
const LONGEST = 6;

/** The benchmark scenarios, in the order the tables are printed. */
const NAMES = ["counter", "json-1kb", "access-line", "pattern-10m"] as const;
type Name = typeof NAMES[number];

/** Where each scenario writes, relative to its folder; baselines write beside it. */
const SINKS: Record<Name, string> = {
  "counter": "out/counter.jsonl",
  "json-1kb": "out/json-1kb.jsonl",
  "access-line": "/dev/null",
  "pattern-10m": "/dev/null",
};

/** The most events a scenario has (`pattern-10m`'s input ends at 10M). */
const MOST: Partial<Record<Name, number>> = { "pattern-10m": 10_000_000 };

interface Implementation {
  name: string;
  /** Events per run: about 3 s each on the 2-core machine of docs/performance.md. */
  counts: Record<Name, number>;
  /** The command that writes `count` events of `scenario` to `out`. */
  argv(scenario: Name, count: number, out: string): string[];
}

/**
 * `eventum gen` on the scenario, or, when `out` is not the scenario's own
 * sink, on a copy of it beside `out` that writes to `out`.
 */
function eventumArgv(scenario: Name, count: number, out: string): string[] {
  const evt = out === sinkPath(scenario, "eventum") ? join(SCENARIOS, `${scenario}.evt`) : copyScenario(scenario, out);
  const limit = scenario in MOST ? ["-n", String(count)] : ["-p", `count=${count}`];
  return [...EVENTUM, "gen", evt, "-q", ...limit, "--allow-write=/dev/null"];
}

const IMPLEMENTATIONS: readonly Implementation[] = [
  {
    name: "eventum",
    counts: { "counter": 4_000_000, "json-1kb": 350_000, "access-line": 1_400_000, "pattern-10m": 3_000_000 },
    argv: eventumArgv,
  },
  {
    name: "jinja2",
    counts: { "counter": 300_000, "json-1kb": 40_000, "access-line": 120_000, "pattern-10m": 300_000 },
    argv: (scenario, count, out) => [PYTHON, join(BASELINES, "jinja2_loop.py"), scenario, String(count), out],
  },
  {
    name: "nunjucks-loop",
    counts: { "counter": 3_000_000, "json-1kb": 200_000, "access-line": 1_000_000, "pattern-10m": 3_000_000 },
    argv: denoScript("nunjucks_loop.ts"),
  },
  {
    name: "handwritten",
    counts: { "counter": 10_000_000, "json-1kb": 300_000, "access-line": 2_000_000, "pattern-10m": 5_000_000 },
    argv: denoScript("handwritten.ts"),
  },
];

/** Where an implementation writes a scenario's events in the timed runs. */
function sinkPath(scenario: Name, implementation: string): string {
  const sink = SINKS[scenario];
  if (sink === "/dev/null") return sink;
  return implementation === "eventum" ? join(SCENARIOS, sink) : join(SCENARIOS, `${sink}.${implementation}`);
}

/** Copies the scenario's folder (without `out/`) into the folder of `out`, the copy writing to `out`. */
function copyScenario(scenario: Name, out: string): string {
  const dir = dirname(out);
  for (const entry of Deno.readDirSync(SCENARIOS)) {
    if (entry.isFile) Deno.copyFileSync(join(SCENARIOS, entry.name), join(dir, entry.name));
  }
  const evt = join(dir, `${scenario}.evt`);
  const text = Deno.readTextFileSync(evt);
  const rewritten = text.replace(/output file "[^"]*"/, `output file ${JSON.stringify(out)}`);
  if (rewritten === text) throw new Error(`Cannot find the file output of scenario \`${scenario}\``);
  Deno.writeTextFileSync(evt, rewritten);
  return evt;
}

/** One run of a command: wall seconds and peak RSS in KB, as `/usr/bin/time` reports them. */
async function timed(argv: readonly string[]): Promise<{ seconds: number; kb: number }> {
  const stats = Deno.makeTempFileSync({ prefix: "eventum-e2e-time-" });
  try {
    const { code, stderr } = await new Deno.Command("/usr/bin/time", {
      args: ["-f", "%e %M", "-o", stats, ...argv],
      cwd: ROOT,
      stdout: "null",
      stderr: "piped",
    }).output();
    if (code !== 0) {
      const tail = new TextDecoder().decode(stderr).trim().slice(-2000);
      throw new Error(`Cannot run \`${argv.join(" ")}\`: exit code ${code}: ${tail}`);
    }
    const last = Deno.readTextFileSync(stats).trim().split("\n").pop() ?? "";
    const [seconds, kb] = last.split(" ").map(Number);
    if (seconds === undefined || kb === undefined || Number.isNaN(seconds) || Number.isNaN(kb)) {
      throw new Error(`Cannot read the output of /usr/bin/time: "${last}"`);
    }
    return { seconds, kb };
  } finally {
    Deno.removeSync(stats);
  }
}

/** Removes a file that may not exist (a run that failed before writing). */
function removeIfThere(path: string): void {
  try {
    Deno.removeSync(path);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
}

/** Bytes per event of an implementation: one small run into a real file. */
async function bytesPerEvent(impl: Implementation, scenario: Name, count: number): Promise<number> {
  const dir = Deno.makeTempDirSync({ prefix: "eventum-e2e-size-" });
  try {
    const out = join(dir, "events.out");
    await timed(impl.argv(scenario, count, out));
    return Deno.statSync(out).size / count;
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
}

/** `count` rounded to two significant digits. */
function round2(count: number): number {
  const unit = 10 ** Math.max(0, Math.floor(Math.log10(count)) - 1);
  return Math.max(1000, Math.round(count / unit) * unit);
}

interface Row {
  impl: string;
  count: number;
  eps: number;
  bytes: number;
  kb: number;
}

/**
 * Runs one scenario: every implementation, taking turns, `RUNS` times.
 * Bytes per event come from the timed runs' files when the scenario writes
 * a file, from one small run per implementation (the same count for all)
 * into a file when it writes to `/dev/null`.
 */
async function benchScenario(scenario: Name): Promise<string> {
  const counts = IMPLEMENTATIONS.map((impl) => impl.counts[scenario]);
  const samples: { seconds: number; kb: number; bytes: number }[][] = IMPLEMENTATIONS.map(() => []);
  const devNull = SINKS[scenario] === "/dev/null";
  const sizeCount = round2(Math.min(...counts) / 10);
  const sized: number[] = [];
  if (devNull) {
    for (const impl of IMPLEMENTATIONS) sized.push(await bytesPerEvent(impl, scenario, sizeCount));
  }
  try {
    for (let run = 0; run < RUNS; run++) {
      for (const [i, impl] of IMPLEMENTATIONS.entries()) {
        const count = counts[i] as number;
        const sink = sinkPath(scenario, impl.name);
        let r = await timed(impl.argv(scenario, count, sink));
        if (run === 0 && (r.seconds < SHORTEST || r.seconds > LONGEST)) {
          // Resize once, so that machines (and engines) faster or slower than ours still run ~3 s.
          const resized = Math.min(round2(count * TARGET / Math.max(r.seconds, 0.05)), MOST[scenario] ?? Infinity);
          console.error(`  ${scenario}/${impl.name}: ${count} events took ${r.seconds} s; resized to ${resized}`);
          counts[i] = resized;
          r = await timed(impl.argv(scenario, resized, sink));
        }
        const bytes = devNull ? sized[i] as number : Deno.statSync(sink).size / (counts[i] as number);
        (samples[i] as { seconds: number; kb: number; bytes: number }[]).push({ ...r, bytes });
        console.error(`  ${scenario}/${impl.name} run ${run + 1}: ${counts[i]} events in ${r.seconds} s`);
      }
    }
  } finally {
    for (const impl of IMPLEMENTATIONS) {
      const path = sinkPath(scenario, impl.name);
      if (impl.name !== "eventum" && path !== "/dev/null") removeIfThere(path);
    }
  }
  const rows: Row[] = IMPLEMENTATIONS.map((impl, i) => {
    const runs = samples[i] as { seconds: number; kb: number; bytes: number }[];
    const count = counts[i] as number;
    return {
      impl: impl.name,
      count,
      eps: median(runs.map((r) => count / r.seconds)),
      bytes: median(runs.map((r) => r.bytes)),
      kb: median(runs.map((r) => r.kb)),
    };
  });
  const eventum = rows[0] as Row;
  const lines = table(
    ["implementation", "events", "events/s", "MB/s", "peak RSS", "eventum ÷ this (events/s)"],
    rows.map((r) => [
      r.impl,
      si(r.count),
      si(r.eps),
      (r.eps * r.bytes / 1e6).toFixed(1),
      `${(r.kb / 1024).toFixed(0)} MB`,
      r === eventum ? "1.00" : (eventum.eps / r.eps).toFixed(2),
    ]),
  );
  const sizes = rows.map((r) => {
    const off = Math.abs(r.bytes / eventum.bytes - 1) > 0.03 ? " (differs by more than 3%)" : "";
    return `${r.impl} ${r.bytes.toFixed(1)}${off}`;
  });
  const how = devNull ? `from a run of ${si(sizeCount)} events each to a file` : "of the timed runs' files";
  return `${lines}\n\nBytes per event (${how}): ${sizes.join(", ")}.`;
}

/** Wall time of `eventum gen samples/hello.evt --count 1 -q`, in ms, `runs` times. */
async function startup(runs = 10): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const [deno = "deno", ...args] = EVENTUM;
    const { code } = await new Deno.Command(deno, {
      args: [...args, "gen", "samples/hello.evt", "--count", "1", "-q"],
      cwd: ROOT,
      stdout: "null",
      stderr: "null",
    }).output();
    times.push(performance.now() - t0);
    if (code !== 0) throw new Error(`Cannot run samples/hello.evt: exit code ${code}`);
  }
  return times;
}

/**
 * Runs the end-to-end suite and returns its Markdown: a table per scenario,
 * the startup time of `gen --count 1`, and how long the suite took.
 *
 * @param names The scenarios to run (default: all four).
 * @returns The Markdown.
 */
export async function benchE2e(names: readonly string[] = NAMES): Promise<string> {
  const t0 = performance.now();
  const parts: string[] = [];
  for (const name of names) {
    if (!NAMES.includes(name as Name)) {
      throw new Error(`Unknown scenario \`${name}\`: expected one of ${NAMES.join(", ")}`);
    }
    parts.push(`### ${name}\n\n${await benchScenario(name as Name)}`);
  }
  const ms = await startup();
  parts.push(
    `Startup: \`eventum gen samples/hello.evt --count 1 -q\` takes ${median(ms).toFixed(0)} ms ` +
      `(median of ${ms.length}, ${Math.min(...ms).toFixed(0)}–${
        Math.max(...ms).toFixed(0)
      } ms, wall, process included).`,
  );
  parts.push(`End-to-end suite: ${((performance.now() - t0) / 1000).toFixed(0)} s.`);
  return parts.join("\n\n");
}

if (import.meta.main) console.log(await benchE2e(Deno.args.length ? Deno.args : NAMES));
