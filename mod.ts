/**
 * Eventum as a library: load and check scenarios, build engine graphs in
 * code, and run them.
 *
 * @example
 * ```ts ignore
 * import { loadScenario, runGraph } from "./mod.ts";
 * const { graph, diagnostics } = loadScenario("samples/hello.evt");
 * if (graph) await runGraph(graph, { now: Date.now() * 1000, seed: 1 });
 * ```
 *
 * @module
 */
export * from "./dsl/mod.ts";
export * from "./engine/mod.ts";
