/**
 * `eventum convert generator.yml [-o scenario.evt]`: a Python Eventum 2.x
 * generator config as an `.evt` scenario; what cannot be mapped is printed
 * as a warning with its YAML line.
 *
 * @module
 */
import { type Command, countLine, parse, printDiagnostics, shown, UsageError } from "../_command.ts";
import { convertGenerator } from "../../convert/mod.ts";
import { collectParams } from "./_params.ts";

/** `eventum convert`. */
export const convertCommand: Command = {
  name: "convert",
  summary: "Convert a Python Eventum generator.yml to a scenario",
  help: `Usage: eventum convert generator.yml [-o scenario.evt] [options]

Converts a Python Eventum 2.x generator config (with the time pattern files
it names) to an .evt scenario: inputs, the template, script and replay event
plugins, outputs with their formatters, \${params.x} and \${secrets.x}.
Template files are referenced as they are. Everything that cannot be mapped
is printed as a warning with its file, line and column; nothing is dropped
silently. The scenario goes to stdout, or to the file given with -o (paths in
it are then relative to that file).

Options:
  -o, --out FILE          Write the scenario to FILE instead of stdout
  -p, --param NAME=VALUE  A value for \${params.NAME} (may be repeated)
      --name NAME         The generator's name (default: the config's folder)
      --live              Write \`mode live\`, as the Python Eventum runs by default
      --timezone TZ       Write \`timezone "TZ"\`
  -h, --help              Show this help

Exit codes: 0 converted (maybe with warnings), 1 the YAML cannot be read or is
not a generator config, 2 usage error.`,
  async run(args) {
    const { values, positionals } = parse(args, {
      out: { type: "string", short: "o" },
      param: { type: "string", short: "p", multiple: true },
      name: { type: "string" },
      live: { type: "boolean" },
      timezone: { type: "string" },
      help: { type: "boolean", short: "h" },
    });
    if (values.help) {
      console.log(this.help);
      return 0;
    }
    if (positionals.length !== 1) {
      throw new UsageError("give one generator config, as in `eventum convert generator.yml`");
    }
    const [path] = positionals as [string];
    const result = convertGenerator(path, {
      params: collectParams(values.param),
      ...(values.out !== undefined ? { out: values.out } : {}),
      ...(values.name !== undefined ? { name: values.name } : {}),
      ...(values.live ? { live: true } : {}),
      ...(values.timezone !== undefined ? { timezone: values.timezone } : {}),
    });
    printDiagnostics(result.diagnostics, result.sources);
    if (result.text === undefined || result.diagnostics.some((d) => d.severity === "error")) {
      console.error(`${countLine(result.diagnostics)}: nothing converted`);
      return 1;
    }
    if (values.out !== undefined) {
      await Deno.writeTextFile(values.out, result.text);
      const summary = countLine(result.diagnostics);
      console.error(`wrote ${shown(values.out)}${summary ? ` (${summary})` : ""}`);
    } else {
      await Deno.stdout.write(new TextEncoder().encode(result.text));
      const summary = countLine(result.diagnostics);
      if (summary) console.error(summary);
    }
    return 0;
  },
};
