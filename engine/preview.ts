/**
 * Output previews for the Studio: a few rendered steps passed through a
 * formatter plugin, as an output would receive them, without writing
 * anything.
 *
 * @module
 */
import * as v from "valibot";
import type { Graph } from "./graph.ts";
import { formatters } from "./registry.ts";
import { type RenderOptions, type RenderStep, renderSteps } from "./render.ts";
import { RunError } from "./run_error.ts";
import { readTextSandboxed } from "./sandbox.ts";
import { didYouMean } from "./suggest.ts";
import type { Produced } from "./spec.ts";

/** What to preview: what to render, and the formatter. */
export interface PreviewOptions extends RenderOptions {
  /** A formatter plugin's name; by default the format of the generator's first output (`plain` without outputs). */
  format?: string;
}

/** A preview: the formatted records and what went wrong on the way. */
export interface Preview {
  /** The formatter used. */
  format: string;
  /** The records an output would write. */
  lines: string[];
  /** Template errors, render and format failures, each starting with its code (`EVT4001 ...`). */
  failures: string[];
  /** The rendered steps the records come from. */
  steps: RenderStep[];
}

/**
 * Renders steps of a generator and formats their events with a formatter
 * plugin, all as one batch. A formatter that one of the generator's outputs
 * uses gets that output's options; any other gets its defaults.
 *
 * @param graph The compiled scenario.
 * @param options What to render, and `format`.
 * @returns The records and failures.
 * @throws {RunError} For an unknown generator or formatter, or a formatter whose options have no defaults (`EVT4002`).
 * @example
 * ```ts
 * import { previewSteps } from "./preview.ts";
 * import type { Graph } from "./graph.ts";
 * const graph = {
 *   version: 1,
 *   generators: [{
 *     name: "g", dir: ".", mode: "sample", timezone: "UTC", skipPast: false, batch: { size: 1000, delay: 0 },
 *     params: {}, needs: {}, grants: {}, samples: {},
 *     inputs: [{ plugin: "timer", options: { every: 1_000_000, count: 1, start: "2024-01-01T00:00Z", repeat: 2 }, tags: [] }],
 *     event: {
 *       plugin: "template",
 *       options: { pick: "all", on_error: "skip", template: [{ name: "t", inline: { text: '{"n": 1}' }, vars: {}, to: [] }] },
 *     },
 *     outputs: [],
 *   }],
 * } satisfies Graph;
 * const p = await previewSteps(graph, { steps: 2, seed: 1, format: "json" });
 * if (p.lines.join() !== '{"n":1},{"n":1}') throw new Error(p.lines.join());
 * ```
 */
export async function previewSteps(graph: Graph, options: PreviewOptions): Promise<Preview> {
  const g = options.generator === undefined
    ? graph.generators[0]
    : graph.generators.find((x) => x.name === options.generator);
  const own = g?.outputs.find((o) => options.format === undefined || o.format.plugin === options.format)?.format;
  const format = options.format ?? own?.plugin ?? "plain";
  const spec = formatters.get(format);
  if (!spec) {
    const names = [...formatters.keys()];
    throw new RunError(
      "EVT4002",
      `Unknown formatter \`${format}\` (${didYouMean(format, names) ?? `formatters: ${names.join(", ")}`})`,
    );
  }
  let formatOptions = own?.options;
  if (formatOptions === undefined) {
    const parsed = v.safeParse(spec.schema, {});
    if (!parsed.success) {
      throw new RunError(
        "EVT4002",
        `Formatter \`${format}\` needs options: give an output \`format ${format} { ... }\` to preview it`,
      );
    }
    formatOptions = parsed.output as Record<string, unknown>;
  }
  const { format: _format, ...render } = options;
  const steps = await renderSteps(graph, render);
  const generator = g ?? graph.generators[0];
  const formatter = await spec.create(formatOptions, {
    dir: generator?.dir ?? ".",
    timezone: generator?.timezone ?? "UTC",
    readText: readTextSandboxed,
  });
  const sources: string[] = [];
  const produced: Produced = {
    events: [],
    stamps: [],
    origins: [],
    sources,
    failed: 0,
    dropped: 0,
    exhausted: false,
    failures: [],
  };
  const failures: string[] = [];
  steps.forEach((s, k) => {
    for (const e of s.events) {
      let origin = sources.indexOf(e.source);
      if (origin < 0) origin = sources.push(e.source) - 1;
      produced.events.push(e.text);
      produced.stamps.push(k);
      produced.origins.push(origin);
    }
    for (const f of s.failures) failures.push(`EVT4001 ${f}`);
    if (s.error) failures.push(`EVT4001 ${s.error}`);
  });
  const formatted = formatter.format(produced);
  for (const f of formatted.failures) failures.push(`${f.code} ${f.message}`);
  return { format, lines: formatted.lines, failures, steps };
}
