/**
 * `--shard K/N`: N runs with K = 0..N-1 write disjoint parts whose union is
 * exactly the unsharded output, for templates without state (each shard
 * renders only its blocks) and with state (each renders all, writes its own).
 */
import { deepEqual, equal, notEqual } from "node:assert/strict";
import type { Graph } from "./graph.ts";
import { runGraph } from "./run.ts";

function graph(dir: string, template: string, pick = "all"): Graph {
  return {
    version: 1,
    generators: [{
      name: "s",
      dir,
      mode: "sample",
      timezone: "UTC",
      seed: 42,
      skipPast: true,
      batch: { size: 700, delay: 0 },
      params: {},
      needs: {},
      grants: {},
      samples: { users: { kind: "items", items: ["ann", "bob", "cid", "dee"] } },
      inputs: [{
        plugin: "linspace",
        options: { start: "2024-01-01T00:00:00Z", end: "+1h", count: 5000, endpoint: true },
        tags: [],
      }],
      event: {
        plugin: "template",
        options: {
          pick,
          on_error: "fail",
          template: [
            { name: "a", inline: { text: template }, initial: false, to: [], vars: {}, chance: 3 },
            { name: "b", inline: { text: "b " + template }, initial: false, to: [], vars: {}, chance: 1 },
          ],
        },
      },
      outputs: [{
        plugin: "file",
        options: { path: "out.log", write_mode: "overwrite", separator: "\n" },
        format: { plugin: "plain", options: {} },
      }],
    }],
  };
}

async function run(template: string, pick: string, shard?: { index: number; count: number }): Promise<string[]> {
  const dir = Deno.makeTempDirSync();
  const [r] = await runGraph(graph(dir, template, pick), { now: 0, seed: 1, ...(shard ? { shard } : {}) });
  equal(r?.error, undefined);
  return Deno.readTextFileSync(`${dir}/out.log`).split("\n").filter(Boolean);
}

const STATELESS =
  "{{ timestamp.isoformat() }} {{ samples.users | random }} {{ module.rand.number.integer(0, 1000000) }} {{ module.rand.network.ip_v4() }}";
const STATEFUL = "{{ timestamp.isoformat() }} {{ shared.incr('n') }} {{ samples.users | random }}";

for (const [name, template, pick] of [["stateless", STATELESS, "chance"], ["stateful", STATEFUL, "all"]] as const) {
  Deno.test(`shards of a ${name} scenario are disjoint and their union is the whole run`, async () => {
    const whole = await run(template, pick);
    equal(whole.length, pick === "all" ? 10_000 : 5000);
    for (const n of [1, 2, 3, 7]) {
      const parts = await Promise.all(Array.from({ length: n }, (_, k) => run(template, pick, { index: k, count: n })));
      const union = parts.flat();
      equal(union.length, whole.length, `N=${n}`);
      deepEqual([...union].sort(), [...whole].sort(), `N=${n}`);
      // 5000 timestamps make 5 blocks: with up to 5 shards, each has some.
      if (n > 1 && n <= 5) { for (const p of parts) notEqual(p.length, 0); }
    }
  });
}

Deno.test("the same seed gives the same run, a different seed another", async () => {
  deepEqual(await run(STATELESS, "chance"), await run(STATELESS, "chance"));
  const dir = Deno.makeTempDirSync();
  await runGraph(graph(dir, STATELESS, "chance"), { now: 0, seed: 1 });
  const g = graph(dir, STATELESS, "chance");
  g.generators[0]!.seed = 43;
  await runGraph(g, { now: 0, seed: 1 });
  notEqual(Deno.readTextFileSync(`${dir}/out.log`).split("\n").filter(Boolean), await run(STATELESS, "chance"));
});
