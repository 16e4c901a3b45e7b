/**
 * `output file "path" { write_mode overwrite|append; separator "\n"; rotate { size 100MB; every 1h; keep 5 }; gzip true; mode "0640" }`.
 *
 * A run starts the file afresh by default, so the same seed writes the same
 * file byte for byte; `write_mode append` keeps what is there. The path is
 * relative to the scenario's folder; the sandbox lets the generator read and
 * write exactly this file and, with `rotate`, its rotated names.
 *
 * - **Rotation** renames the file, the way logrotate does without copying:
 *   `out.log` → `out.log.1`, `.1` → `.2`..., the oldest beyond `keep`
 *   deleted, and a fresh `out.log` opened. It happens before a write would
 *   take the file past `size`, and when an event's timestamp crosses an
 *   `every` boundary: multiples of `every` on the generator's local clock
 *   (`1h` at each hour, `1d` at midnight). Event time, not wall time, so a
 *   sample run over a week writes one file per period, the same every run;
 *   in live mode the two agree. An empty file is never rotated.
 * - **gzip** with `rotate` compresses each rotated file (`out.log.1.gz`) in
 *   the background while writing goes on; without `rotate` the file itself
 *   is a gzip stream, flushed at each batch so it can be read while it
 *   grows, and finished properly on close (name it `….gz`). Appending adds
 *   a gzip member, which `gunzip`/`zcat` read as one stream.
 * - **mode** sets the permission bits of files the output creates.
 * - **Moved away**: when something else (logrotate) renames or deletes the
 *   file, the output notices within a second (the path no longer names the
 *   open file) and opens the path again.
 *
 * @module
 */
import * as v from "valibot";
import { resolve } from "node:path";
import zlib from "node:zlib";
import { bool, duration, int, oneOf, size, str, withArgs } from "../schema.ts";
import { type OutputBatch, OutputError, type OutputPlugin, type OutputSpec } from "../spec.ts";
import { TimeZone } from "../events/template/timestamp.ts";
import { LineEncoder, writeAll } from "./_write.ts";

const rotateSchema = v.pipe(
  v.object({
    size: v.pipe(
      v.optional(v.pipe(size(), v.minValue(1, "must be larger than `0B`"))),
      v.description("Rotate before a write would take the file past this size."),
    ),
    every: v.pipe(
      v.optional(v.pipe(duration({ min: 1 }), v.minValue(1_000_000, "must be at least `1s`"))),
      v.description(
        "Rotate when an event's time crosses a multiple of this on the generator's local clock (`1h`: each hour, `1d`: midnight).",
      ),
    ),
    keep: v.pipe(v.optional(int(1), 5), v.description("Rotated files kept (`out.log.1` … `out.log.N`).")),
  }),
  v.check((r) => r.size !== undefined || r.every !== undefined, "`rotate` needs `size`, `every` or both"),
);

const schema = withArgs(
  v.object({
    path: v.pipe(str(), v.description("The file to write, relative to the scenario.")),
    write_mode: v.pipe(
      v.optional(oneOf(["append", "overwrite"] as const), "overwrite"),
      v.description(
        "Start the file afresh each run (the default; rotated files of an earlier run are removed), or append to it.",
      ),
    ),
    separator: v.pipe(v.optional(str(), "\n"), v.description("Written after each event.")),
    rotate: v.pipe(
      v.optional(rotateSchema),
      v.description("Rename the file to `path.1`, `path.2`... by size or by time, keeping `keep` of them."),
    ),
    gzip: v.pipe(
      v.optional(bool(), false),
      v.description("Compress rotated files (`path.1.gz`); without `rotate`, write the file itself as gzip."),
    ),
    mode: v.pipe(
      v.optional(
        v.pipe(
          str(),
          v.regex(/^0?[0-7]{3}$/, 'expected permission bits in octal, such as "0640"'),
          v.transform((m) => parseInt(m, 8)),
        ),
      ),
      v.description('Permission bits of the files the output creates, in octal (`"0640"`).'),
    ),
  }),
  ["path"],
);

