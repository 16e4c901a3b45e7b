/**
 * `env("X")` and `secret("x")` references in a graph, resolved when a run
 * starts (after the permission check), so the graph itself never holds a
 * secret and can be printed safely.
 *
 * @module
 */
import type { Graph } from "./graph.ts";
import { isRef, type Ref } from "./schema.ts";

/** Looks up a reference; undefined when it has no value. */
export type RefLookup = (ref: Ref) => string | undefined;

/** The environment variable a secret is read from: `secret("api")` → `EVENTUM_SECRET_API`. */
export function secretVariable(name: string): string {
  return `EVENTUM_SECRET_${name.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
}

/** Reads references from the process environment. */
export const envLookup: RefLookup = (ref) =>
  "$env" in ref ? Deno.env.get(ref.$env) : Deno.env.get(secretVariable(ref.$secret));

/**
 * Replaces every reference in the graph's plugin options with its value.
 *
 * @param graph A compiled graph.
 * @param lookup Where values come from.
 * @returns A new graph, and a message for each reference without a value.
 */
export function resolveRefs(graph: Graph, lookup: RefLookup = envLookup): { graph: Graph; missing: string[] } {
  const missing: string[] = [];
  const walk = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(walk);
    if (isRef(x)) {
      const value = lookup(x);
      if (value === undefined) {
        missing.push(
          "$env" in x
            ? `environment variable \`${x.$env}\` is not set`
            : `secret \`${x.$secret}\` is not set: set the environment variable ${secretVariable(x.$secret)}`,
        );
        return "";
      }
      return value;
    }
    if (x && typeof x === "object") return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, walk(v)]));
    return x;
  };
  const generators = graph.generators.map((g) => ({
    ...g,
    params: walk(g.params) as Record<string, unknown>,
    inputs: g.inputs.map((n) => ({ ...n, options: walk(n.options) as Record<string, unknown> })),
    event: { ...g.event, options: walk(g.event.options) as Record<string, unknown> },
    outputs: g.outputs.map((n) => ({
      ...n,
      options: walk(n.options) as Record<string, unknown>,
      format: { ...n.format, options: walk(n.format.options) as Record<string, unknown> },
    })),
  }));
  return { graph: { ...graph, generators }, missing };
}
