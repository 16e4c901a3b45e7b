import { equal } from "node:assert/strict";
import { isDict, pyEq, pyStr, pyTruth, pyTypeName, tuple } from "./values.ts";
import { Bytes } from "./bytes.ts";
import { EventTimestamp } from "../timestamp.ts";
import { Timedelta } from "./datetime.ts";

Deno.test("pyStr prints as Python's str()", () => {
  equal(pyStr(null), "None");
  equal(pyStr(undefined), "");
  equal(pyStr(true), "True");
  equal(pyStr(1e18), "1000000000000000000");
  equal(pyStr(1e21), "1000000000000000000000");
  equal(pyStr(2.5), "2.5");
  equal(pyStr(1e-7), "1e-07");
  equal(pyStr([1, "a", [null]]), "[1, 'a', [None]]");
  equal(pyStr({ a: { b: true } }), "{'a': {'b': True}}");
  equal(pyStr(tuple([1])), "(1,)");
  equal(pyStr(new Map([["k", 1]])), "{'k': 1}");
  equal(pyStr(Bytes.fromText("x")), "b'x'");
  equal(pyStr(new EventTimestamp(0, "UTC")), "1970-01-01 00:00:00+00:00");
});

Deno.test("pyTruth: empty containers, zero and None are false", () => {
  for (const v of [[], {}, "", 0, null, undefined, false, new Map(), Bytes.fromText(""), Timedelta.of({})]) {
    equal(pyTruth(v), false, String(v));
  }
  for (
    const v of [
      [0],
      { a: 0 },
      " ",
      1,
      -1,
      true,
      Bytes.fromText("x"),
      Timedelta.of({ seconds: 1 }),
      new EventTimestamp(0),
    ]
  ) {
    equal(pyTruth(v), true, String(v));
  }
});

Deno.test("pyEq compares by value", () => {
  equal(pyEq([1, { a: [2] }], [1, { a: [2] }]), true);
  equal(pyEq({ a: 1 }, { a: 1, b: 2 }), false);
  equal(pyEq("1", 1), false);
  equal(pyEq(1, true), true);
  equal(pyEq(null, undefined), true);
  equal(pyEq(new EventTimestamp(5, "UTC"), new EventTimestamp(5, "Europe/Berlin")), true);
  equal(pyEq(Bytes.fromText("a"), Bytes.fromText("a")), true);
  equal(pyEq(Timedelta.of({ minutes: 1 }), Timedelta.of({ seconds: 60 })), true);
  equal(pyEq(NaN, NaN), false);
});

Deno.test("type names and dicts", () => {
  equal(pyTypeName("x"), "str");
  equal(pyTypeName(1), "int");
  equal(pyTypeName(1.5), "float");
  equal(pyTypeName(null), "NoneType");
  equal(pyTypeName(tuple([])), "tuple");
  equal(pyTypeName({}), "dict");
  equal(isDict(Object.create(null)), true);
  equal(isDict(new Timedelta(1)), false);
});
