import { deepEqual } from "node:assert/strict";
import { resolveRefs, secretVariable } from "./refs.ts";
import type { Graph } from "./graph.ts";

const graph = (options: Record<string, unknown>): Graph => ({
  version: 1,
  generators: [{
    name: "g",
    dir: "/",
    mode: "sample",
    timezone: "UTC",
    skipPast: true,
    batch: { size: 1, delay: 0 },
    params: {},
    needs: {},
    grants: {},
    samples: {},
    inputs: [],
    event: { plugin: "template", options: {} },
    outputs: [{ plugin: "stdout", options, format: { plugin: "plain", options: {} } }],
  }],
});

Deno.test("resolveRefs replaces env and secret references", () => {
  const r = resolveRefs(
    graph({ password: { $env: "PW" }, token: { $secret: "api" }, list: [{ $env: "PW" }] }),
    (ref) => "$env" in ref ? "pw" : "tok",
  );
  deepEqual(r.graph.generators[0]?.outputs[0]?.options, { password: "pw", token: "tok", list: ["pw"] });
  deepEqual(r.missing, []);
});

Deno.test("resolveRefs reports what has no value", () => {
  const r = resolveRefs(graph({ a: { $env: "NOPE" }, b: { $secret: "x-y" } }), () => undefined);
  deepEqual(r.missing, [
    "environment variable `NOPE` is not set",
    "secret `x-y` is not set: set the environment variable EVENTUM_SECRET_X_Y",
  ]);
  deepEqual(secretVariable("db.pass"), "EVENTUM_SECRET_DB_PASS");
});