/** The options of the `file` output. */
export type FileOptions = v.InferOutput<typeof schema>;

/**
 * Every name rotation may touch besides the file itself: `path.1` …
 * `path.N`, each also with `.gz`.
 *
 * @param path The file.
 * @param keep How many rotated files are kept.
 * @returns The names, in order.
 * @example
 * ```ts
 * import { rotatedNames } from "./file.ts";
 * const names = rotatedNames("/tmp/out.log", 2);
 * if (names.join() !== "/tmp/out.log.1,/tmp/out.log.1.gz,/tmp/out.log.2,/tmp/out.log.2.gz") throw new Error();
 * ```
 */
export function rotatedNames(path: string, keep: number): string[] {
  const out: string[] = [];
  for (let i = 1; i <= keep; i++) out.push(`${path}.${i}`, `${path}.${i}.gz`);
  return out;
}

/**
 * The first instant after `us` whose local time is a multiple of `every`
 * (counted from 1970-01-01 00:00 local): the next hour for `1h`, the next
 * midnight for `1d`. Across a DST change the boundary is the first instant
 * of the new period when the exact local time does not exist.
 *
 * @param us Epoch microseconds.
 * @param options `every`: the period, microseconds; `timezone`: an IANA zone name or `UTC`.
 * @returns Epoch microseconds.
 * @example
 * ```ts
 * import { nextBoundary } from "./file.ts";
 * const at = Date.UTC(2024, 0, 1, 10, 30) * 1000;
 * // Kolkata is UTC+05:30: its next hour (17:00) is 11:30 UTC.
 * const kolkata = nextBoundary(at, { every: 3600e6, timezone: "Asia/Kolkata" });
 * if (kolkata !== Date.UTC(2024, 0, 1, 11, 30) * 1000) throw new Error(String(kolkata));
 * if (nextBoundary(at, { every: 86400e6, timezone: "UTC" }) !== Date.UTC(2024, 0, 2) * 1000) throw new Error();
 * ```
 */
export function nextBoundary(us: number, options: { every: number; timezone: string }): number {
  const { every } = options;
  const zone = TimeZone.of(options.timezone);
  const offsetUs = (t: number) => zone.offsetAt(t) * 1_000_000;
  const off = offsetUs(us);
  const local = (Math.floor((us + off) / every) + 1) * every;
  const first = local - off;
  const second = local - offsetUs(first);
  // Either guess may be wrong across a DST change: keep one that really is
  // at a multiple of `every` on the local clock.
  const candidates = [first, second].filter((t) => t > us && (t + offsetUs(t)) % every === 0);
  return candidates.length ? Math.min(...candidates) : first;
}

/** Test seams: the clock of the moved-away check, and a way to make writes fail. */
export interface FileHooks {
  /** Milliseconds; `performance.now` by default. */
  now?: () => number;
  /** How often, in milliseconds, to check that the path still names the open file (1000 by default). */
  checkEvery?: number;
  /** Runs before each write; a test may throw from it to simulate a failing disk. */
  beforeWrite?: () => void;
}

const encoder = new TextEncoder();
const IS_WINDOWS = Deno.build.os === "windows";

/** UTF-8 length of a string, as `TextEncoder` encodes it (a lone surrogate takes 3 bytes). */
function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2;
      i++;
    } else n += 2;
  }
  return n;
}

