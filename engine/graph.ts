/**
 * The engine graph: what a scenario compiles to. Plain, structured-cloneable
 * data, so it can be sent to a Worker, printed (`eventum compile --graph`),
 * snapshot-tested, and built by code without the DSL.
 *
 * @module
 */
import type { Text } from "./schema.ts";
import type { DeliveryOptions } from "./outputs/delivery.ts";

/** A whole scenario: one or more generators that run together. */
export interface Graph {
  version: 1;
  generators: GeneratorGraph[];
}

/** What a generator needs beyond its defaults, as its `permissions` block says. */
export interface Needs {
  run?: string[];
  net?: string[];
  read?: string[];
  write?: string[];
  env?: string[];
}

/** One pipeline: inputs → event plugin → outputs. */
export interface GeneratorGraph {
  name: string;
  /** The folder the scenario lives in; relative paths resolve against it. */
  dir: string;
  mode: "sample" | "live";
  timezone: string;
  /** Absent: a fresh seed per run (printed in the summary). */
  seed?: number;
  skipPast: boolean;
  batch: { size: number; delay: number };
  params: Record<string, unknown>;
  /** What must be granted on the command line: the `permissions` block, `env()` references. */
  needs: Needs;
  /** What the sandbox gives without asking: reading the scenario's folder, writing its output files. */
  grants: Needs;
  samples: Record<string, SampleNode>;
  inputs: InputNode[];
  event: PluginNode;
  outputs: OutputNode[];
}

/** A sample as declared in a `samples` block; paths are absolute. */
export type SampleNode =
  | { kind: "items"; items: unknown[] }
  | { kind: "csv"; path: string; header: boolean; delimiter: string; quote: string }
  | { kind: "json"; path: string };

/** A plugin and its validated options. */
export interface PluginNode {
  plugin: string;
  options: Record<string, unknown>;
}

/** An input and the tags its timestamps carry. */
export interface InputNode extends PluginNode {
  tags: string[];
}

/** An output, how its events are formatted, and how they are delivered. */
export interface OutputNode extends PluginNode {
  format: { plugin: string; options: Record<string, unknown> };
  /** Batching, retries and the dead-letter file; defaults when absent (see `engine/outputs/delivery.ts`). */
  delivery?: Partial<DeliveryOptions>;
}

export type { Text };
