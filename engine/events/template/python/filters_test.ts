import { deepEqual, equal, throws } from "node:assert/strict";
import { JINJA_FILTERS, JINJA_GLOBALS, JINJA_TESTS, parsePyFloat, parsePyInt } from "./filters.ts";
import { pyStr } from "./values.ts";

const kw = (values: Record<string, unknown>) => ({ __keywords: true as const, ...values });
const f = (name: string, value: unknown, ...args: unknown[]) =>
  (JINJA_FILTERS[name] as (...a: unknown[]) => unknown).call({}, value, ...args);
const t = (name: string, value: unknown, ...args: unknown[]) =>
  (JINJA_TESTS[name] as (...a: unknown[]) => unknown).call({}, value, ...args);

Deno.test("int() and float() parse text as Python does", () => {
  // [text, int(text, 10), int(text, 16), int(text, 0), int(text, 2), float(text)] from CPython.
  const table: [string, ...(number | undefined)[]][] = [
    ["12", 12, 18, 12, undefined, 12],
    [" -7 ", -7, -7, -7, undefined, -7],
    ["1_000", 1000, 4096, 1000, 8, 1000],
    ["0x1A", undefined, 26, 26, undefined, undefined],
    ["1e3", undefined, 483, undefined, undefined, 1000],
    ["3.9", undefined, undefined, undefined, undefined, 3.9],
    ["", undefined, undefined, undefined, undefined, undefined],
    ["+5", 5, 5, 5, undefined, 5],
    ["0b101", undefined, 45313, 5, 5, undefined],
    ["010", 10, 16, undefined, 2, 10],
    ["1__0", undefined, undefined, undefined, undefined, undefined],
  ];
  for (const [text, b10, b16, b0, b2, fl] of table) {
    deepEqual([parsePyInt(text, 10), parsePyInt(text, 16), parsePyInt(text, 0), parsePyInt(text, 2)], [
      b10,
      b16,
      b0,
      b2,
    ], text);
    equal(parsePyFloat(text), fl, text);
  }
  equal(parsePyFloat("inf"), Infinity);
  equal(Number.isNaN(parsePyFloat("NaN")), true);
});

