/**
 * `event replay "access.log" { timestamp_pattern "..."; timestamp_format "..."; repeat true }`:
 * replays a log file, one line per timestamp, with the timestamp found in
 * each line (the named group `timestamp` of `timestamp_pattern`) rewritten to
 * the event's time in `timestamp_format` (strftime). The file is read in
 * chunks, so any size replays in bounded memory. Without `repeat`, the
 * generator stops at the end of the file.
 *
 * @module
 */
import * as v from "valibot";
import { resolve } from "node:path";
import { bool, int, str, withArgs } from "../../schema.ts";
import type { EventBatch, EventContext, EventPlugin, EventSpec, Produced } from "../../spec.ts";
import { EventTimestamp, TimeZone } from "../template/timestamp.ts";
import { LineReader } from "./lines.ts";

/** ISO 8601 date-times, the default place to find a line's timestamp. */
const ISO = String.raw`(?<timestamp>\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?)`;

/** Turns Python's `(?P<name>` into JavaScript's `(?<name>`. */
function jsPattern(pattern: string): string {
  return pattern.replace(/\(\?P</g, "(?<");
}

/** Why a pattern cannot be used, or undefined. */
export function patternProblem(pattern: string): string | undefined {
  let re: RegExp;
  try {
    re = new RegExp(jsPattern(pattern));
  } catch (e) {
    return `invalid regular expression: ${(e as Error).message.replace(/^Invalid regular expression: /, "")}`;
  }
  return re.source.includes("(?<timestamp>")
    ? undefined
    : "the pattern needs a named group `timestamp`, as in `\\[(?<timestamp>[^\\]]+)\\]`";
}

const schema = withArgs(
  v.object({
    path: v.pipe(str(), v.description("The log file to replay, relative to the scenario.")),
    timestamp_pattern: v.pipe(
      v.optional(
        v.pipe(
          str(),
          v.check((p) => patternProblem(p) === undefined, (i) => patternProblem(i.input as string) as string),
        ),
      ),
      v.description("A regular expression whose group `timestamp` is each line's timestamp (ISO 8601 by default)."),
    ),
    timestamp_format: v.pipe(
      v.optional(str()),
      v.description("How the new timestamp is written (strftime); ISO 8601 by default."),
    ),
    repeat: v.pipe(v.optional(bool(), false), v.description("Start again at the end of the file.")),
    encoding: v.pipe(v.optional(str(), "utf-8"), v.description("The file's encoding (utf-8, latin1, utf-16le...).")),
    chunk_size: v.pipe(v.optional(int(1024), 1 << 20), v.description("Bytes read at a time.")),
  }),
  ["path"],
);

function createReplayEvent(options: v.InferOutput<typeof schema>, ctx: EventContext): EventPlugin {
  const path = resolve(ctx.dir, options.path);
  try {
    new TextDecoder(options.encoding);
  } catch {
    throw new Error(`Replay \`${options.path}\`: unknown encoding \`${options.encoding}\``);
  }
  let reader: LineReader;
  try {
    reader = new LineReader(path, { chunk: options.chunk_size, encoding: options.encoding });
  } catch (e) {
    const denied = e instanceof Deno.errors.NotCapable || e instanceof Deno.errors.PermissionDenied;
    throw new Error(
      denied
        ? `Cannot read \`${path}\`: not allowed; grant it with --allow-read=${path}`
        : `Cannot read \`${path}\`: ${(e as Error).message}`,
    );
  }
  const re = new RegExp(jsPattern(options.timestamp_pattern ?? ISO));
  const zone = TimeZone.of(ctx.timezone);
  const format = options.timestamp_format;
  const sources = [options.path];
  let empty = true;
  return {
    // Lines are taken in order: each event depends on the ones before it.
    independent: false,
    ends: !options.repeat,
    produce(batch: EventBatch): Produced {
      const events: string[] = [];
      const stamps: number[] = [];
      let exhausted = false;
      for (let i = 0; i < batch.length; i++) {
        let line = reader.next();
        if (line === null && options.repeat && !empty) {
          reader.rewind();
          line = reader.next();
        }
        if (line === null) {
          exhausted = true;
          break;
        }
        empty = false;
        const m = re.exec(line);
        const group = m?.groups?.["timestamp"];
        if (m && group !== undefined) {
          const ts = new EventTimestamp(batch.timestamps[i] as number, zone);
          const text = format === undefined ? ts.isoformat() : ts.strftime(format);
          const at = m.index + m[0].indexOf(group);
          line = line.slice(0, at) + text + line.slice(at + group.length);
        }
        events.push(line);
        stamps.push(i);
      }
      return { events, stamps, origins: events.map(() => 0), sources, failed: 0, dropped: 0, exhausted, failures: [] };
    },
    close: () => reader.close(),
  };
}

/** The `replay` event plugin. */
export const replayEvent: EventSpec<typeof schema> = {
  kind: "event",
  name: "replay",
  summary: "A log file replayed line by line, each line's timestamp rewritten to the event's time",
  schema,
  examples: [
    'event replay "old/access.log" {\n  timestamp_pattern "\\\\[(?<timestamp>[^\\\\]]+)\\\\]"\n  timestamp_format "%d/%b/%Y:%H:%M:%S %z"\n  repeat true\n}',
  ],
  access(options, dir) {
    const path = resolve(dir, options.path);
    return path.startsWith(dir + "/") ? {} : { needs: { read: [path] } };
  },
  check(options, env) {
    return env.exists(resolve(env.dir, options.path)) ? [] : [{
      path: ["path"],
      message: `log file \`${options.path}\` not found`,
      hint: env.missingFileHint(options.path),
    }];
  },
  create: createReplayEvent,
};
