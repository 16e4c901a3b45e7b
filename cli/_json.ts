/**
 * JSON pretty-printed with colours for a terminal: keys, strings, numbers and
 * literals each in their own colour.
 *
 * @module
 */

const C = { key: 36, string: 32, number: 33, literal: 35 } as const;

/**
 * Pretty-prints a JSON value, coloured when `colour` is true.
 *
 * @example
 * ```ts
 * import { highlightJson } from "./_json.ts";
 * if (highlightJson({ a: 1 }, false) !== '{\n  "a": 1\n}') throw new Error();
 * ```
 */
export function highlightJson(value: unknown, colour: boolean): string {
  const text = JSON.stringify(value, null, 2);
  if (!colour) return text;
  const paint = (code: number, s: string) => `\x1b[${code}m${s}\x1b[39m`;
  return text.replace(
    /("(?:[^"\\]|\\.)*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g,
    (all, str: string | undefined, colon: string | undefined, lit: string | undefined, num: string | undefined) => {
      if (str !== undefined) return colon ? paint(C.key, str) + colon : paint(C.string, str);
      if (lit !== undefined) return paint(C.literal, lit);
      if (num !== undefined) return paint(C.number, num);
      return all;
    },
  );
}
