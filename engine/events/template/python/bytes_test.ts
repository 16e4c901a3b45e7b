import { equal, throws } from "node:assert/strict";
import { Bytes } from "./bytes.ts";
import { pyRepr } from "../_py_repr.ts";

Deno.test("bytes print like Python's repr", () => {
  equal(
    String(Bytes.fromText(`it's "q" \\ \t\x00`).concat(new Bytes(new Uint8Array([0xff])))),
    `b'it\\'s "q" \\\\ \\t\\x00\\xff'`,
  );
  equal(String(Bytes.fromText("it's")), `b"it's"`);
  equal(String(Bytes.fromText('a"b')), `b'a"b'`);
  equal(pyRepr([Bytes.fromText("x")]), "[b'x']");
});

Deno.test("bytes encode and decode text", () => {
  const b = Bytes.fromText("héllo");
  equal(b.length, 6);
  equal(b.decode(), "héllo");
  equal(b.hex(), "68c3a96c6c6f");
  equal(b.hex(":"), "68:c3:a9:6c:6c:6f");
  equal(Bytes.fromText("é", "latin-1").hex(), "e9");
  equal(new Bytes(new Uint8Array([0xff])).decode("latin-1"), "ÿ");
  equal(new Bytes(new Uint8Array([0xff])).decode({ __keywords: true, errors: "replace" }), "\ufffd");
  equal(new Bytes(new Uint8Array([0x61, 0xff])).decode("utf-8", "ignore"), "a");
  throws(() => new Bytes(new Uint8Array([0xff])).decode(), /UnicodeDecodeError/);
  throws(
    () => Bytes.fromText("é", "ascii"),
    /UnicodeEncodeError: 'ascii' codec can't encode character '\\u00e9' in position 0/,
  );
  throws(() => Bytes.fromText("x", "utf-32"), /LookupError: unknown encoding: utf-32/);
});

Deno.test("bytes index, slice, compare and iterate", () => {
  const b = Bytes.fromText("abc");
  equal(b.at(0), 97);
  equal(b.at(-1), 99);
  equal(String(b.slice(1)), "b'bc'");
  equal(b.equals(Bytes.fromText("abc")), true);
  equal([...b].join(), "97,98,99");
  equal(b.startswith("ab"), true);
  equal(b.endswith(Bytes.fromText("bc")), true);
  equal(String(b.upper()), "b'ABC'");
  equal(String(Bytes.from([1, 2], "test")), "b'\\x01\\x02'");
  throws(() => Bytes.from(5, "hash it"), /Cannot hash it: expected bytes or a string, got `5`/);
});
