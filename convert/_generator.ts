/**
 * One Python Eventum `generator.yml` to one `.evt` scenario: reads the file
 * with positions, converts `input`, `event` and `output`, and writes the
 * scenario with a comment naming the line each statement came from.
 *
 * @module
 */
import { basename, dirname, relative, resolve } from "node:path";
import { hasErrors, sortDiagnostics, tick } from "../dsl/diagnostics.ts";
import type { Diagnostic } from "../dsl/diagnostics.ts";
import { type ConvertHost, Ctx, denoConvertHost } from "./_context.ts";
import { convertEvent } from "./_event.ts";
import { convertInputs, from } from "./_inputs.ts";
import { convertOutputs } from "./_outputs.ts";
import { ident, quote } from "./_values.ts";
import { render, type Stmt } from "./_writer.ts";
import { entries } from "./_yaml.ts";

/** Options for {@link convertGenerator}. */
export interface ConvertOptions {
  /** Reads files; the real file system by default. */
  host?: ConvertHost;
  /** Where the `.evt` will be written: paths in it are made relative to its folder (the config's folder by default). */
  out?: string;
  /** Values of `${params.NAME}`, as `-p NAME=VALUE`. */
  params?: Record<string, string>;
  /** The generator's name; the config's folder name by default. */
  name?: string;
  /** Write `mode live` (the Python Eventum's default). */
  live?: boolean;
  /** Write `timezone "..."`. */
  timezone?: string;
}

/** What a conversion made. */
export interface Converted {
  /** The scenario; undefined when the config could not be read. */
  text?: string;
  /** Errors (the config cannot be read or is not a generator config) and warnings (what could not be mapped). */
  diagnostics: Diagnostic[];
  /** The text of every file read, for code frames. */
  sources: Map<string, string>;
}

const TOP = ["input", "event", "output"];

/**
 * Converts a Python Eventum 2.x `generator.yml` to an `.evt` scenario.
 *
 * @param path The config, as the user named it (diagnostics keep this form).
 * @param options The host, the output path, param values.
 * @returns The scenario text and what could not be mapped, each with the YAML line.
 * @example
 * ```ts
 * import { convertGenerator } from "./mod.ts";
 * const files: Record<string, string> = {
 *   "/g/generator.yml": "input:\n  - static:\n      count: 3\nevent:\n  replay:\n    path: a.log\n" +
 *     "    timestamp_pattern: '(?P<timestamp>\\S+)'\n    timestamp_format: '%Y'\noutput:\n  - stdout: {}\n",
 * };
 * const r = convertGenerator("/g/generator.yml", { host: { readText: (p) => files[p] } });
 * if (!r.text?.includes("input static { count 3 }")) throw new Error(r.text);
 * ```
 */
export function convertGenerator(path: string, options: ConvertOptions = {}): Converted {
  const abs = resolve(path);
  const dir = dirname(abs);
  const outDir = options.out ? dirname(resolve(options.out)) : dir;
  const ctx = new Ctx(options.host ?? denoConvertHost, dir, outDir, options.params ?? {});
  const y = ctx.readYaml(abs, path, "error");
  if (!y) return { diagnostics: ctx.diagnostics, sources: ctx.sources };
  const top = entries(y.root);
  if (!top) {
    ctx.error("EVT5003", [tick(path), "expected a mapping with `input`, `event` and `output`"], y, y.root);
    return { diagnostics: ctx.diagnostics, sources: ctx.sources };
  }
  for (const key of TOP) {
    if (!top.some((e) => e.key === key)) ctx.error("EVT5003", [tick(path), `missing \`${key}\``], y, y.root);
  }
  for (const e of top) {
    if (!TOP.includes(e.key)) {
      ctx.warn("EVT5005", [tick(e.key), "a generator config"], y, e.keyNode, "the keys are input, event and output");
    }
  }
  if (hasErrors(ctx.diagnostics)) return { diagnostics: sortDiagnostics(ctx.diagnostics), sources: ctx.sources };
  const value = (key: string) => top.find((e) => e.key === key)?.value ?? null;

  const usedPatterns = new Set<string>();
  const inputs = convertInputs(ctx, y, value("input"), usedPatterns);
  const event = convertEvent(ctx, y, value("event"));
  const outputs = convertOutputs(ctx, y, value("output"));

  const name = options.name ?? (basename(dir) || "generator");
  const body: Stmt[] = [];
  if (options.live) body.push({ head: "mode live" });
  if (options.timezone) body.push({ head: `timezone ${quote(options.timezone)}` });
  for (const [pname, p] of ctx.params) {
    body.push({
      head: `param ${ident(pname)} = ${p.value}`,
      comment: p.from === "placeholder"
        ? `a placeholder: run with -p ${pname}=VALUE`
        : p.from === "-p"
        ? "from -p"
        : p.from,
    });
  }
  if (event.samples.length) body.push({ head: "samples", body: event.samples, tall: true });
  if (inputs.inputs.length) body.push(...inputs.inputs);
  else {
    body.push({ head: "input static { count 1 }", comment: "a placeholder: no input could be converted" });
  }
  if (event.event) body.push(event.event);
  else {
    body.push({
      head: 'event template { template placeholder """{{ timestamp.isoformat() }}""" }',
      comment: "a placeholder: the event could not be converted",
    });
  }
  if (outputs.length) body.push(...outputs);
  else body.push({ head: "output stdout", comment: "a placeholder: no output could be converted" });

  const header = [
    `// Converted by \`eventum convert\` from ${basename(path)}${
      relative(outDir, dir) ? ` (${relative(outDir, dir)})` : ""
    }.`,
    ...(options.live
      ? []
      : ["// The Python Eventum runs live by default: add `mode live` (or convert with --live) for that."]),
  ];
  const stmts: (Stmt | string | null)[] = [...header, null];
  for (const p of inputs.patterns) stmts.push(p, null);
  stmts.push({ head: `generator ${quote(name)}`, body, comment: from(y, y.root), tall: true });
  return { text: render(stmts), diagnostics: sortDiagnostics(ctx.diagnostics), sources: ctx.sources };
}
