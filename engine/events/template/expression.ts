/**
 * Nunjucks expressions used as conditions (`to NAME when "expr"`): checked
 * when the scenario is checked, evaluated over a template's context.
 *
 * @module
 */
import nunjucks from "nunjucks";
import { createEnvironment, templateErrorInfo } from "./environment.ts";

let checker: nunjucks.Environment | undefined;

function wrap(expr: string): string {
  return `{% if ${expr} %}1{% endif %}`;
}

/**
 * Checks the syntax of an expression.
 *
 * @returns An error message, or undefined when the expression parses.
 * @example
 * ```ts
 * import { checkExpression } from "./expression.ts";
 * if (checkExpression("shared.get('n') >= 3") !== undefined) throw new Error();
 * if (checkExpression("a >= ") === undefined) throw new Error();
 * ```
 */
export function checkExpression(expr: string): string | undefined {
  if (/%}|\{%|\{\{|\}\}/.test(expr)) return "write the expression alone, without `{{ }}` or `{% %}`";
  checker ??= createEnvironment({ dir: "/", readText: () => "" });
  try {
    new nunjucks.Template(wrap(expr), checker, "expression", true);
    return undefined;
  } catch (e) {
    return templateErrorInfo(e, "compile").message.replace("unexpected `%}`", "the expression ends too early");
  }
}

/** A syntax error in a template: its message and 1-based position. */
export interface SyntaxProblem {
  message: string;
  line: number;
  column: number;
}

/**
 * Checks the syntax of a whole template.
 *
 * @returns The first syntax error, or undefined when the template compiles.
 */
export function checkTemplate(text: string): SyntaxProblem | undefined {
  checker ??= createEnvironment({ dir: "/", readText: () => "" });
  try {
    new nunjucks.Template(text, checker, "template", true);
    return undefined;
  } catch (e) {
    const info = templateErrorInfo(e, "compile");
    if (/end of file/.test(info.message)) return unclosedTag(text) ?? { message: info.message, line: 1, column: 1 };
    return { message: info.message, line: info.line ?? 1, column: info.column ?? 1 };
  }
}

const BLOCK_TAGS: Record<string, string> = {
  if: "endif",
  for: "endfor",
  macro: "endmacro",
  call: "endcall",
  filter: "endfilter",
  block: "endblock",
  raw: "endraw",
  verbatim: "endverbatim",
  with: "endwith",
  autoescape: "endautoescape",
};

/** The innermost block tag (`{% if %}`, `{% for %}`...) that a template never closes. */
function unclosedTag(text: string): SyntaxProblem | undefined {
  const stack: { tag: string; line: number; column: number }[] = [];
  const re = /\{%-?\s*(\w+)(\s*=?)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const tag = m[1] as string;
    const before = text.slice(0, m.index).split("\n");
    const at = { line: before.length, column: (before.at(-1) as string).length + 1 };
    // `{% set x %}...{% endset %}` is a block; `{% set x = 1 %}` is not.
    if (tag === "set" && !/^\{%-?\s*set\s+[\w, ]+-?%\}/.test(text.slice(m.index))) continue;
    if (tag in BLOCK_TAGS || tag === "set") stack.push({ tag, ...at });
    else if (tag.startsWith("end")) {
      const i = stack.findLastIndex((s) => (BLOCK_TAGS[s.tag] ?? "endset") === tag);
      if (i >= 0) stack.length = i;
    }
  }
  const open = stack.at(-1);
  if (!open) return undefined;
  const end = BLOCK_TAGS[open.tag] ?? "endset";
  return {
    message: `\`{% ${open.tag} %}\` is never closed: expected \`{% ${end} %}\``,
    line: open.line,
    column: open.column,
  };
}

/** A compiled condition: true when the expression is truthy in the context. */
export type Condition = (context: object) => boolean;

/** Compiles an expression into a condition, in a given environment. */
export function compileCondition(env: nunjucks.Environment, expr: string, name: string): Condition {
  if (expr.trim() === "true") return () => true;
  if (expr.trim() === "false") return () => false;
  const t = new nunjucks.Template(wrap(expr), env, name, true);
  return (context) => t.render(context) === "1";
}
