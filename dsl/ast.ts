/**
 * The syntax tree of a `.evt` file. The grammar is uniform: a file is a list
 * of statements, a statement is a name, values, an optional `= value`, and an
 * optional block of statements. Meaning comes later, from the checks and the
 * plugin specs. Every node has a span.
 *
 * @module
 */
import type { Span } from "./diagnostics.ts";

/** A string: `"..."` with escapes, or a dedented `"""..."""`. */
export interface StringValue {
  kind: "string";
  value: string;
  triple: boolean;
  /** For `"""` strings: the source line of the value's first line. */
  firstLine?: number;
  span: Span;
}
/** A number. */
export interface NumberValue {
  kind: "number";
  value: number;
  raw: string;
  span: Span;
}
/** A duration such as `1h30m`, in microseconds. */
export interface DurationValue {
  kind: "duration";
  us: number;
  raw: string;
  span: Span;
}
/** A size such as `10MB`, in bytes. */
export interface SizeValue {
  kind: "size";
  bytes: number;
  raw: string;
  span: Span;
}
/**
 * A point in time as written: an ISO 8601 date-time (with or without offset),
 * `now`, `never`, a relative time (`+1d`, `-30m`) or a time of day (`14:30`).
 * `text` is the normalised form the engine resolves at run time.
 */
export interface DateTimeValue {
  kind: "datetime";
  text: string;
  span: Span;
}
/** `true` or `false`. */
export interface BoolValue {
  kind: "bool";
  value: boolean;
  span: Span;
}
/** A bare name, such as `sample` in `mode sample`. */
export interface NameValue {
  kind: "name";
  name: string;
  span: Span;
}
/** `[a, b, c]`. */
export interface ListValue {
  kind: "list";
  items: Value[];
  span: Span;
}
/** `env("X")`, `secret("x")`, `param("x")`. */
export interface CallValue {
  kind: "call";
  fn: string;
  fnSpan: Span;
  args: Value[];
  span: Span;
}

/** A value that could not be read; it already has a diagnostic. */
export interface InvalidValue {
  kind: "invalid";
  raw: string;
  span: Span;
}

/** Any value. */
export type Value =
  | InvalidValue
  | StringValue
  | NumberValue
  | DurationValue
  | SizeValue
  | DateTimeValue
  | BoolValue
  | NameValue
  | ListValue
  | CallValue;

/** `{ statement* }`. */
export interface Block {
  statements: Statement[];
  span: Span;
}

/** `name value* (= value)? block?`. */
export interface Statement {
  name: string;
  nameSpan: Span;
  args: Value[];
  assign?: Value;
  block?: Block;
  span: Span;
}

/** A comment, kept for the formatter. */
export interface Comment {
  text: string;
  span: Span;
}

/** A parsed file. */
export interface FileNode {
  path: string;
  statements: Statement[];
  comments: Comment[];
  /**
   * True when structural syntax errors (unbalanced brackets, unexpected
   * tokens) forced the parser to guess; such a tree is not checked further.
   */
  recovered: boolean;
}

/** Describes a value's kind for messages: "the number `5`". */
export function describeValue(v: Value): string {
  switch (v.kind) {
    case "string":
      return v.triple ? "a multi-line string" : `the string ${JSON.stringify(v.value)}`;
    case "number":
      return `the number \`${v.raw}\``;
    case "duration":
      return `the duration \`${v.raw}\``;
    case "size":
      return `the size \`${v.raw}\``;
    case "datetime":
      return `the time \`${v.text}\``;
    case "bool":
      return `\`${v.value}\``;
    case "name":
      return `the name \`${v.name}\``;
    case "list":
      return "a list";
    case "call":
      return `\`${v.fn}(...)\``;
    case "invalid":
      return `\`${v.raw}\``;
  }
}
