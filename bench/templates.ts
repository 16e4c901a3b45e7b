/**
 * Template rendering throughput: Nunjucks (with the Jinja-compat and Python
 * layers, as the engine renders) against the compiled fast path
 * (`engine/events/template/compile/`), for a few typical templates. Each
 * loop renders over the context the engine builds (a new `timestamp` per
 * render, `locals`, samples, `module.rand`...); renders per second are the
 * median of 5 runs. `deno run -A bench/templates.ts`
 *
 * @module
 */
import nunjucks from "nunjucks";
import { fileURLToPath } from "node:url";
import { createEnvironment } from "../engine/events/template/environment.ts";
import { compileFast, type FastTemplate } from "../engine/events/template/compile/mod.ts";
import { State } from "../engine/events/template/state.ts";
import { EventTimestamp, TimeZone } from "../engine/events/template/timestamp.ts";
import { loadSample, pickRandom, type Sample } from "../engine/events/template/samples.ts";
import { createRand } from "../engine/events/template/rand.ts";
import { Dispatch } from "../engine/events/template/dispatch.ts";
import { createPythonModules } from "../engine/events/template/python/mod.ts";
import { Rng } from "../engine/random.ts";
import { median, si, table } from "./_stats.ts";

const SAMPLES = fileURLToPath(new URL("../samples/", import.meta.url));

/** A ~1 KB JSON document of 22 fields drawn from `module.rand`. */
const JSON_1KB = `{"@timestamp": "{{ timestamp.isoformat() }}", "event": {"id": "{{ module.rand.crypto.uuid4() }}", ` +
  `"kind": "event", "category": "{{ module.rand.choice(['authentication', 'network', 'process', 'file']) }}", ` +
  `"action": "{{ module.rand.choice(['login', 'logout', 'connect', 'exec']) }}", ` +
  `"outcome": "{{ module.rand.weighted_choice(['success', 'failure'], [9, 1]) }}", ` +
  `"duration": {{ module.rand.number.integer(1000, 90000000) }}}, ` +
  `"source": {"ip": "{{ module.rand.network.ip_v4_private() }}", "port": {{ module.rand.number.integer(1024, 65535) }}, ` +
  `"mac": "{{ module.rand.network.mac() }}", "bytes": {{ module.rand.number.integer(40, 1500000) }}}, ` +
  `"destination": {"ip": "{{ module.rand.network.ip_v4_public() }}", ` +
  `"port": {{ module.rand.choice([22, 80, 443, 3389, 5432]) }}, "bytes": {{ module.rand.number.integer(40, 1500000) }}}, ` +
  `"host": {"name": "srv-{{ module.rand.string.digits(4) }}", "os": "{{ module.rand.choice(['linux', 'windows']) }}"}, ` +
  `"user": {"id": {{ module.rand.number.integer(1000, 9999) }}, "name": "{{ module.rand.string.letters_lowercase(8) }}"}, ` +
  `"process": {"pid": {{ module.rand.number.integer(100, 65535) }}, ` +
  `"name": "{{ module.rand.choice(['sshd', 'nginx', 'postgres']) }}", "hash": "{{ module.rand.crypto.md5() }}"}, ` +
  `"http": {"method": "{{ module.rand.choice(['GET', 'POST', 'PUT']) }}", ` +
  `"status": {{ module.rand.weighted_choice([200, 404, 500], [90, 7, 3]) }}}, ` +
  `"tags": ["synthetic", "eventum"], "message": "{{ module.rand.string.letters(120) }}"}`;

const CASES: { name: string; source: string }[] = [
  {
    name: "counter (State + sample)",
    source: `{% set computer = samples.computers | random %}{"id": {{ locals.incr('id') }}, ` +
      `"hostname": "{{ computer[0] }}", "ip": "{{ computer[1] }}"}`,
  },
  { name: "JSON ~1 KB, 22 fields", source: JSON_1KB },
  { name: "Apache combined log line", source: Deno.readTextFileSync(`${SAMPLES}templates/access.log.njk`) },
  { name: "`{{ timestamp }}`", source: "{{ timestamp }}" },
];

