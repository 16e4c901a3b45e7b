/**
 * From a scenario path to a graph: read, parse, follow `import`s, check.
 *
 * @module
 */
import { dirname, resolve } from "node:path";
import type { FileNode } from "./ast.ts";
import { diag, type Diagnostic, hasErrors, sortDiagnostics, type Span, tick } from "./diagnostics.ts";
import { parse } from "./parse.ts";
import { checkFiles, type CheckHost, denoHost } from "./check.ts";
import type { Graph } from "../engine/graph.ts";

/** How the loader reaches files. */
export type LoadHost = CheckHost;

/** The real file system. */
export const denoLoadHost: LoadHost = denoHost;

/** Options for {@link loadScenario}. */
export interface LoadOptions {
  /** `-p name=value` overrides. */
  params?: Record<string, string>;
  host?: LoadHost;
  /** The text of the main file, when it is not to be read from disk (Studio, tests). */
  text?: string;
}

/** A loaded scenario. */
export interface Loaded {
  /** Present when there are no errors. */
  graph?: Graph;
  diagnostics: Diagnostic[];
  /** The text of every file read, for code frames. */
  sources: Map<string, string>;
  /** Where each need of a generator was declared: key `generator\0kind\0value`. */
  needSpans: Map<string, Span>;
}

/**
 * Loads a scenario and everything it imports.
 *
 * @param path The `.evt` file, as the user named it (spans keep this form).
 * @param options Param overrides, the host, or the text itself.
 * @returns The graph when the scenario is valid, every diagnostic otherwise.
 */
export function loadScenario(path: string, options: LoadOptions = {}): Loaded {
  const host = options.host ?? denoLoadHost;
  const sources = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  const files: FileNode[] = [];
  const seen = new Set<string>();
  const visit = (file: string, text: string | undefined) => {
    const abs = resolve(file);
    if (seen.has(abs)) return;
    seen.add(abs);
    if (text === undefined) return;
    sources.set(file, text);
    const parsed = parse(text, file);
    diagnostics.push(...parsed.diagnostics);
    if (!parsed.value) return;
    files.push(parsed.value);
    for (const st of parsed.value.statements) {
      if (st.name !== "import") continue;
      const arg = st.args[0];
      if (!arg || arg.kind !== "string" || st.args.length !== 1 || st.block) {
        diagnostics.push(diag("EVT2013", ['expected a path after `import`, as in `import "patterns.evt"`'], {
          span: arg?.span ?? st.nameSpan,
        }));
        continue;
      }
      const target = resolve(dirname(file), arg.value);
      const shown = target.startsWith(Deno.cwd() + "/") ? target.slice(Deno.cwd().length + 1) : target;
      if (seen.has(target)) continue;
      const t = host.readText(target);
      if (t === undefined) {
        diagnostics.push(diag("EVT2012", [tick(arg.value), "file not found"], {
          span: arg.span,
          hint: "imports are relative to the importing file",
        }));
        seen.add(target);
        continue;
      }
      visit(shown, t);
    }
  };
  const text = options.text ?? host.readText(resolve(path));
  if (text === undefined) {
    return {
      diagnostics: [diag("EVT2009", ["scenario", tick(path), "file not found"])],
      sources,
      needSpans: new Map(),
    };
  }
  visit(path, text);
  // After structural syntax errors the tree is a guess: checking it would
  // only add confusing follow-up errors. Other mistakes are all reported.
  if (files.some((f) => f.recovered)) {
    return { diagnostics: sortDiagnostics(dedupe(diagnostics)), sources, needSpans: new Map() };
  }
  const syntaxOk = !hasErrors(diagnostics);
  const checked = checkFiles(files, { params: options.params ?? {}, host, sources });
  diagnostics.push(...checked.diagnostics.filter((d) => syntaxOk || d.code !== "EVT2011"));
  const needSpans = checked.needSpans;
  if (!hasErrors(diagnostics)) {
    return { graph: checked.graph, diagnostics: sortDiagnostics(diagnostics), sources, needSpans };
  }
  return { diagnostics: sortDiagnostics(dedupe(diagnostics)), sources, needSpans };
}

function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const k = `${d.span?.file}:${d.span?.offset}:${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
