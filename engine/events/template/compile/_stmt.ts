/**
 * Statements: output, `if`, `for`, `set`, `{% do %}`, `break` and
 * `continue`, written as Nunjucks' compiler (with the Python layer's
 * patches) writes them, with runtime frames replaced by the variables of
 * `_scope.ts`.
 *
 * @module
 */
import { type AstNode, child, childrenOf, isNode, Unsupported } from "./_ast.ts";
import type { Cx } from "./_code.ts";
import { expr } from "./_expr.ts";
import { frameAssignments, hasSet, Level, type LoopExtra, loopExtras, mentions } from "./_scope.ts";

/**
 * Writes the statements of a node list (or a single statement).
 *
 * Consecutive outputs are appended in one expression, left to right, which
 * evaluates them in the same order and builds the same string.
 *
 * @param node A `Root`, `NodeList` or statement node.
 * @param cx Where the emitter stands.
 *
 * @example
 * ```ts
 * import { createEnvironment } from "../environment.ts";
 * import { parseTemplate } from "./_parse.ts";
 * import { Code, type Cx } from "./_code.ts";
 * import { Bindings, Level } from "./_scope.ts";
 * import { statements } from "./_stmt.ts";
 * const env = createEnvironment({ dir: "/", readText: () => "" });
 * const cx: Cx = {
 *   code: new Code(),
 *   env: { filters: {}, tests: {}, extensions: {}, autoescape: false, throwOnUndefined: false, nodeName: () => "" },
 *   bind: new Bindings(),
 *   level: new Level(undefined, new Map()),
 *   buffer: "out",
 *   loops: [],
 * };
 * statements(parseTemplate("a{{ 'b' }}", env), cx);
 * if (cx.code.body() !== 'out = out + "a" + "b";') throw new Error(cx.code.body());
 * ```
 */
export function statements(node: AstNode, cx: Cx): void {
  const list = node.typename === "Root" || node.typename === "NodeList" ? childrenOf(node) : [node];
  let pieces: string[] = [];
  const flush = () => {
    if (pieces.length > 0) cx.code.line(`${cx.buffer} = ${cx.buffer} + ${pieces.join(" + ")};`);
    pieces = [];
  };
  for (const stmt of list) {
    if (stmt.typename === "Output") {
      pieces.push(...output(stmt, cx));
      continue;
    }
    flush();
    statement(stmt, cx);
  }
  flush();
}

function statement(node: AstNode, cx: Cx): void {
  switch (node.typename) {
    case "Root":
    case "NodeList":
      statements(node, cx);
      return;
    case "If":
      ifStatement(node, cx);
      return;
    case "For":
      forStatement(node, cx);
      return;
    case "Set":
      setStatement(node, cx);
      return;
    case "CallExtension":
      callExtension(node, cx);
      return;
    case "PyBreak":
    case "PyContinue": {
      const label = cx.loops.at(-1);
      if (label === undefined) throw new Unsupported("`break` or `continue` outside a loop");
      cx.code.line(`${node.typename === "PyBreak" ? "break" : "continue"} ${label};`);
      return;
    }
    default:
      throw new Unsupported(`\`${node.typename}\` statements`);
  }
}

/** What `{{ }}` appends: the value as `suppressValue` gives it (a string stays as it is). */
function printed(item: AstNode, node: AstNode, cx: Cx): string {
  if (item.typename === "Literal" && typeof item.value === "string" && !cx.env.autoescape) {
    return JSON.stringify(item.value);
  }
  const js = expr(item, cx);
  const value = cx.env.throwOnUndefined ? `$ed(${js}, ${node.lineno}, ${node.colno})` : js;
  if (cx.env.autoescape) return `$sv(${value}, true)`;
  const t = cx.code.temp();
  return `(typeof (${t} = ${value}) === "string" ? ${t} : $sv(${t}, false))`;
}

function output(node: AstNode, cx: Cx): string[] {
  const pieces: string[] = [];
  for (const item of childrenOf(node)) {
    if (item.typename === "TemplateData") {
      if (typeof item.value !== "string") throw new Unsupported("template data that is not text");
      if (item.value) pieces.push(JSON.stringify(item.value));
    } else pieces.push(printed(item, node, cx));
  }
  return pieces;
}

function ifStatement(node: AstNode, cx: Cx): void {
  cx.code.line(`if ($pt(${expr(child(node, "cond"), cx)})) {`);
  statements(child(node, "body"), cx);
  if (node.else_) {
    cx.code.line("} else {");
    statements(child(node, "else_"), cx);
  }
  cx.code.line("}");
}

