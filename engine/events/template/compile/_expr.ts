/**
 * Expressions: each node becomes the JavaScript expression Nunjucks'
 * compiler (with the Python layer's patches) writes for it, calling the
 * same runtime helpers in the same order and recording the same positions
 * (`lineno`, `colno`) before the same calls, but reading names from the
 * frame variables of `_scope.ts` instead of runtime frames.
 *
 * @module
 */
import { type AstNode, child, childrenOf, isNode, Unsupported } from "./_ast.ts";
import type { Cx } from "./_code.ts";
import { isPlainKey } from "../python/_lookup.ts";

/** Operators Nunjucks' compiler writes as they are. */
const COMPARE_OPS = new Set(["==", "===", "!=", "!==", "<", ">", "<=", ">="]);

/** Python's operators, as the Python layer compiles them: helper and position. */
const PY_OPS: Readonly<Record<string, string>> = {
  Add: "$add",
  Sub: "$sub",
  Mul: "$mul",
  Div: "$div",
  FloorDiv: "$fdiv",
  Mod: "$mod",
  Concat: "$cat",
};

/** What Jinja-compat's lookup gives for these names when nothing defines them. */
const COMPAT: Readonly<Record<string, string>> = { True: "true", False: "false", None: "null" };

/**
 * The JavaScript for an expression.
 *
 * @param node The expression.
 * @param cx Where the emitter stands.
 * @returns A JavaScript expression; throws {@linkcode Unsupported} for what
 *   the fast path leaves to Nunjucks.
 *
 * @example
 * ```ts
 * import { createEnvironment } from "../environment.ts";
 * import { parseTemplate } from "./_parse.ts";
 * import { Code, type Cx } from "./_code.ts";
 * import { Bindings, Level } from "./_scope.ts";
 * import { expr } from "./_expr.ts";
 * const env = createEnvironment({ dir: "/", readText: () => "" });
 * const output = (parseTemplate("{{ 1 + 2 }}", env).children as { children: unknown[] }[])[0]!;
 * const cx: Cx = {
 *   code: new Code(),
 *   env: { filters: {}, tests: {}, extensions: {}, autoescape: false, throwOnUndefined: false, nodeName: () => "" },
 *   bind: new Bindings(),
 *   level: new Level(undefined, new Map()),
 *   buffer: "out",
 *   loops: [],
 * };
 * const js = expr(output.children[0] as Parameters<typeof expr>[0], cx);
 * if (js !== "(lineno = 0, colno = 3, $add((1), (2)))") throw new Error(js);
 * ```
 */
export function expr(node: AstNode, cx: Cx): string {
  switch (node.typename) {
    case "Literal":
      return literal(node.value);
    case "Symbol":
      return symbol(node, cx);
    case "Group": {
      const items = childrenOf(node);
      if (items.length === 1) return `(${expr(items[0] as AstNode, cx)})`;
      return `$tuple([${items.map((item) => expr(item, cx)).join(", ")}])`;
    }
    case "Array":
      return `[${childrenOf(node).map((item) => expr(item, cx)).join(", ")}]`;
    case "Dict":
      return `({${childrenOf(node).map((pair) => dictPair(pair, cx)).join(", ")}})`;
    case "KeywordArgs":
      return `$kw({${childrenOf(node).map((pair) => keywordPair(pair, cx)).join(", ")}})`;
    case "LookupVal":
      return lookupVal(node, cx);
    case "FunCall":
      return funCall(node, cx);
    case "Filter":
      return filter(node, cx);
    case "Is":
      return isTest(node, cx);
    case "In":
      return `$in(${expr(child(node, "left"), cx)}, ${expr(child(node, "right"), cx)})`;
    case "Not":
      return `!$pt(${expr(child(node, "target"), cx)})`;
    case "Or":
    case "And": {
      const t = cx.code.temp();
      const left = expr(child(node, "left"), cx);
      const right = expr(child(node, "right"), cx);
      return node.typename === "Or"
        ? `((${t} = ${left}), $pt(${t}) ? ${t} : ${right})`
        : `((${t} = ${left}), $pt(${t}) ? ${right} : ${t})`;
    }
    case "Add":
    case "Sub":
    case "Mul":
    case "Div":
    case "FloorDiv":
    case "Mod":
    case "Concat":
      return `(${position(node)}, ${PY_OPS[node.typename]}(${expr(child(node, "left"), cx)}, ${
        expr(child(node, "right"), cx)
      }))`;
    case "Pow":
      return `Math.pow(${expr(child(node, "left"), cx)}, ${expr(child(node, "right"), cx)})`;
    case "Neg":
      return `$neg(${expr(child(node, "target"), cx)})`;
    case "Pos":
      return `(+(${expr(child(node, "target"), cx)}))`;
    case "Compare":
      return compare(node, cx);
    case "InlineIf": {
      const cond = expr(child(node, "cond"), cx);
      const body = expr(child(node, "body"), cx);
      const otherwise = node.else_ === null ? '""' : expr(child(node, "else_"), cx);
      return `($pt(${cond}) ? ${body} : ${otherwise})`;
    }
    default:
      throw new Unsupported(`\`${node.typename}\` expressions`);
  }
}

