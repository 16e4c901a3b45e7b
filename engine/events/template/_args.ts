/**
 * Calling conventions shared by the objects templates see. Nunjucks passes
 * keyword arguments (`f(a, by=5)`) as one trailing object marked with
 * `__keywords: true`; these helpers take such calls apart.
 *
 * @module
 */

/** The trailing object Nunjucks builds from keyword arguments. */
export interface Keywords {
  readonly __keywords: true;
  readonly [name: string]: unknown;
}

/**
 * Whether a value is the keyword-argument object of a Nunjucks call.
 *
 * @param value Any argument.
 * @returns `true` for `{ __keywords: true, ... }`
 */
export function isKeywords(value: unknown): value is Keywords {
  return typeof value === "object" && value !== null &&
    (value as { __keywords?: unknown }).__keywords === true;
}

/**
 * Splits call arguments into positional ones and the keyword object.
 *
 * @param args The arguments as received.
 * @returns The positional arguments and the keywords (empty when none).
 */
export function splitArgs(
  args: readonly unknown[],
): [positional: unknown[], keywords: Record<string, unknown>] {
  const last = args[args.length - 1];
  if (isKeywords(last)) {
    const keywords: Record<string, unknown> = {};
    for (const name of Object.keys(last)) {
      if (name !== "__keywords") keywords[name] = last[name];
    }
    return [args.slice(0, -1), keywords];
  }
  return [args.slice(), {}];
}

/**
 * Reads one parameter given positionally or by keyword.
 *
 * @param positional The positional arguments.
 * @param keywords The keyword arguments.
 * @param index The parameter's position.
 * @param name The parameter's keyword name.
 * @returns The value, or `undefined` when the call omitted it.
 */
export function param(
  positional: readonly unknown[],
  keywords: Readonly<Record<string, unknown>>,
  index: number,
  name: string,
): unknown {
  return index < positional.length ? positional[index] : keywords[name];
}
