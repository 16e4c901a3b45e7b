/**
 * What the JavaScript baselines share: the command line (scenario, event
 * count, output path), a scenario's template text read from its `.evt`
 * file, its timestamps, and a sink that writes in large chunks.
 *
 * @module
 */
import { join } from "node:path";

/** The folder of the benchmark scenarios. */
export const SCENARIOS: string = new URL("../scenarios", import.meta.url).pathname;

/** The scenarios every baseline knows. */
export const NAMES = ["counter", "json-1kb", "access-line", "pattern-10m"] as const;

/** One of {@linkcode NAMES}. */
export type Name = typeof NAMES[number];

/** `2024-01-01T00:00:00Z` in epoch microseconds: where every scenario's timeline starts. */
export const START_US: number = Date.UTC(2024, 0, 1) * 1000;

const DAY_US = 86_400_000_000;

/** The command line of a baseline: `NAME COUNT OUT`. */
export interface Args {
  name: Name;
  count: number;
  out: string;
}

/**
 * Reads a baseline's arguments.
 *
 * @param args `Deno.args`: the scenario name, the event count and the output path.
 * @returns The arguments, checked.
 * @throws {Error} When one is missing or wrong.
 */
export function parseArgs(args: readonly string[]): Args {
  const [name, count, out] = args;
  if (!NAMES.includes(name as Name)) {
    throw new Error(`Unknown scenario \`${name ?? ""}\`: expected one of ${NAMES.join(", ")}`);
  }
  const n = Number(count);
  if (!Number.isInteger(n) || n < 1) throw new Error(`Bad event count \`${count ?? ""}\`: expected a positive integer`);
  if (!out) throw new Error("Missing the output path: expected `NAME COUNT OUT`");
  return { name: name as Name, count: n, out };
}

/**
 * The text of a scenario's template, as the engine reads it: the inline
 * `"""..."""` of its `.evt` file, or the file its `template NAME file "..."` names.
 *
 * @param name The scenario.
 * @returns The template text.
 */
export function templateText(name: Name): string {
  const evt = Deno.readTextFileSync(join(SCENARIOS, `${name}.evt`));
  const inline = /template\s+\w+\s+"""([\s\S]*?)"""/.exec(evt);
  if (inline) return inline[1] as string;
  const file = /template\s+\w+\s+file\s+"([^"]+)"/.exec(evt);
  if (file) return Deno.readTextFileSync(join(SCENARIOS, file[1] as string));
  throw new Error(`Cannot find the template of scenario \`${name}\``);
}

/**
 * The values of a scenario's `NAME items [...]` sample, read from its `.evt` file.
 *
 * @param name The scenario.
 * @param sample The sample's name.
 * @returns The values.
 */
export function sampleItems(name: Name, sample: string): unknown[] {
  const evt = Deno.readTextFileSync(join(SCENARIOS, `${name}.evt`));
  const items = new RegExp(`\\b${sample}\\s+items\\s+(\\[[^\\]]*\\])`).exec(evt);
  if (!items) throw new Error(`Cannot find sample \`${sample}\` of scenario \`${name}\``);
  return JSON.parse(items[1] as string);
}

/**
 * Timestamp `i` of `count`, in epoch microseconds: evenly spaced over one
 * day for `linspace` scenarios (as `input linspace { end +1d }` spaces
 * them), over ten days for `pattern-10m` (its pattern's span; the spread
 * within a day does not change what rendering a timestamp costs).
 *
 * @param name The scenario.
 * @param count How many timestamps the run has.
 * @returns A function of the index.
 */
export function timeline(name: Name, count: number): (i: number) => number {
  const span = name === "pattern-10m" ? 10 * DAY_US : DAY_US;
  const step = count > 1 ? span / (count - 1) : 0;
  return (i) => Math.round(START_US + i * step);
}

/**
 * A file written in chunks of about `chunk` bytes: lines are gathered as
 * strings and encoded and written once per chunk.
 */
export class ChunkedSink {
  #file: Deno.FsFile;
  #lines: string[] = [];
  #size = 0;
  #chunk: number;
  #encoder = new TextEncoder();

  /**
   * @param path The file, created or truncated.
   * @param chunk About how many characters to gather before a write (default 1 MiB).
   */
  constructor(path: string, chunk = 1 << 20) {
    this.#file = Deno.openSync(path, { write: true, create: true, truncate: true });
    this.#chunk = chunk;
  }

  /** Adds one line (the separator is added). */
  line(text: string): void {
    this.#lines.push(text);
    this.#size += text.length + 1;
    if (this.#size >= this.#chunk) this.flush();
  }

  /** Writes what was gathered. */
  flush(): void {
    if (this.#lines.length === 0) return;
    const bytes = this.#encoder.encode(this.#lines.join("\n") + "\n");
    for (let done = 0; done < bytes.length;) done += this.#file.writeSync(bytes.subarray(done));
    this.#lines = [];
    this.#size = 0;
  }

  /** Writes the rest and closes the file. */
  close(): void {
    this.flush();
    this.#file.close();
  }
}
