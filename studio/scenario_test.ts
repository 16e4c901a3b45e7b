/**
 * The Studio's scenario API through `app.request()`: check, outline,
 * timeline, render (with the state, and from a starting state), preview,
 * and the sandbox.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import type { RenderStep } from "../engine/render.ts";
import type { Timeline } from "../engine/timeline.ts";
import type { Control } from "./_controls.ts";
import type { Diag } from "./_scenario.ts";
import { copySamples, testStudio } from "./_testing.ts";

const HELLO = `generator "hello" {
  input linspace { start 2024-01-01T00:00:00Z; end 2024-01-01T00:00:04Z; count 5 }
  event template {
    template user """
      {% set id = locals.get('id', 1) %}{"userID": {{ id }}, "total": {{ shared.incr('n') }}}{% do locals.set('id', id + 1) %}
    """
  }
  output stdout { format json }
}
`;

interface Rendered {
  diagnostics: Diag[];
  steps: RenderStep[];
  error?: { code: string; message: string };
}

Deno.test("check: the editor's text, with places relative to the folder", async () => {
  const s = testStudio({ "dir/a.evt": HELLO });
  const clean = await s.json<{ diagnostics: Diag[] }>("POST", "/api/check", { path: "dir/a.evt", text: HELLO });
  deepEqual(clean.diagnostics, []);
  const text = HELLO.replace("count 5", "count five");
  const { diagnostics } = await s.json<{ diagnostics: Diag[] }>("POST", "/api/check", { path: "dir/a.evt", text });
  equal(diagnostics.length, 1);
  const d = diagnostics[0] as Diag;
  equal(d.file, "dir/a.evt");
  equal(d.severity, "error");
  match(d.code, /^EVT\d{4}$/);
  equal(text.slice(d.from, d.to), "five");
  equal(d.line, 2);
  equal(d.column, text.split("\n")[1]?.indexOf("five") as number + 1);
  // Without `text`, the file on disk is checked.
  deepEqual((await s.json<{ diagnostics: Diag[] }>("POST", "/api/check", { path: "dir/a.evt" })).diagnostics, []);
});

Deno.test("check: files the scenario names are read from disk beside it", async () => {
  const s = testStudio({ "t/page.njk": "{{ 1 }}" });
  const text = HELLO.replace(/template user """[^]*?"""/, 'template user file "t/paeg.njk"');
  const { diagnostics } = await s.json<{ diagnostics: Diag[] }>("POST", "/api/check", { path: "a.evt", text });
  equal(diagnostics.length, 1);
  equal(diagnostics[0]?.hint, 'did you mean "t/page.njk"?');
  const fixed = text.replace("paeg", "page");
  deepEqual(
    (await s.json<{ diagnostics: Diag[] }>("POST", "/api/check", { path: "a.evt", text: fixed })).diagnostics,
    [],
  );
});

Deno.test("outline: generators, and pattern controls with the offsets of their values", async () => {
  const s = testStudio();
  copySamples(s.root, ["web-traffic.evt", "agents.json", "templates"]);
  const text = Deno.readTextFileSync(`${s.root}/web-traffic.evt`);
  const out = await s.json<{ generators: Record<string, unknown>[]; controls: Control[] }>(
    "POST",
    "/api/outline",
    { path: "web-traffic.evt", text },
  );
  equal(out.generators.length, 1);
  const g = out.generators[0] as Record<string, unknown>;
  equal(g.name, "web");
  deepEqual(g.templates, ["page", "error"]);
  deepEqual(g.inputs, ["input 1: pattern [web]"]);
  equal((g.formatters as string[])[0], "plain");
  ok((g.formatters as string[]).includes("json"));
  equal(g.pick, "chance");
  const byPath = Object.fromEntries(out.controls.map((c) => [c.path, c]));
  deepEqual(Object.keys(byPath), [
    "oscillator.period",
    "multiplier",
    "randomizer.deviation",
    "randomizer.direction",
    "spreader",
    "spreader.a",
    "spreader.b",
  ]);
  for (const c of out.controls) {
    equal(c.pattern, "workday");
    equal(text.slice(c.from, c.to), c.value);
  }
  equal(byPath["multiplier"]?.value, "48000");
  equal(byPath["randomizer.deviation"]?.kind, "number");
  deepEqual(byPath["spreader"]?.options, ["uniform", "triangular", "beta"]);
  equal(byPath["oscillator.period"]?.kind, "duration");

  // Writing a control back: the text follows and checks.
  const a = byPath["spreader.a"] as Control;
  const edited = text.slice(0, a.from) + "2.5" + text.slice(a.to);
  const again = await s.json<{ controls: Control[]; diagnostics: Diag[] }>("POST", "/api/outline", {
    path: "web-traffic.evt",
    text: edited,
  });
  deepEqual(again.diagnostics, []);
  equal(again.controls.find((c) => c.path === "spreader.a")?.value, "2.5");
});

Deno.test("outline: controls of inline patterns, and of a text with errors", async () => {
  const s = testStudio();
  const text = `generator "g" {
  input pattern {
    oscillator { period 1h }
    multiplier 60
    spreader uniform { high 0.5 }
    tags ["x"]
  }
  event template { template t """x""" }
  output stdout { format plain }
  bogus 1
}
`;
  const out = await s.json<{ generators: unknown[]; controls: Control[]; diagnostics: Diag[] }>(
    "POST",
    "/api/outline",
    { path: "g.evt", text },
  );
  equal(out.diagnostics.length, 1);
  deepEqual(out.generators, []);
  deepEqual(out.controls.map((c) => `${c.pattern} ${c.path}=${c.value}`), [
    "g input 1 oscillator.period=1h",
    "g input 1 multiplier=60",
    "g input 1 spreader=uniform",
    "g input 1 spreader.high=0.5",
  ]);
});

Deno.test("timeline: counts per input and merged, with a window and a bin width", async () => {
  const s = testStudio();
  copySamples(s.root, ["web-traffic.evt", "agents.json", "templates"]);
  const text = Deno.readTextFileSync(`${s.root}/web-traffic.evt`);
  const day = await s.json<{ timelines: Timeline[]; diagnostics: Diag[] }>("POST", "/api/timeline", {
    path: "web-traffic.evt",
    text,
    bin: "1d",
  });
  equal(day.timelines.length, 1);
  const t = day.timelines[0] as Timeline;
  equal(t.bin, 86_400_000_000);
  equal(t.merged.length, 7);
  equal(t.series[0]?.label, "input 1: pattern [web]");
  for (const n of t.merged) ok(n > 48_000 * 0.85 - 1 && n < 48_000 * 1.15 + 1, String(n));

  const window = await s.json<{ timelines: Timeline[] }>("POST", "/api/timeline", {
    path: "web-traffic.evt",
    text,
    from: "2024-03-05T00:00:00",
    to: "2024-03-05T06:00:00",
    bin: "1h",
  });
  const w = window.timelines[0] as Timeline;
  equal(w.merged.length, 6);
  equal(w.starts[0], Date.UTC(2024, 2, 4, 23) * 1000, "local midnight in Berlin");
  equal(w.total, w.merged.reduce((a, b) => a + b, 0));

  // A higher multiplier, through the editor's text: more events.
  const more = await s.json<{ timelines: Timeline[] }>("POST", "/api/timeline", {
    path: "web-traffic.evt",
    text: text.replace("multiplier 48000", "multiplier 96000"),
    bin: "1d",
  });
  ok((more.timelines[0] as Timeline).total > t.total * 1.5);

  await s.json("POST", "/api/timeline", { path: "web-traffic.evt", text, bin: "1 hour" }, 400);
  await s.json("POST", "/api/timeline", { path: "web-traffic.evt", text, from: "yesterday" }, 400);
  await s.json("POST", "/api/timeline", { path: "web-traffic.evt", text, from: "+1d", to: "-1d" }, 400);
  await s.json("POST", "/api/timeline", { path: "web-traffic.evt", text, from: "-1d", to: "+1000d", bin: "1s" }, 400);
});

Deno.test("timeline: an endless input without `to` is an error as data", async () => {
  const s = testStudio();
  const text = `generator "g" {
  input timer { every 1s }
  event template { template t """x""" }
  output stdout { format plain }
}
`;
  const r = await s.json<{ timelines: Timeline[]; error?: { code: string; message: string } }>(
    "POST",
    "/api/timeline",
    { path: "g.evt", text },
  );
  deepEqual(r.timelines, []);
  equal(r.error?.code, "EVT4004");
  const bounded = await s.json<{ timelines: Timeline[] }>("POST", "/api/timeline", {
    path: "g.evt",
    text,
    now: "2024-01-01T00:00:00Z",
    to: "+1m",
    bin: "10s",
  });
  deepEqual(bounded.timelines[0]?.merged, [10, 10, 10, 10, 10, 10]);
});

Deno.test("render: each step's events and the state after it", async () => {
  const s = testStudio({ "hello.evt": HELLO });
  const r = await s.json<Rendered>("POST", "/api/render", { path: "hello.evt", text: HELLO, steps: 3 });
  deepEqual(r.diagnostics, []);
  deepEqual(r.steps.map((x) => JSON.parse(x.events[0]?.text ?? "")), [
    { userID: 1, total: 1 },
    { userID: 2, total: 2 },
    { userID: 3, total: 3 },
  ]);
  deepEqual(r.steps[2]?.state, { locals: { user: { id: 4 } }, shared: { n: 3 }, globals: {} });
  equal(r.steps[0]?.timestamp, Date.UTC(2024, 0, 1) * 1000);

  const at = await s.json<Rendered>("POST", "/api/render", {
    path: "hello.evt",
    text: HELLO,
    steps: 2,
    at: "2030-05-01T12:00:00Z",
  });
  deepEqual(at.steps.map((x) => x.timestamp), [Date.UTC(2030, 4, 1, 12) * 1000, Date.UTC(2030, 4, 1, 12) * 1000]);

  for (const steps of [0, 101, 2.5, "3"]) {
    await s.json("POST", "/api/render", { path: "hello.evt", text: HELLO, steps }, 400);
  }
});

Deno.test("render: from an edited starting state", async () => {
  const s = testStudio({ "hello.evt": HELLO });
  const state = { locals: { user: { id: 40 } }, shared: { n: 100 }, globals: { g: true } };
  const r = await s.json<Rendered>("POST", "/api/render", { path: "hello.evt", text: HELLO, steps: 2, state });
  deepEqual(r.steps.map((x) => JSON.parse(x.events[0]?.text ?? "")), [
    { userID: 40, total: 101 },
    { userID: 41, total: 102 },
  ]);
  deepEqual(r.steps[1]?.state, { locals: { user: { id: 42 } }, shared: { n: 102 }, globals: { g: true } });
  await s.json("POST", "/api/render", { path: "hello.evt", text: HELLO, state: { shared: [1] } }, 400);
});

Deno.test("render: a picked template, the picking mode, and bad names as data", async () => {
  const s = testStudio();
  copySamples(s.root, ["sessions.evt"]);
  const text = Deno.readTextFileSync(`${s.root}/sessions.evt`);
  const fsm = await s.json<Rendered>("POST", "/api/render", { path: "sessions.evt", text, steps: 5 });
  deepEqual(fsm.steps.map((x) => x.events[0]?.source), ["login", "action", "action", "action", "logout"]);
  const state = fsm.steps[4]?.state as { shared: Record<string, unknown> };
  equal(state.shared.actions, 3);
  const one = await s.json<Rendered>("POST", "/api/render", {
    path: "sessions.evt",
    text,
    steps: 2,
    template: "action",
  });
  deepEqual(one.steps.map((x) => x.events[0]?.source), ["action", "action"]);
  const bad = await s.json<Rendered>("POST", "/api/render", { path: "sessions.evt", text, template: "actoin" });
  deepEqual(bad.steps, []);
  equal(bad.error?.code, "EVT4002");
  match(bad.error?.message ?? "", /actoin/);
  const noGen = await s.json<Rendered>("POST", "/api/render", { path: "sessions.evt", text, generator: "nope" });
  equal(noGen.error?.code, "EVT4002");
});

Deno.test("render: a scenario with errors gives its diagnostics and no steps", async () => {
  const s = testStudio();
  const r = await s.json<Rendered>("POST", "/api/render", { path: "x.evt", text: "generator {" });
  deepEqual(r.steps, []);
  ok(r.diagnostics.length > 0);
  equal(r.diagnostics[0]?.file, "x.evt");
});

Deno.test("render: a template error is the step's error", async () => {
  const s = testStudio();
  const text = HELLO.replace("{% set id = locals.get('id', 1) %}", "{{ nope() }}");
  const r = await s.json<Rendered>("POST", "/api/render", { path: "e.evt", text, steps: 3 });
  equal(r.steps.length, 1);
  match(r.steps[0]?.error ?? "", /Template `user` failed/);
});

Deno.test("preview: the events through the output's formatter or a chosen one", async () => {
  const s = testStudio({ "hello.evt": HELLO });
  const json = await s.json<{ format: string; lines: string[]; failures: string[] }>("POST", "/api/preview", {
    path: "hello.evt",
    text: HELLO,
    steps: 2,
  });
  equal(json.format, "json");
  deepEqual(json.lines, ['{"userID":1,"total":1}', '{"userID":2,"total":2}']);
  deepEqual(json.failures, []);
  const batch = await s.json<{ format: string; lines: string[] }>("POST", "/api/preview", {
    path: "hello.evt",
    text: HELLO,
    steps: 2,
    format: "json-batch",
  });
  equal(batch.format, "json-batch");
  deepEqual(batch.lines.map((l) => JSON.parse(l)), [[{ userID: 1, total: 1 }, { userID: 2, total: 2 }]]);
  const notJson = HELLO.replace('{"userID"', 'userID {"userID"');
  const failed = await s.json<{ lines: string[]; failures: string[] }>("POST", "/api/preview", {
    path: "hello.evt",
    text: notJson,
    steps: 1,
  });
  deepEqual(failed.lines, []);
  match(failed.failures[0] ?? "", /^EVT4003 .*not valid JSON/);
  const unknown = await s.json<{ error?: { code: string; message: string } }>("POST", "/api/preview", {
    path: "hello.evt",
    text: HELLO,
    format: "jsno",
  });
  equal(unknown.error?.code, "EVT4002");
  match(unknown.error?.message ?? "", /json/);
});

const SUBPROCESS = `generator "who" {
  input static { count 1 }
  event template {
    template name """{"name": "{{ subprocess.run('whoami', True) | trim }}"}"""
  }
  output stdout { format json }
}
`;

Deno.test("sandbox: subprocess.run without a grant is a permission error in the result", async () => {
  const s = testStudio({ "who.evt": SUBPROCESS });
  const r = await s.json<Rendered>("POST", "/api/render", { path: "who.evt", text: SUBPROCESS, steps: 1 });
  deepEqual(r.diagnostics, []);
  const problems = [...(r.steps[0]?.failures ?? []), r.steps[0]?.error ?? ""].join("\n");
  match(problems, /Command `whoami` in template `name` is not allowed: grant it with --allow-run=whoami/);
  deepEqual(r.steps[0]?.events, []);
  const p = await s.json<{ failures: string[] }>("POST", "/api/preview", {
    path: "who.evt",
    text: SUBPROCESS,
    steps: 1,
  });
  match(p.failures.join("\n"), /EVT4001 .*not allowed: grant it with --allow-run=whoami/);
});

Deno.test("sandbox: a `permissions` block the Studio was not granted is a diagnostic", async () => {
  const s = testStudio();
  copySamples(s.root, ["whoami.evt"]);
  const text = Deno.readTextFileSync(`${s.root}/whoami.evt`);
  const r = await s.json<Rendered>("POST", "/api/render", { path: "whoami.evt", text });
  deepEqual(r.steps, []);
  equal(r.diagnostics[0]?.code, "EVT3001");
  equal(r.diagnostics[0]?.hint, "add --allow-run=whoami");
  equal(text.slice(r.diagnostics[0]?.from, r.diagnostics[0]?.to), '"whoami"');
  const checked = await s.json<{ diagnostics: Diag[] }>("POST", "/api/check", { path: "whoami.evt", text });
  equal(checked.diagnostics[0]?.code, "EVT3001");
});

Deno.test("sandbox: the Studio's grants let the template run the command", async () => {
  const s = testStudio({ "who.evt": SUBPROCESS }, { grants: { run: ["whoami"] } });
  const r = await s.json<Rendered>("POST", "/api/render", { path: "who.evt", text: SUBPROCESS, steps: 1 });
  const event = JSON.parse(r.steps[0]?.events[0]?.text ?? "{}");
  ok(typeof event.name === "string" && event.name.length > 0, JSON.stringify(r.steps[0]));
});

Deno.test("sandbox: a render that does not end is stopped with a clear error", async () => {
  const text = HELLO.replace(
    "{% set id = locals.get('id', 1) %}",
    "{% for i in range(1000000000) %}{% for j in range(1000000000) %}{% endfor %}{% endfor %}",
  );
  const s = testStudio({}, { timeout: 1500 });
  const r = await s.json<Rendered>("POST", "/api/render", { path: "loop.evt", text, steps: 1 });
  deepEqual(r.steps, []);
  equal(r.error?.code, "EVT4000");
  match(r.error?.message ?? "", /Stopped after 1\.5s/);
  // The Studio still answers.
  equal((await s.json<Rendered>("POST", "/api/render", { path: "h.evt", text: HELLO, steps: 1 })).steps.length, 1);
});
