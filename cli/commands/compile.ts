/**
 * `eventum compile --graph FILE`: prints the engine graph a scenario compiles to.
 *
 * @module
 */
import { type Command, parse, printDiagnostics, UsageError } from "../_command.ts";
import { loadScenario } from "../../dsl/load.ts";
import { collectParams } from "./_params.ts";

/** `eventum compile`. */
export const compileCommand: Command = {
  name: "compile",
  summary: "Print the engine graph a scenario compiles to, as JSON",
  help: `Usage: eventum compile --graph FILE [-p NAME=VALUE]...

Checks the scenario and prints the engine graph it compiles to: plain JSON
that the engine runs, and that code can build without the DSL (see mod.ts).

Options:
      --graph             Print the graph as JSON (the only output for now)
  -p, --param NAME=VALUE  Override a \`param\` (may be repeated)
  -h, --help              Show this help

Exit codes: 0 printed, 1 the scenario has errors, 2 usage error.`,
  // deno-lint-ignore require-await
  async run(args) {
    const { values, positionals } = parse(args, {
      graph: { type: "boolean" },
      param: { type: "string", short: "p", multiple: true },
      help: { type: "boolean", short: "h" },
    });
    if (values.help) {
      console.log(this.help);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError("give one scenario file");
    if (!values.graph) throw new UsageError("say what to print: --graph");
    const loaded = loadScenario(positionals[0] as string, { params: collectParams(values.param) });
    printDiagnostics(loaded.diagnostics, loaded.sources);
    if (!loaded.graph) return 1;
    console.log(JSON.stringify(loaded.graph, null, 2));
    return 0;
  },
};
