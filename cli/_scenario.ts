/**
 * What every command that runs a scenario does first: load and check it,
 * print what is wrong, and check the grants.
 *
 * @module
 */
import { printDiagnostics } from "./_command.ts";
import { collectParams } from "./commands/_params.ts";
import { loadScenario } from "../dsl/load.ts";
import { grantDiagnostics } from "../dsl/grants.ts";
import type { Graph } from "../engine/graph.ts";
import type { Grants } from "../engine/permissions.ts";
import { resolveRefs } from "../engine/refs.ts";

/**
 * Loads a scenario for running: prints its diagnostics and the grants it
 * lacks.
 *
 * @returns The graph, or undefined when it cannot run (everything printed).
 */
export function loadForRun(file: string, params: string[] | undefined, grants: Grants): Graph | undefined {
  const loaded = loadScenario(file, { params: collectParams(params) });
  printDiagnostics(loaded.diagnostics, loaded.sources);
  if (!loaded.graph) return undefined;
  const denied = grantDiagnostics(loaded, grants);
  if (denied.length) {
    printDiagnostics(denied, loaded.sources);
    return undefined;
  }
  return loaded.graph;
}

/**
 * Fills in `env()` and `secret()` values, printing the ones that have none.
 *
 * @returns The graph with values, or undefined when some are missing.
 */
export function withRefs(graph: Graph): Graph | undefined {
  const { graph: resolved, missing } = resolveRefs(graph);
  for (const m of missing) console.error(`error EVT4006 ${m}`);
  return missing.length ? undefined : resolved;
}
