/**
 * The template fast path against Nunjucks, render by render: every bundled
 * scenario's templates, every compatibility case, a corpus of edge cases
 * and a few thousand random templates. For each, the fast path either
 * declines (and Nunjucks renders) or gives the same text, the same error
 * (message, line and column) and leaves the same state behind.
 *
 * @module
 */
import { equal, ok } from "node:assert/strict";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { loadScenario } from "../dsl/load.ts";
import type { SampleSpec } from "../engine/events/template/samples.ts";
import { differential, type Source, type WorldSpec } from "./template_fuzz/world.ts";
import { fuzzVariables, template } from "./template_fuzz/grammar.ts";
import { readCase, sampleSpec } from "./compat/_case.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const SAMPLES = [join(ROOT, "samples"), "/work/shared/design/examples"];
const START = Date.UTC(2024, 2, 4, 13, 45, 30, 250) * 1000;

/** The bundled scenarios' templates, one world per generator. */
function scenarios(): { name: string; spec: WorldSpec; sources: Source[] }[] {
  const out: { name: string; spec: WorldSpec; sources: Source[] }[] = [];
  for (const dir of SAMPLES) {
    let entries: Deno.DirEntry[];
    try {
      entries = [...Deno.readDirSync(dir)];
    } catch {
      continue;
    }
    for (const entry of entries.filter((e) => e.name.endsWith(".evt")).sort((a, b) => a.name.localeCompare(b.name))) {
      const loaded = loadScenario(join(dir, entry.name));
      for (const g of loaded.graph?.generators ?? []) {
        if (g.event.plugin !== "template") continue;
        const options = g.event.options as {
          template: { name: string; inline?: { text: string }; file?: string }[];
        };
        out.push({
          name: `${entry.name}: ${g.name}`,
          spec: {
            dir: g.dir,
            seed: g.seed ?? 1,
            params: g.params,
            samples: g.samples as Record<string, SampleSpec>,
            start: START,
            timezone: g.timezone,
            faker: true,
          },
          sources: options.template.map((t) =>
            t.file !== undefined ? { name: t.name, file: t.file } : { name: t.name, text: t.inline?.text ?? "" }
          ),
        });
      }
    }
  }
  return out;
}

Deno.test("the bundled scenarios' templates render the same on the fast path, and all are on it", () => {
  const all = scenarios();
  ok(all.length >= 7, `only ${all.length} generators found`);
  for (const { name, spec, sources } of all) {
    const verdict = differential(spec, sources, 6);
    ok(verdict.compiled, `${name}: Nunjucks does not compile it`);
    equal(verdict.mismatch, undefined, name);
    verdict.fast.forEach((fast, k) => ok(fast, `${name}: template \`${sources[k]?.name}\` is not on the fast path`));
  }
});

Deno.test("the compatibility cases render the same on the fast path", () => {
  const root = join(ROOT, "tests/compat");
  const cases = [...Deno.readDirSync(root)].filter((e) => e.isDirectory).map((e) => e.name).sort();
  ok(cases.length >= 24);
  let fast = 0;
  let total = 0;
  for (const name of cases) {
    const dir = join(root, name);
    const c = readCase(dir);
    const spec: WorldSpec = {
      dir,
      seed: c.seed ?? 1,
      params: c.params ?? {},
      vars: c.vars ?? {},
      samples: Object.fromEntries(Object.entries(c.samples ?? {}).map(([k, d]) => [k, sampleSpec(dir, d)])),
      shared: c.shared ?? {},
      globals: c.globals ?? {},
      start: Number(Temporal.Instant.from(c.timestamp).epochNanoseconds / 1000n),
      step: (c.step ?? 60) * 1_000_000,
      timezone: c.timezone ?? "UTC",
    };
    const sources = (c.templates ?? ["template.jinja"]).map((file) => ({ name: file, file }));
    const verdict = differential(spec, sources, c.renders ?? 1);
    equal(verdict.mismatch, undefined, name);
    fast += verdict.fast.filter(Boolean).length;
    total += verdict.compiled ? sources.length : 0;
  }
  // Macros, `{% with %}` and the like stay with Nunjucks; the rest is on the fast path.
  ok(fast >= total * 0.7, `only ${fast} of ${total} compatibility templates on the fast path`);
});

/** The world random and hand-written templates render in. */
const FUZZ: WorldSpec = {
  dir: join(ROOT, "samples"),
  seed: 7,
  params: { host: "edge-1", port: 8080, list: [1, 2, 3] },
  vars: { n: 5, s: "text", f: 0.5 },
  samples: {
    computers: { kind: "csv", path: join(ROOT, "samples/computers.csv"), header: false },
    users: { kind: "items", items: ["alice", "bob", "carol"] },
  },
  shared: { count: 1 },
  globals: {},
  extra: fuzzVariables,
  start: START,
};

Deno.test("a corpus of edge cases renders the same on the fast path", () => {
  const text = Deno.readTextFileSync(join(dirname(fileURLToPath(import.meta.url)), "template_fuzz/corpus.txt"));
  const corpus = text.split(/\n=====\n/).map((t) => t.replace(/\n$/, ""));
  ok(corpus.length >= 100, `${corpus.length} cases`);
  let fast = 0;
  let errors = 0;
  for (const [k, source] of corpus.entries()) {
    const verdict = differential(FUZZ, [{ name: `corpus-${k + 1}`, text: source }], 3);
    equal(verdict.mismatch, undefined, `case ${k + 1}: ${source}`);
    if (verdict.fast[0]) fast++;
    if (verdict.errors > 0) errors++;
  }
  ok(fast >= corpus.length * 0.85, `only ${fast} of ${corpus.length} corpus cases on the fast path`);
  ok(errors >= 15, `only ${errors} corpus cases throw`);
});

Deno.test("random templates render the same on the fast path", () => {
  const stats = { runs: 0, compiled: 0, fast: 0, errors: 0, clean: 0 };
  fc.assert(
    fc.property(template, (source) => {
      const verdict = differential(FUZZ, [{ name: "fuzz", text: source }], 2);
      stats.runs++;
      if (!verdict.compiled) return;
      stats.compiled++;
      if (verdict.fast[0]) stats.fast++;
      if (verdict.errors > 0) stats.errors++;
      else if (verdict.fast[0]) stats.clean++;
      if (verdict.mismatch !== undefined) throw new Error(`${JSON.stringify(source)}\n${verdict.mismatch}`);
    }),
    { seed: 20240304, numRuns: 3000, endOnFailure: true },
  );
  // The grammar must exercise both paths and both outcomes.
  ok(stats.compiled >= stats.runs * 0.8, JSON.stringify(stats));
  ok(stats.fast >= stats.compiled * 0.7, JSON.stringify(stats));
  ok(stats.errors >= stats.compiled * 0.1, JSON.stringify(stats));
  ok(stats.clean >= stats.compiled * 0.3, JSON.stringify(stats));
});
