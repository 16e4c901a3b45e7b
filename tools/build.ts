/**
 * Builds the shipped artifacts with a version stamp:
 *
 * - `bundle`: `dist/eventum.js`, one self-contained JavaScript file (the
 *   Studio's assets inside) that runs with
 *   `deno run -A --unstable-worker-options --v8-flags=--max-semi-space-size=4 dist/eventum.js`;
 * - `compile`: `dist/eventum`, a single binary made by `deno compile` with
 *   the flags the engine needs and the V8 flags of `cli/v8_flags.ts`.
 *   `deno compile` downloads Deno's runtime for the target, so it needs
 *   the internet.
 *
 * The stamp (version, commit, build date) is written into `cli/version.ts`
 * for the build and the file is put back afterwards, so the tree stays clean.
 *
 * `deno run -A tools/build.ts bundle|compile [--output FILE] [--target TRIPLE]`
 *
 * @module
 */
import { parseArgs } from "node:util";
import { join } from "node:path";
import { V8_FLAGS_ARG } from "../cli/v8_flags.ts";

const ROOT = new URL("..", import.meta.url).pathname;
const VERSION_FILE = join(ROOT, "cli", "version.ts");

/** What `eventum --version` shows of a build. */
export interface Stamp {
  version: string;
  commit: string;
  date: string;
}

/**
 * The text of `cli/version.ts` for a stamp.
 *
 * @param stamp The build's stamp.
 * @returns The module's source.
 * @example
 * ```ts
 * import { versionModule } from "./build.ts";
 * const text = versionModule({ version: "1.2.3", commit: "abc1234", date: "2026-12-03" });
 * if (!text.includes('export const VERSION = "1.2.3";')) throw new Error(text);
 * ```
 */
export function versionModule(stamp: Stamp): string {
  return `/**
 * The program's version, and the commit and date of the build that made it
 * (\`tools/build.ts\` stamps them; a source checkout says \`dev\`).
 *
 * @module
 */

/** The version, from \`deno.json\`. */
export const VERSION = ${JSON.stringify(stamp.version)};

/** The commit and date of the build. */
export const BUILD: { commit: string; date: string } = ${JSON.stringify(stamp).replace(/"version":"[^"]*",/, "")};
`;
}

async function output(cmd: string, args: string[]): Promise<string | undefined> {
  try {
    const r = await new Deno.Command(cmd, { args, cwd: ROOT, stdout: "piped", stderr: "null" }).output();
    return r.success ? new TextDecoder().decode(r.stdout).trim() : undefined;
  } catch {
    return undefined;
  }
}

/** This checkout's stamp: `deno.json`'s version, the short commit (with `+dirty` for local changes), today. */
async function currentStamp(): Promise<Stamp> {
  const config = JSON.parse(await Deno.readTextFile(join(ROOT, "deno.json"))) as { version: string };
  const commit = await output("git", ["rev-parse", "--short=12", "HEAD"]) ?? "unknown";
  const dirty = (await output("git", ["status", "--porcelain", "--untracked-files=no"]) ?? "") !== "";
  return { version: config.version, commit: dirty ? `${commit}+dirty` : commit, date: new Date().toISOString() };
}

/**
 * The `deno` arguments that build `kind` into `out`.
 *
 * @param kind The artifact.
 * @param out Where it goes.
 * @param target The `deno compile` target triple, or the host's.
 * @returns The arguments after `deno`.
 */
export function buildArgs(kind: "bundle" | "compile", out: string, target: string | undefined): string[] {
  const entry = join(ROOT, "cli", "main.ts");
  if (kind === "bundle") return ["bundle", "--quiet", "--output", out, entry];
  return [
    "compile",
    "--quiet",
    "--allow-all",
    "--unstable-worker-options",
    V8_FLAGS_ARG,
    ...(target ? ["--target", target] : []),
    "--output",
    out,
    entry,
  ];
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { output: { type: "string", short: "o" }, target: { type: "string" }, help: { type: "boolean" } },
  });
  const kind = positionals[0];
  if (values.help || (kind !== "bundle" && kind !== "compile") || positionals.length !== 1) {
    console.log("Usage: deno run -A tools/build.ts bundle|compile [--output FILE] [--target TRIPLE]");
    return values.help ? 0 : 2;
  }
  const out = values.output ?? join(ROOT, "dist", kind === "bundle" ? "eventum.js" : "eventum");
  const stamp = await currentStamp();
  const original = await Deno.readTextFile(VERSION_FILE);
  await Deno.writeTextFile(VERSION_FILE, versionModule(stamp));
  try {
    const args = buildArgs(kind, out, values.target);
    const r = await new Deno.Command(Deno.execPath(), { args, cwd: ROOT, stdout: "inherit", stderr: "inherit" })
      .spawn().status;
    if (!r.success) {
      console.error(`build: deno ${kind} failed (exit ${r.code})`);
      return 1;
    }
  } finally {
    await Deno.writeTextFile(VERSION_FILE, original);
  }
  console.error(`built ${out} (eventum ${stamp.version}, ${stamp.commit}, ${stamp.date})`);
  return 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
