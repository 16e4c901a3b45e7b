/**
 * The `file` output beyond the contract: write modes, rotation by size and
 * by event time, gzip, permission bits, a file moved away by logrotate, the
 * sandbox grants rotation needs, and a real failing disk.
 */
import { deepEqual, equal, match, ok, rejects, throws } from "node:assert/strict";
import * as v from "valibot";
import zlib from "node:zlib";
import { type FileHooks, fileOutput, nextBoundary, openFileOutput, rotatedNames } from "./file.ts";
import { Duration, Size } from "../schema.ts";
import { OutputError, type OutputPlugin } from "../spec.ts";
import { retryable } from "./delivery.ts";
import { loadScenario } from "../../dsl/load.ts";

const SIGNAL = new AbortController().signal;
const H = 3600e6;
const T0 = Date.UTC(2024, 0, 1) * 1000;

function open(dir: string, options: Record<string, unknown>, hooks: FileHooks = {}, timezone = "UTC"): OutputPlugin {
  return openFileOutput(v.parse(fileOutput.schema, { path: "out.log", ...options }), { dir, timezone }, hooks);
}

/** Writes records `name@time` at the given times, one batch. */
function write(out: OutputPlugin, records: string[], times?: number[]): Promise<unknown> {
  return out.write({ records, timestamps: times ?? records.map(() => T0), counts: records.map(() => 1) }, SIGNAL);
}

function files(dir: string): string[] {
  return [...Deno.readDirSync(dir)].map((e) => e.name).sort();
}

function text(path: string): string {
  const bytes = Deno.readFileSync(path);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return new TextDecoder().decode(zlib.gunzipSync(bytes));
  return new TextDecoder().decode(bytes);
}

function tempDir(): string {
  return Deno.makeTempDirSync({ prefix: "eventum-file-" });
}

Deno.test("overwrite starts the file afresh, append keeps it, the separator follows each record", async () => {
  const dir = tempDir();
  Deno.writeTextFileSync(`${dir}/out.log`, "old\n");
  let out = open(dir, {});
  await write(out, ["a", "b"]);
  await out.close();
  equal(Deno.readTextFileSync(`${dir}/out.log`), "a\nb\n");
  out = open(dir, { write_mode: "append", separator: "\r\n" });
  await write(out, ["c"]);
  await out.close();
  equal(Deno.readTextFileSync(`${dir}/out.log`), "a\nb\nc\r\n");
});

Deno.test("the options check: rotate needs size or every, mode is octal", () => {
  throws(
    () => v.parse(fileOutput.schema, { path: "x", rotate: { keep: 3 } }),
    /`rotate` needs `size`, `every` or both/,
  );
  throws(() => v.parse(fileOutput.schema, { path: "x", mode: "0999" }), /octal/);
  throws(() => v.parse(fileOutput.schema, { path: "x", rotate: { every: new Duration(1000) } }), /at least `1s`/);
  const o = v.parse(fileOutput.schema, { path: "x", mode: "640", rotate: { size: new Size(10) } });
  equal(o.mode, 0o640);
  equal(o.rotate?.keep, 5);
  equal(o.gzip, false);
});

Deno.test("a scenario's file output: options from the DSL, and grants for the file and its rotated names", () => {
  const dir = tempDir();
  const loaded = loadScenario(`${dir}/s.evt`, {
    text: `generator "g" {
  input static { count 1 }
  event template { template t """x""" }
  output file "out/app.log" {
    rotate { size 1MB; every 1h; keep 2 }
    gzip true
    mode "0640"
  }
}`,
  });
  deepEqual(loaded.diagnostics, []);
  const g = loaded.graph?.generators[0];
  deepEqual(g?.outputs[0]?.options, {
    path: "out/app.log",
    write_mode: "overwrite",
    separator: "\n",
    rotate: { size: 1_000_000, every: H, keep: 2 },
    gzip: true,
    mode: 0o640,
  });
  const names = [`${dir}/out/app.log`, ...rotatedNames(`${dir}/out/app.log`, 2)];
  for (const name of names) {
    ok(g?.grants.write?.includes(name), `write ${name}`);
    ok(g?.grants.read?.includes(name), `read ${name}`);
  }
});

