import { deepEqual, equal, notEqual, ok, throws } from "node:assert/strict";
import nunjucks from "nunjucks";
import { EventTimestamp, TimeZone } from "./timestamp.ts";

const kw = (values: Record<string, unknown>) => ({
  __keywords: true as const,
  ...values,
});

/** 2024-01-02T00:04:05.123456Z, in epoch microseconds. */
const US = 1704153845123456;
/** Epoch microseconds of a UTC date and time. */
const utc = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => Date.UTC(y, mo - 1, d, h, mi, s) * 1000;

// Expected strings below were printed by CPython 3.11 (datetime + zoneinfo).

Deno.test("isoformat follows Python's rules", () => {
  equal(new EventTimestamp(utc(2024, 1, 1)).isoformat(), "2024-01-01T00:00:00+00:00");
  const ts = new EventTimestamp(US, "UTC");
  equal(ts.isoformat(), "2024-01-02T00:04:05.123456+00:00");
  equal(ts.isoformat(" "), "2024-01-02 00:04:05.123456+00:00");
  equal(
    ts.isoformat(kw({ sep: " ", timespec: "milliseconds" })),
    "2024-01-02 00:04:05.123+00:00",
  );
  equal(ts.isoformat("T", "seconds"), "2024-01-02T00:04:05+00:00");
  equal(ts.isoformat(kw({ timespec: "minutes" })), "2024-01-02T00:04+00:00");
  equal(ts.isoformat(kw({ timespec: "hours" })), "2024-01-02T00+00:00");
  equal(
    new EventTimestamp(utc(2024, 1, 1)).isoformat(kw({ timespec: "microseconds" })),
    "2024-01-01T00:00:00.000000+00:00",
  );
  throws(() => ts.isoformat(kw({ timespec: "days" })), {
    message: "Unknown timespec `days`",
  });
  equal(
    new EventTimestamp(US, "America/New_York").isoformat(),
    "2024-01-01T19:04:05.123456-05:00",
  );
  equal(
    new EventTimestamp(utc(2024, 1, 1), "Asia/Kolkata").isoformat(),
    "2024-01-01T05:30:00+05:30",
  );
});

Deno.test("str() and JSON follow Python", () => {
  const ts = new EventTimestamp(US, "America/New_York");
  equal(String(ts), "2024-01-01 19:04:05.123456-05:00");
  equal(`${new EventTimestamp(utc(2024, 1, 1))}`, "2024-01-01 00:00:00+00:00");
  equal(JSON.stringify({ ts }), '{"ts":"2024-01-01T19:04:05.123456-05:00"}');
});

Deno.test("fields, weekday, isocalendar and timestamp()", () => {
  const ts = new EventTimestamp(US, "America/New_York");
  deepEqual(
    [ts.year, ts.month, ts.day, ts.hour, ts.minute, ts.second, ts.microsecond],
    [2024, 1, 1, 19, 4, 5, 123456],
  );
  equal(ts.weekday(), 0);
  equal(ts.isoweekday(), 1);
  deepEqual(ts.isocalendar(), [2024, 1, 1]);
  equal(ts.timestamp(), 1704153845.123456);
  equal(ts.epochMicroseconds, US);
  equal(ts.tzinfo, "America/New_York");
  equal(ts.utcoffset(), -5 * 3600);
  const before = new EventTimestamp(-1);
  equal(before.isoformat(), "1969-12-31T23:59:59.999999+00:00");
  equal(before.weekday(), 2);
});

