/**
 * A Python Eventum time pattern file (`oscillator`, `multiplier`,
 * `randomizer`, `spreader`) as a top-level `pattern NAME { ... }` block.
 *
 * @module
 */
import { basename, extname } from "node:path";
import type { Node } from "yaml";
import { tick } from "../dsl/diagnostics.ts";
import { type Ctx, Opts } from "./_context.ts";
import { from, opt, put } from "./_inputs.ts";
import { durationText, stringOf } from "./_values.ts";
import type { Stmt } from "./_writer.ts";
import type { YamlFile } from "./_yaml.ts";

const UNITS: Record<string, number> = {
  weeks: 604_800e6,
  days: 86_400e6,
  hours: 3_600e6,
  minutes: 60e6,
  seconds: 1e6,
  milliseconds: 1e3,
  microseconds: 1,
};

const PARAMETERS: Record<string, string[]> = {
  uniform: ["low", "high"],
  triangular: ["left", "mode", "right"],
  beta: ["a", "b"],
};

/** A pattern name from a label or a file name: an identifier, not yet taken. */
function patternName(label: string, used: Set<string>): string {
  let name = label.replace(/[^A-Za-z0-9_-]+/g, "_").replace(/^[^A-Za-z_]+/, "");
  if (name === "") name = "pattern";
  let n = name;
  for (let i = 2; used.has(n); i++) n = `${name}_${i}`;
  used.add(n);
  return n;
}

/**
 * Reads one pattern file and converts it.
 *
 * @param ctx The conversion.
 * @param at Where the generator names the file.
 * @param path The path as written in the generator.
 * @param used Pattern names already taken.
 * @returns The pattern's name and statement, or undefined when the file cannot be read.
 */
export function convertPatternFile(
  ctx: Ctx,
  at: { y: YamlFile; node: Node },
  path: string,
  used: Set<string>,
): { name: string; stmt: Stmt } | undefined {
  const y = ctx.readYaml(ctx.abs(path), ctx.shown(at.y, path), "warning", { ...at, path });
  if (!y) return undefined;
  const o = new Opts(ctx, y, y.root ?? null, `time pattern ${tick(path)}`);
  const label = stringOf(o.get("label"));
  const name = patternName(label ?? basename(path, extname(path)), used);
  const body: Stmt[] = [];

  const oscNode = o.get("oscillator");
  if (oscNode === undefined) ctx.error("EVT5003", [tick(path), "a time pattern needs an `oscillator`"], y, y.root);
  else {
    const osc = new Opts(ctx, y, oscNode, "`oscillator`");
    const parts: Stmt[] = [];
    const periodNode = osc.get("period");
    const unitNode = osc.get("unit");
    const period = Number(stringOf(periodNode));
    const unit = stringOf(unitNode) ?? "";
    if (!(unit in UNITS)) {
      ctx.warn(
        "EVT5007",
        ["`unit` of `oscillator`", `unknown unit ${tick(unit)}`],
        y,
        unitNode ?? oscNode,
        "units are weeks, days, hours, minutes, seconds, milliseconds and microseconds",
      );
    } else if (!(period > 0)) {
      ctx.warn("EVT5007", ["`period` of `oscillator`", "expected a number above 0"], y, periodNode ?? oscNode);
    } else parts.push({ head: `period ${durationText(period * (UNITS[unit] as number))}` });
    put(parts, "start", opt(osc, "start", "time"));
    put(parts, "end", opt(osc, "end", "time"));
    osc.done();
    body.push({ head: "oscillator", body: parts });
  }

  const multNode = o.get("multiplier");
  if (multNode !== undefined) {
    const m = new Opts(ctx, y, multNode, "`multiplier`");
    put(body, "multiplier", opt(m, "ratio", "int"));
    m.done();
  }

  const randNode = o.get("randomizer");
  if (randNode !== undefined && randNode !== null) {
    const r = new Opts(ctx, y, randNode, "`randomizer`");
    const parts: Stmt[] = [];
    put(parts, "deviation", opt(r, "deviation", "number"));
    const direction = stringOf(r.get("direction"));
    if (direction !== undefined) parts.push({ head: `direction ${direction}` });
    put(parts, "sampling", opt(r, "sampling", "int"));
    r.done();
    body.push({ head: "randomizer", body: parts });
  }

  const spreadNode = o.get("spreader");
  if (spreadNode !== undefined) {
    const s = new Opts(ctx, y, spreadNode, "`spreader`");
    const distribution = stringOf(s.get("distribution")) ?? "";
    const params = new Opts(ctx, y, s.get("parameters") ?? null, `\`parameters\` of the \`${distribution}\` spreader`);
    const parts: Stmt[] = [];
    for (const p of PARAMETERS[distribution] ?? []) put(parts, p, opt(params, p, "number"));
    params.done();
    s.done();
    if (!(distribution in PARAMETERS)) {
      ctx.warn(
        "EVT5007",
        ["`distribution` of `spreader`", `unknown distribution ${tick(distribution)}`],
        y,
        spreadNode,
        "distributions are uniform, triangular and beta",
      );
    } else body.push({ head: `spreader ${distribution}`, body: parts });
  }
  o.done();
  return { name, stmt: { head: `pattern ${name}`, body, comment: from(y, y.root), tall: true } };
}
