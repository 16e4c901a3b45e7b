import { deepEqual } from "node:assert/strict";
import fc from "fast-check";
import { LineEncoder } from "./_write.ts";

const encoder = new TextEncoder();

/** Each record and separator encoded alone, as a per-record writer would. */
function expected(records: readonly string[], separator: string): Uint8Array {
  const parts = records.flatMap((r) => [encoder.encode(r), encoder.encode(separator)]);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// Any UTF-16 unit, lone surrogates included, and some that pair up.
const unit = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  fc.constantFrom("a", "é", "\n", "\ud83d", "\ude00", "😀"),
);
const text = fc.string({ unit, maxLength: 40 });
// Short records are joined before encoding, long ones (256 units and more) are not.
const record = fc.oneof(text, fc.string({ unit, minLength: 250, maxLength: 300 }));

Deno.test("LineEncoder gives the bytes of each record and separator encoded alone", () => {
  fc.assert(
    fc.property(
      fc.array(record, { maxLength: 50 }),
      fc.oneof(text, fc.constantFrom("\n", "", "\r\n")),
      (records, sep) => {
        const enc = new LineEncoder(sep);
        deepEqual(enc.encode(records, 0, records.length), expected(records, sep));
        // The buffer is reused: a second batch gives its own bytes.
        deepEqual(enc.encode(records, 1, records.length), expected(records.slice(1), sep));
      },
    ),
    { numRuns: 500 },
  );
});

Deno.test("LineEncoder: batches larger than its buffer and than a chunk", () => {
  const records = Array.from({ length: 30_000 }, (_, i) => `{"id": ${i}, "name": "é${"x".repeat(i % 50)}"}`);
  records.push("x".repeat(100_000));
  deepEqual(new LineEncoder("\n").encode(records, 0, records.length), expected(records, "\n"));
});
