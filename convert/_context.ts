/**
 * The state of one conversion: the diagnostics found so far, the files read,
 * the params the `.evt` will declare, and how paths move from the Python
 * config's folder to the scenario's.
 *
 * @module
 */
import { dirname, isAbsolute, relative, resolve } from "node:path";
import type { Node } from "yaml";
import { type Code, diag, type Diagnostic, tick } from "../dsl/diagnostics.ts";
import { entries, type Entry, YamlFile } from "./_yaml.ts";

/** How the converter reaches files. */
export interface ConvertHost {
  /** The file's text, or undefined when it cannot be read. */
  readText(path: string): string | undefined;
}

/** The real file system. */
export const denoConvertHost: ConvertHost = {
  readText(path) {
    try {
      return Deno.readTextFileSync(path);
    } catch {
      return undefined;
    }
  },
};

/** A `param` the scenario declares. */
export interface Param {
  /** Its value as `.evt` text. */
  value: string;
  /** Where it came from, for the comment beside it. */
  from: string;
}

/** The state of one conversion. */
export class Ctx {
  readonly diagnostics: Diagnostic[] = [];
  readonly sources: Map<string, string> = new Map();
  readonly params: Map<string, Param> = new Map();
  /** Params seen as `${params.x}` without a value, reported once each. */
  readonly missing: Set<string> = new Set();

  /**
   * @param host Reads files.
   * @param dir The folder of `generator.yml` (absolute): Python paths are relative to it.
   * @param outDir The folder the `.evt` goes to (absolute): our paths are relative to it.
   * @param given `-p NAME=VALUE` values for `${params.NAME}`.
   */
  constructor(
    readonly host: ConvertHost,
    readonly dir: string,
    readonly outDir: string,
    readonly given: Record<string, string>,
  ) {}

  /** Reads and parses a YAML file, shown as `shown`; undefined (and a diagnostic) when it cannot be read. */
  readYaml(
    abs: string,
    shown: string,
    severity: "error" | "warning",
    from?: { y: YamlFile; node: Node; path: string },
  ): YamlFile | undefined {
    const text = this.host.readText(abs);
    const span = from ? from.y.span(from.node) : undefined;
    if (text === undefined) {
      this.diagnostics.push(diag("EVT5001", [tick(shown), "file not found or not readable"], { span, severity }));
      return undefined;
    }
    const y = new YamlFile(shown, text, from?.path);
    this.sources.set(shown, text);
    const err = y.doc.errors[0];
    if (err) {
      const s = y.spanAt(err.pos[0], Math.max(1, err.pos[1] - err.pos[0]));
      const message = err.message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "") ?? "";
      this.diagnostics.push(diag("EVT5002", [tick(shown), message], { span: s, severity }));
      return undefined;
    }
    return y;
  }

  /** Records a warning at a node. */
  warn(code: Code, args: readonly string[], y: YamlFile, node: Node | null | undefined, hint?: string): void {
    this.diagnostics.push(diag(code, args, { span: y.span(node), hint, severity: "warning" }));
  }

  /** Records an error at a node. */
  error(code: Code, args: readonly string[], y: YamlFile, node: Node | null | undefined, hint?: string): void {
    this.diagnostics.push(diag(code, args, { span: y.span(node), hint, severity: "error" }));
  }

  /** A path of the Python config, absolute. */
  abs(path: string): string {
    return isAbsolute(path) ? path : resolve(this.dir, path);
  }

  /** A path of the Python config, as the `.evt` writes it (relative to the scenario). */
  path(path: string): string {
    if (isAbsolute(path)) return path;
    const rel = relative(this.outDir, resolve(this.dir, path));
    return rel === "" ? "." : rel;
  }

  /** A path of the Python config as diagnostics show it (relative to the config's own file). */
  shown(y: YamlFile, path: string): string {
    if (isAbsolute(path)) return path;
    const base = dirname(y.file);
    return base === "." ? path : `${base}/${path}`;
  }
}

/**
 * The options of one plugin: read them by name, and what was never read is
 * reported as unknown when the plugin is done.
 */
export class Opts {
  readonly #entries: Entry[];
  readonly #used = new Set<string>();

  /**
   * @param ctx The conversion.
   * @param y The file.
   * @param node The options map (null for `stdout: {}` written as `stdout:`).
   * @param label How messages name the owner, such as "output `file`".
   */
  constructor(readonly ctx: Ctx, readonly y: YamlFile, readonly node: Node | null, readonly label: string) {
    const list = node === null ? [] : entries(node);
    if (list === undefined) {
      ctx.error("EVT5003", [label, "expected a mapping of options"], y, node);
      this.#entries = [];
    } else this.#entries = list;
  }

  /** Whether the option is written. */
  has(key: string): boolean {
    return this.#entries.some((e) => e.key === key);
  }

  /** The option's value node (marking it read); undefined when absent. */
  get(key: string): Node | null | undefined {
    const e = this.#entries.find((x) => x.key === key);
    if (!e) return undefined;
    this.#used.add(key);
    return e.value;
  }

  /** The option's key node, for diagnostics. */
  keyNode(key: string): Node | undefined {
    return this.#entries.find((x) => x.key === key)?.keyNode;
  }

  /** Reports an option that has no equivalent, when it is written. */
  drop(key: string, reason: string): void {
    const e = this.#entries.find((x) => x.key === key);
    if (!e) return;
    this.#used.add(key);
    this.ctx.warn("EVT5006", [tick(key), this.label, reason], this.y, e.keyNode);
  }

  /** Reports every option never read as unknown. */
  done(): void {
    for (const e of this.#entries) {
      if (!this.#used.has(e.key)) {
        this.ctx.warn("EVT5005", [tick(e.key), this.label], this.y, e.keyNode, "the Python Eventum rejects it too");
      }
    }
  }
}
