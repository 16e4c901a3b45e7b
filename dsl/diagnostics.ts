/**
 * Diagnostics: user mistakes as data. Every stage of the language returns
 * `{ value?, diagnostics }`; nothing throws on bad input.
 *
 * Codes: `EVT1xxx` syntax, `EVT2xxx` semantics, `EVT3xxx` permissions,
 * `EVT4xxx` runtime, `EVT5xxx` converting Python Eventum configs.
 *
 * @module
 */

/** A place in a source file. Lines and columns count from 1. */
export interface Span {
  file: string;
  line: number;
  column: number;
  offset: number;
  length: number;
}

/** How bad a diagnostic is. */
export type Severity = "error" | "warning";

/** One finding about a scenario. */
export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  span?: Span;
  /** A short suggestion printed under the caret, such as "did you mean `hosts`?". */
  hint?: string;
}

/** A stage's result: a value when the stage could make one, and what it found. */
export interface Result<T> {
  value?: T;
  diagnostics: Diagnostic[];
}

/** The catalogue of diagnostic codes and their message templates. */
export const CODES = {
  // Syntax
  EVT1001: "unexpected character {0}",
  EVT1002: "unterminated string",
  EVT1003: "{0}",
  EVT1004: "unclosed {0}: expected `{1}` before the end of the file",
  EVT1005: "invalid duration {0}: {1}",
  EVT1006: "invalid size {0}: {1}",
  EVT1007: "invalid date or time {0}: {1}",
  EVT1008: "invalid number {0}",
  EVT1009: "unterminated comment",
  EVT1010: "invalid escape {0} in string",
  EVT1011: "invalid value {0}: {1}",
  EVT1012: "{0} is in single quotes: strings use double quotes",
  EVT1013: "unquoted value {0}: text with such characters goes in double quotes",
  EVT1014: "{0}",
  // Semantics
  EVT2001: "unknown statement {0}{1}",
  EVT2002: "unknown {0} plugin {1}",
  EVT2003: "unknown option {0} for {1}",
  EVT2004: "wrong type for {0}: {1}",
  EVT2005: "missing {0} in {1}",
  EVT2006: "duplicate option {0} in {1}",
  EVT2007: "duplicate {0} name {1}",
  EVT2008: "unknown {0} {1}",
  EVT2009: "cannot read {0} {1}: {2}",
  EVT2010: "invalid value for {0}: {1}",
  EVT2011: "{0}",
  EVT2012: "cannot import {0}: {1}",
  EVT2013: "{0}",
  EVT2014: "{0}: {1}",
  // Permissions
  EVT3001: "{0}",
  // Runtime
  EVT4000: "{0}",
  EVT4001: "{0}",
  EVT4002: "{0}",
  EVT4003: "{0}",
  EVT4004: "{0}",
  EVT4005: "{0}",
  EVT4006: "{0}",
  // Converting Python Eventum configs (`eventum convert`)
  EVT5001: "cannot read {0}: {1}",
  EVT5002: "invalid YAML in {0}: {1}",
  EVT5003: "{0}: {1}",
  EVT5004: "{0} plugin {1} cannot be converted yet{2}",
  EVT5005: "unknown option {0} for {1}",
  EVT5006: "option {0} of {1} has no equivalent here: {2}",
  EVT5007: "cannot map {0}: {1}",
  EVT5008: "{0}",
  EVT5009: "{0} uses {1}: {2}",
  EVT5010: "param {0} has no value in the Python config: {1}",
} as const;

/** A code from the catalogue. */
export type Code = keyof typeof CODES;

/**
 * Builds a diagnostic from a catalogue code, filling `{n}` with `args[n]`.
 *
 * @param code A catalogue code.
 * @param args Values for the template; use {@link code} to quote names.
 * @param options The span and an optional hint.
 * @returns An error diagnostic (or a warning when `options.severity` says so).
 * @example
 * ```ts
 * import { diag, tick } from "./diagnostics.ts";
 * const d = diag("EVT2003", [tick("hots"), "output `opensearch`"]);
 * if (d.message !== "unknown option `hots` for output `opensearch`") throw new Error(d.message);
 * ```
 */
export function diag(
  code: Code,
  args: readonly string[],
  options: { span?: Span | undefined; hint?: string | undefined; severity?: Severity } = {},
): Diagnostic {
  const message = CODES[code].replace(/\{(\d+)\}/g, (_, i) => args[Number(i)] ?? "");
  const d: Diagnostic = { code, severity: options.severity ?? "error", message };
  if (options.span) d.span = options.span;
  if (options.hint) d.hint = options.hint;
  return d;
}

/** Quotes a name the way messages show it: in backticks. */
export function tick(name: string | number): string {
  return `\`${name}\``;
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** Sorts diagnostics by file, then position, keeping the order of equals. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics
    .map((d, i) => [d, i] as const)
    .sort(([a, i], [b, j]) =>
      (a.span?.file ?? "").localeCompare(b.span?.file ?? "") ||
      (a.span?.offset ?? -1) - (b.span?.offset ?? -1) || i - j
    )
    .map(([d]) => d);
}
