/**
 * The template event plugin at run time: compiles the templates once, then
 * renders each batch by the picking mode.
 *
 * @module
 */
import nunjucks from "nunjucks";
import { resolve } from "node:path";
import type { EventBatch, EventContext, EventPlugin, Failure, Produced } from "../../spec.ts";
import { EventError } from "../../spec.ts";
import type { SourceText } from "../../schema.ts";
import { createEnvironment, templateErrorInfo } from "./environment.ts";
import { compileCondition, type Condition } from "./expression.ts";
import type { TemplateOptions } from "./plugin.ts";
import { State } from "./state.ts";
import { pickRandom } from "./samples.ts";
import { compileFast } from "./compile/mod.ts";
import { createApis } from "../_apis.ts";
import { EventTimestamp } from "./timestamp.ts";
import { BLOCK } from "../../random.ts";
import { RunError } from "../../run_error.ts";
import { didYouMean } from "../../suggest.ts";

interface Compiled {
  name: string;
  template: nunjucks.Template;
  /** Renders the template over a context (the compiled fast path when it applies). */
  render: (context: Record<string, unknown>) => string;
  /** Where the template's line 1 is, for messages: `file:line`. */
  where: (line?: number, column?: number) => string;
  locals: State;
  vars: Record<string, unknown>;
  chance: number;
  transitions: { to: number; when: Condition }[];
}

/** What picking chooses from: a template, or a group of templates fired in order. */
interface Entry {
  name: string;
  /** Template indexes: one for a template, the steps for a group. */
  steps: number[];
  group: boolean;
  /** A group's gap between steps, microseconds: [min, max]. */
  gap: [number, number];
  chance: number;
}

/**
 * The entries picking chooses from: groups, and templates that are not only
 * steps of a group (a step with its own `chance` is pickable too).
 */
function pickable(options: TemplateOptions, index: Map<string, number>): Entry[] {
  const inGroups = new Set((options.group ?? []).flatMap((g) => g.steps));
  const out: Entry[] = options.template
    .filter((t) => options.pick === "fsm" || !inGroups.has(t.name) || t.chance !== undefined)
    .map((t) => ({
      name: t.name,
      steps: [index.get(t.name) as number],
      group: false,
      gap: [0, 0],
      chance: t.chance ?? 0,
    }));
  for (const g of options.group ?? []) {
    out.push({
      name: g.name,
      steps: g.steps.map((s) => index.get(s) as number),
      group: true,
      gap: g.spread,
      chance: g.chance ?? 0,
    });
  }
  return out;
}

/** Trims whitespace around an event, without allocating when there is none. */
function trim(s: string): string {
  const n = s.length;
  if (n === 0) return s;
  const a = s.charCodeAt(0), z = s.charCodeAt(n - 1);
  return a > 32 && a < 127 && z > 32 && z < 127 ? s : s.trim();
}

/** How many times `dispatch.next()` may ask for another pick for one timestamp. */
const MAX_NEXT = 16;

function origin(src: SourceText | undefined, file: string | undefined, dir: string): Compiled["where"] {
  if (file !== undefined) {
    const path = resolve(dir, file);
    return (line, column) => `${path}${line ? `:${line}` : ""}${line && column ? `:${column}` : ""}`;
  }
  const base = src?.file ?? "(inline)";
  const first = src?.line ?? 1;
  return (line, column) => `${base}:${first + (line ?? 1) - 1}${line && column ? `:${column}` : ""}`;
}

/**
 * Creates the plugin for validated options.
 *
 * @param options The `event template` options from the graph.
 * @param ctx The generator's run context.
 */
