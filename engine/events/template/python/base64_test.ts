import { equal, throws } from "node:assert/strict";
import { createBase64, decodeBase64, encodeBase64 } from "./base64.ts";
import { Bytes } from "./bytes.ts";

const base64 = createBase64();

Deno.test("b64encode returns bytes; decode() gives text", () => {
  equal(String(base64.b64encode("hello")), "b'aGVsbG8='");
  equal(base64.b64encode(Bytes.fromText("admin:s3cr3t?>")).decode(), "YWRtaW46czNjcjN0Pz4=");
  equal(String(base64.urlsafe_b64encode(new Bytes(new Uint8Array([251, 255, 254])))), "b'-__-'");
  equal(String(base64.b64encode(new Bytes(new Uint8Array([251, 255, 254])))), "b'+//+'");
  equal(String(base64.b64encode("ab", { __keywords: true, altchars: "-_" })), "b'YWI='");
  equal(String(base64.b16encode(new Bytes(new Uint8Array([1, 0xab])))), "b'01AB'");
  for (const n of [0, 1, 2, 3, 4, 5]) {
    const data = Uint8Array.from({ length: n }, (_, i) => i * 37);
    equal(new Bytes(decodeBase64(encodeBase64(data))).hex(), new Bytes(data).hex());
  }
});

Deno.test("b64decode skips characters outside the alphabet and checks padding", () => {
  equal(base64.b64decode("aG k=").decode(), "hi");
  equal(base64.urlsafe_b64decode("-__-").hex(), "fbfffe");
  equal(base64.b16decode("01AB").hex(), "01ab");
  throws(() => base64.b64decode("aGk"), /Incorrect padding/);
  throws(() => base64.b64decode("aG k=", { __keywords: true, validate: true }), /Non-base64 digit found/);
  throws(() => base64.b64decode("a"), /cannot be 1 more than a multiple of 4/);
});
