/**
 * The event plugin of a generator, made the same way wherever it renders:
 * in the engine, or in a render worker of the {@link RenderPool}.
 *
 * @module
 */
import type { GeneratorGraph } from "./graph.ts";
import type { Rng } from "./random.ts";
import { events as eventSpecs } from "./registry.ts";
import type { EventPlugin } from "./spec.ts";
import { State } from "./events/template/state.ts";
import { readTextSandboxed } from "./sandbox.ts";
import { RunError } from "./run_error.ts";

/**
 * Creates a generator's event plugin.
 *
 * @param g The generator.
 * @param rng The generator's random stream (the plugin draws from its `event` child).
 * @param globals The state shared by every generator of the run.
 * @throws {RunError} For an unknown plugin.
 */
export async function createEvent(g: GeneratorGraph, rng: Rng, globals: State): Promise<EventPlugin> {
  const spec = eventSpecs.get(g.event.plugin);
  if (!spec) throw new RunError("EVT4002", `Unknown event plugin \`${g.event.plugin}\``);
  const eventRng = rng.child("event");
  return await spec.create(g.event.options, {
    dir: g.dir,
    timezone: g.timezone,
    rng: eventRng,
    params: g.params,
    samples: g.samples,
    shared: new State(undefined, { rng: eventRng.child("shared") }),
    globals,
    readText: readTextSandboxed,
  });
}
