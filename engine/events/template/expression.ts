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
    return templateErrorInfo(e, "compile").message.replace("unexpected token: %}", "the expression ends too early");
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
    return { message: info.message, line: info.line ?? 1, column: info.column ?? 1 };
  }
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
