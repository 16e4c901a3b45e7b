/**
 * Prints a layout tree in the canonical layout of `eventum fmt` (see
 * `docs/fmt.md`): two-space indentation, one statement per line, single
 * spaces between values, `{ a; b }` kept on one line where the source had it
 * so and it fits, comments where they were, `"""` strings re-indented only
 * when their value provably stays the same.
 *
 * @module
 */
import type { LBlock, LItem, LPiece, LSeq, LStatement } from "./_layout.ts";
import { dedent } from "./_values.ts";

/** The widest a line grows before a one-line block or list is broken up. */
export const WIDTH = 100;

const pad = (n: number) => " ".repeat(n);

/** The column after `s`, printed from column `col` (0-based). */
function colAfter(s: string, col: number): number {
  const nl = s.lastIndexOf("\n");
  return nl < 0 ? col + s.length : s.length - nl - 1;
}

/**
 * Prints a file's items.
 *
 * @param items The top-level items.
 * @returns The text, ending in one line break (empty for an empty file).
 */
export function printFile(items: readonly LItem[]): string {
  const body = printItems(items, 0);
  return body === "" ? "" : body + "\n";
}

function printItems(items: readonly LItem[], indent: number): string {
  let out = "";
  items.forEach((item, i) => {
    if (i > 0) out += item.blankBefore ? "\n\n" : "\n";
    out += pad(indent) + printItem(item, indent);
  });
  return out;
}

function printItem(item: LItem, indent: number): string {
  let s = item.kind === "own-comment" ? item.comment.text : printStatement(item, indent, indent);
  for (const c of item.trailing) s += " " + c.text;
  return s;
}

function printStatement(st: LStatement, indent: number, col: number): string {
  let s = "";
  for (const p of st.head) {
    if (s !== "") s += " ";
    s += printPiece(p, indent, colAfter(s, col));
  }
  if (st.block) s += " " + printBlock(st.block, indent, colAfter(s, col) + 1);
  return s;
}

function printBlock(block: LBlock, indent: number, col: number): string {
  if (block.items.length === 0 && !block.hasComment) return "{}";
  if (block.oneLine && !block.hasComment) {
    const parts = (block.items as LStatement[]).map((st) => printStatement(st, indent, 0));
    const s = `{ ${parts.join("; ")} }`;
    if (!s.includes("\n") && col + s.length <= WIDTH) return s;
  }
  let s = "{";
  for (const c of block.open) s += " " + c.text;
  if (block.items.length > 0) s += "\n" + printItems(block.items, indent + 2);
  return s + "\n" + pad(indent) + "}";
}

function printPiece(p: LPiece, indent: number, col: number): string {
  switch (p.kind) {
    case "comment":
      return p.text;
    case "token":
      return p.triple ? reindentTriple(p.text, indent) : p.text;
    case "seq":
      return printSeq(p, indent, col);
  }
}

function printSeq(seq: LSeq, indent: number, col: number): string {
  const call = seq.fn !== undefined;
  const opener = call ? `${seq.fn}(` : "[";
  const closer = call ? ")" : "]";
  if (seq.entries.length === 0 && !seq.hasComment) return opener + closer;
  if (!seq.hasComment && !(seq.multiline && !call)) {
    let s = opener;
    seq.entries.forEach((e, i) => {
      if (e.kind !== "value") return;
      if (i > 0) s += ", ";
      s += printPiece(e.value, indent, colAfter(s, col));
    });
    s += closer;
    if (!s.includes("\n") && col + s.length <= WIDTH) return s;
  }
  const inner = indent + 2;
  let s = opener;
  for (const c of seq.open) s += " " + c.text;
  seq.entries.forEach((e, i) => {
    s += e.blankBefore && i > 0 ? "\n\n" : "\n";
    s += pad(inner) + (e.kind === "value" ? printPiece(e.value, inner, inner) + "," : e.comment.text);
    for (const c of e.trailing) s += " " + c.text;
  });
  return s + "\n" + pad(indent) + closer;
}

/**
 * Re-indents a `"""` string so its lines sit two spaces in from the line it
 * starts on and its closing quotes line up with that line, when the string
 * opens with a line break and the dedented value stays exactly the same;
 * otherwise returns it untouched (but for `\r\n` line breaks, which become
 * `\n`).
 *
 * @param raw The token, quotes included.
 * @param indent The indentation of the line the string starts on.
 * @example
 * ```ts
 * import { reindentTriple } from "./_print.ts";
 * const out = reindentTriple('"""\n        a\n          b\n   """', 2);
 * if (out !== '"""\n    a\n      b\n  """') throw new Error(out);
 * ```
 */
export function reindentTriple(raw: string, indent: number): string {
  // The value splits lines at `\r?\n`: `\r\n` becomes `\n` at no cost.
  const body = raw.slice(3, -3).replaceAll("\r\n", "\n");
  const kept = `"""${body}"""`;
  if (body.includes("\r")) return kept;
  const lines = body.split("\n");
  if (lines.length < 2 || (lines[0] as string).trim() !== "") return kept;
  let inner = lines.slice(1);
  const closing = inner.length >= 2 && (inner.at(-1) as string).trim() === "";
  if (closing) inner = inner.slice(0, -1);
  let common = Infinity;
  for (const l of inner) {
    if (l.trim() !== "") common = Math.min(common, (/^[ \t]*/.exec(l) as RegExpExecArray)[0].length);
  }
  if (common === Infinity) return kept;
  const target = pad(indent + 2);
  const out = inner.map((l) => (l.trim() === "" && l.length <= common ? "" : target + l.slice(common)));
  const next = ["", ...out, ...(closing ? [pad(indent)] : [])].join("\n");
  return dedent(next).value === dedent(body).value ? `"""${next}"""` : kept;
}
