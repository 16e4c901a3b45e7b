/**
 * Test helpers for the formatter: what a scenario means with every position
 * left out, so a file and its formatted form can be compared.
 *
 * @module
 */
import { parse } from "./parse.ts";
import { type LoadHost, loadScenario } from "./load.ts";

/** Keys that say where something was written, not what it is. */
const POSITIONS = new Set(["span", "nameSpan", "fnSpan", "firstLine", "line", "column", "offset"]);

/** A deep copy of `x` without position keys. */
export function withoutPositions(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(withoutPositions);
  if (x === null || typeof x !== "object") return x;
  if (x.constructor !== Object) return x;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x)) if (!POSITIONS.has(k)) out[k] = withoutPositions(v);
  return out;
}

/** The statements of a file (without comments and positions), or the syntax error messages. */
export function shape(text: string): unknown {
  const parsed = parse(text, "x.evt");
  const errors = parsed.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) return { errors: errors.map((d) => d.message) };
  return withoutPositions(parsed.value?.statements);
}

/**
 * The graph a text compiles to as if it were the file `path` (without
 * positions), or the diagnostics' messages.
 */
export function compiled(text: string, path: string, host?: LoadHost): unknown {
  const loaded = loadScenario(path, host ? { text, host } : { text });
  if (!loaded.graph) return { diagnostics: loaded.diagnostics.map((d) => `${d.code} ${d.message}`) };
  return withoutPositions(loaded.graph);
}

/** The `.evt` files under `dir`; none when it does not exist (the design folder is beside the repo, not in it). */
export function evtFiles(dir: string): string[] {
  const out: string[] = [];
  let entries: Deno.DirEntry[];
  try {
    entries = [...Deno.readDirSync(dir)];
  } catch {
    return out;
  }
  for (const e of entries) {
    if (e.isDirectory) out.push(...evtFiles(`${dir}/${e.name}`));
    else if (e.name.endsWith(".evt")) out.push(`${dir}/${e.name}`);
  }
  return out.sort();
}