/**
 * `lineno = L, colno = C`: the position Nunjucks records before a call.
 *
 * @param node The node whose position is recorded.
 * @returns The assignments.
 */
export function position(node: AstNode): string {
  if (!Number.isInteger(node.lineno) || !Number.isInteger(node.colno)) throw new Unsupported("a node without position");
  return `lineno = ${node.lineno}, colno = ${node.colno}`;
}

function literal(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null) return "null";
  if (typeof value === "number" || typeof value === "boolean" || value instanceof RegExp) {
    // As Nunjucks writes them: `value.toString()`, so a regex literal makes a new RegExp each time.
    return `(${value.toString()})`;
  }
  throw new Unsupported(`a \`${typeof value}\` literal`);
}

/** A name: a loop variable, else the frames' variables, else the context (then Jinja-compat's constants). */
function symbol(node: AstNode, cx: Cx): string {
  const name = node.value;
  if (typeof name !== "string") throw new Unsupported("a symbol without a name");
  const bound = cx.bind.lookup(name);
  if (bound !== undefined) return bound;
  const key = JSON.stringify(name);
  let js = `(${key} in $g && !(${key} in ctx) ? $g[${key}] : ctx[${key}])`;
  for (const { id, root } of cx.level.chain(name).reverse()) {
    js = root ? `(${id} !== $unset ? ${id} : ${js})` : `(${id} !== undefined ? ${id} : ${js})`;
  }
  if (Object.hasOwn(COMPAT, name)) {
    const t = cx.code.temp();
    js = `((${t} = ${js}) !== undefined ? ${t} : ${COMPAT[name]})`;
  }
  return js;
}

function dictPair(pair: AstNode, cx: Cx): string {
  if (pair.typename !== "Pair") throw new Unsupported("a dict item that is not a pair");
  const key = child(pair, "key");
  const value = expr(child(pair, "value"), cx);
  if (key.typename === "Literal" && typeof key.value === "string") return `${JSON.stringify(key.value)}: ${value}`;
  const name = key.typename === "Symbol" ? `, ${JSON.stringify(key.value)}` : "";
  return `[$key(${expr(key, cx)}${name})]: ${value}`;
}

function keywordPair(pair: AstNode, cx: Cx): string {
  const key = child(pair, "key");
  if (pair.typename !== "Pair" || typeof key.value !== "string") throw new Unsupported("a keyword argument");
  return `${JSON.stringify(key.value)}: ${expr(child(pair, "value"), cx)}`;
}

