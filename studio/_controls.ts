/**
 * Pattern parameters as controls: the period, multiplier, randomizer and
 * spreader of every `pattern NAME { ... }` and inline `input pattern { ... }`
 * in a `.evt` text, each with the offsets of its value's text so that the
 * Studio's page can write a change back into the text.
 *
 * @module
 */
import type { FileNode, Statement, Value } from "../dsl/ast.ts";

/** A pattern parameter the page shows as a slider or a select (see `studio/API.md`). */
export interface Control {
  /** The pattern's name; an inline pattern is `GENERATOR input N`. */
  pattern: string;
  /** `oscillator.period`, `multiplier`, `randomizer.deviation`, `randomizer.direction`, `spreader`, `spreader.a`... */
  path: string;
  kind: "number" | "duration" | "enum";
  /** The value as written (an enum's name without quotes). */
  value: string;
  min?: number;
  max?: number;
  step?: number;
  options?: string[];
  /** UTF-16 offsets of the value's text in the `.evt` text. */
  from: number;
  to: number;
}

const DISTRIBUTIONS = ["uniform", "triangular", "beta"];
const DIRECTIONS = ["decrease", "increase", "mixed"];
const FRACTIONS = new Set(["low", "high", "left", "mode", "right"]);
const PATTERN_PARTS = new Set(["oscillator", "multiplier", "randomizer", "spreader"]);

/** The value of a statement: its first argument, or what follows `=`. */
function valueOf(st: Statement): Value | undefined {
  return st.args[0] ?? st.assign;
}

function nameOf(v: Value | undefined): string | undefined {
  if (v?.kind === "name") return v.name;
  if (v?.kind === "string" && !v.triple) return v.value;
  return undefined;
}

function where(v: Value): { from: number; to: number } {
  return { from: v.span.offset, to: v.span.offset + v.span.length };
}

function numberControl(
  pattern: string,
  path: string,
  v: Value | undefined,
  range: (x: number) => { min: number; max: number; step: number },
): Control[] {
  if (v?.kind !== "number") return [];
  return [{ pattern, path, kind: "number", value: v.raw, ...range(v.value), ...where(v) }];
}

function enumControl(pattern: string, path: string, v: Value | undefined, options: string[]): Control[] {
  const name = nameOf(v);
  if (v === undefined || name === undefined) return [];
  return [{ pattern, path, kind: "enum", value: name, options, ...where(v) }];
}

/** A range for a count: up to the next power of ten. */
function countRange(x: number) {
  const max = Math.max(10, 10 ** Math.ceil(Math.log10(x + 1)));
  return { min: 1, max, step: Math.max(1, max / 1000) };
}

const fraction = () => ({ min: 0, max: 1, step: 0.01 });
const shape = (x: number) => ({ min: 0.1, max: Math.max(20, Math.ceil(x * 2)), step: 0.1 });

/** The controls of one pattern body. */
function bodyControls(pattern: string, statements: readonly Statement[]): Control[] {
  const out: Control[] = [];
  for (const st of statements) {
    const inner = st.block?.statements ?? [];
    switch (st.name) {
      case "oscillator":
        for (const s of inner) {
          const v = valueOf(s);
          if (s.name === "period" && v?.kind === "duration") {
            out.push({ pattern, path: "oscillator.period", kind: "duration", value: v.raw, ...where(v) });
          }
        }
        break;
      case "multiplier":
        out.push(...numberControl(pattern, "multiplier", valueOf(st), countRange));
        break;
      case "randomizer":
        for (const s of inner) {
          if (s.name === "deviation") out.push(...numberControl(pattern, "randomizer.deviation", valueOf(s), fraction));
          if (s.name === "direction") out.push(...enumControl(pattern, "randomizer.direction", valueOf(s), DIRECTIONS));
        }
        break;
      case "spreader": {
        const byArg = st.args[0];
        const byOption = inner.find((s) => s.name === "distribution");
        out.push(...enumControl(pattern, "spreader", byArg ?? (byOption && valueOf(byOption)), DISTRIBUTIONS));
        for (const s of inner) {
          const path = `spreader.${s.name}`;
          if (FRACTIONS.has(s.name)) out.push(...numberControl(pattern, path, valueOf(s), fraction));
          if (s.name === "a" || s.name === "b") out.push(...numberControl(pattern, path, valueOf(s), shape));
        }
        break;
      }
    }
  }
  return out;
}

/**
 * The controls of a parsed `.evt` file (not of the files it imports: their
 * offsets are in other texts).
 *
 * @param file The parsed file.
 * @returns The controls in text order.
 * @example
 * ```ts
 * import { parse } from "../dsl/parse.ts";
 * import { controlsOf } from "./_controls.ts";
 * const text = "pattern p {\n  oscillator { period 1h }\n  multiplier 10\n  spreader beta { a 2; b 5 }\n}";
 * const controls = controlsOf(parse(text, "x.evt").value!);
 * const a = controls.find((c) => c.path === "spreader.a")!;
 * if (text.slice(a.from, a.to) !== "2" || controls.length !== 5) throw new Error();
 * ```
 */
export function controlsOf(file: FileNode): Control[] {
  const out: Control[] = [];
  for (const st of file.statements) {
    if (st.name === "pattern" && st.block) {
      out.push(...bodyControls(nameOf(st.args[0]) ?? "pattern", st.block.statements));
    }
    if (st.name === "generator" && st.block) {
      const generator = nameOf(st.args[0]) ?? "generator";
      let n = 0;
      for (const s of st.block.statements) {
        if (s.name !== "input") continue;
        n++;
        const inline = (s.block?.statements ?? []).filter((x) => PATTERN_PARTS.has(x.name));
        if (nameOf(s.args[0]) === "pattern" && inline.length) {
          out.push(...bodyControls(`${generator} input ${n}`, inline));
        }
      }
    }
  }
  return out.sort((a, b) => a.from - b.from);
}
