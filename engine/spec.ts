/**
 * Plugin specs and the small interfaces every plugin implements. A spec is
 * the one place a plugin is declared: its name, a summary, the schema of its
 * options (which drives DSL checks, docs and Studio forms), examples, and a
 * factory.
 *
 * @module
 */
import type * as v from "valibot";
import type { Needs, SampleNode } from "./graph.ts";
import type { Rng } from "./random.ts";
import type { Clock } from "./clock.ts";

/** The kinds of plugins. */
export type PluginKind = "input" | "event" | "formatter" | "output";

/** A plugin's declaration. */
export interface PluginSpec<K extends PluginKind, S extends v.GenericSchema, P, C> {
  kind: K;
  name: string;
  summary: string;
  /** Options as written in a scenario; positional values via `withArgs`. */
  schema: S;
  /** Scenario snippets that use the plugin. */
  examples: string[];
  /**
   * What the plugin reaches outside the sandbox for these options: `needs`
   * must be granted on the command line (a network address), `grants` are
   * given without asking (the file a `file` output names).
   */
  access?: (options: v.InferOutput<S>, dir: string) => { needs?: Needs; grants?: Needs };
  /**
   * Checks beyond the schema, on validated options (references between
   * options, expressions): each problem with the path of the option it
   * concerns.
   */
  check?: (options: v.InferOutput<S>, env: CheckEnv) => OptionProblem[];
  create(options: v.InferOutput<S>, ctx: C): P | Promise<P>;
}

/** What a spec's `check` may look at. */
export interface CheckEnv {
  /** The scenario's folder. */
  dir: string;
  /** Whether a file exists. */
  exists(path: string): boolean;
  /** A file's text, or undefined when it cannot be read. */
  readText(path: string): string | undefined;
  /** A hint for a file that was not found (a close name, or where paths start). */
  missingFileHint(rel: string): string;
}

/** A problem found by a spec's `check`. */
export interface OptionProblem {
  path: (string | number)[];
  message: string;
  hint?: string;
  /**
   * A finer place inside a multi-line string option (an inline template):
   * the scenario file, the absolute line, the column within the string's
   * line, and that line's text as the option holds it (dedented).
   */
  at?: { file: string; line: number; column: number; lineText: string };
  /** Another option the problem concerns, such as the first of two duplicates. */
  related?: (string | number)[];
}

// ── inputs ──────────────────────────────────────────────────────────────────

/** What an input is created with. */
export interface InputContext {
  /** The start of the run, epoch microseconds. */
  now: number;
  /** The clock, for inputs that stamp events as they arrive. */
  clock: Clock;
  /** Aborts when the run stops. */
  signal: AbortSignal;
  /**
   * Timestamps before this instant will be dropped (live mode's
   * `skip_past`); an input may skip computing them.
   */
  from?: number;
  timezone: string;
  mode: "sample" | "live";
  rng: Rng;
  dir: string;
  readText(path: string): string;
}

/** A source of timestamps. */
export interface InputPlugin {
  /** False when the input would go on forever (a timer without `repeat`). */
  readonly finite: boolean;
  /**
   * Up to `max` timestamps (epoch microseconds, ascending, continuing after
   * the previous batch); an empty array when the input is exhausted.
   */
  read(max: number): Float64Array | Promise<Float64Array>;
  close?(): void | Promise<void>;
  /**
   * True for inputs driven from outside (an HTTP request): they stamp events
   * with the time they arrive, and live mode serves them as they come
   * instead of merging them by time.
   */
  readonly interactive?: boolean;
}

/** An input spec. */
export type InputSpec<S extends v.GenericSchema = v.GenericSchema> = PluginSpec<"input", S, InputPlugin, InputContext>;

// ── event plugins ───────────────────────────────────────────────────────────

/** A batch of timestamps for the event plugin. */
export interface EventBatch {
  /** The position of the first timestamp in the generator's whole timeline. */
  start: number;
  timestamps: Float64Array;
  /** Which input produced each timestamp (an index into `tags`). */
  inputs: Uint16Array;
  length: number;
  /** The tags of each input. */
  tags: readonly (readonly string[])[];
}

/** Where a failure happened, for messages that point at the template. */
export interface Failure {
  /** The template (or other source) that failed. */
  source: string;
  message: string;
  /** The diagnostic code, `EVT4xxx`. */
  code: string;
}

/** What an event plugin made of a batch. */
export interface Produced {
  events: string[];
  /** For each event, the index in the batch of the timestamp it was rendered for. */
  stamps: number[];
  /** For each event, the index in `sources` of what produced it. */
  origins: number[];
  sources: readonly string[];
  /** Events that failed to render (`on_error skip`). */
  failed: number;
  /** Events that a template dropped on purpose. */
  dropped: number;
  /** Set when a template asked to stop the generator. */
  exhausted: boolean;
  failures: Failure[];
}

/** A fatal error inside an event plugin: the run stops with this message. */
export class EventError extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
    this.name = "EventError";
  }
}

