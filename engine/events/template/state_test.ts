import { deepEqual, equal, notDeepEqual, ok, throws } from "node:assert/strict";
import nunjucks from "nunjucks";
import { Rng } from "../../random.ts";
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

Deno.test("State.pop keeps Python's dict.pop semantics with a None default", () => {
  const s = new State({ none: null, zero: 0, empty: "" });
  equal(s.pop("none", "d"), null, "a stored None is returned, not the default");
  equal(s.get("none", "gone"), "gone", "and the key is removed");
  equal(s.pop("zero", 5), 0, "falsy values are values");
  equal(s.pop("empty", kw({ default: "x" })), "");
  equal(s.pop("missing"), null, "a missing key is not an error");
  equal(s.pop("missing", kw({})), null);
  deepEqual(s.as_dict(), {});
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
  equal(s.push("q", "a"), "");
  s.push("q", "b");
  s.push("q", undefined);
  deepEqual(s.get("q"), ["a", "b", null]);
  equal(s.shift("q"), "a");
  equal(s.shift("q"), "b");
  equal(s.shift("q", "d"), null, "a queued None is an item");
  equal(s.shift("q"), null);
  equal(s.shift("q", kw({ default: "none" })), "none");
  equal(s.shift("missing", 7), 7);
  s.set("n", 1);
  throws(() => s.push("n", 2), { message: "Cannot push to `'n'`: its value `1` is not a list" });
  throws(() => s.shift("n"), { message: "Cannot shift from `'n'`: its value `1` is not a list" });
});

Deno.test("State.push with maxlen keeps the newest items", () => {
  const s = new State();
  for (let i = 1; i <= 5; i++) s.push("recent", i, 3);
  deepEqual(s.get("recent"), [3, 4, 5]);
  s.push("recent", 6, kw({ maxlen: 2 }));
  deepEqual(s.get("recent"), [5, 6]);
  s.push("recent", 7, kw({}));
  deepEqual(s.get("recent"), [5, 6, 7], "no maxlen: unbounded");
  throws(() => s.push("recent", 8, -1), { message: "Cannot push to `'recent'`: `maxlen` is `-1`, expected 0 or more" });
});

Deno.test("State.peek returns what shift would, without removing it", () => {
  const s = new State();
  equal(s.peek("q"), null);
  equal(s.peek("q", "d"), "d");
  equal(s.peek("q", kw({ default: "k" })), "k");
  s.push("q", "first");
  s.push("q", "second");
  equal(s.peek("q"), "first");
  equal(s.size("q"), 2);
  equal(s.shift("q"), "first");
  equal(s.peek("q"), "second");
  s.set("x", "text");
  throws(() => s.peek("x"), { message: "Cannot peek at `'x'`: its value `'text'` is not a list" });
});

Deno.test("State.size counts the list, 0 when missing", () => {
  const s = new State({ list: [1, 2, 3], none: null });
  equal(s.size("list"), 3);
  equal(s.size("missing"), 0);
  equal(s.size("none"), 0);
  s.push("new", 1);
  equal(s.size("new"), 1);
  s.set("d", { a: 1 });
  throws(() => s.size("d"), { message: "Cannot measure `'d'`: its value `{'a': 1}` is not a list" });
});

Deno.test("State.pop_random removes each item once, drawn from the state's stream", () => {
  const draw = (seed: number) => {
    const s = new State({ pool: ["a", "b", "c", "d", "e", "f"] }, { rng: new Rng(seed, "state") });
    const out: unknown[] = [];
    while (s.size("pool") > 0) out.push(s.pop_random("pool"));
    equal(s.pop_random("pool"), null);
    return out;
  };
  const first = draw(1);
  deepEqual([...first].sort(), ["a", "b", "c", "d", "e", "f"], "every item exactly once");
  deepEqual(draw(1), first, "the same seed pops in the same order");
  notDeepEqual(draw(2), first, "another seed pops in another order");
  equal(new State({}, { rng: new Rng(1) }).pop_random("missing", kw({ default: "d" })), "d");
  throws(() => new State({ s: "x" }).pop_random("s"), {
    message: "Cannot pop a random item from `'s'`: its value `'x'` is not a list",
  });
});

Deno.test("State.pop_random is uniform over the pool", () => {
  const rng = new Rng(7, "state");
  const counts = [0, 0, 0, 0];
  for (let i = 0; i < 8000; i++) {
    const s = new State({ pool: [0, 1, 2, 3] }, { rng });
    counts[s.pop_random("pool") as number]!++;
  }
  const chi2 = counts.reduce((sum, c) => sum + (c - 2000) ** 2 / 2000, 0);
  ok(chi2 < 16.27, `chi-square ${chi2.toFixed(2)} for ${counts}`); // df 3, p = 0.001
});

Deno.test("State.pop_random restarts with the stream's block", () => {
  const rng = new Rng(3);
  const child = rng.child("state");
  const pops = () => {
    rng.enterBlock(5);
    const s = new State({ pool: [...Array(20).keys()] }, { rng: child });
    return [s.pop_random("pool"), s.pop_random("pool"), s.pop_random("pool")];
  };
  deepEqual(pops(), pops());
});

Deno.test("State.pop_random without a stream takes the oldest item", () => {
  const s = new State();
  s.push("q", "a");
  s.push("q", "b");
  equal(s.pop_random("q"), "a");
  equal(s.pop_random("q"), "b");
  equal(s.pop_random("q"), null);
});

Deno.test("globals correlate events across generators", () => {
  const globals = new State(undefined, { rng: new Rng(1, "globals") });
  const login =
    "{% set _ = globals.push('sessions', 'sess-' ~ globals.incr('n')) %}login {{ globals.size('sessions') }}";
  const logout = "{% set s = globals.pop_random('sessions', default='none') %}logout {{ s }} " +
    "{{ globals.size('sessions') }} {{ globals.peek('sessions', default='-') }}";
  equal(render(login, { globals }), "login 1");
  equal(render(login, { globals }), "login 2");
  const out = render(logout, { globals });
  ok(out === "logout sess-1 1 sess-2" || out === "logout sess-2 1 sess-1", out);
  render(logout, { globals });
  equal(render(logout, { globals }), "logout none 0 -");
  equal(
    render("{{ globals.shift('nothing', default='none') }}|{{ globals.incr('n', by=10) }}", { globals }),
    "none|12",
  );
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
