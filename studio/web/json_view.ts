/// <reference lib="dom" />
/**
 * Pretty JSON with coloured keys, strings, numbers and literals, for the
 * debugger's events and state.
 *
 * @module
 */
import { h } from "./dom.ts";

/** A piece of highlighted JSON text: its class (or `""` for punctuation and space). */
export type Piece = [cls: string, text: string];

const TOKEN = /("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b/g;

/**
 * Splits JSON text into highlighted pieces.
 *
 * @param text JSON text.
 * @returns The pieces, which join back into `text`.
 * @example
 * ```ts
 * import { highlightJson } from "./json_view.ts";
 * const p = highlightJson('{"a": 1}');
 * if (p.map(([c]) => c).filter(Boolean).join() !== "json-key,json-number") throw new Error(JSON.stringify(p));
 * if (p.map(([, t]) => t).join("") !== '{"a": 1}') throw new Error(JSON.stringify(p));
 * ```
 */
export function highlightJson(text: string): Piece[] {
  const out: Piece[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    const at = m.index ?? 0;
    if (at > last) out.push(["", text.slice(last, at)]);
    if (m[1] !== undefined && m[2] !== undefined) {
      out.push(["json-key", m[1]], ["", m[2]]);
    } else if (m[1] !== undefined) out.push(["json-string", m[1]]);
    else if (m[3] !== undefined) out.push(["json-number", m[3]]);
    else out.push(["json-literal", m[0]]);
    last = at + m[0].length;
  }
  if (last < text.length) out.push(["", text.slice(last)]);
  return out;
}

/**
 * Pretty-prints a text when it is JSON.
 *
 * @param text An event's text.
 * @returns The indented JSON, or `undefined` when the text is not JSON.
 * @example
 * ```ts
 * import { prettyJson } from "./json_view.ts";
 * if (prettyJson('{"a":1}') !== '{\n  "a": 1\n}' || prettyJson("x") !== undefined) throw new Error();
 * ```
 */
export function prettyJson(text: string): string | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return undefined;
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch {
    return undefined;
  }
}

/** A `<pre>` with highlighted JSON text. */
export function jsonBlock(text: string, cls = "json"): HTMLPreElement {
  const pre = h(`pre.${cls}`);
  for (const [c, t] of highlightJson(text)) pre.append(c ? h(`span.${c}`, {}, t) : t);
  return pre;
}