function lookupVal(node: AstNode, cx: Cx): string {
  const target = expr(child(node, "target"), cx);
  const val = child(node, "val");
  if (val.typename === "Slice") {
    const parts = ["start", "stop", "step"].map((field) => `(${expr(child(val, field), cx)})`);
    return `$sl((${target}), ${parts.join(", ")})`;
  }
  if (node.pyItem) return `$pi((${target}), ${expr(val, cx)})`;
  // `obj.name` where no Python method has that name: a plain property read.
  if (val.typename === "Literal" && typeof val.value === "string" && isPlainKey(val.value)) {
    return `$mp((${target}), ${JSON.stringify(val.value)})`;
  }
  return `$ml((${target}), ${expr(val, cx)})`;
}

function args(node: AstNode, cx: Cx): string[] {
  return childrenOf(child(node, "args")).map((arg) => expr(arg, cx));
}

function funCall(node: AstNode, cx: Cx): string {
  const at = position(node);
  const callee = child(node, "name");
  // As the compiler pastes it into its code: the same string at run time.
  const name = `"${cx.env.nodeName(callee).replace(/"/g, '\\"')}"`;
  const list = `[${args(node, cx).join(", ")}]`;
  if (callee.typename === "LookupVal" && !callee.pyItem && child(callee, "val").typename !== "Slice") {
    // `obj.name(...)`: no bound function made for the call.
    const target = expr(child(callee, "target"), cx);
    const val = child(callee, "val");
    const plain = val.typename === "Literal" && typeof val.value === "string" && isPlainKey(val.value);
    return `(${at}, ${plain ? "$cp" : "$cm"}((${target}), ${expr(val, cx)}, ${name}, self, ${list}))`;
  }
  return `(${at}, $cw(${expr(callee, cx)}, ${name}, self, ${list}))`;
}

function filter(node: AstNode, cx: Cx): string {
  const name = child(node, "name");
  if (name.typename !== "Symbol") throw new Unsupported("a filter without a name");
  const fn = cx.env.filters[name.value as string];
  // Nunjucks throws when it looks an unknown filter up, at run time: its error, its moment.
  if (typeof fn !== "function") throw new Unsupported(`the unknown filter \`${name.value}\``);
  return `(${position(node)}, ${cx.code.constant(fn)}.call(self, ${args(node, cx).join(", ")}))`;
}

function isTest(node: AstNode, cx: Cx): string {
  const right = child(node, "right");
  const name = "" + (isNode(right.name) ? right.name.value : right.value);
  const test = cx.env.tests[name];
  if (typeof test !== "function") throw new Unsupported(`the unknown test \`${name}\``);
  const left = expr(child(node, "left"), cx);
  let extra = "";
  if (right.args) {
    // Nunjucks writes a test's arguments without commas between them.
    const list = childrenOf(child(right, "args"));
    if (list.length > 1) throw new Unsupported("a test with several arguments");
    extra = list.length === 1 ? `, ${expr(list[0] as AstNode, cx)}` : "";
  }
  return `(${position(node)}, ${cx.code.constant(test)}.call(self, ${left}${extra}) === true)`;
}

function compare(node: AstNode, cx: Cx): string {
  const ops = node.ops;
  if (!Array.isArray(ops) || ops.length === 0 || !ops.every(isNode)) throw new Unsupported("a comparison");
  const first = expr(child(node, "expr"), cx);
  if (ops.length === 1) {
    const op = ops[0] as AstNode;
    const right = expr(child(op, "expr"), cx);
    if (op.type === "==") return `$eq(${first}, ${right})`;
    if (op.type === "!=") return `!$eq(${first}, ${right})`;
    if (!COMPARE_OPS.has(op.type as string)) throw new Unsupported(`the operator \`${op.type}\``);
    return `(${first} ${op.type} ${right})`;
  }
  const links = ops.map((op) => `${JSON.stringify(op.type)}, () => (${expr(child(op, "expr"), cx)})`);
  return `$chain(${first}, ${links.join(", ")})`;
}
