import { deepEqual, equal } from "node:assert/strict";
import { checkTime, formatUs, parseDuration, parseSize, resolveTime } from "./time.ts";

Deno.test("parseDuration reads units and compounds", () => {
  deepEqual(
    ["500ms", "1s", "1h30m", "7d", "2w", "1.5s", "250us"].map(parseDuration),
    [500_000, 1_000_000, 5_400_000_000, 604_800_000_000, 1_209_600_000_000, 1_500_000, 250],
  );
  equal(typeof parseDuration("5sec"), "string");
  equal(typeof parseDuration(""), "string");
});

Deno.test("parseSize reads SI and binary units", () => {
  deepEqual(["512KB", "10MB", "1GiB", "3B"].map(parseSize), [512_000, 10_000_000, 1024 ** 3, 3]);
  equal(typeof parseSize("10mb"), "string");
});

Deno.test("checkTime accepts the documented forms", () => {
  for (
    const t of [
      "now",
      "never",
      "+1d12h",
      "-30m",
      "14:30",
      "2024-01-01",
      "2024-01-01T08:00:00Z",
      "2024-03-04T00:00:00+01:00",
      "2024-01-01T08:00",
    ]
  ) {
    equal(checkTime(t), undefined, t);
  }
  for (const t of ["2024-13-01", "2024-02-30", "25:00", "+5x", "2024-01-01T25:00"]) {
    equal(typeof checkTime(t), "string", t);
  }
});

Deno.test("resolveTime honours offsets, timezones and bases", () => {
  const ctx = { now: 1_000_000, timezone: "Europe/Berlin" };
  equal(resolveTime("now", ctx), 1_000_000);
  equal(resolveTime("never", ctx), Infinity);
  equal(resolveTime("+1s", ctx), 2_000_000);
  equal(resolveTime("+1s", { ...ctx, base: 5_000_000 }), 6_000_000);
  equal(formatUs(resolveTime("2024-03-04T00:00:00+01:00", ctx)), "2024-03-03T23:00:00.000Z");
  equal(formatUs(resolveTime("2024-03-04T00:00", ctx)), "2024-03-03T23:00:00.000Z");
  equal(formatUs(resolveTime("2024-07-04", ctx)), "2024-07-03T22:00:00.000Z");
  equal(
    formatUs(resolveTime("14:30", { now: Date.UTC(2024, 0, 2, 9) * 1000, timezone: "UTC" })),
    "2024-01-02T14:30:00.000Z",
  );
});

Deno.test("resolveTime's fast path agrees with Temporal", () => {
  for (
    const t of [
      "2024-01-01T00:00:00Z",
      "2024-03-04T00:00:00+01:00",
      "2024-03-04T23:59:59.123456-05:30",
      "2024-02-29T12:00Z",
      "1999-12-31T23:59:59.9Z",
    ]
  ) {
    equal(resolveTime(t, { now: 0, timezone: "UTC" }), Number(Temporal.Instant.from(t).epochNanoseconds / 1000n), t);
  }
});
