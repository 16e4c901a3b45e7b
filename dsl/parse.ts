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

/** The indentation of the line a token is on, and whether it starts that line. */
function lineInfo(text: string, t: IToken): { indent: number; first: boolean } {
  const start = text.lastIndexOf("\n", t.startOffset - 1) + 1;
  const before = text.slice(start, t.startOffset);
  return { indent: (/^[ \t]*/.exec(before) as RegExpExecArray)[0].length, first: before.trim() === "" };
}

/**
 * Reports brackets left open, anchored where they open. A `}` that starts a
 * line less indented than the line of the innermost open `{` closes an outer
 * block: the inner one is the block that lacks its `}`. A `}` that starts a
 * line more indented than its block's opening line closes that block early:
 * it is probably one `}` too many.
 */
function unclosed(tokens: IToken[], text: string, file: string): { open: Diagnostic[]; early: Diagnostic[] } {
  const stack: { t: IToken; indent: number }[] = [];
  const out: IToken[] = [];
  const early: Diagnostic[] = [];
  for (const t of tokens) {
    if (CLOSERS.has(t.tokenType)) stack.push({ t, indent: lineInfo(text, t).indent });
    else if (t.tokenType === T.RCurly || t.tokenType === T.RBracket || t.tokenType === T.RParen) {
      const { indent, first } = lineInfo(text, t);
      if (t.tokenType === T.RCurly) {
        while (first && stack.length > 1 && stack.at(-1)!.t.tokenType === T.LCurly && stack.at(-1)!.indent > indent) {
          out.push(stack.pop()!.t);
        }
      }
      const i = stack.findLastIndex((o) => CLOSERS.get(o.t.tokenType) === t.tokenType);
      if (i >= 0) {
        const opener = stack[i] as { t: IToken; indent: number };
        if (t.tokenType === T.RCurly && first && indent > opener.indent && i === 0 && early.length === 0) {
          early.push(diag("EVT1003", [`this \`}\` closes the block opened at line ${opener.t.startLine} too early`], {
            span: tokenSpan(file, t),
            hint: "remove it, or check the braces above",
          }));
        }
        stack.length = i;
      }
    }
  }
  out.push(...stack.map((o) => o.t));
  const open = out.map((o) =>
    diag("EVT1004", [NAMES.get(o.tokenType) as string, (CLOSERS.get(o.tokenType)?.PATTERN) as string], {
      span: tokenSpan(file, o),
      hint: "opened here",
    })
  );
  return { open, early };
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
  // A string or comment left open swallows the rest of the file: the brackets
  // it leaves unclosed are not mistakes of their own.
  const swallowed = lexed.tokens.some((t) => t.tokenType === T.UnterminatedTripleString) ||
    lexed.diagnostics.some((d) => d.code === "EVT1009");
  const { open, early } = swallowed ? { open: [], early: [] } : unclosed(lexed.tokens, text, file);
  diagnostics.push(...open, ...early);
  parser.input = lexed.tokens;
  const cst = parser.file();
  const seen = new Set<number>();
  for (const e of parser.errors) {
    const atEof = e.token.tokenType === EOF || Number.isNaN(e.token.startOffset);
    if ((open.length > 0 || swallowed) && atEof) continue;
    // After a `}` that closed a block too early, the last `}` has nothing to close.
    if (early.length > 0 && e.token.tokenType === T.RCurly) continue;
    const span = errorSpan(file, e, text);
    if (seen.has(span.offset)) continue;
    seen.add(span.offset);
    const comma = e.token.tokenType === T.Comma;
    diagnostics.push(diag("EVT1003", [comma ? "unexpected `,` outside a list" : e.message], {
      span,
      hint: comma ? "several values go in a list: `[a, b]`" : undefined,
    }));
  }
  const v = new Visitor(file, diagnostics);
  const statements = v.statements(cst);
  const comments: Comment[] = lexed.comments.map((c) => ({ text: c.image, span: tokenSpan(file, c) }));
  const recovered = swallowed || diagnostics.some((d) => STRUCTURAL.has(d.code));
  return { value: { path: file, statements, comments, recovered }, diagnostics };
}

