/**
 * What compiled templates call at run time: Nunjucks' runtime helpers (as
 * the Python layer patched them), a stand-in for Nunjucks' render context,
 * and the error path that reports a failure exactly as Nunjucks does.
 *
 * @module
 */
import nunjucks from "nunjucks";

/** The runtime helpers compiled code uses: its name for each → the `nunjucks.runtime` member. */
const HELPERS = {
  $ml: "pyMember",
  $mp: "pyPlainMember",
  $sl: "pySlice",
  $cm: "pyCallMember",
  $cp: "pyCallPlain",
  $pi: "pyItem",
  $cw: "callWrap",
  $sv: "suppressValue",
  $ed: "ensureDefined",
  $pt: "pyTruth",
  $in: "inOperator",
  $eq: "pyEq",
  $chain: "pyCompareChain",
  $add: "pyAdd",
  $sub: "pySub",
  $mul: "pyMul",
  $div: "pyDiv",
  $fdiv: "pyFloorDiv",
  $mod: "pyMod",
  $neg: "pyNeg",
  $cat: "pyConcat",
  $tuple: "pyTuple",
  $key: "pyKey",
  $iter: "pyIter",
  $lfilter: "pyLoopFilter",
  $unpack: "pyUnpack",
  $setattr: "pySetAttr",
  $kw: "makeKeywordArgs",
  $cycle: "pyLoopCycle",
  $changed: "pyLoopChanged",
} as const;

/** The names compiled code reads helpers by. */
export type HelperName = keyof typeof HELPERS;

/** Marks a root-frame variable no `{% set %}` has assigned yet. */
export const UNSET: unique symbol = Symbol("eventum.unset");

interface Internals {
  runtime: Record<string, unknown> & { handleError(e: unknown, lineno: number, colno: number): unknown };
  lib: {
    extend(target: object, source: unknown): Record<string, unknown>;
    _prettifyError(path: string, withInternals: unknown, err: unknown): Error;
  };
}

const nj = nunjucks as unknown as Internals;

/** The environment, as the render context exposes it. */
export interface ContextEnvironment {
  globals: Record<string, unknown>;
  opts: { dev?: unknown };
}

/**
 * What filters, tests and called functions get as `this`, in place of
 * Nunjucks' `Context`: the environment (`this.env`, which Jinja's filters
 * read), the render's variables, and `lookup`.
 *
 * @example
 * ```ts
 * import { FastContext } from "./_runtime.ts";
 * const self = new FastContext({ globals: { range: 1 }, opts: {} }, { a: 2 });
 * if (self.lookup("a") !== 2 || self.lookup("range") !== 1) throw new Error();
 * ```
 */
export class FastContext {
  /** The environment. */
  readonly env: ContextEnvironment;
  /** The variables the template renders with. */
  readonly ctx: Record<string, unknown>;

  /**
   * Creates the context of one render.
   *
   * @param env The environment.
   * @param ctx The variables.
   */
  constructor(env: ContextEnvironment, ctx: Record<string, unknown>) {
    this.env = env;
    this.ctx = ctx;
  }

  /**
   * A variable, or else a global, as `Context.lookup` finds it.
   *
   * @param name The name.
   * @returns The value.
   */
  lookup(name: string): unknown {
    const globals = this.env.globals;
    return name in globals && !(name in this.ctx) ? globals[name] : this.ctx[name];
  }

  /** The variables. */
  getVariables(): Record<string, unknown> {
    return this.ctx;
  }
}

/** Everything compiled code is handed besides its constants. */
export interface Kit extends Record<HelperName, unknown> {
  $unset: typeof UNSET;
  $Context: typeof FastContext;
  /** Turns what a render threw into what `Template.render` throws. */
  $fail(error: unknown, lineno: number, colno: number, name: string, env: object): unknown;
  /** The copy Nunjucks' `Context` makes of unusual variables objects. */
  $copy(ctx: unknown): Record<string, unknown>;
}

/**
 * The helpers, read from `nunjucks.runtime` after the Python layer is
 * installed.
 *
 * @returns The kit, or `undefined` when the runtime lacks a helper (the
 *   Python layer is not installed).
 *
 * @example
 * ```ts
 * import { createEnvironment } from "../environment.ts";
 * import { runtimeKit } from "./_runtime.ts";
 * createEnvironment({ dir: "/", readText: () => "" });
 * if (runtimeKit() === undefined) throw new Error("the Python layer is installed");
 * ```
 */
export function runtimeKit(): Kit | undefined {
  const runtime = nj.runtime;
  const helpers: Record<string, unknown> = {};
  for (const [id, member] of Object.entries(HELPERS)) {
    const fn = runtime[member];
    if (typeof fn !== "function") return undefined;
    helpers[id] = fn;
  }
  return {
    ...(helpers as Record<HelperName, unknown>),
    $unset: UNSET,
    $Context: FastContext,
    $fail(error, lineno, colno, name, env) {
      // `root`'s catch, then `Template.render`'s callback.
      return nj.lib._prettifyError(
        name,
        (env as ContextEnvironment).opts.dev,
        runtime.handleError(error, lineno, colno),
      );
    },
    $copy: (ctx) => nj.lib.extend({}, ctx || {}),
  };
}

/** The names {@linkcode Kit} members are read by in compiled code. */
export const KIT_NAMES: readonly string[] = [...Object.keys(HELPERS), "$unset", "$Context", "$fail", "$copy"];