/** `{% set %}`'s value when it is a block: the body rendered into a buffer of its own. */
function capture(node: AstNode, cx: Cx): string {
  if (node.typename !== "Capture") throw new Unsupported("a `set` block without a capture");
  const buffer = cx.code.temp(undefined, "o");
  cx.code.line(`${buffer} = "";`);
  const saved = { buffer: cx.buffer, loops: cx.loops };
  // A `{% break %}` in a set block cannot leave a loop outside it.
  cx.buffer = buffer;
  cx.loops = [];
  try {
    statements(child(node, "body"), cx);
  } finally {
    cx.buffer = saved.buffer;
    cx.loops = saved.loops;
  }
  return buffer;
}

/** Assigns a name as `{% set %}` does: its loop variable if it names one, and the current frame's variable. */
function assign(name: string, value: string, cx: Cx): void {
  const id = cx.level.vars.get(name);
  if (id === undefined) throw new Error(`Fast path: no frame variable for \`${name}\``);
  const bound = cx.bind.lookup(name);
  cx.code.line(bound === undefined ? `${id} = ${value};` : `${id} = ${bound} = ${value};`);
}

function setStatement(node: AstNode, cx: Cx): void {
  const targets = node.targets;
  if (!Array.isArray(targets) || targets.length === 0 || !targets.every(isNode)) throw new Unsupported("set targets");
  const value = isNode(node.value) ? node.value : undefined;
  if (targets.some((t) => t.typename === "LookupVal")) {
    // `{% set ns.attr = v %}`: the target's parts first, then the value.
    const target = targets[0] as AstNode;
    const key = child(target, "val");
    if (targets.length !== 1 || target.typename !== "LookupVal" || key.typename === "Slice") {
      throw new Unsupported("this `set` target");
    }
    const obj = expr(child(target, "target"), cx);
    const attr = expr(key, cx);
    if (value) {
      cx.code.line(`$setattr(${obj}, ${attr}, ${expr(value, cx)});`);
      return;
    }
    const [a, b] = [cx.code.temp(), cx.code.temp()];
    cx.code.line(`${a} = ${obj};`);
    cx.code.line(`${b} = ${attr};`);
    cx.code.line(`$setattr(${a}, ${b}, ${capture(child(node, "body"), cx)});`);
    return;
  }
  const names = targets.map((t) => {
    if (t.typename !== "Symbol" || typeof t.value !== "string") throw new Unsupported("this `set` target");
    return t.value;
  });
  if (names.length > 1 && value) {
    // `{% set a, b = pair %}`.
    const values = cx.code.temp();
    cx.code.line(`${values} = $unpack(${expr(value, cx)}, ${names.length});`);
    names.forEach((name, k) => assign(name, `${values}[${k}]`, cx));
    return;
  }
  const js = value ? expr(value, cx) : capture(child(node, "body"), cx);
  if (names.length === 1) {
    assign(names[0] as string, js, cx);
    return;
  }
  const t = cx.code.temp();
  cx.code.line(`${t} = ${js};`);
  for (const name of names) assign(name, t, cx);
}

function callExtension(node: AstNode, cx: Cx): void {
  const ext = cx.env.extensions[node.extName as string] as { run?: unknown } | undefined;
  const content = node.contentArgs;
  if (
    node.extName !== "do" || node.prop !== "run" || typeof ext?.run !== "function" || !Array.isArray(content) ||
    content.length > 0
  ) {
    throw new Unsupported("extension tags other than `do`");
  }
  const args = childrenOf(child(node, "args")).map((arg) => `, ${expr(arg, cx)}`).join("");
  const autoescape = (typeof node.autoescape === "boolean" ? node.autoescape : true) && cx.env.autoescape;
  cx.code.line(`${cx.buffer} = ${cx.buffer} + $sv(${cx.code.constant(ext)}["run"](self${args}), ${autoescape});`);
}