/** Syntax errors after which the tree is a guess, too unreliable for semantic checks. */
const STRUCTURAL = new Set(["EVT1001", "EVT1003", "EVT1004", "EVT1009"]);

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
        if (!closed) {
          const hint = 'close it on the same line, or use `"""` for text over several lines';
          report(diag("EVT1002", [], { span, hint }));
        }
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
        if (err) {
          report(diag("EVT1007", [tick(raw), err], { span }));
          return { kind: "invalid", raw, span };
        }
        return { kind: "datetime", text: raw, span };
      }
      case T.SingleQuoted: {
        const body = raw.endsWith("'") && raw.length > 1 ? raw.slice(1, -1) : raw.slice(1);
        report(diag("EVT1012", [tick(raw)], { span, hint: `write ${JSON.stringify(body)}` }));
        return { kind: "string", value: body, triple: false, span };
      }
      case T.BareWord: {
        report(diag("EVT1013", [tick(raw)], { span, hint: `write ${JSON.stringify(raw)}` }));
        return { kind: "string", value: raw, triple: false, span };
      }
      default: {
        report(badLiteral(raw, span));
        return { kind: "invalid", raw, span };
      }
    }
  }
}

const UNIT_WORDS: Record<string, string> = {
  sec: "s",
  secs: "s",
  second: "s",
  seconds: "s",
  min: "m",
  mins: "m",
  minute: "m",
  minutes: "m",
  hr: "h",
  hrs: "h",
  hour: "h",
  hours: "h",
  day: "d",
  days: "d",
  week: "w",
  weeks: "w",
  msec: "ms",
  millis: "ms",
  milliseconds: "ms",
  usec: "us",
  micros: "us",
};

/** A better spelling of a literal with a misspelt unit, such as `5s` for `5sec`. */
function respell(raw: string): string | undefined {
  let changed = false;
  const out = raw.replace(/(\d+(?:\.\d+)?)([A-Za-z]+)/g, (all, n: string, unit: string) => {
    const fixed = UNIT_WORDS[unit.toLowerCase()] ??
      (/^[kmgt]i?b$/i.test(unit) ? unit.toUpperCase().replace("IB", "iB") : undefined);
    if (fixed === undefined || fixed === unit) return all;
    changed = true;
    return n + fixed;
  });
  return changed ? out : undefined;
}

/** Explains a literal that looks numeric but is none of the known forms. */
function badLiteral(raw: string, span: Span): Diagnostic {
  if (/^\d{4}-\d/.test(raw) || /^\d{1,2}:\d/.test(raw)) {
    return diag("EVT1007", [tick(raw), "expected ISO 8601 such as `2024-01-01` or `2024-01-01T08:00:00Z`"], { span });
  }
  const better = respell(raw);
  const hint = better === undefined ? undefined : `did you mean \`${better}\`?`;
  if (/^[+-]/.test(raw)) {
    return diag("EVT1007", [tick(raw), "a relative time is a sign and a duration, as in `+1d` or `-30m`"], {
      span,
      hint,
    });
  }
  const m = /^\d+(?:\.\d+)?([A-Za-zµ]+)$/.exec(raw);
  if (m) {
    const unit = m[1] as string;
    if (/^[KMGT]?i?B$/i.test(unit) || /b$/i.test(unit)) {
      return diag("EVT1006", [tick(raw), parseSize(raw) as string], { span, hint });
    }
    return diag("EVT1005", [tick(raw), parseDuration(raw) as string], { span, hint });
  }
  if (/^\d+(?:\.\d+)?[smhdw]\d+$/.test(raw)) {
    return diag("EVT1005", [tick(raw), "every number needs a unit, as in `1m30s`"], {
      span,
      hint: `did you mean \`${raw}s\`?`,
    });
  }
  return diag("EVT1011", [tick(raw), "expected a number, a duration (`5s`), a size (`5MB`) or a date"], {
    span,
    hint: /[./]/.test(raw) ? `if it is text, quote it: ${JSON.stringify(raw)}` : undefined,
  });
}
