/**
 * Text to syntax tree: lexer, parser with recovery, and the CST → AST visitor.
 * All mistakes of a file come back together as diagnostics.
 *
 * @module
 */
import { type CstNode, EOF, type IRecognitionException, type IToken } from "chevrotain";
import type { Block, Comment, FileNode, Statement, Value } from "./ast.ts";
import { diag, type Diagnostic, type Result, type Span, tick } from "./diagnostics.ts";
import { lex, tokenSpan } from "./lexer.ts";
import { parser } from "./_parser.ts";
import * as T from "./_tokens.ts";
import { dedent, unescape } from "./_values.ts";
import { checkTime, parseDuration, parseSize } from "../engine/time.ts";

const CLOSERS = new Map([[T.LCurly, T.RCurly], [T.LBracket, T.RBracket], [T.LParen, T.RParen]]);
const NAMES = new Map([[T.LCurly, "block"], [T.LBracket, "list"], [T.LParen, "call"]]);

/** Reports brackets left open at the end of the file, anchored where they open. */
function unclosed(tokens: IToken[], file: string): Diagnostic[] {
  const stack: IToken[] = [];
  for (const t of tokens) {
    if (CLOSERS.has(t.tokenType)) stack.push(t);
    else if (t.tokenType === T.RCurly || t.tokenType === T.RBracket || t.tokenType === T.RParen) {
      const i = stack.findLastIndex((o) => CLOSERS.get(o.tokenType) === t.tokenType);
      if (i >= 0) stack.length = i;
    }
  }
  return stack.map((o) =>
    diag("EVT1004", [NAMES.get(o.tokenType) as string, (CLOSERS.get(o.tokenType)?.PATTERN) as string], {
      span: tokenSpan(file, o),
      hint: "opened here",
    })
  );
}

function errorSpan(file: string, e: IRecognitionException, text: string): Span {
  const t = e.token;
  if (t.tokenType !== EOF && !Number.isNaN(t.startOffset)) {
    const span = tokenSpan(file, t);
    if (t.tokenType === T.Newline) span.length = 1;
    return span;
  }
  const prev = (e as unknown as { previousToken?: IToken }).previousToken;
  if (prev && !Number.isNaN(prev.startOffset)) {
    const end = prev.startOffset + prev.image.length;
    const lines = text.slice(0, end).split("\n");
    return { file, line: lines.length, column: (lines.at(-1) as string).length + 1, offset: end, length: 1 };
  }
  return { file, line: 1, column: 1, offset: 0, length: 0 };
}

/**
 * Parses `.evt` text.
 *
 * @param text The source.
 * @param file The path shown in spans.
 * @returns The syntax tree (always, possibly partial) and all syntax diagnostics.
 * @example
 * ```ts
 * import { parse } from "./parse.ts";
 * const { value } = parse('generator "g" { input static { count 3 } }', "g.evt");
 * if (value?.statements[0]?.name !== "generator") throw new Error();
 * ```
 */
export function parse(text: string, file: string): Result<FileNode> {
  const lexed = lex(text, file);
  const diagnostics = [...lexed.diagnostics];
  const open = unclosed(lexed.tokens, file);
  diagnostics.push(...open);
  parser.input = lexed.tokens;
  const cst = parser.file();
  const seen = new Set<number>();
  for (const e of parser.errors) {
    const atEof = e.token.tokenType === EOF || Number.isNaN(e.token.startOffset);
    if (open.length > 0 && atEof) continue;
    const span = errorSpan(file, e, text);
    if (seen.has(span.offset)) continue;
    seen.add(span.offset);
    diagnostics.push(diag("EVT1003", [e.message], { span }));
  }
  const v = new Visitor(file, diagnostics);
  const statements = v.statements(cst);
  const comments: Comment[] = lexed.comments.map((c) => ({ text: c.image, span: tokenSpan(file, c) }));
  return { value: { path: file, statements, comments }, diagnostics };
}

type Children = Record<string, (CstNode | IToken)[] | undefined>;

function nodes(children: Children, key: string): CstNode[] {
  return (children[key] ?? []) as CstNode[];
}
function token(children: Children, key: string): IToken | undefined {
  return (children[key] as IToken[] | undefined)?.[0];
}

/** Walks the concrete syntax tree into the AST, checking literals on the way. */
class Visitor {
  #file: string;
  #diagnostics: Diagnostic[];
  constructor(file: string, diagnostics: Diagnostic[]) {
    this.#file = file;
    this.#diagnostics = diagnostics;
  }

  #span(node: CstNode): Span {
    const l = node.location;
    if (!l || Number.isNaN(l.startOffset)) return { file: this.#file, line: 1, column: 1, offset: 0, length: 0 };
    const end = Number.isNaN(l.endOffset ?? NaN) ? l.startOffset : (l.endOffset as number);
    return {
      file: this.#file,
      line: l.startLine ?? 1,
      column: l.startColumn ?? 1,
      offset: l.startOffset,
      length: end - l.startOffset + 1,
    };
  }

  statements(node: CstNode): Statement[] {
    const out: Statement[] = [];
    for (const s of nodes(node.children, "statement")) {
      const st = this.statement(s);
      if (st) out.push(st);
    }
    return out;
  }

