/**
 * The end of a run: the summary lines, the JSON report (`--report`), and the
 * exit code (`--fail-on`).
 *
 * @module
 */
import type { GeneratorResult } from "../engine/run.ts";
import type { OutputCounters } from "../engine/outputs/delivery.ts";

/** What `--fail-on` can make fatal, beyond events that failed to render or format. */
export type FailOn = "dropped" | "failed";

const plural = (n: number, word: string) => `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;

function ms(us: number): string {
  return `${(us / 1000).toFixed(us < 10_000 ? 2 : 0)}ms`;
}

/** Events of an output that did not arrive, by reason, for the summary. */
function losses(c: OutputCounters): string[] {
  const out: string[] = [];
  if (c.retried) out.push(`${c.retried.toLocaleString("en-US")} retried`);
  if (c.dead_lettered) out.push(`${c.dead_lettered.toLocaleString("en-US")} dead-lettered`);
  if (c.dropped) out.push(`${c.dropped.toLocaleString("en-US")} dropped`);
  return out;
}

/**
 * The summary of one generator: a line of totals, then a line per output
 * when there are several (or when one lost events).
 */
export function summaryLines(
  r: GeneratorResult,
  options: { named: boolean; elapsed: number; showSeed: boolean },
): string[] {
  const c = r.counters;
  const outputFailed = r.outputs.reduce((n, o) => Math.max(n, o.counters.failed), 0);
  const parts = [
    `${plural(c.generated, "event")} generated`,
    `${c.written.toLocaleString("en-US")} written`,
    `${(c.failed + outputFailed).toLocaleString("en-US")} failed`,
  ];
  if (c.dropped) parts.push(`${c.dropped.toLocaleString("en-US")} dropped by templates`);
  const only = r.outputs.length === 1 ? r.outputs[0] : undefined;
  if (only) parts.push(...losses(only.counters));
  const e = options.elapsed;
  // Live: the rate over the time the generator ran, which is what it was asked to keep.
  const span = r.seconds ?? e;
  const threads = r.threads ? ` on ${r.threads} threads` : "";
  const rate = span > 0 && c.generated > 0
    ? `, ${Math.round(c.generated / span).toLocaleString("en-US")}/s${threads}`
    : "";
  const seed = options.showSeed ? ` (seed ${r.seed})` : "";
  const l = r.lateness;
  const late = l && l.count ? `; lateness p50 ${ms(l.p50)} p99 ${ms(l.p99)} max ${ms(l.max)}` : "";
  const lines = [`${options.named ? `${r.name}: ` : ""}${parts.join(", ")} in ${e.toFixed(2)}s${rate}${seed}${late}`];
  if (r.outputs.length > 1) {
    for (const o of r.outputs) {
      const x = o.counters;
      const rest = [
        `${x.written.toLocaleString("en-US")} written`,
        ...(x.failed ? [`${x.failed} failed`] : []),
        ...losses(x),
      ];
      lines.push(`  ${o.label}: ${rest.join(", ")}`);
    }
  }
  for (const o of r.outputs) {
    if (o.counters.dead_lettered) lines.push(`  ${o.label}: undelivered events are in its dead-letter file`);
  }
  if (r.stopped) lines.push(`  stopped early: ${r.stopped}`);
  return lines;
}

/**
 * The exit code of a finished run: 1 when an error stopped it or events
 * failed to render or format; with `--fail-on`, also when events were
 * dropped or could not be delivered.
 */
export function exitCode(results: readonly GeneratorResult[], failOn: readonly FailOn[], interrupted: number): number {
  let code = interrupted;
  for (const r of results) {
    const outputFailed = r.outputs.some((o) => o.counters.failed > 0);
    if (r.error || r.counters.failed > 0 || outputFailed) code ||= 1;
    if (failOn.includes("failed") && r.outputs.some((o) => o.counters.dead_lettered > 0)) code ||= 1;
    if (failOn.includes("dropped") && r.outputs.some((o) => o.counters.dropped > 0)) code ||= 1;
  }
  return code;
}

/** The JSON written by `--report`: everything counted, per generator and output. */
export function report(
  results: readonly GeneratorResult[],
  run: { elapsed: number; code: number; scenario: string },
): string {
  return JSON.stringify(
    {
      scenario: run.scenario,
      exit_code: run.code,
      elapsed_seconds: Number(run.elapsed.toFixed(3)),
      generators: results.map((r) => ({
        name: r.name,
        seed: r.seed,
        ...r.counters,
        ...(r.error ? { error: r.error } : {}),
        ...(r.lateness ? { lateness_us: r.lateness } : {}),
        ...(r.seconds === undefined ? {} : { live_seconds: Number(r.seconds.toFixed(3)) }),
        ...(r.threads === undefined ? {} : { threads: r.threads }),
        outputs: r.outputs.map((o) => ({ output: o.label, ...o.counters })),
      })),
    },
    null,
    2,
  );
}
