/**
 * `eventum fmt FILE... [--check]`: rewrites scenarios in the one canonical
 * layout (see `docs/fmt.md`); `--check` only lists the files that would
 * change. `-` formats standard input to standard output.
 *
 * @module
 */
import { join } from "node:path";
import { type Command, parse, printDiagnostics, shown, UsageError } from "../_command.ts";
import { formatEvt } from "../../dsl/fmt.ts";

/** The `.evt` files under a folder, sorted; hidden folders are skipped. */
function evtFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of Deno.readDirSync(dir)) {
    if (e.name.startsWith(".")) continue;
    const path = join(dir, e.name);
    if (e.isDirectory) out.push(...evtFiles(path));
    else if (e.isFile && e.name.endsWith(".evt")) out.push(path);
  }
  return out.sort();
}

/** The files an argument names: itself, or the `.evt` files of a folder. */
function expand(arg: string): string[] {
  let info: Deno.FileInfo;
  try {
    info = Deno.statSync(arg);
  } catch {
    throw new Error(`Cannot read \`${arg}\`: file not found`);
  }
  return info.isDirectory ? evtFiles(arg) : [arg];
}

async function readStdin(): Promise<string> {
  return await new Response(Deno.stdin.readable).text();
}

/** `eventum fmt`. */
export const fmtCommand: Command = {
  name: "fmt",
  summary: "Format scenarios in the canonical layout",
  help: `Usage: eventum fmt FILE... [--check]
       eventum fmt -            (standard input to standard output)

Rewrites each scenario (or every .evt file under a folder) in the one
canonical layout: two-space indentation, one statement per line, short
blocks on one line where they were written so, comments kept where they
are, multi-line strings kept exactly. Files are rewritten only when they
change. A file with syntax errors is left alone and its errors printed.

Options:
  --check     Change nothing; list the files that would change
  -h, --help  Show this help

Exit codes: 0 formatted (or already formatted), 1 a file would change
(--check) or has syntax errors, 2 usage error.`,
  async run(args) {
    const { values, positionals } = parse(args, {
      check: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    });
    if (values.help) {
      console.log(this.help);
      return 0;
    }
    if (positionals.length === 0) throw new UsageError("give at least one scenario file, a folder, or `-`");
    if (positionals.includes("-")) {
      if (positionals.length > 1) throw new UsageError("`-` (standard input) cannot be combined with files");
      const text = await readStdin();
      const r = formatEvt(text, "<stdin>");
      if (r.value === undefined) {
        printDiagnostics(r.diagnostics, new Map([["<stdin>", text]]));
        return 1;
      }
      if (values.check) return r.value === text ? 0 : 1;
      await Deno.stdout.write(new TextEncoder().encode(r.value));
      return 0;
    }
    const files = positionals.flatMap(expand);
    let changed = 0;
    let broken = 0;
    for (const file of files) {
      const text = Deno.readTextFileSync(file);
      let r: ReturnType<typeof formatEvt>;
      try {
        r = formatEvt(text, shown(file));
      } catch (e) {
        console.error(`eventum fmt: ${(e as Error).message}`);
        broken++;
        continue;
      }
      if (r.value === undefined) {
        printDiagnostics(r.diagnostics, new Map([[shown(file), text]]));
        broken++;
        continue;
      }
      if (r.value === text) continue;
      changed++;
      if (values.check) console.log(shown(file));
      else Deno.writeTextFileSync(file, r.value);
    }
    const n = `${files.length} file${files.length === 1 ? "" : "s"}`;
    const parts = [];
    if (changed) parts.push(`${changed} ${values.check ? "would be reformatted" : "reformatted"}`);
    if (broken) parts.push(`${broken} left as ${broken === 1 ? "it is" : "they are"} (see above)`);
    console.error(`${n} checked${parts.length ? `: ${parts.join(", ")}` : ", all formatted"}`);
    return broken > 0 || (values.check && changed > 0) ? 1 : 0;
  },
};
