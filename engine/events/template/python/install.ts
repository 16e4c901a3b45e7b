/**
 * Installs the Python layer into Nunjucks: the syntax and compiler patches
 * of `syntax.ts`, the runtime helpers their code calls, Python's member
 * lookup and printing, and (per environment) Jinja's filters, tests and
 * globals.
 *
 * @module
 */
import { splitArgs } from "../_args.ts";
import { callMember, callPlain, itemLookup, memberLookup, plainMember, setAttribute, sliceLookup } from "./_lookup.ts";
import { JINJA_FILTERS, JINJA_GLOBALS, JINJA_TESTS } from "./filters.ts";
import {
  pyAdd,
  pyCompareChain,
  pyConcat,
  pyDiv,
  pyFloorDiv,
  pyIn,
  pyIter,
  pyMod,
  pyMul,
  pyNeg,
  pySub,
  pyUnpack,
} from "./operators.ts";
import { installSyntax, loopHelpers, type NunjucksInternals, pythonTags } from "./syntax.ts";
import { pyEq, pyStr, pyTruth, tuple } from "./values.ts";

/** The parts of `nunjucks.runtime` this layer replaces or extends. */
interface Runtime {
  suppressValue(value: unknown, autoescape: boolean): unknown;
  memberLookup(obj: unknown, key: unknown, ...slice: unknown[]): unknown;
  inOperator(key: unknown, container: unknown): boolean;
  SafeString: new (text: string) => object;
  [helper: string]: unknown;
}

/** The `nunjucks` module, as far as this layer uses it. */
export type NunjucksModule = NunjucksInternals & { runtime: Runtime };

/** The parts of a Nunjucks environment this layer configures. */
export interface PythonEnvironment {
  addFilter(name: string, fn: (...args: never[]) => unknown): unknown;
  addTest(name: string, fn: (...args: never[]) => unknown): unknown;
  addGlobal(name: string, value: unknown): unknown;
  addExtension(name: string, ext: never): unknown;
  getFilter(name: string): (...args: unknown[]) => unknown;
}

function pyKey(value: unknown, name?: string): string {
  if (value === undefined && name !== undefined) return name;
  return typeof value === "string" ? value : String(value);
}

function pyLoopFilter(items: unknown, keep: (item: unknown) => boolean): unknown {
  if (typeof items === "string") return [...items].filter(keep);
  return Array.isArray(items) ? items.filter(keep) : items;
}

let installed = false;

/**
 * Patches Nunjucks once: syntax, compiler, runtime helpers, member lookup
 * and printing. Call after `nunjucks.installJinjaCompat()`.
 *
 * @param nj The `nunjucks` module.
 */
export function installPython(nj: NunjucksModule): void {
  if (installed) return;
  installed = true;
  installSyntax(nj);
  const runtime = nj.runtime;
  const SafeString = runtime.SafeString;
  const suppress = runtime.suppressValue;
  runtime.suppressValue = function (value: unknown, autoescape: boolean): unknown {
    if (typeof value === "string") return autoescape ? suppress(value, autoescape) : value;
    return suppress(value instanceof SafeString ? value : pyStr(value), autoescape);
  };
  runtime.memberLookup = function (obj: unknown, key: unknown): unknown {
    return arguments.length === 4 ? sliceLookup(obj, key, arguments[2], arguments[3]) : memberLookup(obj, key);
  };
  runtime.inOperator = pyIn;
  // Nunjucks hands render errors 0-based positions and then drops a
  // position on the first line or column (0 reads as "none"): report them
  // 1-based, as parse errors are.
  const handleError = runtime.handleError as (error: unknown, lineno: number, colno: number) => unknown;
  runtime.handleError = (error: unknown, lineno: number, colno: number) => handleError(error, lineno + 1, colno + 1);
  Object.assign(runtime, {
    // For compiled templates (compile/): lookups and member calls without the generic wrappers.
    pyMember: memberLookup,
    pyPlainMember: plainMember,
    pySlice: sliceLookup,
    pyCallMember: callMember,
    pyCallPlain: callPlain,
    pyAdd,
    pySub,
    pyMul,
    pyDiv,
    pyFloorDiv,
    pyMod,
    pyNeg,
    pyConcat,
    pyTruth,
    pyEq,
    pyCompareChain,
    pyTuple: tuple,
    pyKey,
    pyIter,
    pyLoopFilter,
    pyUnpack,
    pySetAttr: setAttribute,
    pyItem: itemLookup,
    ...loopHelpers,
  });
}

/** Nunjucks filters that only need Jinja's keyword names mapped to their positions. */
const KEYWORDS: Readonly<Record<string, readonly string[]>> = {
  batch: ["linecount", "fill_with"],
  slice: ["slices", "fill_with"],
  urlize: ["trim_url_limit", "nofollow", "target"],
  wordcount: [],
  striptags: [],
};

/**
 * Gives an environment Jinja's filters, tests, globals and tags.
 *
 * @param env The environment.
 */
export function addPython(env: PythonEnvironment): void {
  for (const [name, params] of Object.entries(KEYWORDS)) {
    const filter = env.getFilter(name);
    env.addFilter(
      name,
      function (this: unknown, value: unknown, ...given: unknown[]) {
        const [positional, keywords] = splitArgs(given);
        const args = params.map((p, i) => (i < positional.length ? positional[i] : keywords[p]));
        while (args.length > 0 && args.at(-1) === undefined) args.pop();
        return filter.call(this, value, ...args);
      } as (...args: never[]) => unknown,
    );
  }
  for (const [name, filter] of Object.entries(JINJA_FILTERS)) {
    env.addFilter(name, filter as (...args: never[]) => unknown);
  }
  for (const [name, test] of Object.entries(JINJA_TESTS)) env.addTest(name, test as (...args: never[]) => unknown);
  for (const [name, fn] of Object.entries(JINJA_GLOBALS)) env.addGlobal(name, fn);
  env.addExtension("python", pythonTags as never);
}