  statement(node: CstNode): Statement | undefined {
    const c = node.children;
    const name = token(c, "name");
    if (!name || Number.isNaN(name.startOffset)) return undefined;
    const st: Statement = {
      name: name.image,
      nameSpan: tokenSpan(this.#file, name),
      args: nodes(c, "args").map((v) => this.value(v)),
      span: this.#span(node),
    };
    const assign = nodes(c, "assign")[0];
    if (assign) st.assign = this.value(assign);
    const block = nodes(c, "block")[0];
    if (block) st.block = this.block(block);
    return st;
  }

  block(node: CstNode): Block {
    return { statements: this.statements(node), span: this.#span(node) };
  }

  value(node: CstNode): Value {
    const c = node.children;
    const list = nodes(c, "list")[0];
    if (list) {
      return { kind: "list", items: nodes(list.children, "items").map((v) => this.value(v)), span: this.#span(list) };
    }
    const call = nodes(c, "nameOrCall")[0];
    if (call) return this.nameOrCall(call);
    const t = Object.values(c).flat()[0] as IToken | undefined;
    if (!t || Number.isNaN(t.startOffset)) {
      return { kind: "name", name: "", span: this.#span(node) };
    }
    return this.literal(t);
  }

  nameOrCall(node: CstNode): Value {
    const c = node.children;
    const id = token(c, "Identifier") as IToken;
    const span = this.#span(node);
    const idSpan = tokenSpan(this.#file, id);
    if (c["LParen"]) {
      return { kind: "call", fn: id.image, fnSpan: idSpan, args: nodes(c, "args").map((v) => this.value(v)), span };
    }
    switch (id.image) {
      case "true":
      case "false":
        return { kind: "bool", value: id.image === "true", span: idSpan };
      case "now":
      case "never":
        return { kind: "datetime", text: id.image, span: idSpan };
    }
    return { kind: "name", name: id.image, span: idSpan };
  }

  literal(t: IToken): Value {
    const span = tokenSpan(this.#file, t);
    const raw = t.image;
    const report = (d: Diagnostic) => this.#diagnostics.push(d);
    switch (t.tokenType) {
      case T.StringLiteral:
      case T.UnterminatedString: {
        const closed = t.tokenType === T.StringLiteral;
        if (!closed) report(diag("EVT1002", [], { span, hint: 'close it with `"` on the same line' }));
        const body = closed ? raw.slice(1, -1) : raw.slice(1);
        const { value, bad } = unescape(body);
        for (const b of bad) {
          report(diag("EVT1010", [tick(b.text)], {
            span: { ...span, column: span.column + 1 + b.at, offset: span.offset + 1 + b.at, length: b.text.length },
            hint: 'escapes are \\n \\t \\r \\" \\\\ \\uXXXX',
          }));
        }
        return { kind: "string", value, triple: false, span };
      }
      case T.TripleString:
      case T.UnterminatedTripleString: {
        const closed = t.tokenType === T.TripleString;
        if (!closed) {
          report(diag("EVT1002", [], { span: { ...span, length: 3 }, hint: 'close it with `"""`' }));
        }
        const { value, firstLine } = dedent(closed ? raw.slice(3, -3) : raw.slice(3));
        return { kind: "string", value, triple: true, span, firstLine: span.line + firstLine };
      }
      case T.NumberLiteral: {
        const n = Number(raw);
        if (!Number.isFinite(n)) report(diag("EVT1008", [tick(raw)], { span }));
        return { kind: "number", value: n, raw, span };
      }
      case T.Duration: {
        const us = parseDuration(raw);
        if (typeof us === "string") report(diag("EVT1005", [tick(raw), us], { span }));
        return { kind: "duration", us: typeof us === "number" ? us : 0, raw, span };
      }
      case T.Size: {
        const bytes = parseSize(raw);
        if (typeof bytes === "string") report(diag("EVT1006", [tick(raw), bytes], { span }));
        return { kind: "size", bytes: typeof bytes === "number" ? bytes : 0, raw, span };
      }
      case T.DateTime:
      case T.TimeOfDay:
      case T.RelativeTime: {
        const err = checkTime(raw);
        if (err) report(diag("EVT1007", [tick(raw), err], { span }));
        return { kind: "datetime", text: raw, span };
      }
      default: {
        report(badLiteral(raw, span));
        return { kind: "name", name: raw, span };
      }
    }
  }
}

/** Explains a literal that looks numeric but is none of the known forms. */
function badLiteral(raw: string, span: Span): Diagnostic {
  if (/^\d{4}-\d/.test(raw) || /^\d{1,2}:\d/.test(raw)) {
    return diag("EVT1007", [tick(raw), "expected ISO 8601 such as `2024-01-01` or `2024-01-01T08:00:00Z`"], { span });
  }
  if (/^[+-]/.test(raw)) {
    return diag("EVT1007", [tick(raw), "a relative time is a sign and a duration, as in `+1d` or `-30m`"], { span });
  }
  const m = /^\d+(?:\.\d+)?([A-Za-zµ]+)$/.exec(raw);
  if (m) {
    const unit = m[1] as string;
    if (/^[KMGT]?i?B$/i.test(unit) || /b$/i.test(unit)) {
      return diag("EVT1006", [tick(raw), parseSize(raw) as string], { span });
    }
    return diag("EVT1005", [tick(raw), parseDuration(raw) as string], { span });
  }
  return diag("EVT1011", [tick(raw), "expected a number, a duration (`5s`), a size (`5MB`) or a date"], { span });
}