function exists(path: string): boolean {
  try {
    Deno.lstatSync(path);
    return true;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    throw e;
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** A gzip stream written batch by batch: each batch is flushed, so the file can be read while it grows. */
class GzipStream {
  #z = zlib.createGzip();
  #out: Uint8Array[] = [];
  #error: Error | undefined;

  constructor() {
    this.#z.on("data", (chunk: Uint8Array) => this.#out.push(chunk));
    this.#z.on("error", (e: Error) => this.#error = e);
  }

  /** Compresses `data` and returns the bytes to write, up to a sync flush. */
  async push(data: Uint8Array): Promise<Uint8Array> {
    this.#z.write(data);
    await new Promise<void>((done) => this.#z.flush(zlib.constants.Z_SYNC_FLUSH, () => done()));
    return this.#take();
  }

  /** Ends the stream and returns its last bytes (the gzip trailer). */
  async end(): Promise<Uint8Array> {
    const ended = new Promise<void>((done) => {
      this.#z.once("end", () => done());
      this.#z.once("error", () => done());
    });
    this.#z.end();
    await ended;
    return this.#take();
  }

  #take(): Uint8Array {
    if (this.#error) throw this.#error;
    const total = this.#out.reduce((n, c) => n + c.length, 0);
    const out = new Uint8Array(total);
    let at = 0;
    for (const c of this.#out) {
      out.set(c, at);
      at += c.length;
    }
    this.#out = [];
    return out;
  }
}

/** The file behind a `file` output: opening, writing, rotating, noticing when it was moved away. */
class FileSink implements OutputPlugin {
  #path: string;
  #o: FileOptions;
  #timezone: string;
  #hooks: FileHooks;
  /** The separator's length in bytes. */
  #separatorBytes: number;
  #file: Deno.FsFile | undefined;
  #ino: number | null = null;
  /** Bytes in the current file (uncompressed when the file is not a gzip stream). */
  #size = 0;
  #gzip: GzipStream | undefined;
  /** The next `every` boundary, epoch µs; set by the first event. */
  #boundary: number | undefined;
  #compressing: Promise<void> = Promise.resolve();
  #compressError: Error | undefined;
  #lastCheck: number;
  #closed = false;
  #queue: Promise<void> = Promise.resolve();
  #lines: LineEncoder;

  constructor(path: string, options: FileOptions, timezone: string, hooks: FileHooks) {
    this.#path = path;
    this.#o = options;
    this.#lines = new LineEncoder(options.separator);
    this.#timezone = timezone;
    this.#hooks = hooks;
    this.#separatorBytes = encoder.encode(options.separator).length;
    this.#lastCheck = this.#now();
  }

  /** Opens the file: afresh (removing rotated files of an earlier run) or to append. */
  open(): void {
    const fresh = this.#o.write_mode === "overwrite";
    if (fresh && this.#o.rotate) {
      for (const name of rotatedNames(this.#path, this.#o.rotate.keep)) {
        try {
          this.#remove(name);
        } catch (e) {
          throw new Error(`Cannot remove \`${name}\` of an earlier run: ${message(e)}`);
        }
      }
    }
    this.#openFile(fresh);
  }

  write(batch: OutputBatch): Promise<void> {
    if (this.#closed) {
      return Promise.reject(new OutputError(`Cannot write to \`${this.#path}\`: the output is closed`, false));
    }
    // Writes run one at a time (a delivery with `keep_order false` starts several).
    const run = this.#queue.then(() => this.#write(batch));
    this.#queue = run.catch(() => {});
    return run;
  }

  async #write(batch: OutputBatch): Promise<void> {
    this.#hooks.beforeWrite?.();
    if (batch.records.length === 0) return;
    await this.#checkMoved();
    const rotate = this.#o.rotate;
    const all = this.#encode(batch.records, 0, batch.records.length);
    if (!rotate) return await this.#put(all);
    const { records, timestamps } = batch;
    const every = rotate.every;
    // Most batches neither cross a time boundary nor fill the file: one write.
    let crosses = false;
    if (every !== undefined) {
      for (const ts of timestamps) {
        if (!Number.isFinite(ts)) continue;
        if (this.#boundary === undefined) this.#boundary = nextBoundary(ts, { every, timezone: this.#timezone });
        else if (ts >= this.#boundary) {
          crosses = true;
          break;
        }
      }
    }
    if (!crosses && (rotate.size === undefined || this.#size + all.length <= rotate.size)) return await this.#put(all);
    // Cut the batch where rotation falls: before a record that would take
    // the file past `size`, or whose time crosses an `every` boundary.
    const sep = this.#separatorBytes;
    let start = 0;
    let pending = 0;
    for (let i = 0; i < records.length; i++) {
      const bytes = rotate.size === undefined ? 0 : utf8Length(records[i] as string) + sep;
      let cut = false;
      const ts = timestamps[i] as number;
      if (every !== undefined && Number.isFinite(ts) && this.#boundary !== undefined && ts >= this.#boundary) {
        cut = true;
        this.#boundary = nextBoundary(ts, { every, timezone: this.#timezone });
      }
      const before = this.#size + pending;
      if (rotate.size !== undefined && before > 0 && before + bytes > rotate.size) cut = true;
      if (cut) {
        await this.#put(this.#encode(records, start, i));
        if (this.#size > 0) await this.#rotate();
        start = i;
        pending = 0;
      }
      pending += bytes;
    }
    await this.#put(this.#encode(records, start, records.length));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#queue;
    try {
      await this.#finishGzip();
      await this.#compressing;
    } finally {
      this.#file?.close();
      this.#file = undefined;
    }
    if (this.#compressError) throw this.#compressError;
  }

  #now(): number {
    return (this.#hooks.now ?? (() => performance.now()))();
  }

  #encode(records: string[], from: number, to: number): Uint8Array {
    if (from >= to) return new Uint8Array(0);
    // The gzip stream may hold on to its input; a plain write is done before the next encode.
    if (this.#gzip) return encoder.encode(records.slice(from, to).join(this.#o.separator) + this.#o.separator);
    return this.#lines.encode(records, from, to);
  }

  /** Writes bytes to the current file, through the gzip stream when there is one. */
  async #put(data: Uint8Array): Promise<void> {
    if (data.length === 0) return;
    const file = this.#file;
    if (!file) throw new OutputError(`Cannot write to \`${this.#path}\`: the file is not open`, true);
    try {
      const bytes = this.#gzip ? await this.#gzip.push(data) : data;
      await writeAll(file, bytes);
      this.#size += bytes.length;
    } catch (e) {
      throw new OutputError(
        `Cannot write to \`${this.#path}\`: ${message(e)}`,
        !(e instanceof Deno.errors.BadResource),
      );
    }
  }

  #openFile(truncate: boolean): void {
    const path = this.#path;
    const mode = this.#o.mode;
    try {
      const created = !exists(path);
      // Always hold an appending handle, so a file truncated behind our back
      // (logrotate's `copytruncate`) is written from its new end.
      if (truncate && !created) Deno.truncateSync(path);
      const file = Deno.openSync(path, { append: true, create: true, ...(mode === undefined ? {} : { mode }) });
      if (created && mode !== undefined && !IS_WINDOWS) Deno.chmodSync(path, mode);
      const stat = file.statSync();
      this.#file = file;
      this.#ino = stat.ino;
      this.#size = stat.size;
    } catch (e) {
      throw new Error(`Cannot open \`${path}\`: ${message(e)}`);
    }
    if (this.#o.gzip && !this.#o.rotate) this.#gzip = new GzipStream();
  }

  /** Writes the gzip trailer of the current stream, if any. */
  async #finishGzip(): Promise<void> {
    const gzip = this.#gzip;
    this.#gzip = undefined;
    if (!gzip || !this.#file) return;
    const tail = await gzip.end();
    await writeAll(this.#file, tail);
  }

  /** Reopens the path when something else moved the file away (or truncated it). */
  async #checkMoved(): Promise<void> {
    const now = this.#now();
    if (now - this.#lastCheck < (this.#hooks.checkEvery ?? 1000)) return;
    this.#lastCheck = now;
    if (this.#ino === null) return;
    let stat: Deno.FileInfo | undefined;
    try {
      stat = Deno.statSync(this.#path);
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) return;
    }
    if (stat && stat.ino === this.#ino) {
      if (!this.#gzip && stat.size < this.#size) this.#size = stat.size;
      return;
    }
    await this.#finishGzip();
    this.#file?.close();
    this.#file = undefined;
    this.#openFile(false);
  }

  /** Shifts `path.N` → `path.N+1`, renames the file to `path.1`, opens a fresh one, and compresses `path.1`. */
  async #rotate(): Promise<void> {
    const rotate = this.#o.rotate;
    if (!rotate) return;
    // A compression still running works on `path.1`, which is about to move.
    await this.#compressing;
    const path = this.#path;
    const { keep } = rotate;
    this.#file?.close();
    this.#file = undefined;
    try {
      for (const ext of ["", ".gz"]) this.#remove(`${path}.${keep}${ext}`);
      for (let i = keep - 1; i >= 1; i--) {
        for (const ext of ["", ".gz"]) {
          if (exists(`${path}.${i}${ext}`)) Deno.renameSync(`${path}.${i}${ext}`, `${path}.${i + 1}${ext}`);
        }
      }
      if (exists(path)) Deno.renameSync(path, `${path}.1`);
    } catch (e) {
      this.#openFile(false);
      throw new OutputError(`Cannot rotate \`${path}\`: ${message(e)}`, true);
    }
    this.#openFile(true);
    if (this.#o.gzip) {
      this.#compressing = this.#compress(`${path}.1`).catch((e) => {
        this.#compressError ??= new Error(`Cannot compress \`${path}.1\`: ${message(e)}`);
      });
    }
  }

  /** Compresses a rotated file to `name.gz` and removes it. */
  async #compress(name: string): Promise<void> {
    const mode = this.#o.mode;
    const src = await Deno.open(name, { read: true });
    const dst = await Deno.open(`${name}.gz`, {
      write: true,
      create: true,
      truncate: true,
      ...(mode === undefined ? {} : { mode }),
    });
    await src.readable.pipeThrough(new CompressionStream("gzip")).pipeTo(dst.writable);
    if (mode !== undefined && !IS_WINDOWS) await Deno.chmod(`${name}.gz`, mode);
    await Deno.remove(name);
  }

  #remove(name: string): void {
    try {
      Deno.removeSync(name);
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    }
  }
}

/**
 * Opens a `file` output.
 *
 * @param options Validated options (`v.parse(fileOutput.schema, {...})`).
 * @param ctx The scenario's folder (relative paths resolve against it) and timezone (for `rotate { every }`).
 * @param hooks Test seams; none in a run.
 * @returns The output, with the file open.
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { fileOutput, openFileOutput } from "./file.ts";
 * const dir = Deno.makeTempDirSync();
 * const out = openFileOutput(v.parse(fileOutput.schema, { path: "a.log" }), { dir, timezone: "UTC" });
 * await out.write({ records: ["one", "two"], timestamps: [0, 0], counts: [1, 1] }, new AbortController().signal);
 * await out.close();
 * if (Deno.readTextFileSync(`${dir}/a.log`) !== "one\ntwo\n") throw new Error();
 * ```
 */
export function openFileOutput(
  options: FileOptions,
  ctx: { dir: string; timezone: string },
  hooks: FileHooks = {},
): OutputPlugin {
  const sink = new FileSink(resolve(ctx.dir, options.path), options, ctx.timezone, hooks);
  sink.open();
  return sink;
}

/** The `file` output. */
export const fileOutput: OutputSpec<typeof schema> = {
  kind: "output",
  name: "file",
  summary: "Events written to a file, afresh each run or appended, rotated by size or time, optionally gzipped",
  schema,
  defaultFormat: "plain",
  delivery: { batch_size: 10_000, flush: 0 },
  examples: [
    'output file "out/events.jsonl" { format json }',
    'output file "out/app.log" { write_mode append }',
    'output file "out/app.log" {\n  rotate { size 100MB; every 1h; keep 5 }\n  gzip true\n  mode "0640"\n}',
    'output file "out/events.jsonl.gz" { format json; gzip true }',
  ],
  access: (options, dir) => {
    const path = resolve(dir, options.path);
    const names = [path, ...(options.rotate ? rotatedNames(path, options.rotate.keep) : [])];
    // Renaming and checking that the path still names the open file need reading too.
    return { grants: { write: names, read: names } };
  },
  create: (options, ctx) => openFileOutput(options, ctx),
};
