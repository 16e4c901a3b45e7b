/**
 * `event script "producer.ts"`: events made by a TypeScript or JavaScript
 * module that exports `produce(ctx)`, returning a string, a list of strings
 * or nothing. It runs in the same sandbox as templates and sees the same
 * APIs: `ctx.timestamp`, `tags`, `params`, `samples`, `locals`, `shared`,
 * `globals`, `module.rand`, `subprocess`, `dispatch`, and `index` (the
 * timestamp's position in the run).
 *
 * ```ts ignore
 * // producer.ts
 * export function produce(ctx) {
 *   const n = ctx.shared.incr("n");
 *   return JSON.stringify({ n, at: ctx.timestamp.isoformat(), ip: ctx.module.rand.network.ip_v4() });
 * }
 * ```
 *
 * @module
 */
import * as v from "valibot";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { oneOf, str, withArgs } from "../../schema.ts";
import type { EventBatch, EventContext, EventPlugin, EventSpec, Failure, Produced } from "../../spec.ts";
import { EventError } from "../../spec.ts";
import { BLOCK } from "../../random.ts";
import { State } from "../template/state.ts";
import { EventTimestamp } from "../template/timestamp.ts";
import { createApis } from "../_apis.ts";

const schema = withArgs(
  v.object({
    path: v.pipe(str(), v.description("The module, relative to the scenario; it exports `produce(ctx)`.")),
    on_error: v.pipe(
      v.optional(oneOf(["fail", "skip"] as const), "fail"),
      v.description("An exception stops the run (`fail`) or counts the event as failed and goes on (`skip`)."),
    ),
  }),
  ["path"],
);

/** What `produce` receives for each timestamp. */
export interface ScriptContext {
  timestamp: EventTimestamp;
  tags: readonly string[];
  params: Record<string, unknown>;
  samples: Record<string, unknown>;
  locals: State;
  shared: unknown;
  globals: unknown;
  module: Record<string, unknown>;
  subprocess: unknown;
  dispatch: unknown;
  /** The timestamp's position in the generator's timeline. */
  index: number;
}

/** Where in the script an error happened: the first stack frame inside it. */
function where(e: unknown, url: string): string {
  const stack = (e as Error)?.stack ?? "";
  const m = stack.split("\n").map((l) => l.includes(url) ? /:(\d+):(\d+)\)?$/.exec(l) : null).find((x) => x);
  return m ? `:${m[1]}:${m[2]}` : "";
}

function message(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return e instanceof Deno.errors.NotCapable
    ? m.replace(/, run again with the (--allow-\w+) flag/, ": grant it with $1")
    : m;
}

async function createScriptEvent(options: v.InferOutput<typeof schema>, ctx: EventContext): Promise<EventPlugin> {
  const path = resolve(ctx.dir, options.path);
  const url = pathToFileURL(path).href;
  let mod: { produce?: unknown };
  try {
    mod = await import(url);
  } catch (e) {
    throw new EventError({
      source: options.path,
      code: "EVT4001",
      message: `Cannot load script \`${options.path}\`: ${message(e)}`,
    });
  }
  const produce = mod.produce;
  if (typeof produce !== "function") {
    throw new EventError({
      source: options.path,
      code: "EVT4001",
      message: `Script \`${options.path}\` does not export a function \`produce(ctx)\``,
    });
  }
  let text = "";
  try {
    text = ctx.readText(path);
  } catch {
    // the import above succeeded; the text only tells whether faker is used
  }
  const apis = await createApis(ctx, { current: () => options.path, faker: /\bfaker\b/.test(text) });
  const locals = new State(undefined, { rng: ctx.rng.child("state") });
  const sources = [options.path];
  let block = -1;
  return {
    inspect: () => ({ locals: { [options.path]: locals.as_dict() } }),
    produce(batch: EventBatch): Produced {
      const events: string[] = [];
      const stamps: number[] = [];
      const failures: Failure[] = [];
      let failed = 0, dropped = 0, exhausted = false;
      for (let i = 0; i < batch.length && !exhausted; i++) {
        const b = Math.floor((batch.start + i) / BLOCK);
        if (b !== block) {
          block = b;
          ctx.rng.enterBlock(b);
        }
        apis.dispatch.reset();
        const sc: ScriptContext = {
          timestamp: new EventTimestamp(batch.timestamps[i] as number, apis.zone),
          tags: batch.tags[batch.inputs[i] as number] ?? [],
          params: ctx.params,
          samples: apis.samples,
          locals,
          shared: ctx.shared,
          globals: ctx.globals,
          module: apis.module,
          subprocess: apis.subprocess,
          dispatch: apis.dispatch,
          index: batch.start + i,
        };
        let out: unknown;
        try {
          out = produce(sc);
          if (out instanceof Promise) {
            throw new Error("`produce` returned a promise: it must return a string, a list of strings or nothing");
          }
        } catch (e) {
          const failure = {
            source: options.path,
            code: "EVT4001",
            message: `Script \`${options.path}${where(e, url)}\` failed: ${message(e)}`,
          };
          if (options.on_error === "fail") throw new EventError(failure);
          failed++;
          if (failures.length < 100) failures.push(failure);
          continue;
        }
        if (apis.dispatch.exhausted) {
          exhausted = true;
          break;
        }
        if (apis.dispatch.dropped) {
          dropped++;
          continue;
        }
        for (const e of out === undefined || out === null ? [] : Array.isArray(out) ? out : [out]) {
          events.push(typeof e === "string" ? e : JSON.stringify(e));
          stamps.push(i);
        }
      }
      return { events, stamps, origins: events.map(() => 0), sources, failed, dropped, exhausted, failures };
    },
    close: () => apis.subprocess.close?.(),
  };
}

/** The `script` event plugin. */
export const scriptEvent: EventSpec<typeof schema> = {
  kind: "event",
  name: "script",
  summary: "Events made by a TypeScript/JavaScript module exporting produce(ctx), in the same sandbox",
  schema,
  examples: ['event script "producer.ts"', 'event script "producer.js" { on_error skip }'],
  check(options, env) {
    const path = resolve(env.dir, options.path);
    return env.exists(path)
      ? []
      : [{ path: ["path"], message: `script \`${options.path}\` not found`, hint: env.missingFileHint(options.path) }];
  },
  create: createScriptEvent,
};
