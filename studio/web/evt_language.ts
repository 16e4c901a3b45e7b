/**
 * Syntax highlighting for `.evt` scenarios: a CodeMirror stream tokenizer
 * that follows `dsl/_tokens.ts` (comments, `"""` blocks, strings, dates,
 * times, durations, sizes, numbers), names statements by their place (the
 * first word of a statement) and marks `{{ }}` / `{% %}` inside `"""` strings.
 *
 * @module
 */
import { StreamLanguage, type StringStream } from "@codemirror/language";

/** Statement names that open the scenario's main blocks. */
export const BLOCK_WORDS: ReadonlySet<string> = new Set([
  "generator",
  "pattern",
  "import",
  "input",
  "event",
  "output",
  "samples",
  "template",
  "permissions",
  "param",
  "batch",
  "oscillator",
  "randomizer",
  "spreader",
  "multiplier",
]);

/** Words that stand for a value. */
export const ATOMS: ReadonlySet<string> = new Set(["true", "false", "now", "never", "null"]);

/** Where the tokenizer is between lines. */
export interface EvtState {
  /** Inside a `"""` string. */
  triple: boolean;
  /** Inside a block comment. */
  comment: boolean;
  /** The next word is a statement's name. */
  start: boolean;
  /** Inside `{{ }}` or `{% %}` of a `"""` string: the closing mark. */
  tag: string | null;
  /** How many `[` and `(` are open: a new line inside them does not start a statement. */
  depth: number;
}

const END = String.raw`(?![A-Za-z0-9_.:])`;
const DATE_TIME = new RegExp(
  String.raw`^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?` + END,
);
const TIME_OF_DAY = new RegExp(String.raw`^\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?` + END);
const RELATIVE = new RegExp(String.raw`^[+-](?:\d+(?:\.\d+)?(?:us|µs|ms|s|m|h|d|w))+` + END);
const DURATION = new RegExp(String.raw`^(?:\d+(?:\.\d+)?(?:us|µs|ms|s|m|h|d|w))+` + END);
const SIZE = new RegExp(String.raw`^\d+(?:\.\d+)?(?:B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)` + END);
const NUMBER = new RegExp(String.raw`^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?` + END);
const BAD = /^[+-]?\d[\w.:+-]*/;
const WORD = /^[A-Za-z_][A-Za-z0-9_-]*/;
const BARE = /^[A-Za-z0-9_@~.\/][\w.\/@~+%-]*/;

/** Reads the text of a `"""` string up to a template tag or its end. */
function tripleBody(stream: StringStream, state: EvtState): string {
  if (state.tag) {
    const end = stream.string.indexOf(state.tag, stream.pos);
    if (end >= 0) {
      stream.pos = end + 2;
      state.tag = null;
    } else stream.skipToEnd();
    return "meta";
  }
  if (stream.match("{{") || stream.match("{%")) {
    state.tag = stream.current().endsWith("{{") ? "}}" : "%}";
    return tripleBody(stream, state);
  }
  while (!stream.eol()) {
    if (stream.match('"""')) {
      state.triple = false;
      return "string";
    }
    if (stream.match(/^\{[{%]/, false)) return "string";
    stream.next();
  }
  return "string";
}

/**
 * Reads one token of a `.evt` line.
 *
 * @param stream The line, at the token.
 * @param state Carried across lines; changed in place.
 * @returns The token's style (`keyword`, `string`, `number`, ...) or `null`.
 */
export function evtToken(stream: StringStream, state: EvtState): string | null {
  if (state.comment) {
    if (stream.skipTo("*/")) {
      stream.pos += 2;
      state.comment = false;
    } else stream.skipToEnd();
    return "blockComment";
  }
  if (state.triple) return tripleBody(stream, state);
  if (stream.sol() && state.depth === 0) state.start = true;
  if (stream.eatSpace()) return null;
  if (stream.match("//")) {
    stream.skipToEnd();
    return "lineComment";
  }
  if (stream.match("/*")) {
    state.comment = true;
    return evtToken(stream, state) ?? "blockComment";
  }
  const start = state.start;
  state.start = false;
  if (stream.match('"""')) {
    state.triple = true;
    return "string";
  }
  if (stream.eat('"')) {
    while (!stream.eol()) {
      const ch = stream.next();
      if (ch === "\\") stream.next();
      else if (ch === '"') return "string";
    }
    return "invalid";
  }
  if (stream.peek() === "'") {
    stream.next();
    stream.skipTo("'") ? stream.next() : stream.skipToEnd();
    return "invalid";
  }
  const ch = stream.peek() ?? "";
  if (ch === "{" || ch === "}" || ch === ";") {
    stream.next();
    state.start = true;
    return ch === ";" ? "punctuation" : "brace";
  }
  if (ch === "[" || ch === "(") {
    stream.next();
    state.depth++;
    return ch === "[" ? "squareBracket" : "paren";
  }
  if (ch === "]" || ch === ")") {
    stream.next();
    state.depth = Math.max(0, state.depth - 1);
    return ch === "]" ? "squareBracket" : "paren";
  }
  if (ch === "," || ch === "=") {
    stream.next();
    return ch === "," ? "separator" : "definitionOperator";
  }
  if (stream.match(DATE_TIME) || stream.match(TIME_OF_DAY) || stream.match(RELATIVE)) return "literal";
  if (stream.match(DURATION) || stream.match(SIZE) || stream.match(NUMBER)) return "number";
  if (stream.match(BAD)) return "invalid";
  const word = stream.match(WORD) as RegExpMatchArray | null;
  if (word) {
    if (stream.match(BARE)) return "string";
    const name = word[0];
    if (start) return BLOCK_WORDS.has(name) ? "keyword" : "propertyName";
    if (ATOMS.has(name)) return "atom";
    if (stream.peek() === "(") return "variableName.function";
    return "variableName";
  }
  if (stream.match(BARE)) return "string";
  stream.next();
  return "invalid";
}

/** A fresh tokenizer state, at the start of a statement. */
export function startState(): EvtState {
  return { triple: false, comment: false, start: true, tag: null, depth: 0 };
}

/** The `.evt` language for CodeMirror. */
export const evtLanguage: StreamLanguage<EvtState> = StreamLanguage.define<EvtState>({
  name: "evt",
  startState,
  copyState: (s) => ({ ...s }),
  token: evtToken,
  indent: () => null,
  languageData: { commentTokens: { line: "//", block: { open: "/*", close: "*/" } } },
});
