/**
 * The shape of a CLI command, and helpers shared by commands.
 *
 * @module
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { ansi, formatDiagnostics, plain } from "../dsl/format.ts";
import type { Diagnostic } from "../dsl/diagnostics.ts";

/** A command of `eventum`. */
export interface Command {
  name: string;
  summary: string;
  /** The full `--help` text. */
  help: string;
  /** Runs the command; returns the exit code. */
  run(args: string[]): Promise<number>;
}

/** A mistake in how a command was called: exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** Parses arguments strictly, turning parse errors into {@link UsageError}s. */
export function parse<T extends ParseArgsConfig["options"]>(args: string[], options: T) {
  try {
    return parseArgs({ args, options: options as NonNullable<T>, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/^.*?: /, "").replace(/\. To specify.*$/s, ""));
  }
}

/** Whether stderr is a terminal that takes colours. */
export function colourful(): boolean {
  return Deno.stderr.isTerminal() && !Deno.env.get("NO_COLOR");
}

/** Prints diagnostics to stderr with code frames. */
export function printDiagnostics(ds: readonly Diagnostic[], sources: ReadonlyMap<string, string>): void {
  if (ds.length === 0) return;
  console.error(formatDiagnostics(ds, sources, colourful() ? ansi : plain).trimEnd());
}

/** Counts errors and warnings for a summary line. */
export function countLine(ds: readonly Diagnostic[]): string {
  const errors = ds.filter((d) => d.severity === "error").length;
  const warnings = ds.length - errors;
  const parts = [];
  if (errors) parts.push(`${errors} error${errors === 1 ? "" : "s"}`);
  if (warnings) parts.push(`${warnings} warning${warnings === 1 ? "" : "s"}`);
  return parts.join(" and ");
}

/** A path as the user would like to see it: relative to the working folder when inside it. */
export function shown(path: string): string {
  const cwd = Deno.cwd();
  return path.startsWith(cwd + "/") ? path.slice(cwd.length + 1) : path;
}
