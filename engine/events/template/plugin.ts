/**
 * `event template { pick MODE; template NAME """...""" | file "path" ... }`:
 * events rendered by Nunjucks templates with the Python Eventum's context
 * (timestamp, tags, params, vars, samples, state, module, subprocess,
 * dispatch).
 *
 * @module
 */
import * as v from "valibot";
import { resolve } from "node:path";
import { bool, Duration, duration, oneOf, source, str, strings, withArgs } from "../../schema.ts";
import type { CheckEnv, EventSpec, OptionProblem } from "../../spec.ts";
import { checkExpression, checkTemplate } from "./expression.ts";
import { didYouMean } from "../../suggest.ts";
import { createTemplateEvent } from "./_render.ts";

const transition = withArgs(
  v.object({
    to: v.pipe(str(), v.description("The template to go to.")),
    when: v.pipe(
      v.optional(str(), "true"),
      v.description("A Nunjucks expression over the same context as the templates."),
    ),
  }),
  ["to"],
);

const templateEntry = withArgs(
  v.pipe(
    v.object({
      name: v.pipe(str(), v.description("The template's name, used by `chain`, `fsm` and in messages.")),
      inline: v.pipe(v.optional(source()), v.description('The template itself, usually a `"""` block.')),
      file: v.pipe(v.optional(str()), v.description("A template file, relative to the scenario.")),
      chance: v.pipe(
        v.optional(v.pipe(v.number("expected a number"), v.minValue(0, "must be at least 0"))),
        v.description("`pick chance`: the template's weight."),
      ),
      initial: v.pipe(v.optional(bool(), false), v.description("`pick fsm`: the state to start in.")),
      to: v.pipe(
        v.optional(v.array(transition), []),
        v.description('`pick fsm`: `to NAME when "expression"`, tried in order.'),
      ),
      vars: v.pipe(
        v.optional(v.record(v.string(), v.unknown()), {}),
        v.description("Values the template sees as `vars`."),
      ),
    }),
    v.check(
      (t) => (t.inline === undefined) !== (t.file === undefined),
      (issue) => {
        const t = issue.input as { name?: string; inline?: unknown };
        return t.inline === undefined
          ? `template \`${t.name}\` has no body: write it inline (\`"""..."""\`) or as \`file "path"\``
          : `template \`${t.name}\` has a body and a \`file\`: keep one`;
      },
    ),
  ),
  ["name", "inline"],
);

const spread = v.union(
  [
    v.pipe(duration(), v.transform((d): [number, number] => [0, d])),
    v.pipe(
      v.array(duration()),
      v.length(2, "give the smallest and largest gap: `[100ms, 2s]`"),
      v.transform((
        l,
      ): [number, number] => [Math.min(l[0] as number, l[1] as number), Math.max(l[0] as number, l[1] as number)]),
    ),
  ],
  "expected a duration (`2s`: gaps up to 2s) or two (`[100ms, 2s]`)",
);

const groupEntry = withArgs(
  v.object({
    name: v.pipe(str(), v.description("The group's name, used by `chain` and in messages.")),
    steps: v.pipe(v.pipe(strings(), v.minLength(1)), v.description("Templates fired in order for one timestamp.")),
    spread: v.pipe(
      v.optional(spread, () => new Duration(0)),
      v.description("The gap between steps: up to a duration, or between two; the first step is at the timestamp."),
    ),
    chance: v.pipe(
      v.optional(v.pipe(v.number("expected a number"), v.minValue(0, "must be at least 0"))),
      v.description("`pick chance`: the group's weight."),
    ),
  }),
  ["name"],
);

const MODES = ["all", "any", "chance", "spin", "chain", "fsm"] as const;

const schema = v.object({
  pick: v.pipe(
    v.optional(oneOf(MODES), "all"),
    v.description(
      "How templates are picked for each timestamp: `all` of them, `any` one, by `chance`, in turn (`spin`), along a `chain`, or as a state machine (`fsm`).",
    ),
  ),
  chain: v.pipe(v.optional(strings()), v.description("`pick chain`: template names, followed in a cycle.")),
  on_error: v.pipe(
    v.optional(oneOf(["fail", "skip"] as const), "fail"),
    v.description("A template error stops the run (`fail`) or counts the event as failed and goes on (`skip`)."),
  ),
  template: v.pipe(v.array(templateEntry), v.minLength(1), v.description("The templates.")),
  group: v.pipe(
    v.optional(v.array(groupEntry)),
    v.description(
      "Correlated events: `group NAME { steps [a, b, c]; spread [100ms, 2s] }` fires its templates in order for one " +
        "timestamp, each a random gap after the one before; they share a `group` state for that firing.",
    ),
  ),
});

/** The options of the `template` event plugin. */
export type TemplateOptions = v.InferOutput<typeof schema>;

