/**
 * Parses a template the way Nunjucks' compiler does (extension
 * preprocessors, the parser with the Python layer's syntax patches, the
 * transformer), so that the fast path compiles the very tree Nunjucks does.
 *
 * @module
 */
import nunjucks from "nunjucks";
// The compiler's own transformer, which the `nunjucks` module does not re-export.
import transformerModule from "nunjucks/src/transformer.js";
import type { AstNode } from "./_ast.ts";

const parser = (nunjucks as unknown as {
  parser: { parse(src: string, extensions: unknown[], opts: unknown): AstNode };
}).parser;
const transformer = transformerModule as unknown as {
  transform(ast: AstNode, asyncFilters: string[]): AstNode;
};

/** The parts of an environment parsing reads. */
interface ParseEnvironment {
  extensionsList?: { preprocess?: (src: string) => string }[];
  asyncFilters?: string[];
  opts?: unknown;
}

/**
 * Parses and transforms a template as Nunjucks' `compiler.compile` does.
 * Call after `createEnvironment`, which installs the Python layer's syntax
 * patches on Nunjucks' parser.
 *
 * @param source The template text.
 * @param env The environment the template renders in.
 * @returns The root node; throws what Nunjucks' parser throws.
 *
 * @example
 * ```ts
 * import { createEnvironment } from "../environment.ts";
 * import { parseTemplate } from "./_parse.ts";
 * const env = createEnvironment({ dir: "/", readText: () => "" });
 * const root = parseTemplate("a{{ b }}", env);
 * if (root.typename !== "Root") throw new Error(root.typename);
 * ```
 */
export function parseTemplate(source: string, env: object): AstNode {
  const e = env as ParseEnvironment;
  const extensions = e.extensionsList ?? [];
  let src = source;
  // Called without `this`, as the compiler calls them.
  const preprocessors = extensions.map((ext) => ext.preprocess).filter((f) => f !== undefined);
  for (const preprocess of preprocessors) src = preprocess(src);
  return transformer.transform(parser.parse(src, extensions, e.opts ?? {}), e.asyncFilters ?? []);
}
