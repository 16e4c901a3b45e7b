/**
 * The tokens of the `.evt` language, in the order the lexer tries them:
 * longer and more specific forms first (triple strings before strings,
 * date-times and durations before numbers), error tokens after the good ones.
 *
 * @module
 */
import { createToken, Lexer, type TokenType } from "chevrotain";

const END = "(?![A-Za-z0-9_.:])";

export const WhiteSpace = createToken({ name: "WhiteSpace", pattern: /[ \t\f\uFEFF]+/, group: Lexer.SKIPPED });
export const Newline = createToken({ name: "Newline", pattern: /\r?\n/, line_breaks: true, label: "a new line" });
export const LineComment = createToken({ name: "LineComment", pattern: /\/\/[^\n\r]*/, group: "comments" });
export const BlockComment = createToken({
  name: "BlockComment",
  pattern: /\/\*[^]*?\*\//,
  group: "comments",
  line_breaks: true,
});
export const UnterminatedComment = createToken({
  name: "UnterminatedComment",
  pattern: /\/\*[^]*/,
  line_breaks: true,
});

export const TripleString = createToken({
  name: "TripleString",
  pattern: /"""[^]*?"""/,
  line_breaks: true,
  label: "a string",
});
export const UnterminatedTripleString = createToken({
  name: "UnterminatedTripleString",
  pattern: /"""[^]*/,
  line_breaks: true,
});
export const StringLiteral = createToken({
  name: "StringLiteral",
  pattern: /"(?:[^"\\\n\r]|\\[^\n\r])*"/,
  label: "a string",
});
export const UnterminatedString = createToken({
  name: "UnterminatedString",
  pattern: /"(?:[^"\\\n\r]|\\[^\n\r])*\\?/,
});

export const DateTime = createToken({
  name: "DateTime",
  pattern: new RegExp(
    String.raw`\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?` + END,
  ),
  label: "a date",
});
export const TimeOfDay = createToken({
  name: "TimeOfDay",
  pattern: new RegExp(String.raw`\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?` + END),
  label: "a time of day",
});
export const RelativeTime = createToken({
  name: "RelativeTime",
  pattern: new RegExp(String.raw`[+-](?:\d+(?:\.\d+)?(?:us|µs|ms|s|m|h|d|w))+` + END),
  label: "a relative time",
});
export const Duration = createToken({
  name: "Duration",
  pattern: new RegExp(String.raw`(?:\d+(?:\.\d+)?(?:us|µs|ms|s|m|h|d|w))+` + END),
  label: "a duration",
});
export const Size = createToken({
  name: "Size",
  pattern: new RegExp(String.raw`\d+(?:\.\d+)?(?:B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)` + END),
  label: "a size",
});
export const NumberLiteral = createToken({
  name: "NumberLiteral",
  pattern: new RegExp(String.raw`-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?` + END),
  label: "a number",
});
/** Something that starts like a number but is none of the above, such as `5sec`. */
export const BadLiteral = createToken({ name: "BadLiteral", pattern: /[+-]?\d[\w.:+-]*/ });

/** An unquoted value with characters a name cannot hold, such as `out/app.log`: reported, then read as a string. */
export const BareWord = createToken({ name: "BareWord", pattern: /[A-Za-z0-9_@~.\/][\w.\/@~+%-]*/ });
export const Identifier = createToken({
  name: "Identifier",
  pattern: /[A-Za-z_][A-Za-z0-9_-]*/,
  label: "a name",
  longer_alt: BareWord,
});
/** A string in single quotes: reported, then read as a string. */
export const SingleQuoted = createToken({ name: "SingleQuoted", pattern: /'[^'\n\r]*'?/ });

export const LCurly = createToken({ name: "LCurly", pattern: "{", label: "`{`" });
export const RCurly = createToken({ name: "RCurly", pattern: "}", label: "`}`" });
export const LBracket = createToken({ name: "LBracket", pattern: "[", label: "`[`" });
export const RBracket = createToken({ name: "RBracket", pattern: "]", label: "`]`" });
export const LParen = createToken({ name: "LParen", pattern: "(", label: "`(`" });
export const RParen = createToken({ name: "RParen", pattern: ")", label: "`)`" });
export const Comma = createToken({ name: "Comma", pattern: ",", label: "`,`" });
export const Semicolon = createToken({ name: "Semicolon", pattern: ";", label: "`;`" });
export const Equals = createToken({ name: "Equals", pattern: "=", label: "`=`" });

/** Every token, in lexing order. */
export const allTokens: TokenType[] = [
  WhiteSpace,
  Newline,
  LineComment,
  BlockComment,
  UnterminatedComment,
  TripleString,
  UnterminatedTripleString,
  StringLiteral,
  UnterminatedString,
  DateTime,
  TimeOfDay,
  RelativeTime,
  Duration,
  Size,
  NumberLiteral,
  BadLiteral,
  Identifier,
  BareWord,
  SingleQuoted,
  LCurly,
  RCurly,
  LBracket,
  RBracket,
  LParen,
  RParen,
  Comma,
  Semicolon,
  Equals,
];

/** Tokens that only exist to report a mistake. */
export const errorTokens: ReadonlySet<TokenType> = new Set([
  UnterminatedComment,
  UnterminatedTripleString,
  UnterminatedString,
  BadLiteral,
  BareWord,
  SingleQuoted,
]);
