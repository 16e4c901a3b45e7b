/**
 * The newest request wins: moving a slider sends a timeline request per
 * position, and only the last one matters. Each request of a kind for a file
 * gets an abort signal; a newer one aborts the signal of the one before it,
 * which stops its sandbox work (or keeps it from starting).
 *
 * @module
 */

/** One abort signal per kind of work and file. */
export class Newest {
  #current = new Map<string, AbortController>();

  /**
   * The signal of a new request; the previous request of the same kind for the same file is aborted.
   *
   * @param kind The kind of work (`timeline`, `render`, `preview`).
   * @param body The request's body; its `path` names the file.
   * @returns The new request's signal.
   * @example
   * ```ts
   * import { Newest } from "./_newest.ts";
   * const newest = new Newest();
   * const a = newest.signal("timeline", { path: "a.evt" });
   * const other = newest.signal("timeline", { path: "b.evt" });
   * const b = newest.signal("timeline", { path: "a.evt" });
   * if (!a.aborted || b.aborted || other.aborted) throw new Error();
   * ```
   */
  signal(kind: string, body: unknown): AbortSignal {
    const path = typeof body === "object" && body !== null ? String((body as { path?: unknown }).path) : "";
    const key = `${kind}\0${path}`;
    this.#current.get(key)?.abort(new Error(`A newer ${kind} request for \`${path}\` replaced this one`));
    const controller = new AbortController();
    this.#current.set(key, controller);
    return controller.signal;
  }
}