Deno.test("the int, float and round filters", () => {
  deepEqual(["12", "x", 3.9, -3.9, "3.9", "1e3", null, true, "0x1A"].map((v) => f("int", v)), [
    12,
    0,
    3,
    -3,
    3,
    1000,
    0,
    1,
    0,
  ]);
  equal(f("int", "0x1A", kw({ base: 16 })), 26);
  equal(f("int", "x", -1), -1);
  throws(() => f("int", Infinity), /cannot convert float infinity to integer/);
  deepEqual(["12.5", "x", 3, " 7 ", "12abc"].map((v) => f("float", v)), [12.5, 0, 3, 7, 0]);
  deepEqual(
    [[2.5], [3.5], [0.125, 2], [1.21, 1, "ceil"], [1.29, 1, "floor"], [1234, -2]].map(([v, ...a]) =>
      f("round", v, ...a)
    ),
    [
      2,
      4,
      0.12,
      1.3,
      1.2,
      1200,
    ],
  );
  throws(() => f("round", "x"), /doesn't define __round__/);
  throws(() => f("round", 1, 0, "up"), /method must be common, ceil or floor/);
});

Deno.test("text filters", () => {
  equal(f("indent", "a\nb\n\nc", 2), "a\n  b\n\n  c");
  equal(f("indent", "a\nb", 2, kw({ first: true, blank: true })), "  a\n  b");
  equal(f("truncate", "the quick brown fox", 10, true), "the qui...");
  equal(f("truncate", "the quick brown fox", 10, kw({ killwords: false, end: "..", leeway: 0 })), "the..");
  equal(f("truncate", "short", 3), "short", "within the leeway");
  equal(f("filesizeformat", 1234567), "1.2 MB");
  equal(f("filesizeformat", 1), "1 Byte");
  equal(f("filesizeformat", 999), "999 Bytes");
  equal(f("filesizeformat", 300000, true), "293.0 KiB");
  equal(f("title", "hello-world (foo) bar"), "Hello-World (Foo) Bar");
  equal(f("center", "ab", 6), "  ab  ");
  equal(f("trim", "xxyxx", "x"), "y");
  equal(f("replace", "a,b,c", ",", ";", 1), "a;b,c");
  equal(f("pprint", { a: [1] }), "{'a': [1]}");
  equal(f("format", "%s-%s", "a", "b"), "a-b");
  throws(() => f("format", "%s", "a", kw({ b: 1 })), /positional and keyword arguments at the same time/);
  equal(f("b64encode", "hé"), "aMOp");
  equal(f("b64decode", "aMOp"), "hé");
});

Deno.test("list filters", () => {
  const users = [{ name: "ann", city: "X", age: 31 }, { name: "bob", city: "Y", age: 25 }, { name: "cid", city: "x" }];
  deepEqual(f("map", users, kw({ attribute: "age", default: 0 })), [31, 25, 0]);
  deepEqual(f("map", [{ a: { b: 1 } }], kw({ attribute: "a.b" })), [1]);
  deepEqual(f("unique", ["b", "A", "a"]), ["b", "A"]);
  deepEqual(f("unique", ["b", "A", "a"], kw({ case_sensitive: true })), ["b", "A", "a"]);
  equal(f("max", ["b", "A"]), "b");
  equal(f("min", [3, 1, 2]), 1);
  equal(f("min", []), undefined);
  equal((f("max", users.slice(0, 2), kw({ attribute: "age" })) as { name: string }).name, "ann");
  equal(f("sum", users.slice(0, 2), kw({ attribute: "age" })), 56);
  deepEqual(f("sum", [[1], [2]], kw({ start: [] })), [1, 2]);
  equal(
    pyStr(f("groupby", users, "city")),
    "[('X', [{'name': 'ann', 'city': 'X', 'age': 31}, {'name': 'cid', 'city': 'x'}]), ('Y', [{'name': 'bob', 'city': 'Y', 'age': 25}])]",
  );
  equal(pyStr(f("groupby", [{ a: "b" }, {}], "a", kw({ default: "z" }))), "[('b', [{'a': 'b'}]), ('z', [{}])]");
  equal(pyStr(f("dictsort", { b: 1, A: 2 })), "[('A', 2), ('b', 1)]");
  equal(pyStr(f("dictsort", { b: 1, a: 2 }, kw({ by: "value", reverse: true }))), "[('a', 2), ('b', 1)]");
  deepEqual(f("list", "ab"), ["a", "b"]);
  deepEqual(f("list", { k: 1 }), ["k"]);
  equal(pyStr(f("items", { k: 1 })), "[('k', 1)]");
  throws(() => f("items", [1]), /Can only get item pairs from a mapping/);
  equal(f("join", [1, null, true], "-"), "1-None-True");
  equal(f("first", "abc"), "a");
  equal(f("last", [1, 2]), 2);
  deepEqual(f("reverse", [1, 2]), [2, 1]);
  equal(f("attr", { y: 1 }, "y"), undefined, "attr() reads attributes, not items");
  equal(f("length", { a: 1 }), 1);
  equal(f("default", null, "d"), null);
  equal(f("default", undefined, "d"), "d");
  equal(f("default", [], "d", true), "d");
});

Deno.test("tests", () => {
  equal(t("integer", 3), true);
  equal(t("integer", true), false);
  equal(t("float", 1.5), true);
  equal(t("number", true), true);
  equal(t("none", null), true);
  equal(t("none", undefined), false);
  equal(t("in", 2, [1, 2]), true);
  equal(t("eq", [1], [1]), true);
  equal(t("mapping", {}), true);
  equal(t("sequence", "s"), true);
  equal(t("iterable", {}), true);
  equal(t("lower", "ab1"), true);
  equal(t("upper", "1"), false);
  equal(t("divisibleby", 9, 3), true);
  equal(t("odd", -3), true);
});

Deno.test("namespace() and dict()", () => {
  const ns = (JINJA_GLOBALS.namespace as (...a: unknown[]) => Record<string, unknown>)(kw({ a: 1 }));
  equal(ns.a, 1);
  equal(String(ns), "<Namespace {'a': 1}>");
  deepEqual((JINJA_GLOBALS.dict as (...a: unknown[]) => unknown)([["x", 1]], kw({ y: 2 })), { x: 1, y: 2 });
});
