/**
 * Literal text to values: string escapes, dedented triple strings.
 *
 * @module
 */

const ESCAPES: Record<string, string> = {
  n: "\n",
  t: "\t",
  r: "\r",
  '"': '"',
  "\\": "\\",
  "/": "/",
  "0": "\0",
  b: "\b",
  f: "\f",
};

/**
 * Decodes the body of a `"..."` string (without the quotes).
 *
 * @returns The value, and the offset inside `body` of each bad escape.
 */
export function unescape(body: string): { value: string; bad: { at: number; text: string }[] } {
  const bad: { at: number; text: string }[] = [];
  const value = body.replace(/\\(u\{[0-9a-fA-F]{1,6}\}|u[0-9a-fA-F]{4}|.?)/g, (all, e: string, at: number) => {
    if (e.startsWith("u{")) return String.fromCodePoint(parseInt(e.slice(2, -1), 16));
    if (e.length === 5 && e[0] === "u") return String.fromCharCode(parseInt(e.slice(1), 16));
    const r = ESCAPES[e];
    if (r === undefined) {
      bad.push({ at, text: all });
      return e;
    }
    return r;
  });
  return { value, bad };
}

/**
 * Dedents the body of a `"""..."""` string: drops the line break after the
 * opening quotes and the blank last line before the closing ones, then removes
 * the indentation common to every non-blank line. Nothing else is touched, so
 * `{{ }}` and `{% %}` stay verbatim.
 *
 * @returns The value and how many lines of the source precede its first line
 *   (counted from the line of the opening quotes).
 * @example
 * ```ts
 * import { dedent } from "./_values.ts";
 * const { value } = dedent('\n    a\n      b\n  ');
 * if (value !== "a\n  b") throw new Error(JSON.stringify(value));
 * ```
 */
export function dedent(body: string): { value: string; firstLine: number } {
  let lines = body.split(/\r?\n/);
  let firstLine = 0;
  if (lines.length > 1 && (lines[0] as string).trim() === "") {
    lines = lines.slice(1);
    firstLine = 1;
  }
  if (lines.length > 1 && (lines[lines.length - 1] as string).trim() === "") lines = lines.slice(0, -1);
  let indent = Infinity;
  for (const l of lines) {
    if (l.trim() === "") continue;
    const n = (/^[ \t]*/.exec(l) as RegExpExecArray)[0].length;
    if (n < indent) indent = n;
  }
  if (indent === Infinity) indent = 0;
  return { value: lines.map((l) => l.slice(Math.min(indent, l.length - l.trimStart().length))).join("\n"), firstLine };
}
