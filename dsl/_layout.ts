/**
 * The layout tree `eventum fmt` prints: statements, blocks, lists and calls
 * as the source wrote them, with every comment attached to its place and the
 * facts the printer's rules need (whether a block or list was on one line,
 * whether a blank line came before an item). Built from the token stream of a
 * file that parsed without errors; the parser has already vouched for its
 * shape.
 *
 * @module
 */
import type { IToken } from "chevrotain";
import { lex } from "./lexer.ts";
import * as T from "./_tokens.ts";

/** A comment as written. */
export interface LComment {
  kind: "comment";
  text: string;
  /** `//` to the end of the line (as opposed to `/* ... *\/`). */
  line: boolean;
}

/** A single token printed as written: a literal, a name, `=`. */
export interface LToken {
  kind: "token";
  text: string;
  /** A `"""` string. */
  triple: boolean;
}

/** `[...]`, or `name(...)` when `fn` is set. */
export interface LSeq {
  kind: "seq";
  fn?: string;
  entries: LEntry[];
  /** The opening and closing brackets were on different lines. */
  multiline: boolean;
  /** Comments on the line of the opening bracket, after it. */
  open: LComment[];
  hasComment: boolean;
}

/** One value of a list or call, or a comment between them. */
export type LEntry =
  | { kind: "value"; value: LPiece; trailing: LComment[]; blankBefore: boolean }
  | { kind: "comment"; comment: LComment; trailing: LComment[]; blankBefore: boolean };

/** Something in a statement's head. */
export type LPiece = LToken | LSeq | LComment;

/** `{ ... }`. */
export interface LBlock {
  items: LItem[];
  /** `{` and `}` were on the same line. */
  oneLine: boolean;
  /** Comments on the line of `{`, after it. */
  open: LComment[];
  /** Whether a comment sits anywhere inside. */
  hasComment: boolean;
}

/** A statement: its head (name and values) and its block. */
export interface LStatement {
  kind: "statement";
  head: LPiece[];
  block?: LBlock;
  /** Comments after the statement on its last line. */
  trailing: LComment[];
  blankBefore: boolean;
}

/** A comment on a line of its own. */
export interface LOwnComment {
  kind: "own-comment";
  comment: LComment;
  trailing: LComment[];
  blankBefore: boolean;
}

/** An item of a file or a block. */
export type LItem = LStatement | LOwnComment;

const COMMENT_TYPES = new Set([T.LineComment, T.BlockComment]);

function endLine(t: IToken): number {
  return t.endLine ?? t.startLine ?? 0;
}

/** Reads tokens and comments in source order. */
class Reader {
  #items: IToken[];
  #text: string;
  #i = 0;
  /** The last line a token (not a line break) ended on. */
  lastLine = 0;
  /** Where the last token (not a line break) ended. */
  lastEnd = 0;

  constructor(text: string, items: IToken[]) {
    this.#text = text;
    this.#items = items;
  }

  peek(k = 0): IToken | undefined {
    return this.#items[this.#i + k];
  }

  next(): IToken {
    const t = this.#items[this.#i++];
    if (!t) throw new Error("fmt: unexpected end of the file");
    if (t.tokenType !== T.Newline) {
      this.lastLine = endLine(t);
      this.lastEnd = t.startOffset + t.image.length;
    }
    return t;
  }

  /** Whether the next token sits on the line the previous one ended on. */
  sameLine(t: IToken): boolean {
    return this.lastLine > 0 && t.startLine === this.lastLine;
  }

  /** Whether a blank line separates the previous token from `t`. */
  blankBefore(t: IToken): boolean {
    const gap = this.#text.slice(this.lastEnd, t.startOffset);
    return (gap.match(/\n/g)?.length ?? 0) >= 2;
  }
}

function comment(t: IToken): LComment {
  const line = t.tokenType === T.LineComment;
  return { kind: "comment", text: line ? t.image.trimEnd() : t.image.replaceAll("\r\n", "\n"), line };
}

function isComment(t: IToken | undefined): boolean {
  return t !== undefined && COMMENT_TYPES.has(t.tokenType);
}

/**
 * Builds the layout tree of a file.
 *
 * @param text A file that parses without errors.
 * @returns Its top-level items.
 */
