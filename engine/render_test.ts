/**
 * Rendering steps from a starting state, and previews through formatters.
 */
import { deepEqual, equal, match, rejects } from "node:assert/strict";
import { loadScenario } from "../dsl/load.ts";
import type { Graph } from "./graph.ts";
import { previewSteps } from "./preview.ts";
import { renderSteps } from "./render.ts";
import { RunError } from "./run_error.ts";

const COUNTER = `generator "c" {
  input linspace { start 2024-01-01T00:00:00Z; end 2024-01-01T00:00:02Z; count 3 }
  event template {
    pick spin
    template a """{"t": "a", "mine": {{ locals.incr('n') }}, "all": {{ shared.incr('n') }}, "g": {{ globals.get('g', 0) }}}"""
    template b """{"t": "b", "mine": {{ locals.incr('n') }}, "all": {{ shared.incr('n') }}}"""
  }
  output stdout { format json }
}
`;

function graphOf(text: string): Graph {
  const loaded = loadScenario("/tmp/render_test.evt", { text });
  if (!loaded.graph) throw new Error(loaded.diagnostics.map((d) => d.message).join("\n"));
  return loaded.graph;
}

Deno.test("renderSteps starts from a given state: locals by template, shared and globals", async () => {
  const graph = graphOf(COUNTER);
  const fresh = await renderSteps(graph, { steps: 3, seed: 1, state: true });
  deepEqual(fresh.map((s) => JSON.parse(s.events[0]?.text ?? "")), [
    { t: "a", mine: 1, all: 1, g: 0 },
    { t: "b", mine: 1, all: 2 },
    { t: "a", mine: 2, all: 3, g: 0 },
  ]);
  const initial = { locals: { a: { n: 10 }, b: { n: 20 } }, shared: { n: 100 }, globals: { g: 7 } };
  const resumed = await renderSteps(graph, { steps: 2, seed: 1, state: true, initial });
  deepEqual(resumed.map((s) => JSON.parse(s.events[0]?.text ?? "")), [
    { t: "a", mine: 11, all: 101, g: 7 },
    { t: "b", mine: 21, all: 102 },
  ]);
  deepEqual(resumed[1]?.state, { locals: { a: { n: 11 }, b: { n: 21 } }, shared: { n: 102 }, globals: { g: 7 } });
  // The given state is copied, not changed.
  deepEqual(initial.shared, { n: 100 });
});

Deno.test("renderSteps: a template missing from the starting state starts empty", async () => {
  const steps = await renderSteps(graphOf(COUNTER), {
    steps: 2,
    seed: 1,
    state: true,
    initial: { locals: { a: { n: 5 } }, shared: {}, globals: {} },
  });
  deepEqual(steps.map((s) => JSON.parse(s.events[0]?.text ?? "").mine), [6, 1]);
});

Deno.test("previewSteps formats with the output's formatter, or a chosen one", async () => {
  const graph = graphOf(COUNTER);
  const json = await previewSteps(graph, { steps: 2, seed: 1 });
  equal(json.format, "json");
  deepEqual(json.lines, ['{"t":"a","mine":1,"all":1,"g":0}', '{"t":"b","mine":1,"all":2}']);
  deepEqual(json.failures, []);
  equal(json.steps.length, 2);
  const plain = await previewSteps(graph, { steps: 1, seed: 1, format: "plain" });
  deepEqual(plain.lines, ['{"t": "a", "mine": 1, "all": 1, "g": 0}']);
  const batch = await previewSteps(graph, { steps: 3, seed: 1, format: "json-batch" });
  equal(batch.lines.length, 1);
  equal(JSON.parse(batch.lines[0] as string).length, 3);
});

Deno.test("previewSteps reports failures with their codes, and refuses unknown formatters", async () => {
  const broken = graphOf(COUNTER.replace(`"""{"t": "b"`, `"""not json {"t": "b"`));
  const p = await previewSteps(broken, { steps: 2, seed: 1 });
  equal(p.lines.length, 1);
  match(p.failures[0] ?? "", /^EVT4003 Event from template `b` is not valid JSON/);
  await rejects(previewSteps(broken, { steps: 1, seed: 1, format: "jsn" }), (e: unknown) => {
    return e instanceof RunError && e.code === "EVT4002" && /did you mean `json`/.test(e.message);
  });
  await rejects(previewSteps(broken, { steps: 1, seed: 1, format: "template" }), /needs options/);
});

const MACHINE = `generator "m" {
  input linspace { start 2024-01-01T00:00:00Z; end 2024-01-01T00:00:04Z; count 5 }
  event template {
    pick fsm
    template login """login""" { initial true; to act when "true" }
    template act """act {{ shared.incr('n') }}""" { to logout when "shared.get('n') >= 2" }
    template logout """logout""" { to login when "true" }
  }
  output stdout
}
`;

Deno.test("renderSteps with pick fsm: the state says which template is next, and rendering goes on from it", async () => {
  const graph = graphOf(MACHINE);
  const fresh = await renderSteps(graph, { steps: 2, seed: 1, state: true });
  deepEqual(fresh.map((s) => s.events[0]?.text), ["login", "act 1"]);
  deepEqual(fresh.map((s) => s.state?.next), ["act", "act"]);
  const last = fresh[1]?.state;
  if (!last) throw new Error("no state");
  const resumed = await renderSteps(graph, { steps: 3, seed: 1, state: true, initial: last });
  deepEqual(resumed.map((s) => s.events[0]?.text), ["act 2", "logout", "login"]);
  const jumped = await renderSteps(graph, { steps: 1, seed: 1, initial: { ...last, next: "logout" } });
  deepEqual(jumped.map((s) => s.events[0]?.text), ["logout"]);
  await rejects(
    renderSteps(graph, { steps: 1, seed: 1, initial: { ...last, next: "logut" } }),
    (e: unknown) => e instanceof RunError && e.code === "EVT4002" && /did you mean `logout`/.test(e.message),
  );
});
