/**
 * YAML with positions: a parsed file that turns any node into a {@link Span}
 * (file, line, column), and small readers for the shapes Python Eventum
 * configs use (single-key plugin maps, option maps).
 *
 * @module
 */
import { type Document, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import type { Span } from "../dsl/diagnostics.ts";

/** One YAML file, parsed with a line counter. */
export class YamlFile {
  readonly lines: LineCounter = new LineCounter();
  readonly doc: Document.Parsed;

  /**
   * @param file The path as diagnostics show it.
   * @param text The file's text.
   * @param short The path as comments show it (relative to `generator.yml`).
   */
  constructor(readonly file: string, readonly text: string, readonly short: string = file.replace(/^.*\//, "")) {
    this.doc = parseDocument(text, { lineCounter: this.lines, uniqueKeys: false });
  }

  /** The root node, or undefined for an empty file. */
  get root(): Node | undefined {
    return (this.doc.contents ?? undefined) as Node | undefined;
  }

  /** Where a node is; the start of the file when it has no position. */
  span(node: Node | null | undefined): Span {
    const range = node?.range;
    const offset = range ? range[0] : 0;
    return this.spanAt(offset, range ? Math.max(1, range[1] - range[0]) : 1);
  }

  /** A span from an offset, cut at the end of its line. */
  spanAt(offset: number, length: number): Span {
    const { line, col } = this.lines.linePos(offset);
    const end = this.text.indexOf("\n", offset);
    const room = (end === -1 ? this.text.length : end) - offset;
    return { file: this.file, line, column: col, offset, length: Math.max(1, Math.min(length, room)) };
  }
}

/** A key of a map with its value. */
export interface Entry {
  key: string;
  keyNode: Node;
  value: Node | null;
}

/** The entries of a map node, or undefined when it is not a map. */
export function entries(node: Node | null | undefined): Entry[] | undefined {
  if (!isMap(node)) return undefined;
  return node.items.map((p) => ({
    key: isScalar(p.key) ? String(p.key.value) : String(p.key),
    keyNode: p.key as Node,
    value: (p.value ?? null) as Node | null,
  }));
}

/** The items of a sequence node, or undefined when it is not one. */
export function items(node: Node | null | undefined): Node[] | undefined {
  return isSeq(node) ? (node.items as Node[]) : undefined;
}

/** The plain JavaScript value of a node. */
export function plainValue(node: Node | null | undefined): unknown {
  if (node === null || node === undefined) return null;
  return node.toJSON();
}

/** True when a node is a scalar (or absent, as in `always:`). */
export function isScalarNode(node: Node | null | undefined): boolean {
  return node === null || node === undefined || isScalar(node);
}
