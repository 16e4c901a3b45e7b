/**
 * Teaches Nunjucks' lexer, parser and compiler the parts of Jinja's syntax
 * and semantics it lacks, so templates written for Jinja run unchanged:
 *
 * - operators follow Python (`runtime.pyAdd(a, b)` instead of `a + b`,
 *   and so on; two numbers still take JavaScript's arithmetic first);
 * - truth follows Python (`{% if [] %}` is false; `a or b` returns `b`
 *   when `a` is an empty list), `==` compares lists and dicts by content,
 *   and `0 < x < 10` chains;
 * - `{k: v}` uses the variable `k` as the key (its name when undefined),
 *   `(a, b)` is a tuple, `1e3` and `1_000` are numbers;
 * - `{% for x in items if cond %}`, a dict's keys in `{% for k in d %}`,
 *   loop-scoped `{% set %}`, `loop.cycle()`, `loop.previtem`,
 *   `loop.nextitem`, `loop.changed()`, `loop.depth`;
 * - `{% break %}`, `{% continue %}`, `{% with %}`, `{% set ns.attr = v %}`,
 *   `{% set a, b = 1, 2 %}`, `{% include ... with context %}`,
 *   `{% autoescape false %}`;
 * - and clear errors for what it cannot follow (`{% trans %}`, recursive
 *   loops, bytes literals).
 *
 * @module
 */
import { pyEq } from "./values.ts";

// ------------------------------------------------------------ Nunjucks shapes

/** The parts of a Nunjucks AST node this file reads. */
interface AstNode {
  typename: string;
  lineno: number;
  colno: number;
  fields: string[];
  [field: string]: unknown;
}

type NodeClass = (new (lineno: number, colno: number, ...fields: unknown[]) => AstNode) & {
  extend(name: string, props: Record<string, unknown>): NodeClass;
};

interface Nodes {
  Node: NodeClass;
  NodeList: NodeClass;
  Symbol: NodeClass;
  Literal: NodeClass;
  Array: NodeClass;
  Group: NodeClass;
  LookupVal: NodeClass;
  InlineIf: NodeClass;
  For: NodeClass;
  Set: NodeClass;
  Capture: NodeClass;
  Include: NodeClass;
  FunCall: NodeClass;
  Dict: NodeClass;
  Pair: NodeClass;
  Is: NodeClass;
  Not: NodeClass;
  [name: string]: NodeClass;
}

interface Token {
  type: string;
  value: string;
  lineno: number;
  colno: number;
}

interface Lexer {
  TOKEN_COMMA: string;
  TOKEN_BLOCK_END: string;
  TOKEN_OPERATOR: string;
  TOKEN_SYMBOL: string;
  TOKEN_INT: string;
  TOKEN_FLOAT: string;
  lex(src: string, opts?: unknown): object;
}

interface Parser {
  peekToken(): Token;
  nextToken(): Token;
  skip(type: string): boolean;
  skipSymbol(name: string): boolean;
  skipValue(type: string, value: string): boolean;
  fail(message: string, lineno?: number, colno?: number): never;
  parsePrimary(noPostfix?: boolean): AstNode;
  parseExpression(): AstNode;
  parseUntilBlocks(...names: string[]): AstNode;
  advanceAfterBlockEnd(name?: string): Token;
}

interface Frame {
  push(isolate?: boolean): Frame;
  set(name: string, value: string): void;
  lookup(name: string): string | undefined;
}

interface Compiler {
  _emit(code: string): void;
  _emitLine(code: string): void;
  _tmpid(): string;
  _compileExpression(node: unknown, frame: Frame): void;
  _emitLoopBindings(node: AstNode, arr: string, i: string, len: string): void;
  _withScopedSyntax(fn: () => void): void;
  compile(node: unknown, frame: Frame): void;
  fail(message: string, lineno?: number, colno?: number): never;
  /** The labels of the loops `{% break %}` may leave, innermost last. */
  _pyLoops?: string[] | undefined;
}

type CompileFn = (this: Compiler, node: AstNode, frame: Frame, ...rest: unknown[]) => void;

/** The Nunjucks internals this file patches (the `nunjucks` default export). */
export interface NunjucksInternals {
  compiler: { Compiler: { prototype: Record<string, unknown> } };
  parser: { Parser: { prototype: Record<string, unknown> } };
  nodes: Nodes;
  lexer: Lexer;
  lib: { TemplateError: new (message: string, lineno?: number, colno?: number) => Error };
}

