/**
 * Helpers for the network output tests: write a scenario whose events carry
 * a sequence number, run `eventum gen` on it with a report, and check that
 * every event is accounted for exactly once (in the sink or the dead-letter
 * file).
 *
 * @module
 */
import { deepEqual, equal } from "node:assert/strict";
import { eventum } from "../_cli.ts";

/** An output's counters as `--report` writes them. */
export interface OutputReport {
  output: string;
  generated: number;
  written: number;
  failed: number;
  retried: number;
  dead_lettered: number;
  dropped: number;
}

/** What a run did. */
export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** The scenario's folder. */
  dir: string;
  /** The first generator's outputs, from `--report` (empty when the run did not start). */
  outputs: OutputReport[];
  /** Lines of the dead-letter file `dead.jsonl` in the scenario's folder. */
  dead: { record: string; error: string; output: string }[];
}

/** Options of {@link scenario}. */
export interface ScenarioOptions {
  /** Events to generate (`input static { count N }`), unless `input` is given. */
  count?: number;
  /** The input statement. */
  input?: string;
  /** Extra generator statements (`mode live`). */
  extra?: string;
  /** The event template; by default `{"seq": N, "msg": "..."}`. */
  template?: string;
}

/** The default event: a sequence number and some text. */
export const SEQ_TEMPLATE = `{"seq": {{ shared.incr('seq') }}, "msg": "event number {{ shared.get('seq') }}"}`;

/**
 * A scenario with one generator `g` and the given output statements; each
 * output's dead letters go to `dead.jsonl` unless it says otherwise.
 */
export function scenario(outputs: string, options: ScenarioOptions = {}): string {
  return `generator "g" {
  ${options.extra ?? ""}
  ${options.input ?? `input static { count ${options.count ?? 25} }`}
  event template {
    template t """${options.template ?? SEQ_TEMPLATE}"""
  }
  ${outputs}
}
`;
}

/** Writes a scenario into a fresh folder. */
export function writeScenario(text: string, files: Record<string, string> = {}): { dir: string; file: string } {
  const dir = Deno.makeTempDirSync({ prefix: "eventum-net-" });
  Deno.writeTextFileSync(`${dir}/s.evt`, text);
  for (const [name, body] of Object.entries(files)) Deno.writeTextFileSync(`${dir}/${name}`, body);
  return { dir, file: `${dir}/s.evt` };
}

/** Reads a dead-letter file (JSON lines), or none. */
export function readDead(path: string): { record: string; error: string; output: string }[] {
  try {
    return Deno.readTextFileSync(path).split("\n").filter(Boolean).map((l) => JSON.parse(l));
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return [];
    throw e;
  }
}

/**
 * Runs `eventum gen` on a scenario text with `--report`.
 *
 * @param text The scenario.
 * @param args More arguments (grants, `--count`).
 * @param options Environment variables; files to put beside the scenario; a
 *   function called once the process runs (for a test that changes the
 *   server during the run).
 */
export async function run(
  text: string,
  args: string[],
  options: { env?: Record<string, string>; files?: Record<string, string>; during?: (dir: string) => Promise<void> } =
    {},
): Promise<Run> {
  const { dir, file } = writeScenario(text, options.files);
  const report = `${dir}/run.json`;
  const running = eventum(["gen", file, "--report", report, ...args], options.env ? { env: options.env } : {});
  if (options.during) await options.during(dir);
  const r = await running;
  let outputs: OutputReport[] = [];
  try {
    outputs = JSON.parse(Deno.readTextFileSync(report)).generators[0]?.outputs ?? [];
  } catch {
    // the run did not start
  }
  return { ...r, dir, outputs, dead: readDead(`${dir}/dead.jsonl`) };
}

/** The `seq` of an event record (or of each event of a JSON array record). */
export function seqs(record: unknown): number[] {
  const value = typeof record === "string" ? JSON.parse(record) : record;
  if (Array.isArray(value)) return value.flatMap(seqs);
  return [(value as { seq: number }).seq];
}

/**
 * Checks the books of one output after a bounded run of events numbered
 * 1..N: generated = written + dead-lettered + dropped (nothing failed), the
 * sink holds exactly the written events and the dead-letter file exactly the
 * dead-lettered ones, each once, and together they are 1..N.
 *
 * @param out The output's counters.
 * @param sink The sequence numbers the server holds.
 * @param dead The sequence numbers in the dead-letter file.
 */
export function assertAccounted(out: OutputReport | undefined, sink: number[], dead: number[]): void {
  if (!out) throw new Error("The run wrote no report for the output");
  equal(out.failed, 0, "no event failed outright");
  equal(out.generated, out.written + out.dead_lettered + out.dropped, "generated = written + dead-lettered + dropped");
  equal(sink.length, out.written, "the sink holds as many events as were counted written");
  equal(dead.length, out.dead_lettered, "the dead-letter file holds as many events as were counted dead-lettered");
  const all = [...sink, ...dead].sort((a, b) => a - b);
  deepEqual(all, Array.from({ length: out.generated - out.dropped }, (_, i) => i + 1), "each event exactly once");
}

/** Polls until `ready()` or `ms` pass; says whether it became ready. */
export async function until(ready: () => boolean, ms = 10_000): Promise<boolean> {
  const deadline = performance.now() + ms;
  while (!ready()) {
    if (performance.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 5));
  }
  return true;
}

/** Whether a file exists. */
export function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Small retries for fault tests. */
export const FAST_RETRY = "retries 3; backoff { initial 10ms; max 50ms }";
