/**
 * The objects every event plugin that runs user code hands to it (templates,
 * scripts): samples, `module` (rand and friends), `subprocess`, `dispatch`
 * and the timezone of `timestamp`. One place, so a template and a script see
 * the same APIs drawing from the same seeded streams.
 *
 * @module
 */
import type { EventContext } from "../spec.ts";
import { loadSample, type Sample } from "./template/samples.ts";
import { createRand } from "./template/rand.ts";
import { createPythonModules } from "./template/python/mod.ts";
import { createSubprocess, type Subprocess } from "./template/subprocess.ts";
import { Dispatch } from "./template/dispatch.ts";
import { TimeZone } from "./template/timestamp.ts";

/** What user code sees besides the event's own timestamp and tags. */
export interface Apis {
  samples: Record<string, Sample>;
  module: Record<string, unknown>;
  subprocess: Subprocess;
  dispatch: Dispatch;
  zone: TimeZone;
}

/** Options for {@link createApis}. */
export interface ApisOptions {
  /** The name of what is rendering now, for messages (a template, a script). */
  current: () => string;
  /** Start the subprocess timeout helper early (it takes a second to start in the sandbox). */
  prestart?: boolean;
  /**
   * Load `module.faker`. Its locales take some 40 ms to load, so it is only
   * loaded when the code mentions it.
   */
  faker?: boolean;
}

/**
 * Builds the APIs for one generator's event plugin.
 *
 * @param ctx The event plugin's context (its seeded stream, samples, folder).
 */
export async function createApis(ctx: EventContext, options: ApisOptions): Promise<Apis> {
  const samples: Record<string, Sample> = {};
  for (const [name, node] of Object.entries(ctx.samples)) {
    samples[name] = loadSample(node, ctx.readText, { name, rng: ctx.rng.child(`sample:${name}`) });
  }
  const module: Record<string, unknown> = {
    ...createPythonModules({ rng: ctx.rng.child("python") }),
    rand: createRand(ctx.rng.child("rand")),
  };
  if (options.faker) {
    const { createFaker } = await import("./template/faker.ts");
    module.faker = createFaker(ctx.rng.child("faker"));
  }
  return {
    samples,
    module,
    subprocess: createSubprocess({ cwd: ctx.dir, templateName: options.current, prestart: options.prestart ?? false }),
    dispatch: new Dispatch(),
    zone: TimeZone.of(ctx.timezone),
  };
}
