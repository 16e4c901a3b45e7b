/**
 * Writes `.evt` text: statements indented by two spaces, short blocks on one
 * line (`input static { count 3 }`), long ones over several, and a trailing
 * `// from generator.yml:12` comment naming where each came from.
 *
 * @module
 */

/** The widest line a statement is kept on, before its block goes over several lines. */
const WIDTH = 100;

/** A statement: its head (name and values), and the statements of its block. */
export interface Stmt {
  head: string;
  body?: Stmt[];
  /** Written after the statement, as `// comment`. */
  comment?: string;
  /** Keep the block over several lines even when it is short. */
  tall?: boolean;
}

/**
 * A `"""` string holding `text`, its lines indented by `indent` (the
 * language strips the common indentation); undefined when the text holds
 * `"""` itself.
 */
export function tripleQuoted(text: string, indent: string): string | undefined {
  if (text.includes('"""')) return undefined;
  const body = text.replace(/\n$/, "").split("\n").map((l) => (l === "" ? "" : indent + l)).join("\n");
  return `"""\n${body}\n${indent.slice(2)}"""`;
}

function oneLine(s: Stmt): string | undefined {
  if (s.head.includes("\n")) return undefined;
  if (!s.body) return s.head;
  if (s.tall || s.body.some((b) => b.comment !== undefined)) return undefined;
  if (s.body.length === 0) return `${s.head} {}`;
  const parts: string[] = [];
  for (const b of s.body) {
    const t = oneLine(b);
    if (t === undefined) return undefined;
    parts.push(t);
  }
  return `${s.head} { ${parts.join("; ")} }`;
}

function write(s: Stmt, depth: number, out: string[]): void {
  const pad = "  ".repeat(depth);
  const comment = s.comment ? `  // ${s.comment}` : "";
  const flat = oneLine(s);
  if (flat !== undefined && pad.length + flat.length + comment.length <= WIDTH) {
    out.push(pad + flat + comment);
    return;
  }
  if (!s.body) {
    out.push(pad + s.head + comment);
    return;
  }
  out.push(`${pad}${s.head} {${comment}`);
  for (const b of s.body) write(b, depth + 1, out);
  out.push(`${pad}}`);
}

/**
 * Writes statements as `.evt` text.
 *
 * @param stmts Top-level statements; a `null` writes a blank line.
 * @returns The text, ending with a newline.
 * @example
 * ```ts
 * import { render } from "./_writer.ts";
 * const text = render([{ head: "input static", body: [{ head: "count 3" }], comment: "from generator.yml:2" }]);
 * if (text !== "input static { count 3 }  // from generator.yml:2\n") throw new Error(text);
 * ```
 */
export function render(stmts: readonly (Stmt | null | string)[]): string {
  const out: string[] = [];
  for (const s of stmts) {
    if (s === null) out.push("");
    else if (typeof s === "string") out.push(s);
    else write(s, 0, out);
  }
  return out.join("\n") + "\n";
}

/** The indentation of statements at a depth, for `"""` strings written there. */
export function indentAt(depth: number): string {
  return "  ".repeat(depth);
}
