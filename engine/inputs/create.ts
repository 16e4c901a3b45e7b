/**
 * Creates a generator's inputs from its graph node: the one place that
 * decides which random stream and context each input gets, shared by runs
 * and by `eventum plot`.
 *
 * @module
 */
import type { GeneratorGraph } from "../graph.ts";
import type { Rng } from "../random.ts";
import type { InputPlugin } from "../spec.ts";
import type { Clock } from "../clock.ts";
import { inputs as inputSpecs } from "../registry.ts";
import { RunError } from "../run_error.ts";

/** What inputs are created with, beyond the graph. */
export interface CreateInputsOptions {
  /** The start of the run, epoch microseconds. */
  now: number;
  /** The generator's random stream; each input draws from its own child. */
  rng: Rng;
  clock: Clock;
  signal: AbortSignal;
  readText(path: string): string;
  /** Timestamps before this instant will be dropped. */
  from?: number;
}

/**
 * Creates the inputs of a generator, in declaration order.
 *
 * @throws RunError when a graph built in code names an unknown input.
 */
export async function createInputs(g: GeneratorGraph, options: CreateInputsOptions): Promise<InputPlugin[]> {
  const out: InputPlugin[] = [];
  for (const [i, node] of g.inputs.entries()) {
    const spec = inputSpecs.get(node.plugin);
    if (!spec) throw new RunError("EVT4002", `Unknown input plugin \`${node.plugin}\``);
    out.push(
      await spec.create(node.options, {
        now: options.now,
        clock: options.clock,
        signal: options.signal,
        timezone: g.timezone,
        mode: g.mode,
        rng: options.rng.child(`input:${i}`),
        dir: g.dir,
        readText: options.readText,
        ...(options.from === undefined ? {} : { from: options.from }),
      }),
    );
  }
  return out;
}
