/**
 * The fast path for templates: the subset of Nunjucks templates actually
 * use, compiled to plain JavaScript that renders byte for byte what
 * Nunjucks renders (with the Jinja-compat and Python layers), with the same
 * side effects and the same errors, without Nunjucks' per-render context,
 * frames and callbacks.
 *
 * @module
 */
import type nunjucks from "nunjucks";
import { Unsupported } from "./_ast.ts";
import { parseTemplate } from "./_parse.ts";
import { emitProgram, loadProgram } from "./_program.ts";
import { runtimeKit } from "./_runtime.ts";

/** A compiled template. */
export interface FastTemplate {
  /**
   * Renders the template, as `Template.render(context)` does; throws what
   * it throws.
   *
   * @param context The variables (a plain object).
   * @returns The text.
   */
  render(context: Record<string, unknown>): string;
}

/**
 * Compiles a template for the fast path.
 *
 * Supported: text and `{{ }}`, names, attributes and items, slices, calls
 * (keyword arguments too), filters, tests, literals, Python's operators,
 * comparisons, `in`, `and`/`or`/`not`, `x if c else y`, `{% if %}`,
 * `{% for %}` (with `else`, `if`, `loop.*`, `break`, `continue`),
 * `{% set %}` (all forms) and `{% do %}`. Anything else (macros, includes,
 * imports, inheritance, `{% with %}`, `{% call %}`, `{% filter %}`...) is
 * left to Nunjucks.
 *
 * Filters, tests and the `do` extension are taken from the environment when
 * compiling: add them before.
 *
 * @param source The template text.
 * @param env The environment, made by `createEnvironment`.
 * @param name The template's path (`Template.path`), which errors name.
 * @returns The compiled template, or `undefined` when it is not in the
 *   subset (or does not compile): render it with Nunjucks.
 *
 * @example
 * ```ts
 * import { createEnvironment } from "../environment.ts";
 * import { compileFast } from "./compile_fast.ts";
 * const env = createEnvironment({ dir: "/", readText: () => "" });
 * const fast = compileFast("{% for x in xs if x > 1 %}{{ x * 2 }}{{ ',' if not loop.last }}{% endfor %}", env, "t");
 * if (fast?.render({ xs: [1, 2, 3] }) !== "4,6") throw new Error();
 * if (compileFast("{% macro m() %}{% endmacro %}", env, "t") !== undefined) throw new Error();
 * ```
 */
export function compileFast(source: string, env: nunjucks.Environment, name: string): FastTemplate | undefined {
  try {
    const render = compileOrExplain(source, env, name);
    return typeof render === "string" ? undefined : { render };
  } catch {
    return undefined;
  }
}

/**
 * Why a template is not on the fast path.
 *
 * @param source The template text.
 * @param env The environment.
 * @returns What the fast path lacks, or `undefined` when the template is on it.
 *
 * @example
 * ```ts
 * import { createEnvironment } from "../environment.ts";
 * import { whyNotFast } from "./compile_fast.ts";
 * const env = createEnvironment({ dir: "/", readText: () => "" });
 * if (whyNotFast("{% include 'x' %}", env) !== "Not on the fast path: `Include` statements") throw new Error();
 * ```
 */
export function whyNotFast(source: string, env: nunjucks.Environment): string | undefined {
  try {
    const render = compileOrExplain(source, env, "template");
    return typeof render === "string" ? render : undefined;
  } catch (e) {
    return `Does not compile: ${e instanceof Error ? e.message : String(e)}`;
  }
}

function compileOrExplain(
  source: string,
  env: nunjucks.Environment,
  name: string,
): string | ((ctx: Record<string, unknown>) => string) {
  const kit = runtimeKit();
  if (kit === undefined) return "Not on the fast path: the Python layer is not installed";
  try {
    return loadProgram(emitProgram(parseTemplate(source, env), env, name), kit, env, name);
  } catch (e) {
    if (e instanceof Unsupported) return e.message;
    throw e;
  }
}
