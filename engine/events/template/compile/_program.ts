/**
 * A whole template: the root frame's variables, the statements, and the
 * render function around them, which stands in for `Template.render` and
 * the compiled `root(env, context, frame, runtime, cb)` without their
 * allocations and callbacks.
 *
 * @module
 */
import nunjucks from "nunjucks";
import type { AstNode } from "./_ast.ts";
import { Code, type Cx, type EmitEnvironment } from "./_code.ts";
import { type Kit, KIT_NAMES } from "./_runtime.ts";
import { Bindings, frameAssignments, Level } from "./_scope.ts";
import { statements } from "./_stmt.ts";

/** The parts of a Nunjucks environment compiled templates read. */
interface Environment {
  filters: Record<string, unknown>;
  tests: Record<string, unknown>;
  extensions: Record<string, unknown>;
  globals: Record<string, unknown>;
  opts: { autoescape?: unknown; throwOnUndefined?: unknown; dev?: unknown };
}

interface CompilerClass {
  new (name: string, throwOnUndefined: boolean): { _getNodeName(node: AstNode): string };
}

/** The compiled template's JavaScript and what it is handed. */
export interface Program {
  /** The body of the factory `(R, K, env, name) => render`. */
  source: string;
  /** The constants `k0`, `k1`... */
  constants: readonly unknown[];
}

/**
 * Writes the JavaScript of a template.
 *
 * @param root The parsed template.
 * @param env The environment it renders in.
 * @param name The template's path, as Nunjucks names it in errors.
 * @returns The program; throws `Unsupported` for what is left to Nunjucks.
 *
 * @example
 * ```ts
 * import { createEnvironment } from "../environment.ts";
 * import { parseTemplate } from "./_parse.ts";
 * import { emitProgram } from "./_program.ts";
 * const env = createEnvironment({ dir: "/", readText: () => "" });
 * const program = emitProgram(parseTemplate("{{ x }}", env), env, "t");
 * if (!program.source.includes("ctx[\"x\"]")) throw new Error(program.source);
 * ```
 */
export function emitProgram(root: AstNode, env: object, name: string): Program {
  const e = env as Environment;
  const Compiler = (nunjucks as unknown as { compiler: { Compiler: CompilerClass } }).compiler.Compiler;
  const namer = new Compiler(name, Boolean(e.opts.throwOnUndefined));
  const emitEnv: EmitEnvironment = {
    filters: e.filters,
    tests: e.tests,
    extensions: e.extensions,
    autoescape: Boolean(e.opts.autoescape),
    throwOnUndefined: Boolean(e.opts.throwOnUndefined),
    nodeName: (node) => namer._getNodeName(node),
  };
  const code = new Code();
  const rootVars = new Map<string, string>();
  for (const assigned of frameAssignments(root)) rootVars.set(assigned, code.temp("$unset", "r"));
  const cx: Cx = {
    code,
    env: emitEnv,
    bind: new Bindings(),
    level: new Level(undefined, rootVars),
    buffer: "out",
    loops: [],
  };
  statements(root, cx);
  const constants = code.constants();
  const source = [
    `"use strict";`,
    `const { ${KIT_NAMES.join(", ")} } = R;`,
    ...constants.map((_, k) => `const k${k} = K[${k}];`),
    `const $g = env.globals;`,
    `const $proto = Object.prototype;`,
    `return function render(ctx) {`,
    // Nunjucks' Context copies the variables; a plain object reads the same uncopied.
    `if (typeof ctx !== "object" || ctx === null || Object.getPrototypeOf(ctx) !== $proto) ctx = $copy(ctx);`,
    `const self = new $Context(env, ctx);`,
    `let lineno = 0, colno = 0, out = "";`,
    code.declarations(),
    `try {`,
    code.body(),
    `return out;`,
    `} catch (e) {`,
    `throw $fail(e, lineno, colno, name, env);`,
    `}`,
    `};`,
  ].join("\n");
  return { source, constants };
}

/**
 * Turns a program into its render function.
 *
 * @param program The program.
 * @param kit The runtime helpers.
 * @param env The environment.
 * @param name The template's path, for errors.
 * @returns The render function.
 */
export function loadProgram(
  program: Program,
  kit: Kit,
  env: object,
  name: string,
): (ctx: Record<string, unknown>) => string {
  const factory = new Function("R", "K", "env", "name", program.source) as (
    R: Kit,
    K: readonly unknown[],
    env: object,
    name: string,
  ) => (ctx: Record<string, unknown>) => string;
  return factory(kit, program.constants, env, name);
}
