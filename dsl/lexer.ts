/**
 * The lexer: text to tokens, with unexpected characters and unterminated
 * comments reported as diagnostics. Newlines inside `[...]` and `(...)` are
 * dropped so lists and calls may span lines.
 *
 * @module
 */
import { type IToken, Lexer } from "chevrotain";
import { allTokens, Comma, LBracket, LParen, Newline, RBracket, RParen, UnterminatedComment } from "./_tokens.ts";
import { diag, type Diagnostic, type Span, tick } from "./diagnostics.ts";

const lexer = new Lexer(allTokens, { positionTracking: "full", ensureOptimizations: false });

/** The span of a token. */
export function tokenSpan(file: string, t: IToken): Span {
  return {
    file,
    line: t.startLine ?? 1,
    column: t.startColumn ?? 1,
    offset: t.startOffset,
    length: t.image.length,
  };
}

/** What {@link lex} returns. */
export interface LexResult {
  tokens: IToken[];
  comments: IToken[];
  diagnostics: Diagnostic[];
}

/**
 * Splits `.evt` text into tokens.
 *
 * @param text The source text.
 * @param file The file name used in spans.
 * @returns Tokens for the parser, comments for the formatter, and diagnostics.
 */
export function lex(text: string, file: string): LexResult {
  const out = lexer.tokenize(text);
  const diagnostics: Diagnostic[] = [];
  for (const e of out.errors) {
    const ch = text.slice(e.offset, e.offset + e.length);
    const span = { file, line: e.line ?? 1, column: e.column ?? 1, offset: e.offset, length: e.length };
    const hint = ch.startsWith(":")
      ? "an option and its value are separated by a space: `count 3`, not `count: 3`"
      : undefined;
    diagnostics.push(diag("EVT1001", [tick(ch)], { span, hint }));
  }
  const comments: IToken[] = [];
  for (const c of (out.groups["comments"] ?? []) as IToken[]) comments.push(c);
  const tokens: IToken[] = [];
  let depth = 0;
  for (const t of out.tokens) {
    const type = t.tokenType;
    if (type === Comma) {
      const prev = tokens.at(-1)?.tokenType;
      if (prev === Comma || prev === LBracket) {
        const what = prev === Comma ? "two commas in a row" : "a comma right after `[`";
        diagnostics.push(diag("EVT1014", [what], { span: tokenSpan(file, t), hint: "remove this comma" }));
        continue;
      }
    }
    if (type === UnterminatedComment) {
      diagnostics.push(diag("EVT1009", [], { span: { ...tokenSpan(file, t), length: 2 } }));
      continue;
    }
    if (type === LBracket || type === LParen) depth++;
    else if ((type === RBracket || type === RParen) && depth > 0) depth--;
    else if (type === Newline && depth > 0) continue;
    tokens.push(t);
  }
  return { tokens, comments, diagnostics };
}
