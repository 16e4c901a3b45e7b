/**
 * The objects a scenario's template reads, made from our own APIs (State,
 * the Samples API, `module.rand` over an {@linkcode Rng}), for the
 * JavaScript baselines: the same objects the engine gives its templates,
 * without the engine around them.
 *
 * @module
 */
import { join } from "node:path";
import { Rng } from "../../engine/random.ts";
import { createRand, type Rand } from "../../engine/events/template/rand.ts";
import { loadSample, type Sample } from "../../engine/events/template/samples.ts";
import { State } from "../../engine/events/template/state.ts";
import { type Name, sampleItems, SCENARIOS } from "./_scenario.ts";

/** What a template of the benchmark scenarios can read, besides `timestamp`. */
export interface ScenarioObjects {
  /** The stream sample picks and the `random` filter draw from. */
  picks: Rng;
  locals: State;
  samples: Record<string, Sample>;
  module: { rand: Rand };
}

/**
 * Builds the objects for a scenario, seeded as its `seed 1`.
 *
 * @param name The scenario.
 * @returns Its samples, a `locals` state and `module.rand`.
 */
export function scenarioObjects(name: Name): ScenarioObjects {
  const picks = new Rng(1, "samples");
  const readText = (path: string) => Deno.readTextFileSync(path);
  const samples: Record<string, Sample> = {};
  if (name === "counter") {
    samples.computers = loadSample({ kind: "csv", path: join(SCENARIOS, "computers.csv") }, readText, {
      name: "computers",
      rng: picks,
    });
  }
  if (name === "access-line") {
    samples.paths = loadSample({ kind: "items", items: sampleItems(name, "paths") }, readText, {
      name: "paths",
      rng: picks,
    });
    samples.agents = loadSample({ kind: "json", path: join(SCENARIOS, "agents.json") }, readText, {
      name: "agents",
      rng: picks,
    });
  }
  return { picks, locals: new State(), samples, module: { rand: createRand(new Rng(1, "rand")) } };
}
