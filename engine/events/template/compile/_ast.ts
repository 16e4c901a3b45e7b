/**
 * The Nunjucks AST as the fast path reads it: node shapes, checked field
 * access, walks, and the error that sends a template back to Nunjucks.
 *
 * @module
 */
import nunjucks from "nunjucks";

/** A Nunjucks AST node. */
export interface AstNode {
  readonly typename: string;
  readonly lineno: number;
  readonly colno: number;
  readonly fields: readonly string[];
  readonly [field: string]: unknown;
}

const NodeClass = (nunjucks as unknown as { nodes: { Node: abstract new (...args: never[]) => object } }).nodes.Node;

/** Thrown while compiling when a template needs what the fast path leaves to Nunjucks. */
export class Unsupported extends Error {
  /**
   * Creates the error.
   *
   * @param what What is not supported.
   */
  constructor(what: string) {
    super(`Not on the fast path: ${what}`);
    this.name = "Unsupported";
  }
}

/**
 * Whether a value is a Nunjucks AST node.
 *
 * @param value Any value.
 * @returns `true` for nodes.
 *
 * @example
 * ```ts
 * import { isNode } from "./_ast.ts";
 * if (isNode({ typename: "Symbol" })) throw new Error("a plain object is no node");
 * ```
 */
export function isNode(value: unknown): value is AstNode {
  return value instanceof NodeClass;
}

/**
 * A field that must hold a node.
 *
 * @param node The node.
 * @param field The field's name.
 * @returns The child node; throws {@linkcode Unsupported} otherwise.
 */
export function child(node: AstNode, field: string): AstNode {
  const value = node[field];
  if (!isNode(value)) throw new Unsupported(`${node.typename}.${field} is not a node`);
  return value;
}

/**
 * The children of a node list, each checked to be a node.
 *
 * @param node A `NodeList` (or `Array`, `Dict`, `Output`...).
 * @returns Its children.
 */
export function childrenOf(node: AstNode): AstNode[] {
  const children = node.children;
  if (!Array.isArray(children) || !children.every(isNode)) throw new Unsupported(`${node.typename} children`);
  return children;
}

/**
 * Visits a node and everything below it through its declared `fields`, as
 * the Python layer's compiler patches walk (so `pyFilter`, not a field, is
 * not visited).
 *
 * @param node A node, an array of nodes, or anything else (ignored).
 * @param visit Called for each node, parents first.
 */
export function walkFields(node: unknown, visit: (n: AstNode) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) walkFields(item, visit);
    return;
  }
  if (!isNode(node)) return;
  visit(node);
  for (const field of node.fields) walkFields(node[field], visit);
}

/**
 * What a node's code evaluates: its declared fields, and what the parser
 * keeps outside them (a loop's `pyFilter`, a `{% set %}` block's `body`).
 *
 * @param node A node.
 * @returns The values of those fields.
 */
export function codeChildren(node: AstNode): unknown[] {
  const out = node.fields.map((field) => node[field]);
  if (node.typename === "For") out.push(node.pyFilter);
  if (node.typename === "Set" && !node.fields.includes("body")) out.push(node.body);
  return out;
}

/**
 * Visits everything a node's code evaluates (see {@linkcode codeChildren}).
 *
 * @param node A node, an array of nodes, or anything else (ignored).
 * @param visit Called for each node, parents first.
 */
export function walkAll(node: unknown, visit: (n: AstNode) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) walkAll(item, visit);
    return;
  }
  if (!isNode(node)) return;
  visit(node);
  for (const value of codeChildren(node)) walkAll(value, visit);
}
