/**
 * `eventum gen FILE`: runs a scenario in the sandbox.
 *
 * @module
 */
import { shardArg, timeArg, wholeNumber } from "../_args.ts";
import { loadForRun, withRefs } from "../_scenario.ts";
import { dirname } from "node:path";
import { type Command, parse, UsageError } from "../_command.ts";
import type { Grants } from "../../engine/permissions.ts";
import { runSandboxed } from "../../engine/worker.ts";
import type { GeneratorResult } from "../../engine/run.ts";
import { randomSeed } from "../../engine/random.ts";
import { Progress } from "../_progress.ts";
import { exitCode, type FailOn, report, summaryLines } from "../_summary.ts";

/** `eventum gen`. */
export function genCommand(entry: string | URL, grants: Grants): Command {
  return {
    name: "gen",
    summary: "Generate events from a scenario",
    help: `Usage: eventum gen FILE [options] [--allow-...]

Runs the scenario's generators: in sample mode as fast as possible until the
inputs end, in live mode in step with the clock until stopped (Ctrl-C
flushes what was rendered, prints the counters and exits 130).

Options:
  -n, --count N           Stop each generator after N events
      --until TIME        Stop at this time (ISO 8601, or relative: +1h)
      --seed N            Seed for generators without their own \`seed\`
  -p, --param NAME=VALUE  Override a \`param\` (may be repeated)
      --shard K/N         Produce part K (0..N-1) of N: N runs with K = 0..N-1
                          write disjoint parts whose union is the whole run
      --now TIME          Pretend the run starts at TIME (for \`now\` and
                          relative times; makes such runs reproducible)
      --threads N         Threads rendering events (default: the CPU count);
                          only templates that carry no state are split, and
                          the output is the same as on one thread
      --report FILE       Write the run's counters as JSON (for CI)
      --fail-on WHAT      Also exit 1 when events were \`dropped\` or could not be
                          delivered (\`failed\`: dead-lettered); may be repeated
  -q, --quiet             No progress line and no summary
  -h, --help              Show this help

Sandbox (Deno's own flags; nothing is granted by default but reading the
scenario's folder and writing its output files):
  --allow-run[=CMD,...]   Let templates run these commands
  --allow-net[=HOST:PORT] Network access (network outputs need it too)
  --allow-env[=NAME,...]  Environment variables, for env("NAME")
  --allow-read[=PATH,...] Read other files
  --allow-write[=PATH,..] Write other files
  -A, --allow-all         Everything

Exit codes: 0 done, 1 scenario or runtime error (or events that failed to
render or format), 2 usage error, 130/143 interrupted (after flushing).`,
    async run(args) {
      const { values, positionals } = parse(args, {
        count: { type: "string", short: "n" },
        until: { type: "string" },
        seed: { type: "string" },
        param: { type: "string", short: "p", multiple: true },
        now: { type: "string" },
        shard: { type: "string" },
        threads: { type: "string" },
        report: { type: "string" },
        "fail-on": { type: "string", multiple: true },
        quiet: { type: "boolean", short: "q" },
        help: { type: "boolean", short: "h" },
      });
      if (values.help) {
        console.log(this.help);
        return 0;
      }
      if (positionals.length !== 1) throw new UsageError("give one scenario file");
      const count = values.count === undefined ? undefined : wholeNumber("--count", values.count);
      const seed = values.seed === undefined ? randomSeed() : wholeNumber("--seed", values.seed);
      const start = values.now === undefined ? undefined : timeArg("--now", values.now, Date.now() * 1000);
      const until = values.until === undefined
        ? undefined
        : timeArg("--until", values.until, start ?? Date.now() * 1000);
      const shard = values.shard === undefined ? undefined : shardArg(values.shard);
      const threads = values.threads === undefined
        ? navigator.hardwareConcurrency
        : wholeNumber("--threads", values.threads);
      if (threads < 1) throw new UsageError("--threads takes 1 or more");
      const failOn = (values["fail-on"] ?? []).flatMap((x) => x.split(","));
      for (const f of failOn) {
        if (f !== "dropped" && f !== "failed") throw new UsageError(`--fail-on takes dropped or failed, got \`${f}\``);
      }

      const checked = loadForRun(positionals[0] as string, values.param, grants);
      const graph = checked && withRefs(checked);
      if (!graph) return 1;
      for (const g of graph.generators) {
        for (const path of g.grants.write ?? []) await Deno.mkdir(dirname(path), { recursive: true });
      }

      const progress = new Progress(!values.quiet && Deno.stderr.isTerminal(), count);
      const controller = new AbortController();
      const hard = new AbortController();
      let interrupted = 0;
      const onSignal = (sig: "SIGINT" | "SIGTERM") => () => {
        interrupted = sig === "SIGINT" ? 130 : 143;
        if (!controller.signal.aborted) {
          // First signal: stop the inputs, write what was rendered.
          controller.abort();
          progress.log("stopping: writing what was rendered (press Ctrl-C again to stop at once)");
        } else if (!hard.signal.aborted) {
          // Second: give up writing, dead-letter the rest, exit within a second.
          hard.abort();
          setTimeout(() => Deno.exit(interrupted), 1000);
        } else Deno.exit(interrupted);
      };
      const handlers = (["SIGINT", "SIGTERM"] as const).map((s) => [s, onSignal(s)] as const);
      for (const [s, h] of handlers) Deno.addSignalListener(s, h);
      const started = performance.now();
      let results: GeneratorResult[];
      try {
        results = await runSandboxed(graph, {
          entry,
          grants,
          ...(start === undefined ? {} : { now: start }),
          seed,
          signal: controller.signal,
          hardStop: hard.signal,
          ...(count === undefined ? {} : { count }),
          ...(until === undefined ? {} : { until }),
          ...(shard === undefined ? {} : { shard }),
          threads,
          onFailure: (_g, f) => progress.log(`${f.code} ${f.message}`),
          onProgress: (g, c) => progress.update(g, c),
        });
      } catch (e) {
        progress.clear();
        console.error(`error EVT4000 the engine stopped: ${(e as Error).message}`);
        return 1;
      } finally {
        for (const [s, h] of handlers) Deno.removeSignalListener(s, h);
      }
      progress.clear();
      const elapsed = (performance.now() - started) / 1000;
      for (const r of results) if (r.error) console.error(`error ${r.error.code} ${r.error.message}`);
      const code = exitCode(results, failOn as FailOn[], interrupted);
      if (!values.quiet) {
        for (const r of results) {
          const own = graph.generators.find((g) => g.name === r.name)?.seed;
          const showSeed = values.seed === undefined && own === undefined;
          for (const line of summaryLines(r, { named: results.length > 1, elapsed, showSeed })) console.error(line);
        }
      }
      if (values.report) {
        await Deno.writeTextFile(values.report, report(results, { elapsed, code, scenario: positionals[0] as string }));
      }
      return code;
    },
  };
}
