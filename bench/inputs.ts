/**
 * Timestamps per second of each input, created and read in batches as the
 * engine does. Medians of 5 runs. `deno run -A bench/inputs.ts`
 */
import { inputs } from "../engine/registry.ts";
import { Rng } from "../engine/random.ts";
import { realClock } from "../engine/clock.ts";
import type { InputContext } from "../engine/spec.ts";
import { median, si, table } from "./_stats.ts";

const START = "2024-01-01T00:00:00Z";
const cases: { name: string; plugin: string; options: Record<string, unknown>; take: number }[] = [
  { name: "static (1M)", plugin: "static", options: { count: 1_000_000 }, take: Infinity },
  {
    name: "linspace (10M)",
    plugin: "linspace",
    options: { start: START, end: "+1d", count: 10_000_000, endpoint: true },
    take: Infinity,
  },
  {
    name: "timer every 1ms (10M)",
    plugin: "timer",
    options: { every: 1000, count: 1, start: START, repeat: 10_000_000 },
    take: Infinity,
  },
  {
    name: "timestamps list (100k)",
    plugin: "timestamps",
    options: {
      list: Array.from({ length: 100_000 }, (_, i) => new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString()),
    },
    take: Infinity,
  },
  {
    name: "cron every second (1 day, 86,400)",
    plugin: "cron",
    options: { expression: "* * * * * *", count: 1, start: START, end: "+1d" },
    take: Infinity,
  },
  {
    name: "pattern (10M: 1d periods x 1M, beta)",
    plugin: "pattern",
    options: {
      layers: [{
        oscillator: { period: 86_400_000_000, start: START, end: "+10d" },
        multiplier: 1_000_000,
        randomizer: { deviation: 0, direction: "mixed", sampling: 1024 },
        spreader: { distribution: "beta", a: 4, b: 3 },
      }],
    },
    take: Infinity,
  },
];

const ctx = (): InputContext => ({
  now: Date.UTC(2024, 0, 1) * 1000,
  clock: realClock,
  signal: new AbortController().signal,
  timezone: "UTC",
  mode: "sample",
  rng: new Rng(1, "bench"),
  dir: Deno.cwd(),
  readText: (p) => Deno.readTextFileSync(p),
});

export async function benchInputs(runs = 5): Promise<string> {
  const rows: (string | number)[][] = [];
  for (const c of cases) {
    const spec = inputs.get(c.plugin);
    if (!spec) {
      rows.push([c.name, "(plugin missing)", "", ""]);
      continue;
    }
    const rates: number[] = [];
    let total = 0;
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now();
      const input = await spec.create(c.options, ctx());
      let n = 0;
      for (;;) {
        const b = await input.read(65_536);
        if (b.length === 0) break;
        n += b.length;
      }
      const secs = (performance.now() - t0) / 1000;
      rates.push(n / secs);
      total = n;
    }
    rows.push([c.name, si(total), `${si(median(rates))}/s`, `${si(Math.min(...rates))}–${si(Math.max(...rates))}/s`]);
  }
  return table(["input", "timestamps", "median", "range (5 runs)"], rows);
}

if (import.meta.main) console.log(await benchInputs());