function check(o: TemplateOptions, env: CheckEnv): OptionProblem[] {
  const problems: OptionProblem[] = [];
  const names = new Map<string, number>();
  o.template.forEach((t, i) => {
    const earlier = names.get(t.name);
    if (earlier !== undefined) {
      problems.push({
        path: ["template", i, "name"],
        message: `duplicate template name \`${t.name}\``,
        related: ["template", earlier, "name"],
      });
    } else names.set(t.name, i);
    if (t.file !== undefined) {
      const text = env.readText(resolve(env.dir, t.file));
      const bad = text === undefined ? undefined : checkTemplate(text);
      if (text === undefined) {
        problems.push({
          path: ["template", i, "file"],
          message: `template file \`${t.file}\` not found`,
          hint: env.missingFileHint(t.file),
        });
      } else if (bad) {
        problems.push({
          path: ["template", i, "file"],
          message: `syntax error in \`${t.file}\` at line ${bad.line}, column ${bad.column}: ${bad.message}`,
        });
      }
    }
    if (t.inline !== undefined) {
      const bad = checkTemplate(t.inline.text);
      if (bad) {
        const p: OptionProblem = {
          path: ["template", i, "inline"],
          message: `syntax error in template \`${t.name}\`: ${bad.message}`,
        };
        if (t.inline.file !== undefined && t.inline.line !== undefined) {
          p.at = {
            file: t.inline.file,
            line: t.inline.line + bad.line - 1,
            column: bad.column,
            lineText: t.inline.text.split("\n")[bad.line - 1] ?? "",
          };
        }
        problems.push(p);
      }
    }
  });
  const known = [...names.keys()];
  const groupNames = new Set<string>();
  (o.group ?? []).forEach((g, i) => {
    if (names.has(g.name) || groupNames.has(g.name)) {
      problems.push({
        path: ["group", i, "name"],
        message: `\`${g.name}\` is already the name of a template or group`,
      });
    }
    groupNames.add(g.name);
    g.steps.forEach((step, j) => {
      if (!names.has(step)) {
        problems.push({
          path: ["group", i, "steps", j],
          message: `no template named \`${step}\``,
          hint: didYouMean(step, known) ?? `templates: ${known.map((k) => `\`${k}\``).join(", ")}`,
        });
      }
    });
    if (o.pick === "chance" && g.chance === undefined) {
      problems.push({
        path: ["group", i, "name"],
        message: `group \`${g.name}\` needs a \`chance\` with \`pick chance\``,
      });
    }
  });
  if (o.pick === "fsm" && o.group?.length) {
    problems.push({
      path: ["group", 0, "name"],
      message: "groups cannot be used with `pick fsm`: chain its templates with `to`",
    });
  }
  const inGroups = new Set((o.group ?? []).flatMap((g) => g.steps));
  const ref = (name: string, path: (string | number)[]) => {
    if (!names.has(name)) {
      problems.push({
        path,
        message: `no template named \`${name}\``,
        hint: didYouMean(name, known) ?? `templates: ${known.map((k) => `\`${k}\``).join(", ")}`,
      });
    }
  };
  if (o.pick === "chance") {
    o.template.forEach((t, i) => {
      if (t.chance === undefined && !inGroups.has(t.name)) {
        problems.push({
          path: ["template", i, "name"],
          message: `template \`${t.name}\` needs a \`chance\` with \`pick chance\``,
        });
      }
    });
  }
  if (o.pick === "chain") {
    if (!o.chain?.length) problems.push({ path: ["pick"], message: "`pick chain` needs `chain [name, ...]`" });
    o.chain?.forEach((n, i) => {
      if (!groupNames.has(n)) ref(n, ["chain", i]);
    });
  }
  if (o.pick === "fsm") {
    const initial = o.template.flatMap((t, i) => (t.initial ? [i] : []));
    if (initial.length === 0) {
      problems.push({ path: ["pick"], message: "`pick fsm` needs one template with `initial true`" });
    } else if (initial.length > 1) {
      problems.push({
        path: ["template", initial[1] as number, "initial"],
        message: `\`pick fsm\` has one initial template, but \`${o.template[initial[0] as number]?.name}\` and \`${
          o.template[initial[1] as number]?.name
        }\` both say \`initial true\``,
      });
    }
    o.template.forEach((t, i) =>
      t.to.forEach((tr, j) => {
        ref(tr.to, ["template", i, "to", j, "to"]);
        const bad = checkExpression(tr.when);
        if (bad) problems.push({ path: ["template", i, "to", j, "when"], message: `invalid expression: ${bad}` });
      })
    );
  }
  return problems;
}

/** The `template` event plugin. */
export const templateEvent: EventSpec<typeof schema> = {
  kind: "event",
  name: "template",
  summary: "Events rendered from Nunjucks templates (Jinja-compatible), picked by mode",
  schema,
  examples: [
    'event template {\n  template hello """\n    {"n": {{ shared.incr("n") }}}\n  """\n}',
    'event template {\n  pick chance\n  template ok file "ok.njk" { chance 95 }\n  template error file "error.njk" { chance 5 }\n}',
  ],
  check,
  create: (options, ctx) => createTemplateEvent(options, ctx),
};
