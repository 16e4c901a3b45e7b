/**
 * Diagnostics as the CLI prints them:
 *
 * ```
 * web.evt:14:5 error EVT2003 unknown option `hots` for output `opensearch`
 *    13 |   output opensearch {
 *    14 |     hots ["https://127.0.0.1:9200"]
 *       |     ^^^^ did you mean `hosts`?
 * ```
 *
 * @module
 */
import type { Diagnostic } from "./diagnostics.ts";

/** Colours for a terminal; identity functions when printing to a file. */
export interface Paint {
  red(s: string): string;
  yellow(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

/** No colours. */
export const plain: Paint = { red: (s) => s, yellow: (s) => s, dim: (s) => s, bold: (s) => s };

/** ANSI colours. */
export const ansi: Paint = {
  red: (s) => `\x1b[31m${s}\x1b[39m`,
  yellow: (s) => `\x1b[33m${s}\x1b[39m`,
  dim: (s) => `\x1b[2m${s}\x1b[22m`,
  bold: (s) => `\x1b[1m${s}\x1b[22m`,
};

/**
 * Formats one diagnostic with a code frame.
 *
 * @param d The diagnostic.
 * @param source The text of the file its span points into, if known.
 * @param paint Colours.
 * @returns Lines of text without a final newline.
 * @example
 * ```ts
 * import { formatDiagnostic } from "./format.ts";
 * const text = formatDiagnostic({
 *   code: "EVT2003", severity: "error", message: "unknown option `hots`",
 *   span: { file: "a.evt", line: 1, column: 3, offset: 2, length: 4 }, hint: "did you mean `hosts`?",
 * }, "x hots 1");
 * if (!text.startsWith("a.evt:1:3 error EVT2003 unknown option `hots`")) throw new Error(text);
 * ```
 */
export function formatDiagnostic(d: Diagnostic, source?: string, paint: Paint = plain): string {
  const sev = d.severity === "error" ? paint.red("error") : paint.yellow("warning");
  const where = d.span ? `${d.span.file}:${d.span.line}:${d.span.column} ` : "";
  const head = `${paint.bold(where)}${sev} ${paint.dim(d.code)} ${d.message}`;
  if (!d.span || source === undefined) return d.hint ? `${head}\n  ${paint.dim("hint:")} ${d.hint}` : head;
  const lines = source.split(/\r?\n/);
  const n = d.span.line;
  const width = String(n).length + 1;
  const gutter = (x: string | number) => paint.dim(`${String(x).padStart(width + 2)} | `);
  const out = [head];
  const prev = lines[n - 2];
  if (prev !== undefined && prev.trim() !== "") out.push(gutter(n - 1) + prev);
  const line = lines[n - 1] ?? "";
  out.push(gutter(n) + line);
  const col = Math.max(1, Math.min(d.span.column, line.length + 1));
  const len = Math.max(1, Math.min(d.span.length, line.length - col + 1));
  // Keep the tabs of the line, so the caret lands under the mistake in a terminal.
  const caret = line.slice(0, col - 1).replace(/[^\t]/g, " ") + paint.red("^".repeat(len));
  out.push(paint.dim(`${" ".repeat(width + 2)} | `) + caret + (d.hint ? ` ${d.hint}` : ""));
  return out.join("\n");
}

/** Formats diagnostics, each followed by a blank line. */
export function formatDiagnostics(
  ds: readonly Diagnostic[],
  sources: ReadonlyMap<string, string>,
  paint: Paint = plain,
): string {
  return ds.map((d) => formatDiagnostic(d, d.span ? sources.get(d.span.file) : undefined, paint) + "\n").join("\n");
}
