/**
 * Eventum as a library: a graph built in code, without the DSL, runs.
 */
import { deepEqual, equal } from "node:assert/strict";
import { type Graph, loadScenario, runGraph } from "../mod.ts";
import { ROOT } from "./_cli.ts";

Deno.test("a graph built in code runs in-process", async () => {
  const dir = Deno.makeTempDirSync({ prefix: "eventum-lib-" });
  const graph: Graph = {
    version: 1,
    generators: [{
      name: "code",
      dir,
      mode: "sample",
      timezone: "UTC",
      seed: 1,
      skipPast: true,
      batch: { size: 2, delay: 0 },
      params: { app: "shop" },
      needs: {},
      grants: {},
      samples: { users: { kind: "items", items: ["ann", "bob"] } },
      inputs: [{
        plugin: "linspace",
        options: { start: "2024-01-01T00:00:00Z", end: "+2s", count: 3, endpoint: true },
        tags: ["t"],
      }],
      event: {
        plugin: "template",
        options: {
          pick: "all",
          on_error: "fail",
          template: [{
            name: "t",
            inline: { text: '{"app": "{{ params.app }}", "n": {{ shared.incr("n") }}, "tag": "{{ tags[0] }}"}' },
            initial: false,
            to: [],
            vars: {},
          }],
        },
      },
      outputs: [{
        plugin: "file",
        options: { path: "out.jsonl", write_mode: "overwrite", separator: "\n" },
        format: { plugin: "json", options: { indent: 0 } },
      }],
    }],
  };
  const [result] = await runGraph(graph, { now: 0, seed: 1 });
  equal(result?.error, undefined);
  deepEqual(result?.counters, { timestamps: 3, generated: 3, written: 3, failed: 0, dropped: 0 });
  equal(
    Deno.readTextFileSync(`${dir}/out.jsonl`),
    ['{"app":"shop","n":1,"tag":"t"}', '{"app":"shop","n":2,"tag":"t"}', '{"app":"shop","n":3,"tag":"t"}', ""].join(
      "\n",
    ),
  );
});

Deno.test("imports bring in the generators of another file", () => {
  const dir = Deno.makeTempDirSync({ prefix: "eventum-import-" });
  Deno.writeTextFileSync(`${dir}/main.evt`, 'import "more.evt"\n' + Deno.readTextFileSync(`${ROOT}samples/hello.evt`));
  Deno.writeTextFileSync(
    `${dir}/more.evt`,
    'generator "more" {\n  input static { count 1 }\n  event template { template t """x""" }\n  output stdout\n}\n',
  );
  const loaded = loadScenario(`${dir}/main.evt`);
  deepEqual(loaded.diagnostics, []);
  deepEqual(loaded.graph?.generators.map((g) => g.name), ["hello", "more"]);
});