Deno.test("rotation by size: no file grows past the size, a batch is cut between records, keep bounds the files", async () => {
  const dir = tempDir();
  const out = open(dir, { rotate: { size: new Size(10), keep: 3 } });
  // Records of 4 bytes with their newline: two fit in 10 bytes, the third would not.
  const records = Array.from({ length: 11 }, (_, i) => `r${i.toString().padStart(2, "0")}`);
  await write(out, records.slice(0, 5));
  await write(out, records.slice(5));
  await out.close();
  deepEqual(files(dir), ["out.log", "out.log.1", "out.log.2", "out.log.3"]);
  for (const f of files(dir)) ok(Deno.statSync(`${dir}/${f}`).size <= 10, f);
  // The oldest files (r00–r03) went beyond `keep`.
  equal(text(`${dir}/out.log.3`), "r04\nr05\n");
  equal(text(`${dir}/out.log.2`), "r06\nr07\n");
  equal(text(`${dir}/out.log.1`), "r08\nr09\n");
  equal(text(`${dir}/out.log`), "r10\n");
});

Deno.test("rotation by size: a record larger than the size gets a file of its own", async () => {
  const dir = tempDir();
  const out = open(dir, { rotate: { size: new Size(8) } });
  await write(out, ["ab", "0123456789", "cd"]);
  await out.close();
  equal(text(`${dir}/out.log.2`), "ab\n");
  equal(text(`${dir}/out.log.1`), "0123456789\n");
  equal(text(`${dir}/out.log`), "cd\n");
});

Deno.test("rotation by size counts bytes, not characters", async () => {
  const dir = tempDir();
  const out = open(dir, { rotate: { size: new Size(8) } });
  // "é" takes 2 bytes and "😀" 4: "éé\n" is 5 bytes, "😀\n" 5 bytes.
  await write(out, ["éé", "😀", "a"]);
  await out.close();
  equal(text(`${dir}/out.log.1`), "éé\n");
  equal(text(`${dir}/out.log`), "😀\na\n");
});

Deno.test("rotation every 1h follows event time: one file per hour, no empty files for quiet hours", async () => {
  const dir = tempDir();
  const out = open(dir, { rotate: { every: new Duration(H), keep: 10 } });
  const at = (h: number, m: number) => T0 + h * H + m * 60e6;
  await write(out, ["a", "b", "c"], [at(0, 10), at(0, 59), at(1, 0)]);
  // Nothing at 2:xx; then 3:15 and 3:45.
  await write(out, ["d", "e"], [at(3, 15), at(3, 45)]);
  await out.close();
  deepEqual(files(dir), ["out.log", "out.log.1", "out.log.2"]);
  equal(text(`${dir}/out.log.2`), "a\nb\n");
  equal(text(`${dir}/out.log.1`), "c\n");
  equal(text(`${dir}/out.log`), "d\ne\n");
});

Deno.test("rotation every 1h is aligned to the hour of the generator's timezone", async () => {
  const dir = tempDir();
  // Kolkata is UTC+05:30: its hours start at :30 UTC.
  const out = open(dir, { rotate: { every: new Duration(H) } }, {}, "Asia/Kolkata");
  const at = (m: number) => T0 + m * 60e6;
  await write(out, ["a", "b", "c"], [at(10), at(29), at(30)]);
  await out.close();
  equal(text(`${dir}/out.log.1`), "a\nb\n");
  equal(text(`${dir}/out.log`), "c\n");
});

Deno.test("every boundaries: midnight and the hour in local time, across DST changes", () => {
  const utc = (d: string) => Date.parse(d) * 1000;
  // Daily in New York: local midnight is 05:00 UTC in winter.
  equal(
    nextBoundary(utc("2024-01-01T12:00:00Z"), { every: 24 * H, timezone: "America/New_York" }),
    utc("2024-01-02T05:00:00Z"),
  );
  // Berlin, spring forward (02:00 CET → 03:00 CEST at 01:00 UTC): after 01:30 CET the next hour starts at 03:00 CEST.
  equal(
    nextBoundary(utc("2024-03-31T00:30:00Z"), { every: H, timezone: "Europe/Berlin" }),
    utc("2024-03-31T01:00:00Z"),
  );
  // Berlin, fall back (03:00 CEST → 02:00 CET at 01:00 UTC): both 02:00s start an hour.
  equal(
    nextBoundary(utc("2024-10-27T00:30:00Z"), { every: H, timezone: "Europe/Berlin" }),
    utc("2024-10-27T01:00:00Z"),
  );
  equal(
    nextBoundary(utc("2024-10-27T01:30:00Z"), { every: H, timezone: "Europe/Berlin" }),
    utc("2024-10-27T02:00:00Z"),
  );
  // Daily across the spring change: the day after 2024-03-31 starts at 22:00 UTC (CEST).
  equal(
    nextBoundary(utc("2024-03-31T12:00:00Z"), { every: 24 * H, timezone: "Europe/Berlin" }),
    utc("2024-03-31T22:00:00Z"),
  );
  // 15 minutes: at :00, :15, :30, :45.
  equal(nextBoundary(utc("2024-01-01T10:07:00Z"), { every: 15 * 60e6, timezone: "UTC" }), utc("2024-01-01T10:15:00Z"));
});

