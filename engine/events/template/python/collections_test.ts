import { deepEqual, equal, throws } from "node:assert/strict";
import { DICT_METHODS, dictEntries, LIST_METHODS, pyCompare } from "./collections.ts";
import { pyStr } from "./values.ts";

const kw = (values: Record<string, unknown>) => ({ __keywords: true as const, ...values });
const list = (l: unknown[], name: string, ...args: unknown[]) =>
  (LIST_METHODS.get(name) as (l: unknown[], ...a: unknown[]) => unknown)(l, ...args);
const dict = (d: Record<string, unknown>, name: string, ...args: unknown[]) =>
  (DICT_METHODS.get(name) as (d: Record<string, unknown>, ...a: unknown[]) => unknown)(d, ...args);

Deno.test("list methods mutate in place and return None", () => {
  const l: unknown[] = [3, 1, 2];
  equal(list(l, "append", 4), null);
  list(l, "insert", 0, 9);
  list(l, "insert", -1, 8);
  list(l, "extend", [5]);
  deepEqual(l, [9, 3, 1, 2, 8, 4, 5]);
  equal(list(l, "pop"), 5);
  equal(list(l, "pop", 0), 9);
  equal(list(l, "pop", -1), 4);
  list(l, "remove", 1);
  deepEqual(l, [3, 2, 8]);
  list(l, "sort");
  deepEqual(l, [2, 3, 8]);
  list(l, "sort", kw({ reverse: true }));
  deepEqual(l, [8, 3, 2]);
  list(l, "reverse");
  deepEqual(l, [2, 3, 8]);
  equal(list(l, "index", 8), 2);
  equal(list([[1], [1]], "count", [1]), 2);
  deepEqual(list(l, "copy"), [2, 3, 8]);
  list(l, "clear");
  deepEqual(l, []);
});

Deno.test("list methods fail as Python does", () => {
  throws(() => list([], "pop"), /pop from empty list/);
  throws(() => list([1], "pop", 3), /pop index out of range/);
  throws(() => list([1], "remove", 2), /list.remove\(x\): x not in list/);
  throws(() => list([1], "index", "a"), /'a' is not in list/);
  throws(() => list(Object.freeze([1]) as unknown[], "append", 2), /has no attribute 'append'/);
  throws(() => list([1, "a"], "sort"), /'<' not supported between instances of 'str' and 'int'/);
});

Deno.test("sorting orders numbers, strings and lists as Python does", () => {
  const l: unknown[] = [10, 9, 1.5, true];
  list(l, "sort");
  deepEqual(l, [true, 1.5, 9, 10]);
  equal(pyCompare([1, 2], [1, 3]) < 0, true);
  equal(pyCompare("B", "a") < 0, true);
});

Deno.test("dict methods", () => {
  const d: Record<string, unknown> = { a: 1 };
  equal(dict(d, "get", "a"), 1);
  equal(dict(d, "get", "z"), null);
  equal(dict(d, "get", "z", 0), 0);
  dict(d, "update", { b: 2 }, kw({ c: 3 }));
  dict(d, "update", [["d", 4]]);
  deepEqual(d, { a: 1, b: 2, c: 3, d: 4 });
  equal(dict(d, "pop", "a"), 1);
  equal(dict(d, "pop", "z", "none"), "none");
  throws(() => dict(d, "pop", "z"), /KeyError: 'z'/);
  equal(pyStr(dict(d, "popitem")), "('d', 4)");
  equal(dict(d, "setdefault", "e", 5), 5);
  equal(dict(d, "setdefault", "e", 6), 5);
  equal(pyStr(dict(d, "items")), "[('b', 2), ('c', 3), ('e', 5)]");
  deepEqual(dict(d, "keys"), ["b", "c", "e"]);
  deepEqual(dict(d, "values"), [2, 3, 5]);
  deepEqual(dict(d, "copy"), { b: 2, c: 3, e: 5 });
  dict(d, "clear");
  deepEqual(d, {});
  deepEqual(dictEntries([{ a: 1 }, kw({ b: 2 })]), [["a", 1], ["b", 2]]);
});
