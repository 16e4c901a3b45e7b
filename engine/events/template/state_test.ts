import { deepEqual, equal, throws } from "node:assert/strict";
import nunjucks from "nunjucks";
import { State } from "./state.ts";

const kw = (values: Record<string, unknown>) => ({
  __keywords: true as const,
  ...values,
});

/** Renders with the Jinja-compat layer, as the engine does. */
function render(source: string, context: Record<string, unknown>): string {
  const uninstall = nunjucks.installJinjaCompat() as unknown as () => void;
  try {
    const env = new nunjucks.Environment(null, { autoescape: false });
    return env.renderString(source, context);
  } finally {
    uninstall();
  }
}

Deno.test("State.get returns the value, the default, or null", () => {
  const s = new State({ a: 1 });
  equal(s.get("a"), 1);
  equal(s.get("b"), null);
  equal(s.get("b", 5), 5);
  equal(s.get("b", kw({ default: 7 })), 7);
  s.set("n", null);
  equal(s.get("n", 3), null, "a stored None wins over the default");
});

Deno.test("State.set returns an empty string and stores undefined as null", () => {
  const s = new State();
  equal(s.set("k", 1), "");
  equal(s.get("k"), 1);
  s.set("u", undefined);
  equal(s.get("u", 9), null);
});

Deno.test("State.pop removes and returns, with a default", () => {
  const s = new State({ a: 1 });
  equal(s.pop("a"), 1);
  equal(s.get("a"), null);
  equal(s.pop("a"), null);
  equal(s.pop("a", 2), 2);
  equal(s.pop("a", kw({ default: 3 })), 3);
});

Deno.test("State.update takes a dict, a Map or keyword arguments", () => {
  const s = new State();
  equal(s.update({ a: 1, b: 2 }), "");
  s.update(new Map([["c", 3]]));
  s.update(kw({ d: 4 }));
  deepEqual(s.as_dict(), { a: 1, b: 2, c: 3, d: 4 });
  throws(() => s.update(5), {
    message: "Cannot update the state from `5`: expected a dict",
  });
});

Deno.test("State.clear empties the state", () => {
  const s = new State({ a: 1 });
  equal(s.clear(), "");
  deepEqual(s.as_dict(), {});
});

Deno.test("State.as_dict is a shallow copy", () => {
  const s = new State({ list: [1] });
  const d = s.as_dict();
  d["x"] = 1;
  equal(s.get("x"), null);
  equal(d["list"], s.get("list"));
});

Deno.test("State.incr counts from zero and returns the new value", () => {
  const s = new State();
  equal(s.incr("n"), 1);
  equal(s.incr("n"), 2);
  equal(s.incr("n", 5), 7);
  equal(s.incr("n", kw({ by: -2 })), 5);
  equal(s.incr("m", kw({ by: 10 })), 10);
  s.set("z", null);
  equal(s.incr("z"), 1);
  s.set("s", "x");
  throws(() => s.incr("s"), {
    message: "Cannot increment `'s'`: its value `'x'` is not a number",
  });
  throws(() => s.incr("n", "2"), {
    message: "Cannot increment `'n'`: the step `'2'` is not a number",
  });
});

Deno.test("State.push and shift make a queue", () => {
  const s = new State();
  s.push("q", "a");
  s.push("q", "b");
  equal(s.shift("q"), "a");
  equal(s.shift("q"), "b");
  equal(s.shift("q"), null);
  equal(s.shift("q", kw({ default: "none" })), "none");
  s.set("n", 1);
  throws(() => s.push("n", 2), { message: /is not a list/ });
});

Deno.test("State lock methods are harmless no-ops", () => {
  const s = new State();
  equal(s.acquire(), "");
  equal(s.release(), "");
  equal(s.release_if_held(), 0);
});

Deno.test("State.snapshot is JSON data and restore brings it back", () => {
  const s = new State({ a: 1, nested: { list: [1, 2] } });
  const snap = s.snapshot();
  deepEqual(snap, { a: 1, nested: { list: [1, 2] } });
  (snap["nested"] as { list: number[] }).list.push(3);
  deepEqual(s.get("nested"), { list: [1, 2] }, "the snapshot is a deep copy");
  const t = new State({ old: true });
  t.restore(snap);
  deepEqual(t.as_dict(), { a: 1, nested: { list: [1, 2, 3] } });
});

Deno.test("State prints as a Python dict and dumps as JSON", () => {
  const s = new State({ a: "x", n: 1 });
  equal(String(s), "{'a': 'x', 'n': 1}");
  equal(JSON.stringify(s), '{"a":"x","n":1}');
});

Deno.test("State keys read as properties, methods win", () => {
  const s = new State({ user: "alice", get: "shadowed" });
  equal((s as unknown as Record<string, unknown>)["user"], "alice");
  equal((s as unknown as Record<string, unknown>)["missing"], undefined);
  equal(typeof (s as unknown as Record<string, unknown>)["get"], "function");
  equal(s.get("get"), "shadowed");
});

Deno.test("State works from Nunjucks templates", () => {
  const locals = new State();
  const shared = new State();
  const source = "{% set _ = locals.set('n', locals.get('n', 0) + 1) %}" +
    "{{ shared.set('user', 'bob') }}" +
    "{{ locals.get('n') }} {{ shared.incr('c', by=5) }} " +
    "{{ shared.get('x', default='d') }} {{ shared.user }} " +
    "{{ shared['user'] }} {{ shared.pop('user') }} {{ shared.pop('user', default='gone') }}" +
    "{{ locals.update({'a': 1}) }} {{ locals.as_dict() | dump }}";
  equal(
    render(source, { locals, shared }),
    '1 5 d bob bob bob gone {"n":1,"a":1}',
  );
  equal(render(source, { locals, shared }).slice(0, 5), "2 10 ");
});
