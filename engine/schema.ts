/**
 * Schema building blocks shared by every plugin spec (valibot, Standard Schema
 * compatible). A plugin's options are checked by its schema whether they come
 * from a `.evt` file or from code; the DSL maps the issues back to spans.
 *
 * Values from the DSL that plain JSON cannot tell apart arrive as small
 * classes: {@link Duration}, {@link Size}, {@link DateTime} and
 * {@link Source}. The schemas below accept them and turn them into graph
 * data: microseconds, bytes, time text and text with its place. `env("X")`
 * and `secret("x")` arrive as `{ "$env": "X" }` / `{ "$secret": "x" }`
 * references, resolved when the run starts.
 *
 * @module
 */
import * as v from "valibot";
import { checkTime } from "./time.ts";

/** A duration written in a scenario. */
export class Duration {
  constructor(readonly us: number, readonly raw: string = `${us}us`) {}
}
/** A size written in a scenario. */
export class Size {
  constructor(readonly bytes: number, readonly raw: string = `${bytes}B`) {}
}
/** A point in time written in a scenario, resolved when the run starts. */
export class DateTime {
  constructor(readonly text: string) {}
}

/** A multi-line string from a scenario, with where it starts (for error positions). */
export class Source {
  constructor(readonly text: string, readonly file: string, readonly line: number) {}
}

/** Text with the place it came from, as the graph keeps inline templates. */
export interface SourceText {
  text: string;
  /** The scenario file and the line of the text's first line. */
  file?: string;
  line?: number;
}

/** A string that may come from a `"""` block; becomes {@link SourceText}. */
export function source() {
  return v.pipe(
    v.custom<string | Source | SourceText>(
      (x) => typeof x === "string" || x instanceof Source || (typeof x === "object" && x !== null && "text" in x),
      "expected a string",
    ),
    v.transform((s): SourceText =>
      typeof s === "string" ? { text: s } : s instanceof Source ? { text: s.text, file: s.file, line: s.line } : s
    ),
  );
}

/** A deferred value in the graph. */
export type Ref = { $env: string } | { $secret: string };

/** A string option that may also be `env("X")` or `secret("x")`. */
export type Text = string | Ref;

/** True when `x` is an `env()`/`secret()` reference in a graph. */
export function isRef(x: unknown): x is Ref {
  return typeof x === "object" && x !== null && ("$env" in x || "$secret" in x);
}

/** Options of a duration schema. */
export interface DurationOptions {
  /** The smallest allowed duration, in microseconds. */
  min?: number;
}

/** A duration such as `1s`; becomes microseconds. */
export function duration(options: DurationOptions = {}) {
  const min = options.min ?? 0;
  return v.pipe(
    v.custom<Duration>((x) => x instanceof Duration, "expected a duration such as `1s`"),
    v.transform((d) => d.us),
    v.minValue(min, min === 1 ? "must be longer than `0s`" : `must be at least ${min}us`),
  );
}

/** A size such as `10MB`; becomes bytes. */
export function size() {
  return v.pipe(
    v.custom<Size>((x) => x instanceof Size, "expected a size such as `10MB`"),
    v.transform((s) => s.bytes),
  );
}

/** A point in time: ISO 8601, `now`, `never`, `+1d`, `14:30`; becomes its text. */
export function time() {
  return v.pipe(
    v.custom<DateTime | string>(
      (x) => x instanceof DateTime || (typeof x === "string" && checkTime(x) === undefined),
      (issue) =>
        typeof issue.input === "string"
          ? `${JSON.stringify(issue.input)} is not a time (${checkTime(issue.input)})`
          : "expected a time such as `2024-01-01T00:00:00Z`, `now` or `+1h`",
    ),
    v.transform((t) => (t instanceof DateTime ? t.text : t as string)),
  );
}

/** A string, or `env("X")` / `secret("x")` read when the run starts. */
export function text() {
  return v.pipe(
    v.custom<string | Source | Ref>(
      (x) => typeof x === "string" || x instanceof Source || isRef(x),
      "expected a string",
    ),
    v.transform((t): Text => t instanceof Source ? t.text : t),
  );
}

/** A plain string (no `env()`); a `"""` block is taken as its text. */
export function str() {
  return v.pipe(
    v.custom<string | Source>(
      (x) => typeof x === "string" || x instanceof Source,
      (issue) => isRef(issue.input) ? "`env()` and `secret()` cannot be used here" : "expected a string",
    ),
    v.transform((x) => (x instanceof Source ? x.text : x as string)),
  );
}

/** One of a fixed set of names. */
export function oneOf<const T extends readonly string[]>(names: T) {
  return v.picklist(names, `expected one of ${names.map((n) => `\`${n}\``).join(", ")}`);
}

/** A whole number, at least `min`. */
export function int(min = 0) {
  return v.pipe(
    v.number("expected a number"),
    v.integer("must be a whole number"),
    v.minValue(min, `must be at least ${min}`),
  );
}

/** A boolean. */
export function bool() {
  return v.boolean("expected `true` or `false`");
}

/** A list of strings. */
export function strings() {
  return v.array(str(), 'expected a list such as `["a", "b"]`');
}

const ARGS = new WeakMap<object, readonly string[]>();

/**
 * Declares the positional values of a statement: `output file "out.log"`
 * fills `path` with `withArgs(schema, ["path"])`. After the positional
 * values, a statement may carry `option value` pairs on its line, as in
 * `template page file "x.njk"`.
 *
 * @param schema The schema of the statement's options.
 * @param names The option names that positional values fill, in order.
 * @returns The same schema.
 */
export function withArgs<S extends object>(schema: S, names: readonly string[]): S {
  ARGS.set(schema, names);
  return schema;
}

/** The positional names declared with {@link withArgs}, or none. */
export function argsOf(schema: object): readonly string[] {
  return ARGS.get(schema) ?? [];
}

/** Any valibot schema. */
export type AnySchema = v.GenericSchema;

/**
 * Looks through optional, nullable, default and pipe wrappers to the schema
 * that says what shape a value has.
 */
export function unwrap(schema: AnySchema): AnySchema {
  let s = schema as AnySchema & { wrapped?: AnySchema; pipe?: AnySchema[] };
  for (;;) {
    if (ARGS.has(s)) return s;
    if (s.wrapped) s = s.wrapped as typeof s;
    else if (s.pipe && s.pipe[0] && s.pipe[0] !== s) s = s.pipe[0] as typeof s;
    else return s;
  }
}

/** The entries of an object schema (after {@link unwrap}), or undefined. */
export function entriesOf(schema: AnySchema): Record<string, AnySchema> | undefined {
  const s = unwrap(schema) as AnySchema & { entries?: Record<string, AnySchema>; type: string };
  if (s.entries) return s.entries;
  const inner = s as unknown as { pipe?: AnySchema[] };
  if (inner.pipe?.[0]) return entriesOf(inner.pipe[0]);
  return undefined;
}

/** Installs messages in the words of the DSL for valibot's own checks. */
v.setGlobalMessage((issue) => {
  switch (issue.type) {
    case "number":
      return "expected a number";
    case "string":
      return "expected a string";
    case "boolean":
      return "expected `true` or `false`";
    case "array":
      return "expected a list";
    case "object":
    case "strict_object":
    case "record":
      return "expected a block `{ ... }`";
    case "integer":
      return "must be a whole number";
    case "min_value":
      return `must be at least ${issue.requirement}`;
    case "max_value":
      return `must be at most ${issue.requirement}`;
    case "min_length":
      return `needs at least ${issue.requirement} item${issue.requirement === 1 ? "" : "s"}`;
    default:
      return issue.message;
  }
});