/** The environment and context the engine would render a template in. */
function world(): { env: nunjucks.Environment; context: Record<string, unknown> } {
  const rng = new Rng(1);
  const filterRng = rng.child("filter");
  const env = createEnvironment({
    dir: SAMPLES,
    readText: (path) => Deno.readTextFileSync(path),
    filters: { random: (value: unknown) => pickRandom(value, filterRng) },
  });
  const readText = (path: string) => Deno.readTextFileSync(path);
  const samples: Record<string, Sample> = {
    computers: loadSample({ kind: "csv", path: `${SAMPLES}computers.csv` }, readText, {
      name: "computers",
      rng: rng.child("sample:computers"),
    }),
    paths: loadSample({ kind: "items", items: ["/", "/login", "/cart", "/api/items", "/static/app.js"] }, readText, {
      name: "paths",
      rng: rng.child("sample:paths"),
    }),
    agents: loadSample({ kind: "json", path: `${SAMPLES}agents.json` }, readText, {
      name: "agents",
      rng: rng.child("sample:agents"),
    }),
  };
  const context: Record<string, unknown> = {
    timestamp: undefined,
    tags: [],
    params: {},
    vars: {},
    samples,
    locals: new State(),
    shared: new State(),
    globals: new State(),
    module: { ...createPythonModules({ rng: rng.child("python") }), rand: createRand(rng.child("rand")) },
    dispatch: new Dispatch(),
  };
  rng.enterBlock(0);
  return { env, context };
}

const ZONE = TimeZone.of("UTC");
const START = Date.UTC(2024, 0, 1) * 1000;

/** Renders for about `ms` milliseconds; renders per second. */
function loop(render: (context: Record<string, unknown>) => string, context: Record<string, unknown>, ms: number) {
  let n = 0;
  let sink = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < ms) {
    for (let k = 0; k < 1000; k++, n++) {
      context.timestamp = new EventTimestamp(START + n * 1000, ZONE);
      sink += render(context).length;
    }
    t = performance.now();
  }
  if (sink < 0) console.log(sink);
  return (n / (t - t0)) * 1000;
}

/**
 * Measures every case.
 *
 * @param ms How long each of the 5 runs lasts, per engine.
 * @returns A Markdown table.
 */
export function benchTemplates(ms = 400): string {
  const rows: (string | number)[][] = [];
  for (const { name, source } of CASES) {
    const slow = world();
    const fast = world();
    const template = new nunjucks.Template(source, slow.env, name, true);
    const compiled = compileFast(source, fast.env, name) as FastTemplate;
    if (compiled === undefined) throw new Error(`${name}: not on the fast path`);
    // Same seeds, same renders: the two must agree before they are timed.
    for (let i = 0; i < 200; i++) {
      slow.context.timestamp = fast.context.timestamp = new EventTimestamp(START + i * 1000, ZONE);
      const [a, b] = [template.render(slow.context), compiled.render(fast.context)];
      if (a !== b) throw new Error(`${name}: the fast path renders differently:\n${a}\n${b}`);
    }
    const nunjucksRuns: number[] = [];
    const fastRuns: number[] = [];
    loop((c) => template.render(c), slow.context, ms / 2);
    loop(compiled.render, fast.context, ms / 2);
    for (let run = 0; run < 5; run++) {
      nunjucksRuns.push(loop((c) => template.render(c), slow.context, ms));
      fastRuns.push(loop(compiled.render, fast.context, ms));
    }
    const [a, b] = [median(nunjucksRuns), median(fastRuns)];
    rows.push([
      name,
      `${si(a)}/s (${(1e9 / a).toFixed(0)} ns)`,
      `${si(b)}/s (${(1e9 / b).toFixed(0)} ns)`,
      `${(b / a).toFixed(2)}x`,
    ]);
  }
  return table(["template", "Nunjucks", "fast path", "speed-up"], rows);
}

if (import.meta.main) {
  console.log(`# Template rendering (Deno ${Deno.version.deno}; renders per second, median of 5 runs)\n`);
  console.log(benchTemplates());
}