Deno.test("gzip with rotate: rotated files are compressed, the live file is plain", async () => {
  const dir = tempDir();
  const out = open(dir, { rotate: { size: new Size(6), keep: 5 }, gzip: true });
  await write(out, ["aa", "bb", "cc", "dd", "ee"]);
  await out.close();
  deepEqual(files(dir), ["out.log", "out.log.1.gz", "out.log.2.gz"]);
  equal(text(`${dir}/out.log.2.gz`), "aa\nbb\n");
  equal(text(`${dir}/out.log.1.gz`), "cc\ndd\n");
  equal(Deno.readTextFileSync(`${dir}/out.log`), "ee\n");
});

Deno.test("gzip without rotate: a gzip stream, readable after each write, finished on close, appendable", async () => {
  const dir = tempDir();
  const path = `${dir}/out.log`;
  let out = open(dir, { gzip: true });
  await write(out, ["a", "b"]);
  // Flushed, not finished: readable up to here.
  const partial = zlib.gunzipSync(Deno.readFileSync(path), { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  equal(new TextDecoder().decode(partial), "a\nb\n");
  throws(() => zlib.gunzipSync(Deno.readFileSync(path)), /unexpected end of file/);
  await write(out, ["c"]);
  await out.close();
  equal(new TextDecoder().decode(zlib.gunzipSync(Deno.readFileSync(path))), "a\nb\nc\n");
  out = open(dir, { gzip: true, write_mode: "append" });
  await write(out, ["d"]);
  await out.close();
  equal(new TextDecoder().decode(zlib.gunzipSync(Deno.readFileSync(path))), "a\nb\nc\nd\n");
});

Deno.test({
  name: "mode sets the permission bits of the file and of rotated and compressed files",
  ignore: Deno.build.os === "windows",
  async fn() {
    const dir = tempDir();
    const out = open(dir, { mode: "0604", rotate: { size: new Size(3) }, gzip: true });
    await write(out, ["a", "b"]);
    await out.close();
    deepEqual(files(dir), ["out.log", "out.log.1.gz"]);
    for (const f of files(dir)) equal((Deno.statSync(`${dir}/${f}`).mode ?? 0) & 0o777, 0o604, f);
  },
});

Deno.test("overwrite removes the rotated files of an earlier run; append shifts them", async () => {
  const dir = tempDir();
  Deno.writeTextFileSync(`${dir}/out.log`, "x\n");
  Deno.writeTextFileSync(`${dir}/out.log.1`, "older\n");
  Deno.writeTextFileSync(`${dir}/out.log.2.gz`, "");
  let out = open(dir, { write_mode: "append", rotate: { size: new Size(3) } });
  await write(out, ["y"]);
  await out.close();
  deepEqual(files(dir), ["out.log", "out.log.1", "out.log.2", "out.log.3.gz"]);
  equal(text(`${dir}/out.log.2`), "older\n");
  out = open(dir, { rotate: { size: new Size(4) } });
  await write(out, ["z"]);
  await out.close();
  deepEqual(files(dir), ["out.log"]);
});

Deno.test("a file moved away (logrotate) is noticed and the path opened again", async () => {
  const dir = tempDir();
  let now = 0;
  const out = open(dir, {}, { now: () => now, checkEvery: 1000 });
  await write(out, ["a"]);
  Deno.renameSync(`${dir}/out.log`, `${dir}/out.log.rotated`);
  // Within the second, writing goes on into the moved file.
  now = 500;
  await write(out, ["b"]);
  now = 1500;
  await write(out, ["c"]);
  // Deleted: created again.
  Deno.removeSync(`${dir}/out.log`);
  now = 3000;
  await write(out, ["d"]);
  await out.close();
  equal(Deno.readTextFileSync(`${dir}/out.log.rotated`), "a\nb\n");
  equal(Deno.readTextFileSync(`${dir}/out.log`), "d\n");
});

Deno.test("a file truncated behind the output's back (copytruncate) is written from its new end", async () => {
  const dir = tempDir();
  const out = open(dir, { rotate: { size: new Size(1000) } }, { checkEvery: 0 });
  await write(out, ["aaaa", "bbbb"]);
  Deno.truncateSync(`${dir}/out.log`);
  await write(out, ["c"]);
  await out.close();
  equal(Deno.readTextFileSync(`${dir}/out.log`), "c\n");
  deepEqual(files(dir), ["out.log"]);
});

Deno.test("a moved gzip stream is finished properly before the path is opened again", async () => {
  const dir = tempDir();
  const out = open(dir, { gzip: true }, { checkEvery: 0 });
  await write(out, ["a"]);
  Deno.renameSync(`${dir}/out.log`, `${dir}/moved.gz`);
  await write(out, ["b"]);
  await out.close();
  equal(new TextDecoder().decode(zlib.gunzipSync(Deno.readFileSync(`${dir}/moved.gz`))), "a\n");
  equal(new TextDecoder().decode(zlib.gunzipSync(Deno.readFileSync(`${dir}/out.log`))), "b\n");
});

Deno.test({
  name: "a full disk makes the write reject with a retryable error",
  ignore: Deno.build.os !== "linux",
  async fn() {
    const out = openFileOutput(v.parse(fileOutput.schema, { path: "/dev/full", write_mode: "append" }), {
      dir: "/",
      timezone: "UTC",
    });
    await rejects(write(out, ["a"]), (err: unknown) => {
      ok(err instanceof OutputError);
      match(err.message, /Cannot write to `\/dev\/full`: .*No space left/);
      equal(retryable(err), true);
      return true;
    });
    await out.close();
  },
});

Deno.test("a folder that does not exist is a clear error", () => {
  const dir = tempDir();
  throws(() => open(dir, { path: "missing/out.log" }), /Cannot open `.*missing\/out\.log`/);
});

Deno.test({
  name: "in a sandbox granted exactly what `access` lists, the output writes, rotates and compresses",
  permissions: { read: true, write: true },
  async fn() {
    const dir = tempDir();
    const options = v.parse(fileOutput.schema, { path: "out.log", rotate: { size: new Size(3), keep: 2 }, gzip: true });
    const grants = fileOutput.access?.(options, dir).grants ?? {};
    const code = `
      const { openFileOutput } = await import(${JSON.stringify(import.meta.resolve("./file.ts"))});
      self.onmessage = async (e) => {
        try {
          const out = openFileOutput(e.data, { dir: ${JSON.stringify(dir)}, timezone: "UTC" });
          for (const r of ["a", "b", "c", "d"]) await out.write({ records: [r], timestamps: [0], counts: [1] });
          await out.close();
          self.postMessage("ok");
        } catch (err) {
          self.postMessage(String(err));
        }
      };`;
    const url = URL.createObjectURL(new Blob([code], { type: "application/javascript" }));
    const root = new URL("../../", import.meta.url).pathname;
    const worker = new Worker(url, {
      type: "module",
      deno: {
        permissions: {
          read: [root, ...(grants.read ?? [])],
          write: grants.write ?? [],
          env: false,
          net: false,
          run: false,
          sys: false,
          ffi: false,
          import: false,
        },
      },
    });
    try {
      const answer = await new Promise<string>((resolve) => {
        worker.onmessage = (e) => resolve(e.data);
        worker.onerror = (e) => {
          e.preventDefault();
          resolve(e.message);
        };
        worker.postMessage(options);
      });
      equal(answer, "ok");
    } finally {
      worker.terminate();
      URL.revokeObjectURL(url);
    }
    deepEqual(files(dir), ["out.log", "out.log.1.gz", "out.log.2.gz"]);
    equal(text(`${dir}/out.log.2.gz`), "b\n");
    equal(text(`${dir}/out.log`), "d\n");
  },
});
