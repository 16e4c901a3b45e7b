/**
 * `eventum plot FILE`: how many events a scenario's inputs produce over
 * time, as a histogram, without rendering any event.
 *
 * @module
 */
import { durationArg, wholeNumber } from "../_args.ts";
import { loadForRun, withRefs } from "../_scenario.ts";
import { type Command, parse, UsageError } from "../_command.ts";
import { renderChart, toCsv, toJson } from "../_chart.ts";
import type { GeneratorGraph, Graph } from "../../engine/graph.ts";
import type { Grants } from "../../engine/permissions.ts";
import { randomSeed } from "../../engine/random.ts";
import { RunError } from "../../engine/run_error.ts";
import { checkTime, resolveTime } from "../../engine/time.ts";
import {
  inputLabel,
  inputsOnly,
  selectInputs,
  type Timeline,
  timeline,
  type TimelineOptions,
} from "../../engine/timeline.ts";

/** Where a timeline is computed: in this process, or in the sandboxed engine Worker. */
export type ComputeTimeline = (
  graph: Graph,
  options: TimelineOptions,
  sandbox: { entry: string | URL; grants: Grants },
) => Promise<Timeline[]>;

/** Computes timelines in this process. */
export const inProcess: ComputeTimeline = (graph, options) => timeline(graph, options);

const FORMATS = ["text", "csv", "json"] as const;

/**
 * `eventum plot`.
 *
 * @param entry The program's entry module, to spawn the engine Worker from.
 * @param grants The command line's grants.
 * @param options `compute`: where timelines are computed ({@link inProcess} by default).
 * @returns The command.
 * @example
 * ```ts
 * import { plotCommand } from "./plot.ts";
 * const plot = plotCommand(import.meta.url, {});
 * if (!plot.help.includes("--bin")) throw new Error();
 * ```
 */