// ------------------------------------------------------------ custom nodes

let PyTruth: NodeClass;
let PyWith: NodeClass;
let PyBreak: NodeClass;
let PyContinue: NodeClass;

/** The loop attributes Jinja has beyond Nunjucks' `index`... `length`. */
const LOOP_EXTRAS = new Set(["cycle", "previtem", "nextitem", "changed", "depth", "depth0"]);

function walk(node: unknown, nodes: Nodes, visit: (n: AstNode) => void): void {
  if (Array.isArray(node)) {
    for (const child of node) walk(child, nodes, visit);
    return;
  }
  if (!(node instanceof nodes.Node)) return;
  visit(node);
  for (const field of node.fields) walk(node[field], nodes, visit);
}

function hasSet(body: unknown, nodes: Nodes): boolean {
  let found = false;
  walk(body, nodes, (n) => {
    if (n.typename === "Set") found = true;
  });
  return found;
}

function loopExtras(body: unknown, nodes: Nodes): Set<string> {
  const used = new Set<string>();
  walk(body, nodes, (n) => {
    if (n.typename !== "LookupVal") return;
    const target = n.target as AstNode;
    const val = n.val as AstNode;
    if (target.typename === "Symbol" && target.value === "loop" && val.typename === "Literal") {
      if (LOOP_EXTRAS.has(val.value as string)) used.add(val.value as string);
    }
  });
  return used;
}

/** Messages for Jinja tags Nunjucks has no equivalent of. */
const UNSUPPORTED: Readonly<Record<string, string>> = {
  trans: "`{% trans %}` is not supported (there is no i18n extension): write the text directly, " +
    "with `{{ }}` for the values",
  pluralize: "`{% pluralize %}` is not supported (there is no i18n extension): choose the form with " +
    "`{% if n == 1 %}...{% else %}...{% endif %}`",
  debug: "`{% debug %}` is not supported: print what you need with `{{ value | pprint }}`",
};

/** The tags this layer adds: `break`, `continue`, `with`, `autoescape`, and clear errors for the rest. */
class PythonTags {
  tags = ["break", "continue", "with", "autoescape", "trans", "pluralize", "debug", "endtrans"];

  parse(parser: Parser, _nodes: Nodes, lexer: Lexer): AstNode {
    const tok = parser.nextToken();
    const name = tok.value;
    switch (name) {
      case "break":
      case "continue":
        parser.advanceAfterBlockEnd(name);
        return new (name === "break" ? PyBreak : PyContinue)(tok.lineno, tok.colno);
      case "with": {
        const names: string[] = [];
        const values: AstNode[] = [];
        while (parser.peekToken().type !== lexer.TOKEN_BLOCK_END) {
          const target = parser.nextToken();
          if (target.type !== lexer.TOKEN_SYMBOL || !parser.skipValue(lexer.TOKEN_OPERATOR, "=")) {
            parser.fail("`{% with %}` expects `name = value` pairs, separated by commas", target.lineno, target.colno);
          }
          names.push(target.value);
          values.push(parser.parseExpression());
          if (!parser.skip(lexer.TOKEN_COMMA)) break;
        }
        parser.advanceAfterBlockEnd(name);
        const body = parser.parseUntilBlocks("endwith");
        parser.advanceAfterBlockEnd();
        return new PyWith(tok.lineno, tok.colno, names, values, body);
      }
      case "autoescape": {
        const value = parser.parseExpression();
        if (value.typename !== "Literal" || value.value !== false) {
          parser.fail(
            "`{% autoescape true %}` is not supported (templates are not escaped): escape values with `| e`",
            tok.lineno,
            tok.colno,
          );
        }
        parser.advanceAfterBlockEnd(name);
        const body = parser.parseUntilBlocks("endautoescape");
        parser.advanceAfterBlockEnd();
        return body;
      }
      default:
        return parser.fail(UNSUPPORTED[name] ?? `\`{% ${name} %}\` is not supported`, tok.lineno, tok.colno);
    }
  }
}

/** The extension that adds `{% break %}`, `{% continue %}`, `{% with %}` and friends. */
export const pythonTags: object = new PythonTags();

