/**
 * The Nunjucks environment templates render in: the Jinja-compat layer, a
 * loader confined to what the sandbox lets the generator read, `{% do %}`,
 * and seeded replacements for Nunjucks' `Math.random` filters.
 *
 * @module
 */
import nunjucks from "nunjucks";
import process from "node:process";
import { isAbsolute, resolve } from "node:path";
import { Row } from "./samples.ts";

let compat = false;

/**
 * Installs Nunjucks' Jinja-compat layer once (`True`, slices, Python
 * methods). It reads `process.env.BUILD_TYPE`, which a sandboxed worker may
 * not, so the environment is hidden from it for that one call.
 */
function installCompat(): void {
  if (compat) return;
  compat = true;
  const desc = Object.getOwnPropertyDescriptor(process, "env");
  Object.defineProperty(process, "env", { value: {}, configurable: true, writable: true });
  try {
    nunjucks.installJinjaCompat();
    // The compat layer answers `count`, `index`, `pop`... with list methods;
    // a sample row's columns of those names must win.
    const runtime = (nunjucks as unknown as { runtime: { memberLookup: (o: unknown, k: unknown) => unknown } }).runtime;
    const lookup = runtime.memberLookup;
    runtime.memberLookup = (obj, key) =>
      obj instanceof Row && typeof key === "string" && obj._fields?.includes(key)
        ? (obj as unknown as Record<string, unknown>)[key]
        : lookup(obj, key);
  } finally {
    if (desc) Object.defineProperty(process, "env", desc);
    else delete (process as { env?: unknown }).env;
  }
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
 * if (env.renderString("{% do [1].append(2) %}{{ True }}", {}) !== "true") throw new Error();
 * ```
 */
export function createEnvironment(options: EnvironmentOptions): nunjucks.Environment {
  installCompat();
  const loader = new ScenarioLoader(options.dir, options.readText) as unknown as nunjucks.ILoader;
  const env = new nunjucks.Environment(loader, { autoescape: false, throwOnUndefined: false });
  env.addExtension("do", new DoExtension() as unknown as nunjucks.Extension);
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

/**
 * Takes a Nunjucks error apart into its message and template position.
 *
 * @param err What Nunjucks threw.
 * @param phase Nunjucks reports positions 1-based when parsing but 0-based
 *   when rendering; this says which the error came from.
 */
export function templateErrorInfo(err: unknown, phase: "compile" | "render" = "render"): TemplateErrorInfo {
  const e = err as { message?: string };
  let message = String(e?.message ?? err);
  const where = /\[Line (\d+), Column (\d+)\]/.exec(message);
  message = message.replace(/^(Template render error:\s*)?\([^)]*\)(?: \[Line \d+, Column \d+\])?\s*/, "");
  message = message.replace(
    /^(Error|TypeError|RangeError|ReferenceError|SyntaxError|NotCapable|PermissionDenied): /,
    "",
  )
    .replace(/^parse\w*: /, "").replace(/^unexpected token: (.*)$/s, "unexpected `$1`")
    .replace("expected variable end", "expected `}}`").replace("expected block end", "expected `%}`").trim();
  const info: TemplateErrorInfo = { message };
  if (where) {
    const shift = phase === "render" ? 1 : 0;
    info.line = Number(where[1]) + shift;
    info.column = Number(where[2]) + shift;
  }
  return info;
}
