/**
 * The grammar, as a Chevrotain `CstParser`. It is pure: no semantics, just the
 * uniform shape of statements, blocks and values. One instance is reused.
 *
 * ```
 * file      := (statement | END)*
 * statement := NAME value* ('=' value)? block?
 * block     := '{' (statement | END)* '}'
 * value     := STRING | """STRING""" | NUMBER | DURATION | SIZE | DATETIME
 *            | TIME | RELATIVE | list | NAME ('(' (value ','?)* ')')?
 * list      := '[' (value (',' value)* ','?)? ']'
 * ```
 *
 * @module
 */
import { CstParser, EOF, type IParserErrorMessageProvider, type IToken, type TokenType } from "chevrotain";
import * as T from "./_tokens.ts";

const VALUE_STARTS = new Set<TokenType>([
  T.StringLiteral,
  T.UnterminatedString,
  T.TripleString,
  T.UnterminatedTripleString,
  T.NumberLiteral,
  T.Duration,
  T.Size,
  T.DateTime,
  T.TimeOfDay,
  T.RelativeTime,
  T.BadLiteral,
  T.BareWord,
  T.SingleQuoted,
  T.LBracket,
  T.Identifier,
]);

function describeToken(t: IToken): string {
  if (t.tokenType === EOF) return "the end of the file";
  if (t.tokenType === T.Newline) return "the end of the line";
  return `\`${t.image.length > 20 ? t.image.slice(0, 20) + "…" : t.image}\``;
}

function label(t: TokenType): string {
  return (t.LABEL ?? t.name) as string;
}

/** Speaks in DSL words rather than grammar internals. */
const messages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual }) {
    if (expected === EOF) {
      return actual.tokenType === T.RCurly
        ? "unexpected `}` with no block to close"
        : `unexpected ${describeToken(actual)}`;
    }
    return `expected ${label(expected)} but found ${describeToken(actual)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return firstRedundant.tokenType === T.RCurly
      ? "unexpected `}` with no block to close"
      : `unexpected ${describeToken(firstRedundant)}`;
  },
  buildNoViableAltMessage({ actual, ruleName }) {
    const found = actual[0];
    const what = ruleName === "value" || ruleName === "listValue" ? "a value" : "a statement";
    return `expected ${what} but found ${found ? describeToken(found) : "nothing"}`;
  },
  buildEarlyExitMessage({ actual, ruleName }) {
    const found = actual[0];
    return `expected ${ruleName === "statement" ? "a statement" : "a value"} but found ${
      found ? describeToken(found) : "nothing"
    }`;
  },
};

/** The `.evt` parser. */
export class EvtParser extends CstParser {
  constructor() {
    super(T.allTokens, {
      recoveryEnabled: true,
      errorMessageProvider: messages,
      maxLookahead: 2,
      nodeLocationTracking: "full",
    });
    this.performSelfAnalysis();
  }

  file = this.RULE("file", () => {
    this.MANY(() => {
      this.OR([
        { ALT: () => this.SUBRULE(this.statement) },
        { ALT: () => this.CONSUME(T.Newline) },
        { ALT: () => this.CONSUME(T.Semicolon) },
      ]);
    });
  });

  statement = this.RULE("statement", () => {
    this.CONSUME(T.Identifier, { LABEL: "name" });
    this.MANY({
      GATE: () => VALUE_STARTS.has(this.LA(1).tokenType),
      DEF: () => this.SUBRULE(this.value, { LABEL: "args" }),
    });
    this.OPTION(() => {
      this.CONSUME(T.Equals);
      this.SUBRULE2(this.value, { LABEL: "assign" });
    });
    this.OPTION2(() => this.SUBRULE(this.block));
  });

  block = this.RULE("block", () => {
    this.CONSUME(T.LCurly);
    this.MANY(() => {
      this.OR([
        { ALT: () => this.SUBRULE(this.statement) },
        { ALT: () => this.CONSUME(T.Newline) },
        { ALT: () => this.CONSUME(T.Semicolon) },
      ]);
    });
    this.CONSUME(T.RCurly);
  });

  value = this.RULE("value", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.StringLiteral) },
      { ALT: () => this.CONSUME(T.UnterminatedString) },
      { ALT: () => this.CONSUME(T.TripleString) },
      { ALT: () => this.CONSUME(T.UnterminatedTripleString) },
      { ALT: () => this.CONSUME(T.NumberLiteral) },
      { ALT: () => this.CONSUME(T.Duration) },
      { ALT: () => this.CONSUME(T.Size) },
      { ALT: () => this.CONSUME(T.DateTime) },
      { ALT: () => this.CONSUME(T.TimeOfDay) },
      { ALT: () => this.CONSUME(T.RelativeTime) },
      { ALT: () => this.CONSUME(T.BadLiteral) },
      { ALT: () => this.CONSUME(T.BareWord) },
      { ALT: () => this.CONSUME(T.SingleQuoted) },
      { ALT: () => this.SUBRULE(this.list) },
      { ALT: () => this.SUBRULE(this.nameOrCall) },
    ]);
  });

  list = this.RULE("list", () => {
    this.CONSUME(T.LBracket);
    this.OPTION(() => {
      this.SUBRULE(this.value, { LABEL: "items" });
      this.MANY({
        GATE: () => this.LA(2).tokenType !== T.RBracket,
        DEF: () => {
          this.CONSUME(T.Comma);
          this.SUBRULE2(this.value, { LABEL: "items" });
        },
      });
      this.OPTION2(() => this.CONSUME2(T.Comma));
    });
    this.CONSUME(T.RBracket);
  });

  nameOrCall = this.RULE("nameOrCall", () => {
    this.CONSUME(T.Identifier);
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      this.MANY(() => {
        this.SUBRULE(this.value, { LABEL: "args" });
        this.OPTION2(() => this.CONSUME(T.Comma));
      });
      this.CONSUME(T.RParen);
    });
  });
}

/** The one parser instance. */
export const parser: EvtParser = new EvtParser();
