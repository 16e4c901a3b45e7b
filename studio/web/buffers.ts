/**
 * Unsaved editor buffers kept in `localStorage` until they are saved, so that
 * a reload never loses them (`studio/API.md`, "Page").
 *
 * @module
 */

const PREFIX = "eventum.studio.buffer:";

/** The storage key of an unsaved buffer. */
export function bufferKey(root: string, path: string): string {
  return `${PREFIX}${root}:${path}`;
}

/**
 * The unsaved buffers of one studio folder, stored under
 * `eventum.studio.buffer:<root>:<path>`.
 *
 * @example
 * ```ts
 * import { Buffers } from "./buffers.ts";
 * const store = new Map<string, string>();
 * const storage = {
 *   get length() { return store.size; },
 *   key: (i: number) => [...store.keys()][i] ?? null,
 *   getItem: (k: string) => store.get(k) ?? null,
 *   setItem: (k: string, v: string) => void store.set(k, v),
 *   removeItem: (k: string) => void store.delete(k),
 * };
 * const buffers = new Buffers(storage, "/work");
 * buffers.keep("a.evt", "x 1");
 * if (buffers.get("a.evt") !== "x 1" || buffers.paths().join() !== "a.evt") throw new Error();
 * buffers.drop("a.evt");
 * if (buffers.get("a.evt") !== undefined) throw new Error();
 * ```
 */
export class Buffers {
  #storage: Pick<Storage, "length" | "key" | "getItem" | "setItem" | "removeItem">;
  #root: string;

  /**
   * @param storage `localStorage`, or a stand-in.
   * @param root The studio folder's absolute path (from `GET /api/files`).
   */
  constructor(storage: Pick<Storage, "length" | "key" | "getItem" | "setItem" | "removeItem">, root: string) {
    this.#storage = storage;
    this.#root = root;
  }

  /** The unsaved text of a file, if any. */
  get(path: string): string | undefined {
    return this.#storage.getItem(bufferKey(this.#root, path)) ?? undefined;
  }

  /** Keeps an unsaved text. */
  keep(path: string, text: string): void {
    try {
      this.#storage.setItem(bufferKey(this.#root, path), text);
    } catch {
      // Storage full or denied: the buffer still lives in the page.
    }
  }

  /** Forgets a buffer once it is saved (or matches the disk again). */
  drop(path: string): void {
    this.#storage.removeItem(bufferKey(this.#root, path));
  }

  /** Moves a buffer to a file's new name. */
  move(from: string, to: string): void {
    const text = this.get(from);
    if (text === undefined) return;
    this.drop(from);
    this.keep(to, text);
  }

  /** The paths that have an unsaved buffer. */
  paths(): string[] {
    const prefix = bufferKey(this.#root, "");
    const out: string[] = [];
    for (let i = 0; i < this.#storage.length; i++) {
      const key = this.#storage.key(i);
      if (key?.startsWith(prefix)) out.push(key.slice(prefix.length));
    }
    return out.sort();
  }
}
