import { deepEqual, equal, throws } from "node:assert/strict";
import {
  callMember,
  callPlain,
  isPlainKey,
  memberLookup,
  Namespace,
  plainMember,
  setAttribute,
  sliceLookup,
} from "./_lookup.ts";
import { loadSample } from "../samples.ts";
import { Bytes } from "./bytes.ts";
import { State } from "../state.ts";

Deno.test("methods by Python's names, bound to their object", () => {
  equal((memberLookup("a,b", "split") as (s: string) => string[])(",").length, 2);
  equal((memberLookup("ab", "toUpperCase") as () => string)(), "AB", "JavaScript's names still work");
  const list = [1];
  (memberLookup(list, "append") as (x: unknown) => void)(2);
  deepEqual(list, [1, 2]);
  equal((memberLookup({ a: 1 }, "get") as (k: string) => unknown)("a"), 1);
  equal(memberLookup({ a: 1 }, "a"), 1);
  equal(memberLookup(null, "a"), undefined);
  equal((memberLookup(new State({ k: 2 }), "get") as (k: string) => unknown)("k"), 2, "a State keeps its own get()");
});

Deno.test("a class's own members win over list methods", () => {
  const rows = loadSample({ kind: "items", items: [{ count: 3, sort: "s" }] }, () => "");
  const row = rows[0];
  equal(memberLookup(row, "count"), 3);
  equal(memberLookup(row, "sort"), "s");
  equal(typeof memberLookup(rows, "pick"), "function");
  equal((memberLookup(rows, "count") as (x: unknown) => number)(row), 1);
});

Deno.test("negative indexes", () => {
  equal(memberLookup([1, 2, 3], -1), 3);
  equal(memberLookup("abc", -2), "b");
  equal(memberLookup(Bytes.fromText("ab"), -1), 98);
});

Deno.test("slices by Python's rules", () => {
  equal(sliceLookup("abcdef", null, 3, 1), "abc");
  equal(sliceLookup("abcdef", -3, null, 1), "def");
  equal(sliceLookup("abcdef", null, null, -2), "fdb");
  equal(sliceLookup("abc", 5, null, 1), "");
  deepEqual(sliceLookup([1, 2, 3, 4], 1, -1, 1), [2, 3]);
  deepEqual(sliceLookup([1, 2, 3, 4], null, null, -1), [4, 3, 2, 1]);
  deepEqual(sliceLookup([1, 2, 3], -10, 10, 1), [1, 2, 3]);
  const rows = loadSample({ kind: "items", items: [["a", "b", "c"]] }, () => "");
  equal(String(sliceLookup(rows[0], 1, null, 1)), "('b', 'c')");
  equal(String(sliceLookup(Bytes.fromText("abc"), 1, null, 1)), "b'bc'");
  equal(sliceLookup(undefined, 1, 2, 1), undefined);
  throws(() => sliceLookup("abc", null, null, 0), /slice step cannot be zero/);
  throws(() => sliceLookup(5, null, null, 1), /'int' object is not subscriptable/);
});

Deno.test("set attributes on a namespace", () => {
  const ns = new Namespace([["n", 1]]);
  setAttribute(ns, "n", 2);
  equal(ns.n, 2);
  throws(() => setAttribute("s", "x", 1), /works on a `namespace\(\)`/);
});

/** What Nunjucks does for `obj.key(args)`: look the member up, then `callWrap`. */
function slowCall(obj: unknown, key: string, context: unknown, args: unknown[]): unknown {
  const fn = memberLookup(obj, key);
  if (!fn) throw new Error("Unable to call `x.f`, which is undefined or falsey");
  if (typeof fn !== "function") throw new Error("Unable to call `x.f`, which is not a function");
  return fn.apply(context, args);
}

Deno.test("member calls and plain lookups do what a lookup and callWrap do", () => {
  const callable = Object.assign(function (this: unknown) {
    return this;
  }, { [Symbol.for("eventum.callableModule")]: true });
  const rows = loadSample({ kind: "items", items: [{ count: 3 }] }, () => "");
  const objects: unknown[] = [
    "a,b",
    [3, 1, 2],
    { a: 1, get: 5, f: () => 7 },
    new State({ k: 2 }),
    rows,
    { f: callable },
    { f: 3 },
    null,
    undefined,
    new Bytes(new Uint8Array([1, 2])),
  ];
  const keys = ["split", "upper", "append", "count", "get", "keys", "f", "missing", "length", "toString", "pick"];
  const context = { ctx: true };
  const outcome = (f: () => unknown) => {
    try {
      const v = f();
      return { v: typeof v === "function" ? "fn" : v };
    } catch (e) {
      return { e: (e as Error).message };
    }
  };
  for (const obj of objects) {
    for (const key of keys) {
      const args = key === "split" ? [","] : key === "append" || key === "count" ? [1] : [];
      const copy =
        () => (Array.isArray(obj) && !(obj instanceof Object.getPrototypeOf(rows).constructor) ? [...obj] : obj);
      const want = outcome(() => slowCall(copy(), key, context, [...args]));
      deepEqual(outcome(() => callMember(copy(), key, "x.f", context, [...args])), want, `${String(obj)}.${key}()`);
      if (isPlainKey(key)) {
        deepEqual(
          outcome(() => callPlain(copy(), key, "x.f", context, [...args])),
          want,
          `plain ${String(obj)}.${key}()`,
        );
        deepEqual(outcome(() => plainMember(obj, key)), outcome(() => memberLookup(obj, key)), `${String(obj)}.${key}`);
      }
    }
  }
});