export function layout(text: string): LItem[] {
  const lexed = lex(text, "");
  const all = [...lexed.tokens, ...lexed.comments].sort((a, b) => a.startOffset - b.startOffset);
  const r = new Reader(text, all);
  const items = readItems(r, false).items;
  if (r.peek()) throw new Error(`fmt: unexpected \`${r.peek()?.image}\``);
  return items;
}

function readItems(r: Reader, inBlock: boolean): { items: LItem[]; open: LComment[] } {
  const items: LItem[] = [];
  const open: LComment[] = [];
  for (;;) {
    const t = r.peek();
    if (!t || (inBlock && t.tokenType === T.RCurly)) break;
    if (t.tokenType === T.Newline || t.tokenType === T.Semicolon) {
      r.next();
      continue;
    }
    if (isComment(t)) {
      const c = comment(t);
      if (r.sameLine(t)) {
        const last = items.at(-1);
        if (last) last.trailing.push(c);
        else open.push(c);
        r.next();
        continue;
      }
      const blankBefore = r.blankBefore(t);
      r.next();
      items.push({ kind: "own-comment", comment: c, trailing: [], blankBefore });
      continue;
    }
    if (t.tokenType !== T.Identifier) throw new Error(`fmt: unexpected \`${t.image}\``);
    items.push(readStatement(r));
  }
  return { items, open };
}

function readStatement(r: Reader): LStatement {
  const first = r.peek() as IToken;
  const st: LStatement = { kind: "statement", head: [], trailing: [], blankBefore: r.blankBefore(first) };
  st.head.push(token(r.next()));
  for (;;) {
    const t = r.peek();
    if (!t) break;
    const type = t.tokenType;
    if (type === T.Newline || type === T.Semicolon || type === T.RCurly || type === T.LineComment) break;
    if (type === T.LCurly) {
      st.block = readBlock(r);
      break;
    }
    st.head.push(readValue(r));
  }
  return st;
}

function readBlock(r: Reader): LBlock {
  const open = r.next();
  const { items, open: comments } = readItems(r, true);
  const close = r.next();
  const hasComment = comments.length > 0 || items.some(itemHasComment);
  return { items, oneLine: open.startLine === close.startLine, open: comments, hasComment };
}

function itemHasComment(item: LItem): boolean {
  if (item.kind === "own-comment" || item.trailing.length > 0) return true;
  return item.head.some(pieceHasComment) || (item.block?.hasComment ?? false);
}

function pieceHasComment(p: LPiece): boolean {
  return p.kind === "comment" || (p.kind === "seq" && p.hasComment);
}

function token(t: IToken): LToken {
  return { kind: "token", text: t.image, triple: t.tokenType === T.TripleString };
}

/** A value, or a block comment between values. */
function readValue(r: Reader): LPiece {
  const t = r.peek() as IToken;
  if (isComment(t)) return comment(r.next());
  if (t.tokenType === T.LBracket) return readSeq(r, undefined);
  if (t.tokenType === T.Identifier && r.peek(1)?.tokenType === T.LParen) {
    const name = r.next();
    return readSeq(r, name.image);
  }
  return token(r.next());
}

function readSeq(r: Reader, fn: string | undefined): LSeq {
  const openTok = r.next();
  const closer = openTok.tokenType === T.LBracket ? T.RBracket : T.RParen;
  const entries: LEntry[] = [];
  const open: LComment[] = [];
  for (;;) {
    const t = r.peek();
    if (!t) throw new Error("fmt: unclosed list");
    if (t.tokenType === closer) break;
    if (t.tokenType === T.Comma) {
      r.next();
      continue;
    }
    if (isComment(t)) {
      const c = comment(t);
      if (r.sameLine(t)) {
        const last = entries.at(-1);
        if (last) last.trailing.push(c);
        else open.push(c);
        r.next();
        continue;
      }
      const blankBefore = r.blankBefore(t);
      r.next();
      entries.push({ kind: "comment", comment: c, trailing: [], blankBefore });
      continue;
    }
    const blankBefore = r.blankBefore(t);
    entries.push({ kind: "value", value: readValue(r), trailing: [], blankBefore });
  }
  const closeTok = r.next();
  const hasComment = open.length > 0 ||
    entries.some((e) => e.kind === "comment" || e.trailing.length > 0 || pieceHasComment(e.value));
  const seq: LSeq = { kind: "seq", entries, multiline: openTok.startLine !== closeTok.startLine, open, hasComment };
  if (fn !== undefined) seq.fn = fn;
  return seq;
}
