import { equal, throws } from "node:assert/strict";
import { createJson, dumps, tojson } from "./json.ts";
import { Bytes } from "./bytes.ts";
import { EventTimestamp } from "../timestamp.ts";

Deno.test("dumps writes what Python's json.dumps writes", () => {
  equal(dumps({ a: [1, 2.5, null, true], b: "x" }), '{"a": [1, 2.5, null, true], "b": "x"}');
  equal(
    dumps({ "é": "\u2028", a: [1, { b: null }] }, { indent: 2, sort_keys: true }),
    '{\n  "a": [\n    1,\n    {\n      "b": null\n    }\n  ],\n  "\\u00e9": "\\u2028"\n}',
  );
  equal(dumps({ a: 1 }, { separators: [",", ":"] }), '{"a":1}');
  equal(dumps("\x7f\x01"), '"\\u007f\\u0001"');
  equal(dumps("é\x7f", { ensure_ascii: false }), '"é\x7f"');
  equal(dumps([NaN, Infinity, 1e21]), "[NaN, Infinity, 1000000000000000000000]");
  equal(dumps([[], {}], { indent: 2 }), "[\n  [],\n  {}\n]");
  equal(dumps(new EventTimestamp(0, "UTC")), '"1970-01-01T00:00:00+00:00"');
  throws(() => dumps(Bytes.fromText("x")), /Object of type bytes is not JSON serializable/);
  throws(() => dumps([undefined]), /Object of type Undefined is not JSON serializable/);
});

Deno.test("tojson sorts keys and escapes what HTML must not see", () => {
  equal(tojson({ b: 1, a: "<x>&'y'" }), '{"a": "\\u003cx\\u003e\\u0026\\u0027y\\u0027", "b": 1}');
  equal(tojson([1], 2), "[\n  1\n]");
});

Deno.test("module.json", () => {
  const json = createJson();
  equal(json.dumps({ b: 1, a: 2 }, { __keywords: true, sort_keys: true }), '{"a": 2, "b": 1}');
  equal(json.dumps([1], { __keywords: true, indent: 1 }), "[\n 1\n]");
  equal((json.loads('{"k": [1, 2]}') as { k: number[] }).k[1], 2);
  throws(() => json.loads("{"), /JSONDecodeError/);
});