Deno.test("strftime covers the C and Python directives", () => {
  const all = "%a %A %w %d %b %B %m %y %Y %H %I %p %M %S %f %z %Z %j %U %W %c %x %X %% %e %T %F %G %V %u";
  equal(
    new EventTimestamp(US, "UTC").strftime(all),
    "Tue Tuesday 2 02 Jan January 01 24 2024 00 12 AM 04 05 123456 +0000 UTC 002 00 01 Tue Jan  2 00:04:05 2024 01/02/24 00:04:05 %  2 00:04:05 2024-01-02 2024 01 2",
  );
  equal(
    new EventTimestamp(US, "America/New_York").strftime(all),
    "Mon Monday 1 01 Jan January 01 24 2024 19 07 PM 04 05 123456 -0500 EST 001 00 01 Mon Jan  1 19:04:05 2024 01/01/24 19:04:05 %  1 19:04:05 2024-01-01 2024 01 1",
  );
  equal(
    new EventTimestamp(US, "America/New_York").strftime(
      "%g %C %D %R %r %h %k %l %P %-d %-m %-H %_d %^a %10Y %Q %",
    ),
    "24 20 01/01/24 19:04 07:04:05 PM Jan 19  7 pm 1 1 19  1 MON 0000002024 %Q %",
  );
  equal(new EventTimestamp(US, "UTC").strftime("%s"), "1704153845");
  equal(new EventTimestamp(US, "Asia/Kolkata").strftime("%z %:z"), "+0530 +05:30");
  equal(
    new EventTimestamp(utc(2021, 1, 3)).strftime("%G-W%V-%u %U %W %j"),
    "2020-W53-7 01 00 003",
  );
  equal(
    new EventTimestamp(utc(2020, 12, 31)).strftime("%G-W%V-%u %U %W %j"),
    "2020-W53-4 52 52 366",
  );
  equal(
    new EventTimestamp(utc(2024, 7, 1, 12, 30, 5), "Europe/Berlin").strftime(
      "%d/%b/%Y:%H:%M:%S %z",
    ),
    "01/Jul/2024:14:30:05 +0200",
  );
});

Deno.test("%Z prints the zone's abbreviation", () => {
  const winter = US;
  const summer = 1720000000000000;
  const cases: Array<[string, string, string]> = [
    ["UTC", "UTC", "UTC"],
    ["America/New_York", "EST", "EDT"],
    ["Europe/Berlin", "CET", "CEST"],
    ["Europe/London", "GMT", "BST"],
    ["Asia/Kolkata", "IST", "IST"],
    ["Asia/Tokyo", "JST", "JST"],
    ["Australia/Sydney", "AEDT", "AEST"],
    ["Asia/Dubai", "+04", "+04"],
    ["America/Sao_Paulo", "-03", "-03"],
  ];
  for (const [zone, w, s] of cases) {
    equal(new EventTimestamp(winter, zone).strftime("%Z"), w, zone);
    equal(new EventTimestamp(summer, zone).tzname(), s, zone);
  }
});

Deno.test("offsets are exact at DST transitions, in any query order", () => {
  const cases: Array<[string, number, string, string]> = [
    [
      "America/New_York",
      utc(2024, 3, 10, 7),
      "2024-03-10T01:59:59.999999-05:00",
      "2024-03-10T03:00:00-04:00",
    ],
    [
      "America/New_York",
      utc(2024, 11, 3, 6),
      "2024-11-03T01:59:59.999999-04:00",
      "2024-11-03T01:00:00-05:00",
    ],
    [
      "Europe/Berlin",
      utc(2024, 3, 31, 1),
      "2024-03-31T01:59:59.999999+01:00",
      "2024-03-31T03:00:00+02:00",
    ],
    [
      "Europe/Berlin",
      utc(2024, 10, 27, 1),
      "2024-10-27T02:59:59.999999+02:00",
      "2024-10-27T02:00:00+01:00",
    ],
  ];
  // Forwards, then backwards, so cached intervals are hit from both sides.
  for (const order of [cases, [...cases].reverse()]) {
    for (const [zone, at, before, after] of order) {
      equal(new EventTimestamp(at - 1, zone).isoformat(), before);
      equal(new EventTimestamp(at, zone).isoformat(), after);
    }
  }
  const zone = TimeZone.of("Europe/Berlin");
  equal(zone, TimeZone.of("Europe/Berlin"), "one instance per name");
  for (let y = 1950; y < 2060; y += 7) {
    equal(zone.offsetAt(utc(y, 1, 15)), 3600, `winter ${y}`);
  }
});