export async function createTemplateEvent(options: TemplateOptions, ctx: EventContext): Promise<EventPlugin> {
  const pickRng = ctx.rng.child("pick");
  const stateRng = ctx.rng.child("state");
  const filterRng = ctx.rng.child("filter");
  const env = createEnvironment({
    dir: ctx.dir,
    readText: ctx.readText,
    filters: { random: (value: unknown) => pickRandom(value, filterRng) },
  });
  const index = new Map(options.template.map((t, i) => [t.name, i]));
  const compiled: Compiled[] = options.template.map((t) => {
    const where = origin(t.inline, t.file, ctx.dir);
    let template: nunjucks.Template;
    try {
      template = t.file !== undefined
        ? env.getTemplate(t.file, true)
        : new nunjucks.Template((t.inline as SourceText).text, env, `${t.name}`, true);
    } catch (e) {
      const info = templateErrorInfo(e, "compile");
      throw new EventError({
        source: t.name,
        code: "EVT4001",
        message: `Template \`${t.name}\` does not compile at ${where(info.line, info.column)}: ${info.message}`,
      });
    }
    // The compiled fast path where the template allows it; Nunjucks otherwise.
    const { tmplStr, path } = template as unknown as { tmplStr: string; path: string };
    const fast = compileFast(tmplStr, env, path);
    return {
      name: t.name,
      template,
      render: fast?.render ?? ((context: Record<string, unknown>) => template.render(context)),
      where,
      locals: new State(undefined, { rng: stateRng }),
      vars: t.vars,
      chance: t.chance ?? 0,
      transitions: [],
    };
  });
  options.template.forEach((t, i) => {
    (compiled[i] as Compiled).transitions = t.to.map((tr, j) => ({
      to: index.get(tr.to) as number,
      when: compileCondition(env, tr.when, `${t.name}.to[${j}]`),
    }));
  });
  const sources = compiled.map((c) => c.name);
  const entries = pickable(options, index);
  const entryIndex = new Map(entries.map((e, i) => [e.name, i]));
  const chances = entries.map((e) => e.chance);
  const chain = (options.chain ?? []).map((n) => entryIndex.get(n) as number);
  const groupRng = ctx.rng.child("group");
  const noGroup = new State(undefined, { rng: stateRng });
  let current = Math.max(0, options.template.findIndex((t) => t.initial));
  let turn = 0;

  let renderingName = "";
  // The helper thread that enforces `timeout=` costs about a second to start
  // in the sandbox: start it early, and only when a template may need it.
  const sourceOf = (c: Compiled) => (c.template as unknown as { tmplStr?: string }).tmplStr ?? "";
  const prestart = compiled.some((c) => /subprocess[^]*timeout/.test(sourceOf(c)));
  // Events depend only on the seed and their position unless templates carry
  // state from one event to the next (or may, through files we do not read).
  const independent = ["all", "any", "chance"].includes(options.pick) &&
    !compiled.some((c) =>
      /\b(locals|shared|globals)\b|dispatch\.exhaust|\{%-?\s*(include|import|from|extends)\b/.test(sourceOf(c))
    );
  let block = -1;
  const faker = compiled.some((c) => /\bfaker\b/.test(sourceOf(c)));
  const { samples, module, subprocess, dispatch, zone } = await createApis(ctx, {
    current: () => renderingName,
    prestart,
    faker,
  });
  const context: Record<string, unknown> = {
    timestamp: undefined,
    tags: [],
    params: ctx.params,
    vars: {},
    samples,
    locals: undefined,
    shared: ctx.shared,
    globals: ctx.globals,
    module,
    subprocess,
    dispatch,
    group: noGroup,
  };

  function next(): number {
    switch (options.pick) {
      case "any":
        return pickRng.index(entries.length);
      case "chance":
        return pickRng.weightedIndex(chances);
      case "spin":
        return turn++ % entries.length;
      case "chain":
        return chain[turn++ % chain.length] as number;
      case "fsm":
        return current;
      default:
        return 0;
    }
  }

  function advance(c: Compiled): void {
    for (const tr of c.transitions) {
      if (tr.when(context)) {
        current = tr.to;
        return;
      }
    }
  }

  /** What one batch made so far. */
  interface Acc {
    events: string[];
    origins: number[];
    stamps: number[];
    failures: Failure[];
    failed: number;
    dropped: number;
  }

  /** Renders template `k` at `us` for timestamp `i` of the batch. */
  function render(k: number, us: number, i: number, acc: Acc): "ok" | "again" | "stop" {
    const c = compiled[k] as Compiled;
    renderingName = c.name;
    context.timestamp = new EventTimestamp(us, zone);
    context.locals = c.locals;
    context.vars = c.vars;
    dispatch.reset();
    let out: string | undefined;
    try {
      out = c.render(context);
    } catch (e) {
      const info = templateErrorInfo(e);
      const failure: Failure = {
        source: c.name,
        code: "EVT4001",
        message: `Template \`${c.name}\` failed at ${c.where(info.line, info.column)}: ${info.message}`,
      };
      if (options.on_error === "fail") throw new EventError(failure);
      acc.failed++;
      if (acc.failures.length < 100) acc.failures.push(failure);
    }
    if (fsm) advance(c);
    if (dispatch.exhausted) return "stop";
    if (out === undefined) return "ok";
    if (dispatch.dropped) acc.dropped++;
    else if (dispatch.again) return "again";
    else {
      acc.events.push(trim(out));
      acc.origins.push(k);
      acc.stamps.push(i);
    }
    return "ok";
  }

  /** Fires entry `e` (a template, or a group's steps) for timestamp `i` at `t`. */
  function fire(entry: Entry, t: number, i: number, acc: Acc): "ok" | "again" | "stop" {
    if (!entry.group) return render(entry.steps[0] as number, t, i, acc);
    // A group fires its steps in order, each a random gap after the one before.
    context.group = new State(undefined, { rng: stateRng });
    const kept = acc.events.length;
    let us = t;
    let outcome: "ok" | "again" | "stop" = "ok";
    for (let n = 0; n < entry.steps.length; n++) {
      if (n > 0) us += Math.round(entry.gap[0] + groupRng.float() * (entry.gap[1] - entry.gap[0]));
      outcome = render(entry.steps[n] as number, us, i, acc);
      if (outcome === "stop") break;
      if (outcome === "again") {
        // `dispatch.next()` in a step discards the whole firing: its events so far go too.
        acc.events.length = acc.origins.length = acc.stamps.length = kept;
        break;
      }
    }
    context.group = noGroup;
    return outcome;
  }

  const fsm = options.pick === "fsm";
  const all = options.pick === "all";

  return {
    independent,
    inspect: () => ({
      locals: Object.fromEntries(compiled.map((c) => [c.name, c.locals.as_dict()])),
      ...(fsm ? { next: (compiled[current] as Compiled).name } : {}),
    }),
    restore(state) {
      for (const c of compiled) {
        c.locals.clear();
        c.locals.update(state.locals[c.name]);
      }
      if (fsm && state.next !== undefined) {
        const k = compiled.findIndex((c) => c.name === state.next);
        if (k < 0) {
          const names = compiled.map((c) => c.name);
          const hint = didYouMean(state.next, names) ?? `templates: ${names.join(", ")}`;
          throw new RunError("EVT4002", `No template named \`${state.next}\` to go on from (${hint})`);
        }
        current = k;
      }
    },
    produce(batch: EventBatch): Produced {
      const acc: Acc = { events: [], origins: [], stamps: [], failures: [], failed: 0, dropped: 0 };
      let exhausted = false;
      for (let i = 0; i < batch.length && !exhausted; i++) {
        const b = Math.floor((batch.start + i) / BLOCK);
        if (b !== block) {
          block = b;
          ctx.rng.enterBlock(b);
        }
        const t = batch.timestamps[i] as number;
        context.tags = batch.tags[batch.inputs[i] as number] ?? [];
        let e = all ? 0 : next();
        let retries = 0;
        while (e >= 0 && e < entries.length) {
          const outcome = fire(entries[e] as Entry, t, i, acc);
          if (outcome === "stop") {
            exhausted = true;
            break;
          }
          if (outcome === "again" && !all) {
            if (retries < MAX_NEXT) {
              retries++;
              e = next();
              continue;
            }
            // Every pick said `next()`: the timestamp gives no event, and says so in the counters.
            acc.dropped++;
          }
          if (!all) break;
          e++;
        }
      }
      const { events, origins, stamps, failed, dropped, failures } = acc;
      return { events, origins, stamps, sources, failed, dropped, exhausted, failures };
    },
  };
}
