/**
 * The program's commands: what `eventum COMMAND` runs on the main thread.
 * Loaded by `cli/main.ts` only there, so the engine and render Workers,
 * which start from the same entry module, do not load the CLI, the Studio
 * or `convert`.
 *
 * @module
 */
import { type Command, UsageError } from "./_command.ts";
import { type Grants, mergeGrants, parseGrant } from "../engine/permissions.ts";
import { BUILD, VERSION } from "./version.ts";

/** `cli/main.ts` when run from source. */
const ENTRY = new URL("./main.ts", import.meta.url);

/** Makes a command for the program's entry module and the command line's grants. */
type Loader = (entry: string | URL, grants: Grants) => Promise<Command>;

/**
 * Every command, in the order `eventum --help` lists them, each loaded only
 * when it runs: `eventum gen` does not load the Studio, `convert` or the
 * plugin reference (about 30 ms of its start).
 */
const LOADERS: ReadonlyArray<readonly [string, Loader]> = [
  ["gen", async (entry, grants) => (await import("./commands/gen.ts")).genCommand(entry, grants)],
  ["render", async (entry, grants) => (await import("./commands/render.ts")).renderCommand(entry, grants)],
  ["plot", async (entry, grants) => {
    const [{ plotCommand }, { timelineSandboxed }] = await Promise.all([
      import("./commands/plot.ts"),
      import("../engine/worker.ts"),
    ]);
    return plotCommand(entry, grants, { compute: timelineSandboxed });
  }],
  ["studio", async (entry, grants) => (await import("./commands/studio.ts")).studioCommand(entry, grants)],
  ["check", async () => (await import("./commands/check.ts")).checkCommand],
  ["compile", async () => (await import("./commands/compile.ts")).compileCommand],
  ["convert", async () => (await import("./commands/convert.ts")).convertCommand],
  ["fmt", async () => (await import("./commands/fmt.ts")).fmtCommand],
  ["init", async () => (await import("./commands/init.ts")).initCommand],
  ["plugins", async () => (await import("./commands/plugins.ts")).pluginsCommand],
];

/**
 * One command of the CLI, loaded.
 *
 * @param name The command's name.
 * @param grants The command line's grants (the sandbox of `gen`, `render`, `plot`...).
 * @param entry The program's entry module (`cli/main.ts`, the bundle or the binary), which
 * the sandboxed engine Workers are spawned from.
 * @returns The command, or `undefined` when there is none of that name.
 */
export async function command(
  name: string,
  grants: Grants = {},
  entry: string | URL = ENTRY,
): Promise<Command | undefined> {
  const load = LOADERS.find(([n]) => n === name)?.[1];
  return load ? await load(entry, grants) : undefined;
}

/**
 * Every command of the CLI, loaded, in the order `eventum --help` lists them.
 *
 * @param grants The command line's grants.
 * @param entry The program's entry module.
 * @returns The commands.
 */
export function commands(grants: Grants = {}, entry: string | URL = ENTRY): Promise<Command[]> {
  return Promise.all(LOADERS.map(([, load]) => load(entry, grants)));
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
 * @param entry The program's entry module.
 * @returns The exit code.
 */
export async function main(argv: string[], entry: string | URL = ENTRY): Promise<number> {
  let grants: Grants = {};
  const rest: string[] = [];
  for (const a of argv) {
    const g = parseGrant(a, Deno.cwd());
    if (g) grants = mergeGrants(grants, g);
    else rest.push(a);
  }
  const [name, ...args] = rest;
  if (name === undefined || name === "-h" || name === "--help" || name === "help") {
    const sub = name === "help" && args[0] !== undefined ? await command(args[0], grants, entry) : undefined;
    console.log(sub ? sub.help : usage(await commands(grants, entry)));
    return 0;
  }
  if (name === "-V" || name === "--version") {
    console.log(versions());
    return 0;
  }
  const cmd = await command(name, grants, entry);
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
