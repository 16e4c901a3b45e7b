/**
 * Compatibility cases: templates written the way the Python Eventum's docs
 * and content packs write them, rendered through the same environment and
 * context objects the template plugin builds (`State`, `EventTimestamp`,
 * samples from `loadSample`, `module.rand` from a seeded `Rng`), compared
 * with the exact expected output.
 *
 * Each `tests/compat/<case>/` holds `case.json` (the context), the
 * templates, any sample or macro files beside them, and `expected.txt`:
 * one line per render (`[dropped]` for a dropped event), or
 * `error at line N: message` for a template that must fail. Cases marked
 * `"jinja": true` use nothing random and were checked against Jinja2 3.1
 * itself. `UPDATE_COMPAT=1` rewrites `expected.txt` from the current output.
 *
 * @module
 */
import { equal } from "node:assert/strict";
import type nunjucks from "nunjucks";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createEnvironment, templateErrorInfo } from "../engine/events/template/environment.ts";
import { State } from "../engine/events/template/state.ts";
import { EventTimestamp, TimeZone } from "../engine/events/template/timestamp.ts";
import { loadSample, pickRandom, type Sample } from "../engine/events/template/samples.ts";
import { createRand } from "../engine/events/template/rand.ts";
import { Dispatch } from "../engine/events/template/dispatch.ts";
import { createPythonModules } from "../engine/events/template/python/mod.ts";
import { Rng } from "../engine/random.ts";
import { type CaseSpec, readCase, sampleSpec } from "./compat/_case.ts";

const ROOT = fileURLToPath(new URL("./compat/", import.meta.url));
const UPDATE = Deno.env.get("UPDATE_COMPAT") === "1";

function run(dir: string, spec: CaseSpec): string {
  const readText = (path: string) => Deno.readTextFileSync(path);
  // The generator's streams, made in the order the plugin makes them.
  const rng = new Rng(spec.seed ?? 1);
  const filterRng = rng.child("filter");
  const env = createEnvironment({
    dir,
    readText,
    filters: { random: (value: unknown) => pickRandom(value, filterRng) },
  });
  const samples: Record<string, Sample> = {};
  for (const [name, decl] of Object.entries(spec.samples ?? {})) {
    samples[name] = loadSample(sampleSpec(dir, decl), readText, { name, rng: rng.child(`sample:${name}`) });
  }
  const names = spec.templates ?? ["template.jinja"];
  const locals = new Map(names.map((n) => [n, new State()]));
  const dispatch = new Dispatch();
  // As engine/events/_apis.ts builds it, with the Python modules added.
  const module = {
    ...createPythonModules({ rng: rng.child("python"), clock: () => 0 }),
    rand: createRand(rng.child("rand")),
  };
  const context: Record<string, unknown> = {
    timestamp: undefined,
    tags: [],
    params: spec.params ?? {},
    vars: spec.vars ?? {},
    samples,
    locals: undefined,
    shared: new State(spec.shared),
    globals: new State(spec.globals),
    module,
    dispatch,
  };
  const zone = TimeZone.of(spec.timezone ?? "UTC");
  const start = Temporal.Instant.from(spec.timestamp).epochNanoseconds / 1000n;
  const lines: string[] = [];
  let templates: nunjucks.Template[];
  try {
    templates = names.map((n) => env.getTemplate(n, true));
  } catch (e) {
    const info = templateErrorInfo(e, "compile");
    return `error at line ${info.line}: ${info.message}`;
  }
  rng.enterBlock(0);
  for (let i = 0; i < (spec.renders ?? 1); i++) {
    context.timestamp = new EventTimestamp(Number(start) + i * (spec.step ?? 60) * 1_000_000, zone);
    names.forEach((name, k) => {
      context.locals = locals.get(name);
      dispatch.reset();
      let out: string;
      try {
        out = (templates[k] as nunjucks.Template).render(context).trim();
      } catch (e) {
        const info = templateErrorInfo(e);
        out = `error at line ${info.line}: ${info.message}`;
      }
      lines.push(dispatch.dropped ? "[dropped]" : dispatch.exhausted ? "[exhausted]" : out);
    });
  }
  return lines.join("\n");
}

const cases = [...Deno.readDirSync(ROOT)].filter((e) => e.isDirectory).map((e) => e.name).sort();

Deno.test("there are at least 24 compatibility cases", () => {
  if (cases.length < 24) throw new Error(`only ${cases.length} cases`);
});

for (const name of cases) {
  const dir = join(ROOT, name);
  const spec = readCase(dir);
  Deno.test(`compat: ${name} — ${spec.description}`, () => {
    const actual = run(dir, spec);
    const file = join(dir, "expected.txt");
    if (UPDATE) Deno.writeTextFileSync(file, actual + "\n");
    equal(actual, Deno.readTextFileSync(file).replace(/\n$/, ""));
  });
}
