/**
 * A fast path for templates: the subset of Nunjucks real templates use,
 * compiled to plain JavaScript functions that render exactly what Nunjucks
 * renders, with the same side effects and errors. Templates outside the
 * subset compile to `undefined`: render those with Nunjucks.
 *
 * @example
 * ```ts
 * import { createEnvironment } from "../environment.ts";
 * import { compileFast } from "./mod.ts";
 * const env = createEnvironment({ dir: "/", readText: () => "" });
 * const fast = compileFast("{{ greeting | upper }}, {{ names | join(' and ') }}", env, "hello");
 * if (fast?.render({ greeting: "hi", names: ["a", "b"] }) !== "HI, a and b") throw new Error();
 * ```
 *
 * @module
 */
export { compileFast, type FastTemplate, whyNotFast } from "./compile_fast.ts";