/** The `loop` attributes, in the order the compiler sets them, for iteration `i` of `len` over `arr`. */
function loopFields(i: string, len: string, arr: string, extras: LoopExtra[], changed: string): [string, string][] {
  const extra: Record<LoopExtra, string> = {
    cycle: `$cycle(${i})`,
    previtem: `${i} > 0 ? ${arr}[${i} - 1] : undefined`,
    nextitem: `${i} < ${len} - 1 ? ${arr}[${i} + 1] : undefined`,
    depth: "1",
    depth0: "0",
    changed,
  };
  return [
    ["index", `${i} + 1`],
    ["index0", i],
    ["revindex", `${len} - ${i}`],
    ["revindex0", `${len} - ${i} - 1`],
    ["first", `${i} === 0`],
    ["last", `${i} === ${len} - 1`],
    ["length", len],
    ...extras.map((name): [string, string] => [name, extra[name]]),
  ];
}

function forStatement(node: AstNode, cx: Cx): void {
  const nameNode = child(node, "name");
  const names = (nameNode.typename === "Array" ? childrenOf(nameNode) : [nameNode]).map((n) => {
    if (n.typename !== "Symbol" || typeof n.value !== "string" || n.value === "loop") {
      throw new Unsupported("this loop variable");
    }
    return n.value;
  });
  const body = child(node, "body");
  const otherwise = node.else_ ? child(node, "else_") : undefined;
  const { code } = cx;
  const arr = code.temp(undefined, "a");
  const len = code.temp(undefined, "n");
  const i = code.temp(undefined, "i");
  const label = code.id("loop");
  const outer = { bind: cx.bind, level: cx.level, loops: cx.loops };

  // The frame this loop pushes: what `{% set %}` may assign in it, and `loop`.
  const vars = new Map<string, string>();
  for (const name of frameAssignments([body, otherwise])) vars.set(name, code.temp(undefined, "v"));
  const loopObj = mentions([body, otherwise], "loop") ? code.temp(undefined, "l") : undefined;
  if (loopObj !== undefined) vars.set("loop", loopObj);
  const level = new Level(outer.level, vars);
  const fresh = [...vars.values()].map((v) => `${v} = undefined`).join(", ");

  // The sequence and the `if` filter run in the new frame, still empty: as good as the outer one.
  const bind = outer.bind.push();
  cx.bind = bind;
  try {
    code.line(`${arr} = $iter(${expr(child(node, "arr"), cx)}, ${names.length});`);
    if (node.pyFilter) {
      const item = code.id("p");
      const scope = bind.push();
      const locals = names.map((name, u) => {
        const id = code.id("f");
        scope.set(name, id);
        return `${id} = ${names.length === 1 ? item : `${item}[${u}]`}`;
      });
      cx.bind = scope;
      const cond = expr(child(node, "pyFilter"), cx);
      cx.bind = bind;
      code.line(
        `if (${arr}) ${arr} = $lfilter(${arr}, function (${item}) { let ${locals.join(", ")}; return $pt(${cond}); });`,
      );
    }
    if (fresh) code.line(`${fresh};`);
    code.line(`if (${arr}) {`);
    code.line(`${len} = ${arr}.length;`);
    const extras = loopObj === undefined ? [] : loopExtras(body);
    let changed = "undefined";
    if (extras.includes("changed")) {
      changed = code.temp(undefined, "c");
      code.line(`${changed} = $changed();`);
    }
    code.line(`${label}: for (${i} = 0; ${i} < ${arr}.length; ${i}++) {`);
    // The Python layer starts each iteration with a fresh frame when the body assigns.
    if (fresh && hasSet(body)) code.line(`if (${i} > 0) { ${fresh}; }`);
    names.forEach((name, u) => {
      const id = code.temp(undefined, "x");
      code.line(`${id} = ${names.length === 1 ? `${arr}[${i}]` : `${arr}[${i}][${u}]`};`);
      bind.set(name, id);
    });
    if (loopObj !== undefined) {
      const fields = loopFields(i, len, arr, extras, changed);
      const literal = fields.map(([k, v]) => `${k}: (${v})`).join(", ");
      const update = fields.map(([k, v]) => `${loopObj}.${k} = (${v});`).join(" ");
      code.line(`if (${loopObj} === undefined) ${loopObj} = { ${literal} }; else { ${update} }`);
    }
    cx.level = level;
    cx.loops = [...outer.loops, label];
    statements(body, cx);
    code.line("}");
    code.line("}");
    if (otherwise) {
      // `{% break %}` here would leave the enclosing loop without popping this frame: left to Nunjucks.
      cx.loops = [];
      code.line(`if (!${len}) {`);
      statements(otherwise, cx);
      code.line("}");
    }
  } finally {
    cx.bind = outer.bind;
    cx.level = outer.level;
    cx.loops = outer.loops;
  }
}
