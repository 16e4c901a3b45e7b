/**
 * `eventum check FILE...`: reports every mistake in scenarios; silent but for
 * a summary when they are clean.
 *
 * @module
 */
import { type Command, countLine, parse, printDiagnostics, UsageError } from "../_command.ts";
import { loadScenario } from "../../dsl/load.ts";
import { collectParams } from "./_params.ts";

/** `eventum check`. */
export const checkCommand: Command = {
  name: "check",
  summary: "Check scenarios for mistakes without running them",
  help: `Usage: eventum check FILE... [-p NAME=VALUE]...

Checks each scenario (and what it imports) against the language and the
plugin specs, printing every mistake with its file, line and column.
Prints only a summary line when everything is fine.

Options:
  -p, --param NAME=VALUE  Override a \`param\` (may be repeated)
  -h, --help              Show this help

Exit codes: 0 no errors, 1 errors found, 2 usage error.`,
  // deno-lint-ignore require-await
  async run(args) {
    const { values, positionals } = parse(args, {
      param: { type: "string", short: "p", multiple: true },
      help: { type: "boolean", short: "h" },
    });
    if (values.help) {
      console.log(this.help);
      return 0;
    }
    if (positionals.length === 0) throw new UsageError("give at least one scenario file");
    const params = collectParams(values.param);
    const all = [];
    for (const file of positionals) {
      const loaded = loadScenario(file, { params });
      printDiagnostics(loaded.diagnostics, loaded.sources);
      all.push(...loaded.diagnostics);
    }
    const files = `${positionals.length} file${positionals.length === 1 ? "" : "s"}`;
    const summary = countLine(all);
    if (all.some((d) => d.severity === "error")) {
      console.error(`${summary} in ${files}`);
      return 1;
    }
    console.error(summary ? `${files} checked: ${summary}` : `${files} checked: no problems`);
    return 0;
  },
};
