/**
 * Live mode on the real clock: how late events leave at a target rate, and
 * the rate achieved. A benchmark, not a test: it measures a shared machine.
 * `deno run -A bench/live.ts [seconds]`
 */
import { runGraph } from "../engine/run.ts";
import type { Graph } from "../engine/graph.ts";
import { table } from "./_stats.ts";

function graph(everyUs: number): Graph {
  return {
    version: 1,
    generators: [{
      name: "live",
      dir: Deno.makeTempDirSync(),
      mode: "live",
      timezone: "UTC",
      seed: 1,
      skipPast: true,
      batch: { size: 10_000, delay: 0 },
      params: {},
      needs: {},
      grants: {},
      samples: {},
      inputs: [{ plugin: "timer", options: { every: everyUs, count: 1, start: "+200ms" }, tags: [] }],
      event: {
        plugin: "template",
        options: {
          pick: "all",
          on_error: "fail",
          template: [{
            name: "t",
            inline: { text: '{"ts": "{{ timestamp.isoformat() }}", "n": {{ shared.incr("n") }}}' },
            initial: false,
            to: [],
            vars: {},
          }],
        },
      },
      outputs: [{
        plugin: "file",
        options: { path: "/dev/null", write_mode: "append", separator: "\n" },
        format: { plugin: "plain", options: {} },
      }],
    }],
  };
}

const ms = (us: number) => (us / 1000).toFixed(3);

/** Runs each target rate for `seconds` and reports lateness and the achieved rate. */
export async function benchLive(seconds = 5, rates = [1_000, 10_000, 100_000]): Promise<string> {
  const rows: (string | number)[][] = [];
  for (const rate of rates) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), seconds * 1000 + 200);
    const t0 = performance.now();
    const [r] = await runGraph(graph(Math.round(1e6 / rate)), { seed: 1, signal: controller.signal });
    clearTimeout(timer);
    const secs = (performance.now() - t0) / 1000 - 0.2;
    const l = r?.lateness;
    const achieved = (r?.counters.written ?? 0) / secs;
    rows.push([
      `${rate.toLocaleString("en-US")}/s`,
      r?.counters.written ?? 0,
      `${Math.round(achieved).toLocaleString("en-US")}/s (${((achieved / rate - 1) * 100).toFixed(2)}%)`,
      ms(l?.p50 ?? 0),
      ms(l?.p99 ?? 0),
      ms(l?.max ?? 0),
    ]);
  }
  return table(["target", "events", "achieved", "p50 ms", "p99 ms", "max ms"], rows);
}

if (import.meta.main) console.log(await benchLive(Number(Deno.args[0] ?? 5)));
