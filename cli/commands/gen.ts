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
import type { Counters, GeneratorResult } from "../../engine/run.ts";
import { randomSeed } from "../../engine/random.ts";
import { Progress } from "../_progress.ts";

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

Exit codes: 0 done, 1 scenario or runtime error (or events that failed),
2 usage error,
130 interrupted (after flushing).`,
    async run(args) {
      const { values, positionals } = parse(args, {
        count: { type: "string", short: "n" },
        until: { type: "string" },
        seed: { type: "string" },
        param: { type: "string", short: "p", multiple: true },
        now: { type: "string" },
        shard: { type: "string" },
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

      const checked = loadForRun(positionals[0] as string, values.param, grants);
      const graph = checked && withRefs(checked);
      if (!graph) return 1;
      for (const g of graph.generators) {
        for (const path of g.grants.write ?? []) await Deno.mkdir(dirname(path), { recursive: true });
      }

      const controller = new AbortController();
      let interrupted = 0;
      const onSignal = (sig: "SIGINT" | "SIGTERM") => () => {
        interrupted = sig === "SIGINT" ? 130 : 143;
        if (controller.signal.aborted) Deno.exit(interrupted);
        controller.abort();
      };
      const handlers = (["SIGINT", "SIGTERM"] as const).map((s) => [s, onSignal(s)] as const);
      for (const [s, h] of handlers) Deno.addSignalListener(s, h);
      const progress = new Progress(!values.quiet && Deno.stderr.isTerminal());
      const started = performance.now();
      let results: GeneratorResult[];
      try {
        results = await runSandboxed(graph, {
          entry,
          grants,
          ...(start === undefined ? {} : { now: start }),
          seed,
          signal: controller.signal,
          ...(count === undefined ? {} : { count }),
          ...(until === undefined ? {} : { until }),
          ...(shard === undefined ? {} : { shard }),
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
      let code = interrupted;
      for (const r of results) {
        if (r.error) {
          console.error(`error ${r.error.code} ${r.error.message}`);
          code ||= 1;
        }
        if (r.counters.failed > 0) code ||= 1;
        if (!values.quiet) {
          console.error(summary(
            r,
            results.length > 1,
            elapsed,
            graph.generators.find((g) => g.name === r.name)?.seed === undefined,
          ));
        }
      }
      return code;
    },
  };
}

function summary(r: GeneratorResult, named: boolean, elapsed: number, showSeed: boolean): string {
  const c: Counters = r.counters;
  const parts = [
    `${c.generated} event${c.generated === 1 ? "" : "s"} generated`,
    `${c.written} written`,
    `${c.failed} failed`,
  ];
  if (c.dropped) parts.push(`${c.dropped} dropped`);
  const rate = elapsed > 0 && c.generated > 0 ? `, ${Math.round(c.generated / elapsed).toLocaleString("en-US")}/s` : "";
  const seed = showSeed ? ` (seed ${r.seed})` : "";
  const l = r.lateness;
  const late = l && l.count ? `; lateness p50 ${ms(l.p50)} p99 ${ms(l.p99)} max ${ms(l.max)}` : "";
  return `${named ? `${r.name}: ` : ""}${parts.join(", ")} in ${elapsed.toFixed(2)}s${rate}${seed}${late}`;
}

function ms(us: number): string {
  return `${(us / 1000).toFixed(us < 10_000 ? 2 : 0)}ms`;
}
