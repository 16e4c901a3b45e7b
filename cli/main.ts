/**
 * The `eventum` command line, and the engine Worker's entry: the program
 * spawns its sandboxed engine from this same module.
 *
 * @module
 */
import { isEngineWorker, serveEngine, timelineSandboxed } from "../engine/worker.ts";
import { isRenderWorker, serveRenderer } from "../engine/render_pool.ts";
import { plotCommand } from "./commands/plot.ts";
import { renderCommand } from "./commands/render.ts";
import { type Command, UsageError } from "./_command.ts";
import { checkCommand } from "./commands/check.ts";
import { compileCommand } from "./commands/compile.ts";
import { convertCommand } from "./commands/convert.ts";
import { fmtCommand } from "./commands/fmt.ts";
import { initCommand } from "./commands/init.ts";
import { pluginsCommand } from "./commands/plugins.ts";
import { genCommand } from "./commands/gen.ts";
import { studioCommand } from "./commands/studio.ts";
import { type Grants, mergeGrants, parseGrant } from "../engine/permissions.ts";
import { BUILD, VERSION } from "./version.ts";

/**
 * Every command of the CLI, in the order `eventum --help` lists them.
 *
 * @param grants The command line's grants (the sandbox of `gen`, `render`, `plot`...).
 * @returns The commands.
 */
export function commands(grants: Grants = {}): Command[] {
  return [
    genCommand(import.meta.url, grants),
    renderCommand(import.meta.url, grants),
    plotCommand(import.meta.url, grants, { compute: timelineSandboxed }),
    studioCommand(import.meta.url, grants),
    checkCommand,
    compileCommand,
    convertCommand,
    fmtCommand,
    initCommand,
    pluginsCommand,
  ];
}

/**
 * What `eventum --help` prints.
 *
 * @param list The commands.
 * @returns The text.
 */
export function usage(list: Command[]): string {
  const width = Math.max(...list.map((c) => c.name.length));
  return `Eventum ${VERSION}: a synthetic event generator

Usage: eventum COMMAND [options]

Commands:
${list.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join("\n")}

Run \`eventum COMMAND --help\` for a command's options.
Options: -h, --help  Show this help;  -V, --version  Show versions`;
}

/** `eventum --version`: the program's version and build, and the runtime's. */
function versions(): string {
  const build = BUILD.commit === "dev" ? "development build" : `${BUILD.commit}, built ${BUILD.date}`;
  const { deno, v8, typescript } = Deno.version;
  return `eventum ${VERSION} (${build})\ndeno ${deno}\nv8 ${v8}\ntypescript ${typescript}`;
}

/**
 * Runs the CLI.
 *
 * @param argv The arguments after the program name.
 * @returns The exit code.
 */
export async function main(argv: string[]): Promise<number> {
  let grants: Grants = {};
  const rest: string[] = [];
  for (const a of argv) {
    const g = parseGrant(a, Deno.cwd());
    if (g) grants = mergeGrants(grants, g);
    else rest.push(a);
  }
  const list = commands(grants);
  const [name, ...args] = rest;
  if (name === undefined || name === "-h" || name === "--help" || name === "help") {
    const sub = name === "help" ? list.find((c) => c.name === args[0]) : undefined;
    console.log(sub ? sub.help : usage(list));
    return 0;
  }
  if (name === "-V" || name === "--version") {
    console.log(versions());
    return 0;
  }
  const cmd = list.find((c) => c.name === name);
  if (!cmd) {
    console.error(`eventum: unknown command \`${name}\`\nRun \`eventum --help\` for the list.`);
    return 2;
  }
  try {
    return await cmd.run(args);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`eventum ${cmd.name}: ${e.message}\nRun \`eventum ${cmd.name} --help\` for usage.`);
      return 2;
    }
    console.error(`eventum ${cmd.name}: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

if (isEngineWorker()) serveEngine();
else if (isRenderWorker()) serveRenderer();
else if (import.meta.main) Deno.exit(await main(Deno.args));
