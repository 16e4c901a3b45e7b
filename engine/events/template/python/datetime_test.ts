import { equal, throws } from "node:assert/strict";
import { EventDate, EventTimestamp } from "../timestamp.ts";
import { addTime, createDatetime, mulTime, subTime, Timedelta } from "./datetime.ts";
import { pyRepr } from "../_py_repr.ts";
import { pyEq, pyTruth } from "./values.ts";

const kw = (values: Record<string, unknown>) => ({ __keywords: true as const, ...values });
const { timedelta, datetime, date } = createDatetime(() => Date.UTC(2024, 0, 2, 3, 4, 5) * 1000);

Deno.test("timedelta normalizes, prints and reprs like Python", () => {
  const td = timedelta(kw({ days: 1, hours: 2, minutes: 3, seconds: 4, milliseconds: 5 }));
  equal(String(td), "1 day, 2:03:04.005000");
  equal(td.days, 1);
  equal(td.seconds, 7384);
  equal(td.microseconds, 5000);
  equal(td.total_seconds(), 93784.005);
  equal(String(timedelta(kw({ seconds: -1 }))), "-1 day, 23:59:59");
  equal(String(timedelta(kw({ weeks: 2 }))), "14 days, 0:00:00");
  equal(String(timedelta(kw({ microseconds: 1 }))), "0:00:00.000001");
  equal(String(timedelta(0, 90)), "0:01:30");
  equal(String(timedelta(kw({ seconds: 0.5e-6 }))), "0:00:00", "rounds half to even");
  equal(pyRepr(timedelta(kw({ hours: 1 }))), "datetime.timedelta(seconds=3600)");
  equal(pyRepr(timedelta(kw({ days: -1, microseconds: 5 }))), "datetime.timedelta(days=-1, microseconds=5)");
  equal(pyRepr(timedelta()), "datetime.timedelta(0)");
  equal(pyTruth(timedelta()), false);
  equal(pyEq(timedelta(kw({ minutes: 60 })), timedelta(kw({ hours: 1 }))), true);
  throws(() => timedelta(kw({ hour: 1 })), /unexpected keyword argument 'hour'/);
  throws(() => timedelta("1"), /unsupported type for timedelta days component/);
});

Deno.test("timestamps and timedeltas add and subtract as in Python", () => {
  const ts = new EventTimestamp(Date.UTC(2024, 0, 15, 23, 59, 30) * 1000, "UTC");
  const td = Timedelta.of({ seconds: 45.5 });
  equal((addTime(ts, td) as EventTimestamp).isoformat(), "2024-01-16T00:00:15.500000+00:00");
  equal((addTime(td, ts) as EventTimestamp).isoformat(), "2024-01-16T00:00:15.500000+00:00");
  equal((subTime(ts, Timedelta.of({ hours: 3 })) as EventTimestamp).isoformat(), "2024-01-15T20:59:30+00:00");
  equal(String(subTime(addTime(ts, td), ts)), "0:00:45.500000");
  equal(String(subTime(ts, addTime(ts, td))), "-1 day, 23:59:14.500000");
  equal(String(addTime(td, td)), "0:01:31");
  equal(String(mulTime(td, 2, "*")), "0:01:31");
  equal(String(mulTime(3, td, "*")), "0:02:16.500000");
  equal(mulTime(td, Timedelta.of({ seconds: 91 }), "/"), 0.5);
  equal(addTime(1, 2), undefined);
  equal(td < Timedelta.of({ minutes: 1 }), true);
});

Deno.test("an aware timestamp keeps its zone and moves its wall clock, across DST", () => {
  const ts = new EventTimestamp(Date.UTC(2024, 2, 31, 0, 30) * 1000, "Europe/Berlin");
  equal((addTime(ts, Timedelta.of({ hours: 2 })) as EventTimestamp).isoformat(), "2024-03-31T03:30:00+02:00");
  const dayAfter = addTime(ts, Timedelta.of({ days: 1 })) as EventTimestamp;
  equal(dayAfter.isoformat(), "2024-04-01T01:30:00+02:00");
  equal(String(subTime(dayAfter, ts)), "1 day, 0:00:00", "same zone: wall-clock difference");
  equal(String(subTime(dayAfter.astimezone("UTC"), ts)), "23:00:00", "other zones: the instants' difference");
  const date = new EventDate(Date.UTC(2024, 0, 31) * 1000);
  equal(String(addTime(date, Timedelta.of({ days: 1, hours: 5 }))), "2024-02-01");
  throws(() => subTime(ts, new EventTimestamp(0, null)), /can't subtract offset-naive and offset-aware datetimes/);
});

Deno.test("datetime.now, fromisoformat, fromtimestamp, date.today", () => {
  equal(datetime.now("UTC").isoformat(), "2024-01-02T03:04:05+00:00");
  equal(datetime.now(kw({ tz: "Asia/Tokyo" })).isoformat(), "2024-01-02T12:04:05+09:00");
  equal(datetime.utcnow().isoformat(), "2024-01-02T03:04:05");
  equal(datetime.fromisoformat("2024-05-06T07:08:09.5+02:00").isoformat(), "2024-05-06T07:08:09.500000+02:00");
  equal(datetime.fromisoformat("2024-05-06 07:08").isoformat(), "2024-05-06T07:08:00");
  equal(datetime.fromisoformat("2024-05-06T07:08:09Z").isoformat(), "2024-05-06T07:08:09+00:00");
  equal(datetime.fromtimestamp(0, "UTC").isoformat(), "1970-01-01T00:00:00+00:00");
  equal(date.fromisoformat("2024-02-29").isoformat(), "2024-02-29");
  equal(typeof date.today().isoformat(), "string");
  throws(() => datetime.fromisoformat("yesterday"), /Invalid isoformat string: 'yesterday'/);
});
