/**
 * The state of one compilation: the JavaScript being written (lines,
 * function-level variables, constants), and where the emitter stands in the
 * template (bindings, frame, output buffer, enclosing loops).
 *
 * @module
 */
import type { Bindings, Level } from "./_scope.ts";
import type { AstNode } from "./_ast.ts";

/**
 * JavaScript under construction: statements, the variables they use
 * (declared once, at the top of the render function, as Nunjucks' `var`s
 * are), and the values handed in from outside (filters, tests...).
 *
 * @example
 * ```ts
 * import { Code } from "./_code.ts";
 * const code = new Code();
 * const t = code.temp();
 * code.line(`${t} = 1;`);
 * if (code.declarations() !== `let ${t};` || code.body() !== `${t} = 1;`) throw new Error();
 * ```
 */
export class Code {
  readonly #lines: string[] = [];
  readonly #decls: string[] = [];
  readonly #consts: unknown[] = [];
  readonly #constIds = new Map<unknown, string>();
  #next = 0;

  /**
   * A fresh identifier, not declared.
   *
   * @param prefix A letter or two saying what it is for.
   * @returns The identifier.
   */
  id(prefix: string): string {
    return `${prefix}${++this.#next}`;
  }

  /**
   * A fresh function-level variable.
   *
   * @param init Its initial value (JavaScript), when not `undefined`.
   * @param prefix A letter saying what it is for.
   * @returns The variable.
   */
  temp(init?: string, prefix = "t"): string {
    const id = this.id(prefix);
    this.#decls.push(init === undefined ? id : `${id} = ${init}`);
    return id;
  }

  /**
   * A constant of the compiled template (a filter, a test...), the same
   * value always giving the same identifier.
   *
   * @param value The value.
   * @returns The identifier it is read from.
   */
  constant(value: unknown): string {
    let id = this.#constIds.get(value);
    if (id === undefined) {
      id = `k${this.#consts.length}`;
      this.#consts.push(value);
      this.#constIds.set(value, id);
    }
    return id;
  }

  /**
   * Appends a statement.
   *
   * @param text JavaScript.
   */
  line(text: string): void {
    this.#lines.push(text);
  }

  /** The statements so far. */
  body(): string {
    return this.#lines.join("\n");
  }

  /** The `let` declaring every variable, or nothing. */
  declarations(): string {
    return this.#decls.length === 0 ? "" : `let ${this.#decls.join(", ")};`;
  }

  /** The constants, by index (`k0`, `k1`...). */
  constants(): readonly unknown[] {
    return this.#consts;
  }
}

/** What the emitter reads from the environment, fixed at compile time. */
export interface EmitEnvironment {
  readonly filters: Readonly<Record<string, unknown>>;
  readonly tests: Readonly<Record<string, unknown>>;
  readonly extensions: Readonly<Record<string, unknown>>;
  readonly autoescape: boolean;
  readonly throwOnUndefined: boolean;
  /** How Nunjucks names a callee in "Unable to call" messages (its compiler's `_getNodeName`). */
  nodeName(node: AstNode): string;
}

/** Where the emitter stands. */
export interface Cx {
  readonly code: Code;
  readonly env: EmitEnvironment;
  /** Compile-time bindings of loop variables. */
  bind: Bindings;
  /** The runtime frame the code being emitted runs in. */
  level: Level;
  /** The variable output is appended to. */
  buffer: string;
  /** Labels of the loops `{% break %}` may leave, innermost last. */
  loops: string[];
}
