/**
 * `eventum render FILE`: renders a few steps of a generator without writing
 * anything, showing each event (pretty JSON when it is JSON) and, with
 * `--state`, the state after each step.
 *
 * @module
 */
import { timeArg, wholeNumber } from "../_args.ts";
import { loadForRun, withRefs } from "../_scenario.ts";
import { colourful, type Command, parse, UsageError } from "../_command.ts";
import type { Grants } from "../../engine/permissions.ts";
import { randomSeed } from "../../engine/random.ts";
import { callSandboxed } from "../../engine/worker.ts";
import type { RenderStep } from "../../engine/render.ts";
import { EventTimestamp } from "../../engine/events/template/timestamp.ts";
import { highlightJson } from "../_json.ts";

/** `eventum render`. */
export function renderCommand(entry: string | URL, grants: Grants): Command {
  return {
    name: "render",
    summary: "Render a few events of a scenario, with the state after each, without writing them",
    help: `Usage: eventum render FILE [options] [--allow-...]

Renders N steps of a generator in the same sandbox as \`eventum gen\`, writes
nothing, and prints each step's events (pretty JSON when they are JSON).

Options:
  -n, --steps N           How many timestamps to render (default 5)
  -t, --template NAME     Only this template, whatever the picking mode
      --at TIME           Render every step at TIME instead of the inputs' timestamps
  -g, --generator NAME    The generator (default: the first)
      --state             Print locals, shared and globals after each step
      --json              Print the steps as JSON
      --seed N            Seed for generators without their own
      --now TIME          Pretend the run starts at TIME
  -p, --param NAME=VALUE  Override a \`param\` (may be repeated)
  -h, --help              Show this help

Sandbox flags (--allow-run, --allow-net, ...) as for \`eventum gen\`.

Exit codes: 0 rendered, 1 scenario or template error, 2 usage error.`,
    async run(args) {
      const { values, positionals } = parse(args, {
        steps: { type: "string", short: "n" },
        template: { type: "string", short: "t" },
        at: { type: "string" },
        generator: { type: "string", short: "g" },
        state: { type: "boolean" },
        json: { type: "boolean" },
        seed: { type: "string" },
        now: { type: "string" },
        param: { type: "string", short: "p", multiple: true },
        help: { type: "boolean", short: "h" },
      });
      if (values.help) {
        console.log(this.help);
        return 0;
      }
      if (positionals.length !== 1) throw new UsageError("give one scenario file");
      const steps = values.steps === undefined ? 5 : Math.max(1, wholeNumber("--steps", values.steps));
      const seed = values.seed === undefined ? randomSeed() : wholeNumber("--seed", values.seed);
      const now = values.now === undefined ? undefined : timeArg("--now", values.now, Date.now() * 1000);
      const at = values.at === undefined ? undefined : timeArg("--at", values.at, now ?? Date.now() * 1000);

      const checked = loadForRun(positionals[0] as string, values.param, grants);
      const graph = checked && withRefs(checked);
      if (!graph) return 1;
      let result: RenderStep[];
      try {
        result = await callSandboxed("render", graph, {
          steps,
          seed,
          ...(values.generator === undefined ? {} : { generator: values.generator }),
          ...(values.template === undefined ? {} : { template: values.template }),
          ...(at === undefined ? {} : { at }),
          ...(now === undefined ? {} : { now }),
          ...(values.state ? { state: true } : {}),
        }, { entry, grants });
      } catch (e) {
        const code = (e as { code?: string }).code ?? "EVT4000";
        console.error(`error ${code} ${(e as Error).message}`);
        return 1;
      }
      if (values.json) console.log(JSON.stringify(result, null, 2));
      else console.log(formatSteps(result, colourful() && Deno.stdout.isTerminal()));
      return result.some((s) => s.error) ? 1 : 0;
    },
  };
}

/** A step's event, pretty when it is JSON. */
function pretty(text: string, colour: boolean): string {
  try {
    const value = JSON.parse(text);
    if (typeof value === "object" && value !== null) return highlightJson(value, colour);
  } catch {
    // not JSON: print as rendered
  }
  return text;
}

/**
 * Formats rendered steps for a terminal.
 *
 * @param steps What `renderSteps` returned.
 * @param colour Whether to use ANSI colours.
 */
export function formatSteps(steps: RenderStep[], colour: boolean): string {
  const dim = (s: string) => (colour ? `\x1b[2m${s}\x1b[22m` : s);
  const bold = (s: string) => (colour ? `\x1b[1m${s}\x1b[22m` : s);
  const red = (s: string) => (colour ? `\x1b[31m${s}\x1b[39m` : s);
  const out: string[] = [];
  for (const s of steps) {
    const when = new EventTimestamp(s.timestamp, s.timezone).isoformat();
    const tags = s.tags.length ? ` [${s.tags.join(", ")}]` : "";
    out.push(bold(`── step ${s.step} · ${when}${tags} `) + dim("─".repeat(8)));
    for (const e of s.events) {
      out.push(dim(`template ${e.source}`));
      out.push(pretty(e.text, colour));
    }
    if (s.events.length === 0 && !s.error) out.push(dim("(no event)"));
    if (s.dropped) out.push(dim(`${s.dropped} dropped by dispatch.drop()`));
    for (const f of s.failures) out.push(red(f));
    if (s.error) out.push(red(`error ${s.error}`));
    if (s.state) {
      out.push(dim("state after this step:"));
      out.push(`  shared  ${JSON.stringify(s.state.shared)}`);
      out.push(`  globals ${JSON.stringify(s.state.globals)}`);
      for (const [name, locals] of Object.entries(s.state.locals)) {
        if (Object.keys(locals).length) out.push(`  locals of ${name} ${JSON.stringify(locals)}`);
      }
    }
    out.push("");
  }
  return out.join("\n").trimEnd();
}
