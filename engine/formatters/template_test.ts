import { deepEqual, equal, match, ok, throws } from "node:assert/strict";
import * as v from "valibot";
import { eventValue, templateFormatter } from "./template.ts";
import { EventError, type Formatter } from "../spec.ts";
import { Source } from "../schema.ts";
import { loadScenario } from "../../dsl/load.ts";
import { runGraph } from "../run.ts";
import { produced } from "./_testing.ts";

function ctx(dir = "/") {
  return { dir, timezone: "UTC", readText: (p: string) => Deno.readTextFileSync(p) };
}

async function template(options: Record<string, unknown>, dir?: string): Promise<Formatter> {
  return await templateFormatter.create(v.parse(templateFormatter.schema, options), ctx(dir));
}

Deno.test("template renders each event: `event` is the parsed JSON, `text` the event as rendered", async () => {
  const f = await template({ template: "{{ event.user | upper }} did {{ event.action }} ({{ text | length }})" });
  const out = f.format(produced(['{"user": "ann", "action": "login"}', '{"user": "bob", "action": "logout"}']));
  deepEqual(out, { lines: ["ANN did login (34)", "BOB did logout (35)"], failures: [] });
});

Deno.test("template: an event that is not a JSON object or array is its text", async () => {
  const f = await template({ template: "<{{ event }}|{{ event is string }}>" });
  deepEqual(f.format(produced(["plain line", "42", "{not json"])).lines, [
    "<plain line|True>",
    "<42|True>",
    "<{not json|True>",
  ]);
  deepEqual(eventValue("  [1, 2]"), [1, 2]);
});

Deno.test("template has the Python compatibility of event templates", async () => {
  const f = await template({
    template: "{{ event.get('missing', 'none') }} {{ '%05.1f' % event.n }} {{ event.tags | join(',') }} {{ True }}",
  });
  deepEqual(f.format(produced(['{"n": 3.14159, "tags": ["a", "b"]}'])).lines, ["none 003.1 a,b True"]);
});

Deno.test("template reads `template_path` relative to the scenario", async () => {
  const dir = Deno.makeTempDirSync({ prefix: "eventum-format-" });
  Deno.mkdirSync(`${dir}/formats`);
  Deno.writeTextFileSync(`${dir}/formats/line.njk`, "{% include 'formats/part.njk' %}={{ event.v }}");
  Deno.writeTextFileSync(`${dir}/formats/part.njk`, "v");
  const f = await template({ template_path: "formats/line.njk" }, dir);
  deepEqual(f.format(produced(['{"v": 1}'])).lines, ["v=1"]);
});

Deno.test("template: an event that fails to render is counted and reported at its line; the others are written", async () => {
  const f = await template({ template: new Source("{{ event.a }}\n{{ 1 // event.n }}", "/s/s.evt", 10) });
  const out = f.format(produced(['{"a": "x", "n": 1}', '{"a": "y", "n": 0}', '{"a": "z", "n": 2}']));
  deepEqual(out.lines, ["x\n1", "z\n0"]);
  deepEqual(out.events, [0, 2]);
  equal(out.failures.length, 1);
  equal(out.failures[0]?.code, "EVT4001");
  equal(out.failures[0]?.source, "format template");
  match(
    out.failures[0]?.message ?? "",
    /^The template of `format template` failed at \/s\/s\.evt:11:\d+: ZeroDivisionError/,
  );
});

Deno.test("template: a template that does not compile stops the run with EVT4001", () => {
  throws(
    () => templateFormatter.create(v.parse(templateFormatter.schema, { template: "{{ event.a" }), ctx()),
    (e: unknown) => {
      ok(e instanceof EventError);
      equal(e.failure.code, "EVT4001");
      match(e.message, /^The template of `format template` does not compile at \(inline\):1/);
      return true;
    },
  );
});

Deno.test("template options: exactly one of `template` and `template_path`", () => {
  throws(() => v.parse(templateFormatter.schema, {}), /needs a template/);
  throws(() => v.parse(templateFormatter.schema, { template: "x", template_path: "y" }), /both given/);
});

Deno.test("template in a scenario: inline, positional, from a file; syntax errors point into the template", () => {
  const dir = Deno.makeTempDirSync({ prefix: "eventum-format-" });
  Deno.writeTextFileSync(`${dir}/line.njk`, "{{ event }}");
  const scenario = (format: string) =>
    loadScenario(`${dir}/s.evt`, {
      text: `generator "g" {
  input static { count 1 }
  event template { template t """{"a": 1}""" }
  output stdout {
    ${format}
  }
}`,
    });
  for (const format of ['format template { template """{{ event.a }}""" }', 'format template """{{ event.a }}"""']) {
    const loaded = scenario(format);
    deepEqual(loaded.diagnostics, [], format);
    deepEqual(loaded.graph?.generators[0]?.outputs[0]?.format.plugin, "template");
  }
  deepEqual(scenario('format template { template_path "line.njk" }').diagnostics, []);
  const missing = scenario('format template { template_path "lines.njk" }').diagnostics;
  match(missing[0]?.message ?? "", /template file `lines.njk` not found/);
  const bad = scenario('format template { template """ok\n{{ event.a + }}""" }').diagnostics;
  equal(bad.length, 1);
  match(bad[0]?.message ?? "", /syntax error in the template/);
  // The template's second line, in the scenario: line 6.
  equal(bad[0]?.span?.line, 6);
});

Deno.test("a run with format template writes one record per event", async () => {
  const dir = Deno.makeTempDirSync({ prefix: "eventum-format-" });
  const loaded = loadScenario(`${dir}/s.evt`, {
    text: `generator "g" {
  input static { count 3 }
  event template { template t """{"n": {{ shared.incr('n') }}}""" }
  output file "out.log" { format template { template """n={{ event.n }}""" } }
}`,
  });
  deepEqual(loaded.diagnostics, []);
  const [result] = await runGraph(loaded.graph!, { now: 0, seed: 1 });
  equal(result?.error, undefined);
  equal(Deno.readTextFileSync(`${dir}/out.log`), "n=1\nn=2\nn=3\n");
});
