/**
 * `format template { template """...""" }` or `format template { template_path "x.njk" }`:
 * each event rendered through a Nunjucks template (with the same Jinja and
 * Python compatibility as event templates), one record per event. The
 * template sees `event`, the event parsed when it is a JSON object or array
 * and its text otherwise, and `text`, the event exactly as rendered. An
 * event whose rendering fails is counted as failed and reported; the others
 * are written.
 *
 * (The Python Eventum passes `event` as text only: where a template printed
 * `{{ event }}` to embed a JSON event, write `{{ text }}`.)
 *
 * @module
 */
import * as v from "valibot";
import nunjucks from "nunjucks";
import { resolve } from "node:path";
import { source, str, withArgs } from "../schema.ts";
import type { CheckEnv, Failure, FormatterContext, FormatterSpec, OptionProblem } from "../spec.ts";
import { EventError } from "../spec.ts";
import { createEnvironment, templateErrorInfo } from "../events/template/environment.ts";
import { checkTemplate } from "../events/template/expression.ts";

/** The options of the `template` and `template-batch` formatters. */
export const formatTemplateSchema = withArgs(
  v.pipe(
    v.object({
      template: v.pipe(v.optional(source()), v.description('The template itself, usually a `"""` block.')),
      template_path: v.pipe(v.optional(str()), v.description("A template file, relative to the scenario.")),
    }),
    v.check(
      (o) => (o.template === undefined) !== (o.template_path === undefined),
      (issue) =>
        (issue.input as { template?: unknown }).template === undefined
          ? 'the formatter needs a template: write it inline (`template """..."""`) or as `template_path "file"`'
          : "`template` and `template_path` are both given: keep one",
    ),
  ),
  ["template"],
);

/** Validated options of a template formatter. */
export type FormatTemplateOptions = v.InferOutput<typeof formatTemplateSchema>;

/**
 * Checks a formatter template's syntax, and that its file exists.
 *
 * @param o Validated options.
 * @param env What checks may look at.
 * @returns Problems with the path of the option each concerns.
 * @example
 * ```ts
 * import { checkFormatTemplate } from "./template.ts";
 * const env = { dir: "/", exists: () => false, readText: () => undefined, missingFileHint: () => "" };
 * const [p] = checkFormatTemplate({ template: { text: "{{ event.a + }}" } }, env);
 * if (p?.message !== "syntax error in the template: unexpected `}}`") throw new Error(p?.message);
 * ```
 */
export function checkFormatTemplate(o: FormatTemplateOptions, env: CheckEnv): OptionProblem[] {
  if (o.template_path !== undefined) {
    const text = env.readText(resolve(env.dir, o.template_path));
    if (text === undefined) {
      return [{
        path: ["template_path"],
        message: `template file \`${o.template_path}\` not found`,
        hint: env.missingFileHint(o.template_path),
      }];
    }
    const bad = checkTemplate(text);
    return bad
      ? [{
        path: ["template_path"],
        message: `syntax error in \`${o.template_path}\` at line ${bad.line}, column ${bad.column}: ${bad.message}`,
      }]
      : [];
  }
  const inline = o.template;
  const bad = inline ? checkTemplate(inline.text) : undefined;
  if (!inline || !bad) return [];
  const problem: OptionProblem = { path: ["template"], message: `syntax error in the template: ${bad.message}` };
  if (inline.file !== undefined && inline.line !== undefined) {
    problem.at = {
      file: inline.file,
      line: inline.line + bad.line - 1,
      column: bad.column,
      lineText: inline.text.split("\n")[bad.line - 1] ?? "",
    };
  }
  return [problem];
}

/** A compiled formatter template. */
export interface FormatTemplate {
  /** Renders with `context`; throws what the template threw. */
  render(context: Record<string, unknown>): string;
  /** A failure for what `render` threw. */
  failure(error: unknown): Failure;
}

