import { deepEqual, equal } from "node:assert/strict";
import { httpInput } from "./http.ts";
import { FakeClock } from "../clock.ts";
import { Rng } from "../random.ts";
import type { Graph } from "../graph.ts";
import { runGraph } from "../run.ts";

function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

const post = (port: number, path: string, body?: unknown) =>
  fetch(`http://127.0.0.1:${port}${path}`, { method: "POST", body: body === undefined ? "" : JSON.stringify(body) })
    .then(async (r) => ({ status: r.status, body: await r.json() }));

Deno.test("http input: 201 and events stamped at arrival, 429 when full, 409 when stopping", async () => {
  const port = freePort();
  const clock = new FakeClock(5_000_000);
  const controller = new AbortController();
  const input = await httpInput.create({ port, host: "127.0.0.1", max_pending: 1 }, {
    now: 0,
    clock,
    signal: controller.signal,
    timezone: "UTC",
    mode: "live",
    rng: new Rng(1),
    dir: "/",
    readText: () => "",
  });
  try {
    deepEqual(await post(port, "/generate", { count: 3 }), { status: 201, body: { accepted: 3 } });
    equal((await post(port, "/generate", { count: 1 })).status, 429);
    equal((await post(port, "/generate", { count: 0 })).status, 400);
    deepEqual([...(await input.read(2))], [5_000_000, 5_000_000]);
    deepEqual([...(await input.read(10))], [5_000_000]);
    equal((await post(port, "/stop")).status, 200);
    equal((await post(port, "/generate", { count: 1 })).status, 409);
    equal((await input.read(10)).length, 0);
  } finally {
    await input.close?.();
  }
});

Deno.test("http input in a live run: requests become events, /stop ends the run", async () => {
  const dir = Deno.makeTempDirSync();
  const port = freePort();
  const graph: Graph = {
    version: 1,
    generators: [{
      name: "api",
      dir,
      mode: "live",
      timezone: "UTC",
      seed: 1,
      skipPast: true,
      batch: { size: 100, delay: 0 },
      params: {},
      needs: {},
      grants: {},
      samples: {},
      inputs: [{ plugin: "http", options: { port, host: "127.0.0.1", max_pending: 10 }, tags: ["api"] }],
      event: {
        plugin: "template",
        options: {
          pick: "all",
          on_error: "fail",
          template: [{ name: "t", inline: { text: "{{ tags[0] }}" }, initial: false, to: [], vars: {} }],
        },
      },
      outputs: [{
        plugin: "file",
        options: { path: "out.log", write_mode: "overwrite", separator: "\n" },
        format: { plugin: "plain", options: {} },
      }],
    }],
  };
  const run = runGraph(graph, { seed: 1 });
  // Wait for the server to listen.
  for (let i = 0; i < 100; i++) {
    try {
      if ((await post(port, "/generate", { count: 2 })).status === 201) break;
    } catch {
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  await post(port, "/generate", { count: 1 });
  await new Promise((r) => setTimeout(r, 50));
  await post(port, "/stop");
  const [r] = await run;
  equal(r?.error, undefined);
  equal(Deno.readTextFileSync(`${dir}/out.log`), "api\napi\napi\n");
  equal(r?.counters.written, 3);
});