/** What an event plugin is created with. */
export interface EventContext {
  dir: string;
  timezone: string;
  rng: Rng;
  params: Record<string, unknown>;
  samples: Record<string, SampleNode>;
  /** State shared by the generator's templates. */
  shared: unknown;
  /** State shared by every generator in the process. */
  globals: unknown;
  readText(path: string): string;
}

/** Turns timestamps into events. */
export interface EventPlugin {
  produce(batch: EventBatch): Produced;
  close?(): void;
  /**
   * True when the events of a timestamp depend only on the seed and the
   * timestamp's position (no state carried between events): a shard may then
   * render only its own blocks.
   */
  readonly independent?: boolean;
  /** True when the plugin ends the run by itself (a replay without `repeat`), so endless inputs are fine. */
  readonly ends?: boolean;
  /** The plugin's own state, for debugging (the template plugin's `locals` by template). */
  inspect?(): { locals: Record<string, unknown>; next?: string };
  /**
   * Replaces the plugin's own state with `inspect()`'s form of it (the Studio renders from an edited state);
   * `next` is the template a `pick fsm` renders next.
   */
  restore?(state: { locals: Record<string, unknown>; next?: string }): void;
}

/** An event plugin spec. */
export type EventSpec<S extends v.GenericSchema = v.GenericSchema> = PluginSpec<"event", S, EventPlugin, EventContext>;

// ── formatters ──────────────────────────────────────────────────────────────

/** What a formatter made of a batch. */
export interface Formatted {
  /** The records an output writes. */
  lines: string[];
  /**
   * For each record, the index in the batch's events of the (first) event it
   * carries, so outputs know its timestamp; absent: record i is event i.
   */
  events?: number[];
  /** For each record, how many events it carries (a `json-batch` array carries them all); absent: 1 each. */
  counts?: number[];
  /** How many events failed to format (when one failure stands for several); absent: `failures.length`. */
  failed?: number;
  failures: Failure[];
}

/** Turns events into the records an output writes. */
export interface Formatter {
  format(produced: Produced): Formatted;
}

/** What a formatter is created with. */
export interface FormatterContext {
  dir: string;
  timezone: string;
  readText(path: string): string;
}

/** A formatter spec. */
export type FormatterSpec<S extends v.GenericSchema = v.GenericSchema> = PluginSpec<
  "formatter",
  S,
  Formatter,
  FormatterContext
>;

// ── outputs ─────────────────────────────────────────────────────────────────

/** Records for an output to write. */
export interface OutputBatch {
  records: string[];
  /** Each record's event time, epoch microseconds (the first event's, for a batch record). */
  timestamps: number[];
  /** Events in each record. */
  counts: number[];
}

/** What became of a write that partly failed. */
export interface WriteResult {
  /** Records that were not written, by index in the batch; the others were. */
  failed?: { index: number; error: string; retryable: boolean }[];
}

/**
 * A write that failed, saying whether trying again may help (a timeout, a
 * 429 or 5xx answer) or not (a 400, a refused login).
 */
export class OutputError extends Error {
  /**
   * @param message What went wrong.
   * @param retryable Whether a later attempt may succeed.
   * @param retryAfter How long the other side asked to wait before trying again, ms (a `Retry-After`).
   */
  constructor(message: string, readonly retryable: boolean, readonly retryAfter?: number) {
    super(message);
    this.name = "OutputError";
  }
}

/**
 * The place an output writes to is gone for good and the run should end
 * quietly: stdout's reader went away (`eventum gen ... | head`).
 */
export class OutputClosed extends OutputError {
  constructor(message: string) {
    super(message, false);
    this.name = "OutputClosed";
  }
}

/** What an output is created with. */
export interface OutputContext {
  dir: string;
  timezone: string;
  /** How messages name this output, such as "output `opensearch`". */
  label: string;
  /**
   * Compiles a small template over a record (`index "logs-{{ timestamp.strftime('%Y.%m.%d') }}"`,
   * a Kafka key): it sees `timestamp` and `event` (the record parsed as JSON, when it is JSON).
   */
  compile(template: string): (record: string, timestamp: number) => string;
}

/** A sink for formatted records. */
export interface OutputPlugin {
  /**
   * Writes one batch. Throws on failure (an {@link OutputError} says whether
   * to retry; connection errors are retried), or reports the records that
   * failed one by one. `signal` aborts when the write times out.
   */
  write(batch: OutputBatch, signal: AbortSignal): Promise<WriteResult | void>;
  /** Flushes and releases everything. */
  close(): Promise<void>;
}

/** An output spec: `defaultFormat` names the formatter, `delivery` its batching defaults. */
export type OutputSpec<S extends v.GenericSchema = v.GenericSchema> =
  & PluginSpec<"output", S, OutputPlugin, OutputContext>
  & {
    defaultFormat: string;
    /** Local outputs write at once (`flush` 0); network outputs gather batches. Flush in microseconds. */
    delivery?: { batch_size: number; flush: number };
  };

/** Any plugin spec. */
export type AnySpec = InputSpec | EventSpec | FormatterSpec | OutputSpec;