// ------------------------------------------------------------ install

let installed = false;

/**
 * Patches Nunjucks' lexer, parser and compiler, once. The compiled code
 * calls helpers on `nunjucks.runtime` (`pyAdd`, `pyTruth`...), which
 * `install.ts` provides.
 *
 * @param nj The `nunjucks` module.
 */
export function installSyntax(nj: NunjucksInternals): void {
  if (installed) return;
  installed = true;
  const { nodes } = nj;
  PyTruth = nodes.Node.extend("PyTruth", { fields: ["target"] });
  PyWith = nodes.Node.extend("PyWith", { fields: ["names", "values", "body"] });
  PyBreak = nodes.Node.extend("PyBreak", { fields: [] });
  PyContinue = nodes.Node.extend("PyContinue", { fields: [] });
  patchLexer(nj);
  patchParser(nj);
  patchCompiler(nj);
}

function patchLexer(nj: NunjucksInternals): void {
  const { lexer } = nj;
  const proto = Object.getPrototypeOf(lexer.lex("")) as {
    nextToken(this: TokenizerState): Token | null;
  };
  interface TokenizerState {
    in_code: boolean;
    str: string;
    index: number;
    forwardN(n: number): void;
    backN(n: number): void;
    /** How many `{` are open in the current expression. */
    pyCurly?: number;
  }
  const next = proto.nextToken;
  proto.nextToken = function (this: TokenizerState) {
    const tok = next.call(this);
    if (tok === null) return tok;
    if (tok.type === "variable-end" && (this.pyCurly ?? 0) > 0 && tok.value === "}}") {
      // `{{ {'a': {'b': 1}} }}`: the first `}}` closes two dicts, as in Jinja.
      this.backN(1);
      this.in_code = true;
      this.pyCurly = (this.pyCurly ?? 1) - 1;
      return { type: "right-curly", value: "}", lineno: tok.lineno, colno: tok.colno };
    }
    if (!this.in_code) return tok;
    if (tok.type === "left-curly") this.pyCurly = (this.pyCurly ?? 0) + 1;
    else if (tok.type === "right-curly") this.pyCurly = Math.max(0, (this.pyCurly ?? 0) - 1);
    else if (tok.type === "variable-start" || tok.type === "block-start") this.pyCurly = 0;
    const rest = () => this.str.slice(this.index, this.index + 32);
    if (tok.type === lexer.TOKEN_INT || tok.type === lexer.TOKEN_FLOAT) {
      const m = /^[eE][+-]?\d+/.exec(rest());
      if (m) {
        this.forwardN(m[0].length);
        tok.type = lexer.TOKEN_FLOAT;
        tok.value += m[0];
      }
    } else if (tok.type === lexer.TOKEN_SYMBOL && /^\d/.test(tok.value)) {
      const v = tok.value;
      if (/^\d+(?:_\d+)+$/.test(v)) {
        tok.type = lexer.TOKEN_INT;
        tok.value = v.replace(/_/g, "");
      } else if (/^\d+(?:_\d+)*[eE]\d+$/.test(v)) {
        tok.type = lexer.TOKEN_FLOAT;
        tok.value = v.replace(/_/g, "");
      } else if (/^\d+(?:_\d+)*[eE]$/.test(v)) {
        const m = /^[+-]\d+/.exec(rest());
        if (m) {
          this.forwardN(m[0].length);
          tok.type = lexer.TOKEN_FLOAT;
          tok.value = v.replace(/_/g, "") + m[0];
        }
      }
    } else if (tok.type === lexer.TOKEN_SYMBOL && /^(?:[bB][rR]?|[rR][bB])["']/.test(tok.value)) {
      throw new nj.lib.TemplateError(
        "bytes literals (`b'...'`) are not supported: write a string and encode it, `'...'.encode()`",
        tok.lineno + 1,
        tok.colno + 1,
      );
    }
    return tok;
  };
}

function patchParser(nj: NunjucksInternals): void {
  const { nodes, lexer } = nj;
  const proto = nj.parser.Parser.prototype as Record<string, (this: Parser, ...args: unknown[]) => unknown>;
  const parseFor = proto.parseFor as (this: Parser) => AstNode;

  proto.parseFor = function (this: Parser) {
    const forTok = this.peekToken();
    if (!this.skipSymbol("for")) return parseFor.call(this);
    const node = new nodes.For(forTok.lineno, forTok.colno);
    node.name = this.parsePrimary();
    if (!(node.name instanceof nodes.Symbol)) this.fail("parseFor: variable name expected for loop");
    if (this.peekToken().type === lexer.TOKEN_COMMA) {
      const key = node.name as AstNode;
      const names = new nodes.Array(key.lineno, key.colno);
      (names.children as AstNode[]).push(key);
      while (this.skip(lexer.TOKEN_COMMA)) (names.children as AstNode[]).push(this.parsePrimary());
      node.name = names;
    }
    if (!this.skipSymbol("in")) this.fail('parseFor: expected "in" keyword for loop', forTok.lineno, forTok.colno);
    node.arr = this.parseExpression();
    const arr = node.arr as AstNode;
    if (arr.typename === "InlineIf" && arr.else_ === null) {
      node.arr = arr.body;
      node.pyFilter = arr.cond;
    }
    if (this.skipSymbol("recursive")) {
      this.fail(
        "`{% for ... recursive %}` is not supported: write the levels as a macro that calls itself",
        forTok.lineno,
        forTok.colno,
      );
    }
    this.advanceAfterBlockEnd(forTok.value);
    node.body = this.parseUntilBlocks("endfor", "else");
    if (this.skipSymbol("else")) {
      this.advanceAfterBlockEnd("else");
      node.else_ = this.parseUntilBlocks("endfor");
    }
    this.advanceAfterBlockEnd();
    return node;
  };

  // `x is divisibleby 3`, `x is in [1, 2]`: Jinja lets a test take one
  // argument without parentheses.
  const ARG_START = new Set(["symbol", "string", "int", "float", "left-paren", "left-bracket", "left-curly"]);
  proto.parseIs = function (this: Parser) {
    let node = (this as unknown as { parseCompare(): AstNode }).parseCompare();
    if (!this.skipSymbol("is")) return node;
    const not = this.skipSymbol("not");
    let test = this.parsePrimary(true);
    const next = this.peekToken();
    if (next.type === "left-paren") {
      test = (this as unknown as { parsePostfix(n: AstNode): AstNode }).parsePostfix(test);
    } else if (ARG_START.has(next.type) && !["else", "or", "and", "if", "is", "not", "in"].includes(next.value)) {
      const arg = this.parsePrimary();
      test = new nodes.FunCall(test.lineno, test.colno, test, new nodes.NodeList(arg.lineno, arg.colno, [arg]));
    }
    node = new nodes.Is(node.lineno, node.colno, node, test);
    return not ? new nodes.Not(node.lineno, node.colno, node) : node;
  };

  // `d['items']` reads the item, `d.items` the method, as in Jinja: mark
  // subscripts so that the compiler can tell them apart.
  proto.parsePostfix = function (this: Parser, start: unknown) {
    let node = start as AstNode;
    for (let tok = this.peekToken(); tok; tok = this.peekToken()) {
      if (tok.type === "left-paren") {
        node = new nodes.FunCall(
          tok.lineno,
          tok.colno,
          node,
          (this as unknown as { parseSignature(): AstNode }).parseSignature(),
        );
      } else if (tok.type === "left-bracket") {
        const lookup = (this as unknown as { parseAggregate(): AstNode }).parseAggregate();
        const children = lookup.children as AstNode[];
        if (children.length > 1) this.fail("invalid index");
        node = new nodes.LookupVal(tok.lineno, tok.colno, node, children[0]);
        node.pyItem = true;
      } else if (tok.type === lexer.TOKEN_OPERATOR && tok.value === ".") {
        this.nextToken();
        const val = this.nextToken();
        if (val.type !== lexer.TOKEN_SYMBOL) {
          this.fail("expected name as lookup value, got " + val.value, val.lineno, val.colno);
        }
        node = new nodes.LookupVal(tok.lineno, tok.colno, node, new nodes.Literal(val.lineno, val.colno, val.value));
      } else break;
    }
    return node;
  };

  // `{'lc:' ~ name: v}`: a dict key is any expression, as in Python.
  const parseAggregate = proto.parseAggregate as (this: Parser) => AstNode;
  proto.parseAggregate = function (this: Parser) {
    const open = this.peekToken();
    if (open.type !== "left-curly") return parseAggregate.call(this);
    this.nextToken();
    const node = new nodes.Dict(open.lineno, open.colno);
    for (;;) {
      if (this.skip("right-curly")) break;
      if ((node.children as AstNode[]).length > 0 && !this.skip(lexer.TOKEN_COMMA)) {
        this.fail("parseAggregate: expected comma after expression", open.lineno, open.colno);
      }
      if (this.skip("right-curly")) break;
      const key = this.parseExpression();
      if (!this.skip("colon")) this.fail("parseAggregate: expected colon after dict key", open.lineno, open.colno);
      const value = this.parseExpression();
      (node.children as AstNode[]).push(new nodes.Pair(key.lineno, key.colno, key, value));
    }
    return node;
  };

  proto.parseSet = function (this: Parser) {
    const tag = this.peekToken();
    if (!this.skipSymbol("set")) this.fail("parseSet: expected set", tag.lineno, tag.colno);
    const node = new nodes.Set(tag.lineno, tag.colno, []);
    const targets = node.targets as AstNode[];
    for (;;) {
      targets.push(this.parsePrimary());
      if (!this.skip(lexer.TOKEN_COMMA)) break;
    }
    if (!this.skipValue(lexer.TOKEN_OPERATOR, "=")) {
      if (!this.skip(lexer.TOKEN_BLOCK_END)) {
        this.fail("parseSet: expected = or block end in set tag", tag.lineno, tag.colno);
      }
      node.body = new nodes.Capture(tag.lineno, tag.colno, this.parseUntilBlocks("endset"));
      node.value = null;
      this.advanceAfterBlockEnd();
      return node;
    }
    const first = this.parseExpression();
    if (this.peekToken().type === lexer.TOKEN_COMMA) {
      // `{% set a, b = 1, 2 %}`: a tuple without parentheses.
      const items = [first];
      while (this.skip(lexer.TOKEN_COMMA)) {
        if (this.peekToken().type === lexer.TOKEN_BLOCK_END) break;
        items.push(this.parseExpression());
      }
      node.value = new nodes.Group(first.lineno, first.colno, items);
    } else node.value = first;
    this.advanceAfterBlockEnd(tag.value);
    return node;
  };

  proto.parseInclude = function (this: Parser) {
    const tag = this.peekToken();
    if (!this.skipSymbol("include")) this.fail("parseInclude: expected include");
    const node = new nodes.Include(tag.lineno, tag.colno);
    node.template = this.parseExpression();
    if (this.skipSymbol("ignore") && this.skipSymbol("missing")) node.ignoreMissing = true;
    if (this.skipSymbol("with") || this.skipSymbol("without")) {
      if (!this.skipSymbol("context")) this.fail("expected `context` after `with`", tag.lineno, tag.colno);
    }
    this.advanceAfterBlockEnd(tag.value);
    return node;
  };
}

function patchCompiler(nj: NunjucksInternals): void {
  const { nodes } = nj;
  const proto = nj.compiler.Compiler.prototype as Record<string, CompileFn>;
  const original = (name: string) => proto[name] as CompileFn;

  // Nunjucks pastes a call's source into the compiled code for its error
  // message, quoting only `"`: a newline or backslash in it broke the code.
  const getNodeName = proto._getNodeName as unknown as (this: Compiler, node: AstNode) => string;
  (proto as Record<string, unknown>)._getNodeName = function (this: Compiler, node: AstNode): string {
    return getNodeName.call(this, node).replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/\r/g, "\\r")
      .replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
  };

  const emitFuncBegin = original("_emitFuncBegin");
  proto._emitFuncBegin = function (node, frame, ...rest) {
    emitFuncBegin.call(this, node, frame, ...rest);
    // The scratch variable `a or b` / `a and b` evaluate `a` into.
    this._emitLine("var py_t;");
  };

  const assertType = original("assertType");
  proto.assertType = function (node, ...types) {
    if (node.typename === "PyTruth") return;
    assertType.call(this, node, ...(types as [Frame]));
  };

  // Each call records its position first, so that an error (a division
  // by zero, `'%d' % 'x'`) names the line, as a function call's does.
  const call = (helper: string) =>
    function (this: Compiler, node: AstNode, frame: Frame) {
      this._emit(`(lineno = ${node.lineno}, colno = ${node.colno}, runtime.${helper}(`);
      this.compile(node.left, frame);
      this._emit(", ");
      this.compile(node.right, frame);
      this._emit("))");
    };
  proto.compileAdd = call("pyAdd");
  proto.compileSub = call("pySub");
  proto.compileMul = call("pyMul");
  proto.compileDiv = call("pyDiv");
  proto.compileFloorDiv = call("pyFloorDiv");
  proto.compileMod = call("pyMod");
  proto.compileConcat = call("pyConcat");
  const compileFilter = original("compileFilter");
  proto.compileFilter = function (node, frame) {
    this._emit(`(lineno = ${node.lineno}, colno = ${node.colno}, `);
    compileFilter.call(this, node, frame);
    this._emit(")");
  };
  const compileIs = original("compileIs");
  proto.compileIs = function (node, frame) {
    this._emit(`(lineno = ${node.lineno}, colno = ${node.colno}, `);
    compileIs.call(this, node, frame);
    this._emit(")");
  };
  proto.compileNeg = function (node, frame) {
    this._emit("runtime.pyNeg(");
    this.compile(node.target, frame);
    this._emit(")");
  };

  // Truth.
  proto.compilePyTruth = function (node, frame) {
    this._emit("runtime.pyTruth(");
    this.compile(node.target, frame);
    this._emit(")");
  };
  const truth = (node: AstNode) => (node.typename === "PyTruth" ? node : new PyTruth(node.lineno, node.colno, node));
  const compileIf = original("compileIf");
  proto.compileIf = function (node, frame, ...rest) {
    node.cond = truth(node.cond as AstNode);
    compileIf.call(this, node, frame, ...rest);
    return;
  };
  const compileInlineIf = original("compileInlineIf");
  proto.compileInlineIf = function (node, frame) {
    node.cond = truth(node.cond as AstNode);
    compileInlineIf.call(this, node, frame);
    return;
  };
  proto.compileNot = function (node, frame) {
    this._emit("!runtime.pyTruth(");
    this.compile(node.target, frame);
    this._emit(")");
  };
  proto.compileOr = function (node, frame) {
    this._emit("((py_t = ");
    this.compile(node.left, frame);
    this._emit("), runtime.pyTruth(py_t) ? py_t : ");
    this.compile(node.right, frame);
    this._emit(")");
  };
  proto.compileAnd = function (node, frame) {
    this._emit("((py_t = ");
    this.compile(node.left, frame);
    this._emit("), runtime.pyTruth(py_t) ? ");
    this.compile(node.right, frame);
    this._emit(" : py_t)");
  };

  // Comparisons: `==` by content, chains as in Python.
  const compileCompare = original("compileCompare");
  proto.compileCompare = function (node, frame) {
    const ops = node.ops as AstNode[];
    if (ops.length === 1) {
      const op = (ops[0] as AstNode).type as string;
      if (op !== "==" && op !== "!=") {
        compileCompare.call(this, node, frame);
        return;
      }
      this._emit(op === "==" ? "runtime.pyEq(" : "!runtime.pyEq(");
      this.compile(node.expr, frame);
      this._emit(", ");
      this.compile((ops[0] as AstNode).expr, frame);
      this._emit(")");
      return;
    }
    this._emit("runtime.pyCompareChain(");
    this.compile(node.expr, frame);
    for (const op of ops) {
      this._emit(`, ${JSON.stringify(op.type)}, function () { return `);
      this.compile(op.expr, frame);
      this._emit("; }");
    }
    this._emit(")");
  };

  // `obj[key]`: a dict's item before its method of that name.
  const compileLookupVal = original("compileLookupVal");
  proto.compileLookupVal = function (node, frame) {
    if (!node.pyItem || (node.val as AstNode).typename === "Slice") {
      compileLookupVal.call(this, node, frame);
      return;
    }
    this._emit("runtime.pyItem((");
    this._compileExpression(node.target, frame);
    this._emit("),");
    this._compileExpression(node.val, frame);
    this._emit(")");
  };

  // `(a, b)` is a tuple.
  const compileGroup = original("compileGroup");
  proto.compileGroup = function (node, frame) {
    const children = node.children as AstNode[];
    if (children.length === 1) {
      compileGroup.call(this, node, frame);
      return;
    }
    this._emit("runtime.pyTuple([");
    children.forEach((child, i) => {
      if (i > 0) this._emit(", ");
      this._compileExpression(child, frame);
    });
    this._emit("])");
  };

  // `{key: value}`: the key is an expression, as in Python.
  const compilePair = original("compilePair");
  proto.compilePair = function (node, frame) {
    const key = node.key as AstNode;
    if (key instanceof nodes.Literal && typeof key.value === "string") {
      compilePair.call(this, node, frame);
      return;
    }
    this._emit("[runtime.pyKey(");
    this._compileExpression(key, frame);
    if (key instanceof nodes.Symbol) this._emit(`, ${JSON.stringify(key.value)}`);
    this._emit(")]: ");
    this._compileExpression(node.value, frame);
  };
  // Keyword arguments (`f(a=1)`) keep names as names.
  proto.compileKeywordArgs = function (node, frame) {
    this._emit("runtime.makeKeywordArgs({");
    (node.children as AstNode[]).forEach((pair, i) => {
      if (i > 0) this._emit(", ");
      this._emit(JSON.stringify((pair.key as AstNode).value) + ": ");
      this._compileExpression(pair.value, frame);
    });
    this._emit("})");
  };

  // Loops.
  proto.compileFor = function (node, frame) {
    const i = this._tmpid();
    const len = this._tmpid();
    const arr = this._tmpid();
    const label = `py_loop_${i}`;
    const names = node.name instanceof nodes.Array ? node.name.children as AstNode[] : [node.name as AstNode];
    frame = frame.push();
    this._emitLine("frame = frame.push(true);");
    this._emit(`var ${arr} = runtime.pyIter(`);
    this._compileExpression(node.arr, frame);
    this._emitLine(`, ${names.length});`);
    const bind = (item: string, scope: Frame, runtimeSet: boolean) => {
      names.forEach((name, u) => {
        const id = this._tmpid();
        this._emitLine(`var ${id} = ${names.length === 1 ? item : `${item}[${u}]`};`);
        if (runtimeSet) this._emitLine(`frame.set(${JSON.stringify(name.value)}, ${id});`);
        scope.set(name.value as string, id);
      });
    };
    if (node.pyFilter) {
      const item = this._tmpid();
      this._emitLine(`if (${arr}) ${arr} = runtime.pyLoopFilter(${arr}, function (${item}) {`);
      const scope = frame.push();
      bind(item, scope, false);
      this._emit("return runtime.pyTruth(");
      this._compileExpression(node.pyFilter, scope);
      this._emitLine(");});");
    }
    const extras = loopExtras(node.body, nodes);
    const changed = extras.has("changed") ? this._tmpid() : undefined;
    this._emitLine(`if (${arr}) {`);
    this._emitLine(`var ${len} = ${arr}.length;`);
    if (changed) this._emitLine(`var ${changed} = runtime.pyLoopChanged();`);
    this._emitLine(`${label}: for (var ${i} = 0; ${i} < ${arr}.length; ${i}++) {`);
    // Jinja starts each iteration afresh: what `{% set %}` assigned in the
    // last one is gone.
    if (hasSet(node.body, nodes)) this._emitLine(`if (${i} > 0) frame = frame.pop().push(true);`);
    bind(`${arr}[${i}]`, frame, true);
    this._emitLoopBindings(node, arr, i, len);
    if (extras.has("cycle")) this._emitLine(`frame.set("loop.cycle", runtime.pyLoopCycle(${i}));`);
    if (extras.has("previtem")) this._emitLine(`frame.set("loop.previtem", ${i} > 0 ? ${arr}[${i} - 1] : undefined);`);
    if (extras.has("nextitem")) {
      this._emitLine(`frame.set("loop.nextitem", ${i} < ${len} - 1 ? ${arr}[${i} + 1] : undefined);`);
    }
    if (extras.has("depth")) this._emitLine(`frame.set("loop.depth", 1);`);
    if (extras.has("depth0")) this._emitLine(`frame.set("loop.depth0", 0);`);
    if (changed) this._emitLine(`frame.set("loop.changed", ${changed});`);
    const loops = (this._pyLoops ??= []);
    loops.push(label);
    this._withScopedSyntax(() => this.compile(node.body, frame));
    loops.pop();
    this._emitLine("}");
    this._emitLine("}");
    if (node.else_) {
      this._emitLine(`if (!${len}) {`);
      this._withScopedSyntax(() => this.compile(node.else_, frame));
      this._emitLine("}");
    }
    this._emitLine("frame = frame.pop();");
  };
  const jump = (word: "break" | "continue") =>
    function (this: Compiler, node: AstNode) {
      const label = this._pyLoops?.at(-1);
      if (label === undefined) {
        this.fail(`\`{% ${word} %}\` is only allowed inside a \`{% for %}\` loop`, node.lineno, node.colno);
      }
      this._emitLine(`${word} ${label};`);
    };
  proto.compilePyBreak = jump("break");
  proto.compilePyContinue = jump("continue");
  // Macros and `{% set %}` blocks are functions: a `{% break %}` inside
  // them cannot leave a loop outside them.
  for (const name of ["_compileMacro", "compileCapture"]) {
    const fn = proto[name] as unknown as (this: Compiler, ...args: unknown[]) => unknown;
    (proto as Record<string, unknown>)[name] = function (this: Compiler, ...args: unknown[]): unknown {
      const saved = this._pyLoops;
      this._pyLoops = [];
      try {
        return fn.apply(this, args);
      } finally {
        this._pyLoops = saved;
      }
    };
  }

  proto.compilePyWith = function (node, frame) {
    const ids = (node.values as AstNode[]).map((value) => {
      const id = this._tmpid();
      this._emit(`var ${id} = `);
      this._compileExpression(value, frame);
      this._emitLine(";");
      return id;
    });
    this._emitLine("frame = frame.push(true);");
    this._emitLine("try {");
    const scope = frame.push();
    (node.names as string[]).forEach((name, k) => {
      this._emitLine(`frame.set(${JSON.stringify(name)}, ${ids[k]});`);
      scope.set(name, ids[k] as string);
    });
    this._withScopedSyntax(() => this.compile(node.body, scope));
    this._emitLine("} finally { frame = frame.pop(); }");
  };

  // `{% set ns.attr = v %}` and `{% set a, b = pair %}`.
  const compileSet = original("compileSet");
  proto.compileSet = function (node, frame) {
    const targets = node.targets as AstNode[];
    if (targets.some((t) => t instanceof nodes.LookupVal)) {
      const target = targets[0] as AstNode;
      if (targets.length !== 1 || !(target instanceof nodes.LookupVal)) {
        this.fail("`{% set x.attr = ... %}` takes one target", node.lineno, node.colno);
      }
      this._emit("runtime.pySetAttr(");
      this._compileExpression(target.target, frame);
      this._emit(", ");
      this._compileExpression(target.val, frame);
      this._emit(", ");
      if (node.value) this._compileExpression(node.value, frame);
      else this.compile(node.body, frame);
      this._emitLine(");");
      return;
    }
    if (targets.length < 2 || !node.value) {
      compileSet.call(this, node, frame);
      return;
    }
    const values = this._tmpid();
    this._emit(`var ${values} = runtime.pyUnpack(`);
    this._compileExpression(node.value, frame);
    this._emitLine(`, ${targets.length});`);
    targets.forEach((target, k) => {
      const single = new nodes.Set(node.lineno, node.colno, [target]);
      single.value = new nodes.Symbol(node.lineno, node.colno, `${values}[${k}]`);
      compileSet.call(this, single, frame);
    });
  };
  // A symbol naming a compiler variable (`t_3[0]`) compiles to itself.
  const compileSymbol = original("compileSymbol");
  proto.compileSymbol = function (node, frame) {
    if (typeof node.value === "string" && /^t_\d+\[\d+\]$/.test(node.value)) {
      this._emit(node.value);
      return;
    }
    compileSymbol.call(this, node, frame);
    return;
  };
}

/**
 * Runtime helpers the patched compiler's code calls besides the operators.
 */
export const loopHelpers = {
  /** `loop.cycle(...)` at iteration `i`. */
  pyLoopCycle(i: number): (...values: unknown[]) => unknown {
    return (...values) => values.length === 0 ? undefined : values[i % values.length];
  },
  /** `loop.changed(...)`: whether the values differ from the last call's. */
  pyLoopChanged(): (...values: unknown[]) => boolean {
    let last: unknown[] | undefined;
    return (...values) => {
      const same = last !== undefined && pyEq(last, values);
      last = values;
      return !same;
    };
  },
};