Deno.test("unknown time zones are refused", () => {
  throws(() => new EventTimestamp(0, "Mars/Olympus"), {
    message: "Unknown time zone `Mars/Olympus`",
  });
});

Deno.test("reset moves the object to another instant", () => {
  const ts = new EventTimestamp(utc(2024, 1, 1), "UTC");
  equal(ts.isoformat(), "2024-01-01T00:00:00+00:00");
  equal(ts.reset(utc(2025, 6, 1, 12)), ts);
  equal(ts.isoformat(), "2025-06-01T12:00:00+00:00");
  equal(ts.hour, 12);
});

Deno.test("date(), time(), replace() and astimezone()", () => {
  const ts = new EventTimestamp(US, "America/New_York");
  equal(String(ts.date()), "2024-01-01");
  equal(String(ts.time()), "19:04:05.123456");
  equal(ts.date().strftime("%d.%m.%Y %z"), "01.01.2024 ");
  equal(
    new EventTimestamp(US, "Europe/Berlin").replace(kw({ month: 7, microsecond: 0 }))
      .isoformat(),
    "2024-07-02T01:04:05+02:00",
  );
  // An ambiguous wall time takes the earlier offset, as Python's fold=0.
  equal(
    ts.replace(kw({ month: 11, day: 3, hour: 1, minute: 30 })).isoformat(),
    "2024-11-03T01:30:05.123456-04:00",
  );
  // A skipped wall time moves forward by the gap (Python keeps 02:30-05:00,
  // which names no real instant).
  equal(
    ts.replace(kw({ month: 3, day: 10, hour: 2, minute: 30 })).isoformat(),
    "2024-03-10T03:30:05.123456-04:00",
  );
  throws(() => ts.replace(kw({ month: 2, day: 30 })), {
    message: "Cannot replace fields of a timestamp: 2024-2-30 19:4:5.123456 is not a valid date and time",
  });
  equal(ts.astimezone("Asia/Tokyo").isoformat(), "2024-01-02T09:04:05.123456+09:00");
});

Deno.test("comparisons use the instant, concatenation the text", () => {
  const a = new EventTimestamp(utc(2024, 1, 1));
  const b = new EventTimestamp(utc(2024, 1, 2), "Asia/Tokyo");
  ok((a as unknown as number) < (b as unknown as number));
  equal("at " + a, "at 2024-01-01 00:00:00+00:00");
  notEqual(a.toString(), b.toString());
});

Deno.test("timestamps work from Nunjucks templates", () => {
  const uninstall = nunjucks.installJinjaCompat() as unknown as () => void;
  try {
    const env = new nunjucks.Environment(null, { autoescape: false });
    const timestamp = new EventTimestamp(US, "America/New_York");
    equal(
      env.renderString(
        "{{ timestamp }}|{{ timestamp.isoformat() }}|{{ timestamp.isoformat(sep=' ', timespec='seconds') }}|" +
          "{{ timestamp.year }}-{{ timestamp.month }}|{{ timestamp.strftime('%d/%b/%Y:%H:%M:%S %z') }}|" +
          "{{ 'at ' ~ timestamp }}|{{ timestamp.hour < 20 }}|{{ timestamp.date() }}",
        { timestamp },
      ),
      "2024-01-01 19:04:05.123456-05:00|2024-01-01T19:04:05.123456-05:00|2024-01-01 19:04:05-05:00|" +
        "2024-1|01/Jan/2024:19:04:05 -0500|at 2024-01-01 19:04:05.123456-05:00|true|2024-01-01",
    );
  } finally {
    uninstall();
  }
});