/**
 * Compiles the template of a `template`/`template-batch` formatter.
 *
 * @param o Validated options.
 * @param ctx The scenario's folder and how to read files, and `label`: how
 *   messages name the formatter, such as "format template".
 * @returns The template.
 * @throws {EventError} When the template does not compile (EVT4001).
 * @example
 * ```ts
 * import { compileFormatTemplate } from "./template.ts";
 * const t = compileFormatTemplate({ template: { text: "{{ event.a }}!" } }, {
 *   dir: "/",
 *   timezone: "UTC",
 *   readText: () => "",
 *   label: "format template",
 * });
 * if (t.render({ event: { a: 1 } }) !== "1!") throw new Error();
 * ```
 */
export function compileFormatTemplate(
  o: FormatTemplateOptions,
  ctx: FormatterContext & { label: string },
): FormatTemplate {
  const { label } = ctx;
  const env = createEnvironment({ dir: ctx.dir, readText: ctx.readText });
  const path = o.template_path === undefined ? undefined : resolve(ctx.dir, o.template_path);
  const where = (line?: number, column?: number): string => {
    const col = line && column ? `:${column}` : "";
    if (path !== undefined) return `${path}${line ? `:${line}` : ""}${col}`;
    return `${o.template?.file ?? "(inline)"}:${(o.template?.line ?? 1) + (line ?? 1) - 1}${col}`;
  };
  let template: nunjucks.Template;
  try {
    template = o.template_path !== undefined
      ? env.getTemplate(o.template_path, true)
      : new nunjucks.Template(o.template?.text ?? "", env, label, true);
  } catch (e) {
    const info = templateErrorInfo(e, "compile");
    throw new EventError({
      source: label,
      code: "EVT4001",
      message: `The template of \`${label}\` does not compile at ${where(info.line, info.column)}: ${info.message}`,
    });
  }
  return {
    render: (context) => template.render(context),
    failure(error) {
      const info = templateErrorInfo(error, "render");
      return {
        source: label,
        code: "EVT4001",
        message: `The template of \`${label}\` failed at ${where(info.line, info.column)}: ${info.message}`,
      };
    },
  };
}

/**
 * An event as templates see it: parsed when it is a JSON object or array,
 * its text otherwise.
 *
 * @param text The event as rendered.
 * @returns The parsed value or the text.
 * @example
 * ```ts
 * import { eventValue } from "./template.ts";
 * const e = eventValue('{"a": 1}') as { a: number };
 * if (e.a !== 1 || eventValue("42") !== "42" || eventValue("{oops") !== "{oops") throw new Error();
 * ```
 */
export function eventValue(text: string): unknown {
  const c = text.trimStart()[0];
  if (c !== "{" && c !== "[") return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The `template` formatter. */
export const templateFormatter: FormatterSpec<typeof formatTemplateSchema> = {
  kind: "formatter",
  name: "template",
  summary: "Each event rendered through a template (`event`: parsed JSON or text; `text`: as rendered)",
  schema: formatTemplateSchema,
  examples: [
    'output stdout {\n  format template { template """{{ event.user }} did {{ event.action }}""" }\n}',
    'output file "out/app.log" { format template { template_path "formats/line.njk" } }',
  ],
  check: checkFormatTemplate,
  create(options, ctx) {
    const template = compileFormatTemplate(options, { ...ctx, label: "format template" });
    return {
      format(p) {
        const lines: string[] = [];
        let failures: Failure[] | undefined;
        let events: number[] | undefined;
        for (let i = 0; i < p.events.length; i++) {
          const text = p.events[i] as string;
          try {
            lines.push(template.render({ event: eventValue(text), text }));
            events?.push(i);
          } catch (e) {
            // From the first failure on, records no longer line up with events.
            events ??= Array.from({ length: lines.length }, (_, k) => k);
            (failures ??= []).push(template.failure(e));
          }
        }
        return events ? { lines, events, failures: failures ?? [] } : { lines, failures: failures ?? [] };
      },
    };
  },
};
