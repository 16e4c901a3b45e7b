/**
 * The Nunjucks environment templates render in: the Jinja-compat layer and
 * the Python layer on top of it (Python's operators, methods, printing and
 * truth; Jinja's filters, tests, loop controls and `{% with %}`; see
 * `python/`), a loader confined to what the sandbox lets the generator
 * read, `{% do %}`, and seeded replacements for Nunjucks' `Math.random`
 * filters.
 *
 * @module
 */
import nunjucks from "nunjucks";
import process from "node:process";
import { isAbsolute, resolve } from "node:path";
import { addPython, installPython, type NunjucksModule, type PythonEnvironment } from "./python/mod.ts";

let compat = false;

/**
 * Installs Nunjucks' Jinja-compat layer (`True`, slices) and the Python
 * layer once. The compat layer reads `process.env.BUILD_TYPE`, which a
 * sandboxed worker may not, so the environment is hidden from it for that
 * one call.
 */
function installCompat(): void {
  if (compat) return;
  compat = true;
  const desc = Object.getOwnPropertyDescriptor(process, "env");
  Object.defineProperty(process, "env", { value: {}, configurable: true, writable: true });
  try {
    nunjucks.installJinjaCompat();
  } finally {
    if (desc) Object.defineProperty(process, "env", desc);
    else delete (process as { env?: unknown }).env;
  }
  installPython(nunjucks as unknown as NunjucksModule);
}

type Parser = {
  nextToken(): { value: string; lineno: number; colno: number };
  parseExpression(): unknown;
  advanceAfterBlockEnd(name: string): void;
};
type Nodes = {
  NodeList: new (lineno: number, colno: number) => { addChild(n: unknown): void };
  CallExtension: new (ext: unknown, method: string, args: unknown) => unknown;
};

/** `{% do expr %}`: evaluates an expression for its effect and prints nothing. */
class DoExtension {
  tags = ["do"];
  parse(parser: Parser, nodes: Nodes): unknown {
    const tok = parser.nextToken();
    const args = new nodes.NodeList(tok.lineno, tok.colno);
    args.addChild(parser.parseExpression());
    parser.advanceAfterBlockEnd(tok.value);
    return new nodes.CallExtension(this, "run", args);
  }
  run(): string {
    return "";
  }
}

/** Reads templates relative to the scenario's folder. */
class ScenarioLoader {
  #dir: string;
  #readText: (path: string) => string;
  constructor(dir: string, readText: (path: string) => string) {
    this.#dir = dir;
    this.#readText = readText;
  }
  getSource(name: string): { src: string; path: string; noCache: boolean } {
    const path = isAbsolute(name) ? name : resolve(this.#dir, name);
    return { src: this.#readText(path), path, noCache: false };
  }
}

/** What an environment is built from. */
export interface EnvironmentOptions {
  dir: string;
  readText(path: string): string;
  /** Filters that replace or add to Nunjucks' own. */
  filters?: Record<string, (...args: never[]) => unknown>;
}

/**
 * Builds the environment for one generator.
 *
 * @example
 * ```ts
 * import { createEnvironment } from "./environment.ts";
 * const env = createEnvironment({ dir: "/", readText: () => "" });
 * const out = env.renderString("{% set l = [1] %}{% do l.append(2) %}{{ l }} {{ True }} {{ '%03d' % 7 }}", {});
 * if (out !== "[1, 2] True 007") throw new Error(out);
 * ```
 */
export function createEnvironment(options: EnvironmentOptions): nunjucks.Environment {
  installCompat();
  const loader = new ScenarioLoader(options.dir, options.readText) as unknown as nunjucks.ILoader;
  const env = new nunjucks.Environment(loader, { autoescape: false, throwOnUndefined: false });
  env.addExtension("do", new DoExtension() as unknown as nunjucks.Extension);
  addPython(env as unknown as PythonEnvironment);
  for (const [name, fn] of Object.entries(options.filters ?? {})) {
    env.addFilter(name, fn as (...args: unknown[]) => unknown);
  }
  return env;
}

/** Where a template error happened, and what it said. */
export interface TemplateErrorInfo {
  message: string;
  line?: number;
  column?: number;
}

/** Nunjucks' messages, in the words of a template's author. */
const MESSAGES: ReadonlyArray<readonly [RegExp, (...groups: string[]) => string]> = [
  [/^unknown block tag: (\S+)$/, (tag) => `unknown tag \`{% ${tag} %}\``],
  [/^filter not found: (\S+)$/, (name) => `unknown filter \`${name}\``],
  [/^test not found: (\S+)$/, (name) => `unknown test \`${name}\``],
  [
    /^Unable to call `(.*)`, which is undefined or falsey$/s,
    (name) => `cannot call \`${callee(name)}\`: it is undefined`,
  ],
  [
    /^Unable to call `(.*)`, which is not a function$/s,
    (name) => `cannot call \`${callee(name)}\`: it is not a function`,
  ],
  [/^expected name as lookup value, got (\d+)$/, (n) => `expected a name after \`.\`: write \`[${n}]\` for an index`],
  [/^expected comma after expression$/, () => "expected `,` between items"],
  [/^expected colon after dict key$/, () => "expected `:` after a dict key"],
  [/^unexpected `(\*\*?)`$/, (star) => `unexpected \`${star}\` (\`f(${star}args)\` unpacking is not supported)`],
];

/** `a["b"]["c"]`, as Nunjucks names a callee, back to `a.b.c`. */
function callee(name: string): string {
  return name.replace(/\["([A-Za-z_]\w*)"\]/g, ".$1").replace(/^the return value of \((.*)\)/s, "$1(...)");
}

/**
 * Takes a Nunjucks error apart into its message and template position.
 * Positions are 1-based, from parsing and rendering alike.
 *
 * @param err What Nunjucks threw.
 * @param _phase Whether the error came from compiling or rendering (both
 *   now report the same way; kept for callers).
 * @returns The message, in a template author's words, and the position.
 *
 * @example
 * ```ts
 * import { createEnvironment, templateErrorInfo } from "./environment.ts";
 * const env = createEnvironment({ dir: "/", readText: () => "" });
 * try {
 *   env.renderString("{{ 1 // 0 }}", {});
 *   throw new Error("no error");
 * } catch (e) {
 *   const info = templateErrorInfo(e);
 *   if (info.message !== "ZeroDivisionError: integer division or modulo by zero" || info.line !== 1) throw e;
 * }
 * ```
 */
export function templateErrorInfo(err: unknown, _phase: "compile" | "render" = "render"): TemplateErrorInfo {
  const e = err as { message?: string };
  let message = String(e?.message ?? err);
  const where = /\[Line (\d+), Column (\d+)\]/.exec(message);
  message = message.replace(/^(Template render error:\s*)?\([^)]*\)(?: \[Line \d+(?:, Column \d+)?\])?\s*/, "");
  message = message.replace(
    /^(Error|TypeError|RangeError|ReferenceError|SyntaxError|NotCapable|PermissionDenied): /,
    "",
  )
    .replace(/^parse\w*: /, "").replace(/^unexpected token: (.*)$/s, "unexpected `$1`")
    .replace("expected variable end", "expected `}}`").replace("expected block end", "expected `%}`").trim();
  for (const [pattern, say] of MESSAGES) {
    const m = pattern.exec(message);
    if (m) {
      message = say(...m.slice(1));
      break;
    }
  }
  const info: TemplateErrorInfo = { message };
  if (where) {
    info.line = Number(where[1]);
    info.column = Number(where[2]);
  }
  return info;
}
