import { deepEqual, equal, throws } from "node:assert/strict";
import {
  pyAdd,
  pyCompareChain,
  pyConcat,
  pyDiv,
  pyFloorDiv,
  pyIn,
  pyIter,
  pyMod,
  pyMul,
  pyNeg,
  pySub,
  pyUnpack,
} from "./operators.ts";
import { Timedelta } from "./datetime.ts";
import { Bytes } from "./bytes.ts";
import { tuple } from "./values.ts";

Deno.test("arithmetic keeps JavaScript's for numbers and follows Python otherwise", () => {
  equal(pyAdd(1, 2), 3);
  equal(pyAdd("a", "b"), "ab");
  deepEqual(pyAdd([1], [2]), [1, 2]);
  equal(String(pyAdd(tuple([1]), tuple([2]))), "(1, 2)");
  equal(String(pyAdd(Bytes.fromText("a"), Bytes.fromText("b"))), "b'ab'");
  equal(pySub(5, 3), 2);
  equal(pyMul("-", 3), "---");
  equal(pyMul(2, "ab"), "abab");
  deepEqual(pyMul([0], 2), [0, 0]);
  equal(pyMul("x", -1), "");
  throws(() => pyMul("a", "b"), /unsupported operand type\(s\) for \*: 'str' and 'str'/);
  equal(pyDiv(7, 2), 3.5);
  throws(() => pyDiv(1, 0), /ZeroDivisionError: division by zero/);
  equal(pyFloorDiv(-7, 2), -4);
  equal(pyFloorDiv(7.5, 2), 3);
  equal(pyFloorDiv(1, 0.1), 9);
  throws(() => pyFloorDiv(1, 0), /ZeroDivisionError/);
  equal(pyMod(-7, 3), 2);
  equal(pyMod(7, -3), -2);
  equal(pyMod(5.5, 2), 1.5);
  throws(() => pyMod(1, 0), /ZeroDivisionError/);
  equal(pyMod("%03d-%s", [7, "x"]), "007-x");
  equal(pyNeg(3), -3);
  equal(String(pyNeg(Timedelta.of({ seconds: 1 }))), "-1 day, 23:59:59");
  equal(String(pyMod(Timedelta.of({ seconds: 90 }), Timedelta.of({ minutes: 1 }))), "0:00:30");
  equal(pyConcat("a", null), "aNone");
  equal(pyConcat(1, [2]), "1[2]");
});

Deno.test("membership", () => {
  equal(pyIn("b", "abc"), true);
  equal(pyIn(1, [true]), true);
  equal(pyIn({ a: 1 }, [{ a: 1 }]), true);
  equal(pyIn("k", { k: 1 }), true);
  equal(pyIn("toString", {}), false);
  equal(pyIn("k", new Map([["k", 1]])), true);
  equal(pyIn(98, Bytes.fromText("ab")), true);
  equal(pyIn("bc", Bytes.fromText("abc")), true);
  throws(() => pyIn(1, "abc"), /'in <string>' requires string as left operand, not int/);
  throws(() => pyIn(1, undefined), /argument of type 'Undefined' is not iterable/);
});

Deno.test("iteration, unpacking and chained comparisons", () => {
  deepEqual(pyIter({ a: 1, b: 2 }, 1), ["a", "b"]);
  deepEqual(pyIter({ a: 1 }, 2), [["a", 1]]);
  deepEqual(pyIter(new Set([1]), 1), [1]);
  deepEqual(pyIter([1], 1), [1]);
  deepEqual(pyUnpack([1, 2], 2), [1, 2]);
  deepEqual(pyUnpack("ab", 2), ["a", "b"]);
  deepEqual(pyUnpack(0, 2), [0, 0], "Nunjucks gives a non-sequence to every name");
  throws(() => pyUnpack([1, 2, 3], 2), /too many values to unpack \(expected 2\)/);
  throws(() => pyUnpack([1], 2), /not enough values to unpack \(expected 2, got 1\)/);
  let calls = 0;
  const next = (v: number) => () => {
    calls++;
    return v;
  };
  equal(pyCompareChain(0, "<", next(5), "<", next(10)), true);
  equal(pyCompareChain(0, ">", next(5), "<", next(10)), false);
  equal(calls, 3, "the chain stops at the first false link");
  equal(pyCompareChain([1], "==", () => [1], "!=", () => [2]), true);
});
