/**
 * Differential rendering: the same templates rendered by Nunjucks and by the
 * fast path, each in its own world (environment, context, states, random
 * streams) built identically, compared render by render: the text, the
 * error (name and message), and the state the render leaves.
 *
 * @module
 */
import nunjucks from "nunjucks";
import { createEnvironment, templateErrorInfo } from "../../engine/events/template/environment.ts";
import { State } from "../../engine/events/template/state.ts";
import { EventTimestamp, TimeZone } from "../../engine/events/template/timestamp.ts";
import { loadSample, pickRandom, type Sample, type SampleSpec } from "../../engine/events/template/samples.ts";
import { createRand } from "../../engine/events/template/rand.ts";
import { createFaker } from "../../engine/events/template/faker.ts";
import { Dispatch } from "../../engine/events/template/dispatch.ts";
import { createPythonModules } from "../../engine/events/template/python/mod.ts";
import { compileFast } from "../../engine/events/template/compile/mod.ts";
import { Rng } from "../../engine/random.ts";

/** What a world is built from. */
export interface WorldSpec {
  dir: string;
  seed: number;
  params?: Record<string, unknown>;
  vars?: Record<string, unknown>;
  samples?: Record<string, SampleSpec>;
  shared?: Record<string, unknown>;
  globals?: Record<string, unknown>;
  /** More top-level variables, made afresh for each world (they may be mutated). */
  extra?: () => Record<string, unknown>;
  /** Epoch microseconds of the first render. */
  start: number;
  /** Microseconds between renders. */
  step?: number;
  timezone?: string;
  /** Load `module.faker` too. */
  faker?: boolean;
}

/** One world: an environment and the context templates render with. */
export class World {
  readonly env: nunjucks.Environment;
  readonly context: Record<string, unknown>;
  readonly #spec: WorldSpec;
  readonly #locals = new Map<string, State>();
  readonly #zone: TimeZone;
  readonly #dispatch = new Dispatch();
  readonly #stateRng: Rng;

  constructor(spec: WorldSpec) {
    this.#spec = spec;
    const readText = (path: string) => Deno.readTextFileSync(path);
    const rng = new Rng(spec.seed);
    const filterRng = rng.child("filter");
    const stateRng = rng.child("state");
    this.env = createEnvironment({
      dir: spec.dir,
      readText,
      filters: { random: (value: unknown) => pickRandom(value, filterRng) },
    });
    const samples: Record<string, Sample> = {};
    for (const [name, sample] of Object.entries(spec.samples ?? {})) {
      samples[name] = loadSample(sample, readText, { name, rng: rng.child(`sample:${name}`) });
    }
    this.#zone = TimeZone.of(spec.timezone ?? "UTC");
    this.context = {
      timestamp: undefined,
      tags: ["web", "edge"],
      params: structuredClone(spec.params ?? {}),
      vars: structuredClone(spec.vars ?? {}),
      samples,
      locals: undefined,
      shared: new State(structuredClone(spec.shared ?? {}), { rng: stateRng }),
      globals: new State(structuredClone(spec.globals ?? {}), { rng: stateRng }),
      module: {
        ...createPythonModules({ rng: rng.child("python"), clock: () => 0 }),
        rand: createRand(rng.child("rand")),
        ...(spec.faker ? { faker: createFaker(rng.child("faker")) } : {}),
      },
      dispatch: this.#dispatch,
      ...spec.extra?.(),
    };
    this.#stateRng = stateRng;
    rng.enterBlock(0);
  }

  /** Sets up the context for render `n` of template `name`, as the plugin does. */
  prepare(name: string, n: number): void {
    let locals = this.#locals.get(name);
    if (!locals) this.#locals.set(name, locals = new State(undefined, { rng: this.#stateRng }));
    this.context.locals = locals;
    this.context.timestamp = new EventTimestamp(this.#spec.start + n * (this.#spec.step ?? 60_000_000), this.#zone);
    this.#dispatch.reset();
  }

  /** Everything a render may have changed, as text. */
  snapshot(): string {
    const locals = Object.fromEntries([...this.#locals].map(([k, s]) => [k, s.as_dict()]));
    const { shared, globals, dispatch, module: _m, samples: _s, timestamp: _t, locals: _l, ...rest } = this.context;
    return Deno.inspect({
      locals,
      shared: (shared as State).as_dict(),
      globals: (globals as State).as_dict(),
      dispatch,
      rest,
    }, { depth: 20, sorted: false, iterableLimit: 1000, strAbbreviateSize: 100000 });
  }
}

/** What a render gave. */
export type Outcome = { text: string } | { error: string; info: string };

function attempt(render: () => string): Outcome {
  try {
    return { text: render() };
  } catch (e) {
    const err = e as Error;
    return { error: `${err?.name}: ${err?.message}`, info: JSON.stringify(templateErrorInfo(e)) };
  }
}

/** A template to render: its text, or a file the environment loads. */
export type Source = { name: string; text: string } | { name: string; file: string };

/** How a comparison went. */
export interface Verdict {
  /** Whether every template compiled on the fast path. */
  fast: boolean[];
  /** Whether Nunjucks compiled every template. */
  compiled: boolean;
  /** The first difference, if any. */
  mismatch?: string;
  /** How many renders threw. */
  errors: number;
}

function nunjucksTemplate(env: nunjucks.Environment, source: Source): nunjucks.Template {
  return "file" in source
    ? env.getTemplate(source.file, true)
    : new nunjucks.Template(source.text, env, source.name, true);
}

/**
 * Renders templates in turn, `renders` times, in two worlds built from one
 * spec: Nunjucks in the first, the fast path (Nunjucks where it declines)
 * in the second.
 */
export function differential(spec: WorldSpec, sources: Source[], renders: number): Verdict {
  const a = new World(spec);
  const b = new World(spec);
  let slow: nunjucks.Template[];
  try {
    slow = sources.map((s) => nunjucksTemplate(a.env, s));
  } catch {
    return { fast: [], compiled: false, errors: 0 };
  }
  const other = sources.map((s) => nunjucksTemplate(b.env, s));
  const fast = other.map((t) => {
    const { tmplStr, path } = t as unknown as { tmplStr: string; path: string };
    return compileFast(tmplStr, b.env, path);
  });
  const verdict: Verdict = { fast: fast.map((f) => f !== undefined), compiled: true, errors: 0 };
  for (let n = 0; n < renders; n++) {
    for (const [k, source] of sources.entries()) {
      a.prepare(source.name, n);
      b.prepare(source.name, n);
      const expected = attempt(() => (slow[k] as nunjucks.Template).render(a.context));
      const f = fast[k];
      const actual = attempt(() => f ? f.render(b.context) : (other[k] as nunjucks.Template).render(b.context));
      if ("error" in expected) verdict.errors++;
      const where = `template \`${source.name}\`, render ${n + 1}`;
      if (JSON.stringify(expected) !== JSON.stringify(actual)) {
        verdict.mismatch = `${where}:\n  nunjucks: ${JSON.stringify(expected)}\n  fast:     ${JSON.stringify(actual)}`;
        return verdict;
      }
      const [sa, sb] = [a.snapshot(), b.snapshot()];
      if (sa !== sb) {
        verdict.mismatch = `${where}: the state differs:\n  nunjucks: ${sa}\n  fast:     ${sb}`;
        return verdict;
      }
    }
  }
  return verdict;
}
