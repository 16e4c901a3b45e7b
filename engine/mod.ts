/**
 * The engine: runs graphs of inputs, event plugins, formatters and outputs.
 *
 * @module
 */
export type * from "./graph.ts";
export type * from "./spec.ts";
export { type Counters, type GeneratorResult, runGraph, type RunOptions } from "./run.ts";
export { runSandboxed, type SandboxedOptions } from "./worker.ts";
export { type Grants, parseGrant, workerPermissions } from "./permissions.ts";
export { events, formatters, inputs, outputs } from "./registry.ts";
export { Rng } from "./random.ts";
export { parseDuration, parseSize, resolveTime } from "./time.ts";
