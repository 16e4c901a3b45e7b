/**
 * `eventum fmt`'s formatter: `.evt` text in, the same scenario in the one
 * canonical layout out (described in `docs/fmt.md`). Comments stay where they
 * were, `"""` strings keep their value byte for byte, and the compiled graph
 * does not change. A file with syntax errors is not formatted: its
 * diagnostics come back instead.
 *
 * @module
 */
import { type Diagnostic, hasErrors, type Result } from "./diagnostics.ts";
import { parse } from "./parse.ts";
import { layout } from "./_layout.ts";
import { printFile } from "./_print.ts";

/**
 * Formats a scenario.
 *
 * @param text The `.evt` source.
 * @param file The path shown in diagnostics.
 * @returns The formatted text, or the syntax errors that prevent formatting.
 * @throws {Error} In the rare case the formatted text would not read back
 *   as the same statements (a multi-line comment whose indentation confuses
 *   the parser's brace check): the file is then best left as it is.
 * @example
 * ```ts
 * import { formatEvt } from "./fmt.ts";
 * const { value } = formatEvt('generator "g" {\ninput static {count 3}\n}', "g.evt");
 * if (value !== 'generator "g" {\n  input static { count 3 }\n}\n') throw new Error(value);
 * ```
 */
export function formatEvt(text: string, file: string): Result<string> {
  const parsed = parse(text, file);
  const errors: Diagnostic[] = parsed.diagnostics.filter((d) => d.severity === "error");
  if (hasErrors(errors)) return { diagnostics: errors };
  const value = printFile(layout(text));
  const again = parse(value, file);
  if (hasErrors(again.diagnostics) || !sameStatements(again.value?.statements, parsed.value?.statements)) {
    throw new Error(`Cannot format \`${file}\` safely: the result would read differently`);
  }
  return { value, diagnostics: [] };
}

const POSITIONS = new Set(["span", "nameSpan", "fnSpan", "firstLine"]);

/** Whether two statement lists are the same, wherever they were written. */
function sameStatements(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) {
    return Number.isNaN(a) && Number.isNaN(b);
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => !POSITIONS.has(k));
  const kb = Object.keys(b).filter((k) => !POSITIONS.has(k));
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameStatements((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
