/**
 * A cheap look for Jinja constructs that the Nunjucks templates here lack,
 * so `eventum convert` can name them with their line before a run fails.
 *
 * @module
 */

/** Modules templates reach as `module.NAME`. */
const MODULES = new Set([
  "rand",
  "faker",
  "datetime",
  "hashlib",
  "hmac",
  "base64",
  "json",
  "math",
  "uuid",
  "random",
  "zoneinfo",
  "string",
]);

/** One construct found in a template. */
export interface JinjaFinding {
  line: number;
  column: number;
  length: number;
  construct: string;
  advice: string;
}

interface Rule {
  re: RegExp;
  construct: (m: RegExpExecArray) => string | undefined;
  advice: string;
}

const RULES: Rule[] = [
  { re: /\{%-?\s*trans\b/g, construct: () => "`{% trans %}`", advice: "write the text itself" },
  {
    re: /\{%-?\s*for\b[^%]*\brecursive\b/g,
    construct: () => "`{% for ... recursive %}`",
    advice: "write a macro that calls itself",
  },
  {
    re: /\bmodule\.mimesis\b/g,
    construct: () => "`module.mimesis`",
    advice: "Mimesis is not available; `module.faker` has the same kinds of data",
  },
  {
    re: /\bmodule\.([A-Za-z_]\w*)/g,
    construct: (m) => (MODULES.has(m[1] as string) || m[1] === "mimesis" ? undefined : `\`module.${m[1]}\``),
    advice: `Python module not available here: the modules are ${[...MODULES].join(", ")}`,
  },
  {
    re: /(?<![\w.'"])b(['"])[^'"]*\1/g,
    construct: (m) => `the bytes literal \`${m[0]}\``,
    advice: "write a string and call `.encode()`",
  },
  { re: /\w\(\s*\*\*?\w/g, construct: () => "`f(*args)`", advice: "pass the arguments one by one" },
];

/** The line and column of an offset. */
function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}

/**
 * Finds constructs of a Jinja template that Nunjucks lacks; only inside
 * `{{ }}` and `{% %}` tags.
 *
 * @example
 * ```ts
 * import { scanJinja } from "./_jinja.ts";
 * const found = scanJinja("{{ module.mimesis.locale['en'].person.name() }}");
 * if (found.length !== 1 || found[0]?.construct !== "`module.mimesis`") throw new Error();
 * if (scanJinja("{{ module.rand.crypto.uuid4() }} module.os").length !== 0) throw new Error();
 * ```
 */
export function scanJinja(text: string): JinjaFinding[] {
  const found: JinjaFinding[] = [];
  const tags = /\{\{[^]*?\}\}|\{%[^]*?%\}/g;
  for (let tag = tags.exec(text); tag; tag = tags.exec(text)) {
    for (const rule of RULES) {
      rule.re.lastIndex = 0;
      for (let m = rule.re.exec(tag[0]); m; m = rule.re.exec(tag[0])) {
        const construct = rule.construct(m);
        if (construct === undefined) continue;
        const at = position(text, tag.index + m.index);
        found.push({ ...at, length: m[0].length, construct, advice: rule.advice });
      }
    }
  }
  return found.sort((a, b) => a.line - b.line || a.column - b.column);
}
