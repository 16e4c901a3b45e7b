/**
 * Property tests of the formatter: for every sample and design example, and
 * for random mutations of their whitespace and comments, the formatted text
 * means the same (same statements, same compiled graph, positions aside) and
 * formatting it again changes nothing.
 */
import fc from "fast-check";
import { deepEqual, equal } from "node:assert/strict";
import { fileURLToPath } from "node:url";
import type { IToken, TokenType } from "chevrotain";
import { formatEvt } from "./fmt.ts";
import { lex } from "./lexer.ts";
import * as T from "./_tokens.ts";
import { compiled, evtFiles, shape } from "./_fmt_testing.ts";

const repo = fileURLToPath(new URL("../", import.meta.url));
const seeds = [...evtFiles(`${repo}samples`), ...evtFiles(`${repo}../shared/design/examples`)]
  .map((path) => ({ path, text: Deno.readTextFileSync(path) }));

function fmt(text: string): string {
  const r = formatEvt(text, "x.evt");
  if (r.value === undefined) throw new Error(`does not format:\n${text}\n${r.diagnostics.map((d) => d.message)}`);
  return r.value;
}

/**
 * Ways to rewrite the gap before a token without changing what the file
 * means. Indentation at the start of a line stays: the parser reads a `}`
 * that is less indented than its block's first line as a sign of a missing
 * `}`, and refuses the file.
 */
const SPACES = [" ", "  ", "\t", " \t  "];
const BREAKS = ["\n", "\n\n", "\n\n\n", "\r\n"];
const BLOCK_COMMENTS = ["/* c */", "/**/"];
/** At the end of a line only: a `{` after it would move to a line of other indentation. */
const LONG_COMMENTS = ["/* c */", "/* multi\n   line */"];

/** The indentation of the last line of `s`. */
function indentOf(s: string): string {
  const line = s.slice(s.lastIndexOf("\n") + 1);
  return (/^[ \t]*/.exec(line) as RegExpExecArray)[0];
}

/**
 * Rewrites the whitespace between tokens of `text` and adds comments, as
 * `choices` say (one number per gap, used in turn).
 */
function mutate(text: string, choices: number[]): string {
  const lexed = lex(text, "x.evt");
  const all: IToken[] = [...lexed.tokens, ...lexed.comments].sort((a, b) => a.startOffset - b.startOffset);
  let out = "";
  let at = 0;
  let depth = 0;
  let n = 0;
  let lineStart = true;
  let prev: TokenType | undefined;
  const pick = () => choices[n++ % choices.length] as number;
  for (const t of all) {
    const gap = text.slice(at, t.startOffset);
    const type = t.tokenType;
    const c = pick() % 10;
    let next = gap;
    if (type === T.Newline) {
      // The end of a statement: spaces or a comment may come before it, blank lines after it.
      const open = !lineStart && prev !== T.LineComment;
      if (c === 1 && open) next = gap + " // note";
      else if (c === 2 && open) next = gap + " " + LONG_COMMENTS[pick() % LONG_COMMENTS.length];
      out += next + (c === 3 ? BREAKS[pick() % BREAKS.length] : t.image);
    } else {
      const atStart = lineStart || gap.includes("\n");
      if (c === 1 && !atStart) next = SPACES[pick() % SPACES.length] as string;
      else if (c === 2 && gap !== "" && !atStart) next = ` ${BLOCK_COMMENTS[pick() % BLOCK_COMMENTS.length]} `;
      else if (c === 3 && depth > 0) next = (BREAKS[pick() % BREAKS.length] as string) + indentOf(out);
      else if (c === 4 && depth > 0) next = " // note\n" + indentOf(out);
      out += next + t.image;
    }
    if (type === T.LBracket || type === T.LParen) depth++;
    else if ((type === T.RBracket || type === T.RParen) && depth > 0) depth--;
    lineStart = type === T.Newline;
    prev = type;
    at = t.startOffset + t.image.length;
  }
  return out + text.slice(at);
}

Deno.test("mutations keep the meaning of the seeds (sanity check of the mutator)", () => {
  for (const { path, text } of seeds) {
    const m = mutate(text, [1, 2, 3, 4, 5, 7, 0, 2, 1, 3, 5]);
    deepEqual(shape(m), shape(text), path);
  }
});

Deno.test("fmt keeps the graph and is idempotent on every seed and its mutations", () => {
  fc.assert(
    fc.property(
      fc.nat({ max: seeds.length - 1 }),
      fc.array(fc.nat({ max: 999 }), { minLength: 1, maxLength: 64 }),
      (i, choices) => {
        const { path, text } = seeds[i] as { path: string; text: string };
        const mutated = mutate(text, choices);
        const once = fmt(mutated);
        equal(fmt(once), once, "fmt(fmt(x)) differs from fmt(x)");
        deepEqual(shape(once), shape(mutated), "the statements changed");
        deepEqual(compiled(once, path), compiled(mutated, path), "the compiled graph changed");
        deepEqual(compiled(once, path), compiled(text, path), "the mutation changed the graph");
      },
    ),
    { numRuns: 150, seed: 11 },
  );
});

Deno.test("fmt of a mutation is fmt of the original, but for comments", () => {
  const strip = (s: string) => s.replace(/ ?\/\/ note| ?\/\*[^]*?\*\//g, "").replace(/\n\s*\n/g, "\n");
  fc.assert(
    fc.property(
      fc.nat({ max: seeds.length - 1 }),
      fc.array(fc.constantFrom(0, 1, 10, 11), { minLength: 1, maxLength: 32 }),
      (i, choices) => {
        const { text } = seeds[i] as { path: string; text: string };
        equal(strip(fmt(mutate(text, choices))), strip(fmt(text)));
      },
    ),
    { numRuns: 60, seed: 5 },
  );
});