export function plotCommand(
  entry: string | URL,
  grants: Grants,
  options: { compute?: ComputeTimeline } = {},
): Command {
  const compute = options.compute ?? inProcess;
  return {
    name: "plot",
    summary: "Plot how many events a scenario produces over time",
    help: `Usage: eventum plot FILE [options] [--allow-...]

Counts the timestamps the scenario's inputs produce per interval and draws
them as a histogram, one line per interval, without rendering any event.
Inputs are created as \`eventum gen\` creates them: the same --seed and
--now give the same timestamps.

Options:
      --bin DURATION      The width of an interval (1s, 5m, 1h, 1d, 7d...);
                          by default about 60 intervals over the data
      --from TIME         Count from this time (ISO 8601, or relative: -1h)
      --to TIME           Count up to this time, excluded; needed for inputs
                          that never end (--until is the same)
      --input NAME        Only the inputs whose plugin or tag is NAME, or the
                          NAME-th input (from 1)
      --generator NAME    Only this generator
      --format FORMAT     text (default), csv or json
      --seed N            Seed for generators without their own \`seed\`
  -p, --param NAME=VALUE  Override a \`param\` (may be repeated)
      --now TIME          Pretend the run starts at TIME (for \`now\` and
                          relative times; makes such plots reproducible)
  -h, --help              Show this help

Times without an offset are in the scenario's timezone (UTC when its
generators differ). Intervals start at whole multiples of their width on the
local clock: hours at HH:00, days at midnight, weeks on Monday.

csv prints one row per interval: its start (ISO 8601 with offset), one column
per input and \`merged\`; it takes one generator. json prints every generator
with its intervals and counts.

Sandbox flags are those of \`eventum gen\`; a scenario that declares
permissions needs them here too.

Exit codes: 0 done, 1 scenario or runtime error, 2 usage error.`,
    async run(args) {
      const { values, positionals } = parse(args, {
        bin: { type: "string" },
        from: { type: "string" },
        to: { type: "string" },
        until: { type: "string" },
        input: { type: "string" },
        generator: { type: "string" },
        format: { type: "string" },
        seed: { type: "string" },
        param: { type: "string", short: "p", multiple: true },
        now: { type: "string" },
        help: { type: "boolean", short: "h" },
      });
      if (values.help) {
        console.log(this.help);
        return 0;
      }
      if (positionals.length !== 1) throw new UsageError("give one scenario file");
      if (values.to !== undefined && values.until !== undefined) throw new UsageError("give --to or --until, not both");
      const format = values.format ?? "text";
      if (!(FORMATS as readonly string[]).includes(format)) {
        throw new UsageError(`--format takes text, csv or json, got \`${format}\``);
      }
      const bin = values.bin === undefined ? undefined : durationArg("--bin", values.bin);
      const seed = values.seed === undefined ? randomSeed() : wholeNumber("--seed", values.seed);
      const times = { now: values.now, from: values.from, to: values.to ?? values.until };
      const toFlag = values.to === undefined && values.until !== undefined ? "--until" : "--to";
      for (const [name, text] of Object.entries(times)) {
        const bad = text === undefined ? undefined : checkTime(text);
        if (bad) throw new UsageError(`--${name === "to" ? toFlag.slice(2) : name}: invalid time \`${text}\`: ${bad}`);
      }

      const file = positionals[0] as string;
      const checked = loadForRun(file, values.param, grants);
      if (!checked) return 1;
      const plotted = chosen(checked, values.generator, values.input);
      if (format === "csv" && plotted.length > 1) {
        throw new UsageError(
          `--format csv takes one generator: choose one with --generator NAME (${
            plotted.map((g) => `\`${g.name}\``).join(", ")
          })`,
        );
      }
      // Plotting needs the inputs only: `env()` and `secret()` of templates and outputs stay unresolved.
      const graph = withRefs(inputsOnly(checked));
      if (!graph) return 1;

      const zones = new Set(plotted.map((g) => g.timezone));
      const timezone = zones.size === 1 ? [...zones][0] as string : "UTC";
      const realNow = Date.now() * 1000;
      const now = times.now === undefined ? realNow : resolveTime(times.now, { now: realNow, timezone });
      const from = times.from === undefined ? undefined : resolveTime(times.from, { now, timezone });
      const to = times.to === undefined ? undefined : resolveTime(times.to, { now, timezone });
      if (from !== undefined && to !== undefined && from >= to) {
        throw new UsageError(`--from must be before ${toFlag}`);
      }
      const request: TimelineOptions = {
        now,
        seed,
        ...(bin === undefined ? {} : { bin }),
        ...(from === undefined ? {} : { from }),
        ...(to === undefined ? {} : { to }),
        ...(values.input === undefined ? {} : { input: values.input }),
        ...(values.generator === undefined ? {} : { generator: values.generator }),
      };
      let timelines: Timeline[];
      try {
        timelines = await compute(graph, request, { entry, grants });
      } catch (e) {
        const code = e instanceof RunError ? e.code : "EVT4000";
        console.error(`error ${code} ${e instanceof Error ? e.message : String(e)}`);
        return 1;
      }
      if (format === "json") console.log(toJson(timelines));
      else if (format === "csv") console.log(toCsv(timelines[0] as Timeline));
      else {
        const width = Deno.stdout.isTerminal() ? Deno.consoleSize().columns : 80;
        console.log(timelines.map((t) => renderChart(t, { width })).join("\n\n"));
      }
      return 0;
    },
  };
}

/** The generators to plot; a `--generator` or `--input` that selects nothing is a usage error. */
function chosen(graph: Graph, generator: string | undefined, input: string | undefined): GeneratorGraph[] {
  const named = graph.generators.filter((g) => generator === undefined || g.name === generator);
  if (named.length === 0) {
    const list = graph.generators.map((g) => `\`${g.name}\``).join(", ");
    throw new UsageError(`--generator: no generator \`${generator}\` in the scenario; it has ${list}`);
  }
  const plotted = named.filter((g) => selectInputs(g, input).length > 0);
  if (plotted.length === 0) {
    const list = named.flatMap((g) =>
      g.inputs.map((n, i) => inputLabel(n, i) + (named.length > 1 ? ` of ${g.name}` : ""))
    );
    throw new UsageError(`--input: no input is \`${input}\`; the inputs are ${list.join(", ")}`);
  }
  return plotted;
}
