/// <reference lib="dom" />
/**
 * A small helper to build DOM elements, and the debounce the panels share.
 *
 * @module
 */

/** Attributes and event handlers of {@link h}: `on*` entries are listeners, the rest attributes. */
export type Props = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;

/**
 * Makes an element.
 *
 * @param tag The tag name, with optional `.class` parts (`"div.panel.wide"`).
 * @param props Attributes (`false`/`undefined` leave one out) and `on*` listeners.
 * @param children Nodes or text.
 * @returns The element.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K | `${K}.${string}`,
  props: Props = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const [name, ...classes] = tag.split(".");
  const el = document.createElement(name as K);
  if (classes.length) el.className = classes.join(" ");
  for (const [key, value] of Object.entries(props)) {
    if (typeof value === "function") el.addEventListener(key.slice(2).toLowerCase(), value);
    else if (value === true) el.setAttribute(key, "");
    else if (value !== false && value !== undefined) el.setAttribute(key, String(value));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

/**
 * Calls `fn` once calls stop coming for `ms` milliseconds.
 *
 * @param fn What to call.
 * @param ms The quiet time.
 * @returns The debounced function.
 */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): (...args: A) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (...args: A) => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      fn(...args);
    }, ms);
  };
}

/**
 * Runs async jobs so that only the latest one's result is used: an older
 * job's answer arriving late is dropped.
 */
export class Latest {
  #seq = 0;

  /**
   * Runs a job.
   *
   * @param job What to do.
   * @returns Its result, or `undefined` when a newer job started meanwhile.
   */
  async run<T>(job: () => Promise<T>): Promise<T | undefined> {
    const mine = ++this.#seq;
    const out = await job();
    return mine === this.#seq ? out : undefined;
  }
}

/** The message of a thrown value. */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
