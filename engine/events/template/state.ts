/**
 * Template state: the `locals` (one per template), `shared` (one per
 * generator) and `globals` (one per run, shared by all its generators)
 * objects of the Python Eventum, plus lists in state that work as queues and
 * pools for correlating events across templates and generators
 * (`push`, `shift`, `peek`, `pop_random`, `size`).
 *
 * Every operation is atomic: all generators of a run render in one engine
 * Worker, on one thread, and a render is synchronous, so no other template
 * runs until it ends. `globals.incr('n')` or `globals.shift('q')` never
 * interleave with another generator's (nor does a template's whole
 * read-then-write), and the Python Eventum's lock methods are no-ops.
 *
 * Every method is callable from Nunjucks with positional or keyword
 * arguments (`shared.get('n', default=0)`, `shared.incr('n', by=5)`).
 * Methods that only change the state return `""`, so that both
 * `{% set _ = locals.set('k', 1) %}` and `{{ locals.set('k', 1) }}` print
 * nothing. Stored values can also be read as properties, as Jinja does
 * (`{{ shared.session }}`, `{{ shared['session'] }}`), unless the key is the
 * name of a method.
 *
 * @module
 */
import type { Rng } from "../../random.ts";
import { isKeywords } from "./_args.ts";
import { pyRepr } from "./_py_repr.ts";

/** A JSON-compatible copy of a state's contents, keyed by string. */
export type StateSnapshot = Record<string, unknown>;

/** Options of a {@linkcode State}. */
export interface StateOptions {
  /**
   * The stream `pop_random` draws from. Without one, `pop_random` takes the
   * oldest item, as `shift` does, so that it stays reproducible.
   */
  rng?: Rng;
}

function keyword(value: unknown, name: string, fallback: unknown): unknown {
  if (!isKeywords(value)) return value;
  return name in value ? value[name] : fallback;
}

function describe(value: unknown): string {
  return "`" + pyRepr(value) + "`";
}

let mapOf: (state: State) => Map<unknown, unknown>;

/**
 * A key-value store that lives across renders.
 *
 * @example
 * ```ts
 * import { State } from "./state.ts";
 * const shared = new State();
 * shared.set("user", "alice");
 * if (shared.incr("n") !== 1 || shared.incr("n", 5) !== 6) throw new Error();
 * if (shared.get("missing", 0) !== 0) throw new Error();
 * if (JSON.stringify(shared.as_dict()) !== '{"user":"alice","n":6}') {
 *   throw new Error();
 * }
 * ```
 */
export class State {
  #map: Map<unknown, unknown>;
  #rng: Rng | undefined;

  static {
    mapOf = (state) => state.#map;
  }

  /**
   * Creates a state.
   *
   * @param initial Values the state starts with.
   * @param options The random stream of `pop_random`.
   */
  constructor(initial?: Readonly<Record<string, unknown>>, options: StateOptions = {}) {
    this.#map = new Map(initial ? Object.entries(initial) : undefined);
    this.#rng = options.rng;
  }

  /**
   * `"State"`. Besides naming the class, this keeps Nunjucks' Jinja-compat
   * layer, which treats any `[object Object]` as a dict, from replacing
   * `get`, `pop` and `update` with its own versions.
   */
  get [Symbol.toStringTag](): string {
    return "State";
  }

  /**
   * The value stored under `key`.
   *
   * @param key The key.
   * @param fallback Returned when the key is missing (keyword `default`).
   * @returns The value, or `fallback` (`null` unless given).
   */
  get(key: unknown, fallback: unknown = null): unknown {
    const value = this.#map.get(key);
    if (value !== undefined || this.#map.has(key)) return value;
    return isKeywords(fallback) ? keyword(fallback, "default", null) : fallback;
  }

  /**
   * Stores `value` under `key`.
   *
   * @param key The key.
   * @param value The value (`undefined` is stored as `null`, as Python's
   * Eventum stored Jinja's undefined as `None`).
   * @returns `""`, so that printing the call prints nothing.
   */
  set(key: unknown, value: unknown): "" {
    this.#map.set(key, value === undefined ? null : value);
    return "";
  }

  /**
   * Removes `key` and returns what it held, as Python's `dict.pop(key,
   * default)` with the Python Eventum's default of `None`: a stored `None`
   * is returned (not the default), and a missing key is not an error.
   *
   * @param key The key.
   * @param fallback Returned when the key is missing (keyword `default`).
   * @returns The removed value, or `fallback` (`null` unless given).
   */
  pop(key: unknown, fallback: unknown = null): unknown {
    const value = this.#map.get(key);
    if (value !== undefined || this.#map.has(key)) {
      this.#map.delete(key);
      return value;
    }
    return isKeywords(fallback) ? keyword(fallback, "default", null) : fallback;
  }

  /**
   * Stores every entry of an object (or of keyword arguments:
   * `shared.update(a=1, b=2)`).
   *
   * @param values A plain object or a `Map`.
   * @returns `""`.
   */
  update(values: unknown): "" {
    if (values instanceof Map) {
      for (const [k, v] of values) this.set(k, v);
    } else if (values instanceof State) {
      for (const [k, v] of mapOf(values)) this.#map.set(k, v);
    } else if (typeof values === "object" && values !== null) {
      const keywords = isKeywords(values);
      for (const k of Object.keys(values)) {
        if (keywords && k === "__keywords") continue;
        this.set(k, (values as Record<string, unknown>)[k]);
      }
    } else if (values !== undefined && values !== null) {
      throw new Error(
        `Cannot update the state from ${describe(values)}: expected a dict`,
      );
    }
    return "";
  }

  /**
   * Removes every key.
   *
   * @returns `""`.
   */
  clear(): "" {
    this.#map.clear();
    return "";
  }

  /**
   * A shallow copy of the contents as a plain object.
   *
   * @returns A new object; changing it does not change the state.
   */
  as_dict(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of this.#map) out[String(k)] = v;
    return out;
  }

  /**
   * Adds `by` to the number under `key` (a missing key counts as 0). Atomic,
   * as every method is: see the module documentation.
   *
   * @param key The key.
   * @param by The increment (keyword `by`); may be negative.
   * @returns The new value.
   */
  incr(key: unknown, by: unknown = 1): number {
    const step = isKeywords(by) ? keyword(by, "by", 1) : by;
    if (typeof step !== "number") {
      throw new Error(
        `Cannot increment ${describe(key)}: the step ${describe(step)} is not a number`,
      );
    }
    const current = this.#map.get(key);
    if (current === undefined || current === null) {
      this.#map.set(key, step);
      return step;
    }
    if (typeof current !== "number") {
      throw new Error(
        `Cannot increment ${describe(key)}: its value ${describe(current)} is not a number`,
      );
    }
    const next = current + step;
    this.#map.set(key, next);
    return next;
  }

  /**
   * Appends `value` to the list under `key`, creating the list if needed:
   * with `shift` it makes a first-in first-out queue, with `pop_random` a
   * pool. With `maxlen`, the oldest items are dropped to keep the list at
   * most that long (a sliding window of recent values).
   *
   * @param key The key.
   * @param value The value to append (`undefined` is stored as `null`).
   * @param maxlen The longest the list may grow (keyword `maxlen`); unbounded by default.
   * @returns `""`.
   *
   * @example
   * ```ts
   * import { State } from "./state.ts";
   * const globals = new State();
   * globals.push("sessions", "s1");
   * globals.push("sessions", "s2");
   * if (globals.size("sessions") !== 2 || globals.peek("sessions") !== "s1") throw new Error();
   * if (globals.shift("sessions") !== "s1" || globals.size("sessions") !== 1) throw new Error();
   * ```
   */
  push(key: unknown, value: unknown, maxlen?: unknown): "" {
    const item = value === undefined ? null : value;
    const given = isKeywords(maxlen) ? keyword(maxlen, "maxlen", null) : maxlen;
    const limit = given === undefined || given === null ? Infinity : given;
    if (limit !== Infinity && (typeof limit !== "number" || !Number.isInteger(limit) || limit < 0)) {
      throw new Error(`Cannot push to ${describe(key)}: \`maxlen\` is ${describe(limit)}, expected 0 or more`);
    }
    const list = this.#map.get(key);
    let target: unknown[];
    if (list === undefined || list === null) {
      target = [];
      this.#map.set(key, target);
    } else if (Array.isArray(list)) {
      target = list;
    } else {
      throw new Error(
        `Cannot push to ${describe(key)}: its value ${describe(list)} is not a list`,
      );
    }
    target.push(item);
    if (target.length > limit) target.splice(0, target.length - (limit as number));
    return "";
  }

  /**
   * Removes and returns the first (oldest) item of the list under `key`.
   *
   * @param key The key.
   * @param fallback Returned when the list is missing or empty (keyword
   * `default`).
   * @returns The first item, or `fallback` (`null` unless given).
   */
  shift(key: unknown, fallback: unknown = null): unknown {
    const list = this.#list("shift from", key);
    if (list !== null && list.length > 0) return list.shift();
    return isKeywords(fallback) ? keyword(fallback, "default", null) : fallback;
  }

  /**
   * The first (oldest) item of the list under `key`, left in place: what
   * `shift` would return.
   *
   * @param key The key.
   * @param fallback Returned when the list is missing or empty (keyword
   * `default`).
   * @returns The first item, or `fallback` (`null` unless given).
   */
  peek(key: unknown, fallback: unknown = null): unknown {
    const list = this.#list("peek at", key);
    if (list !== null && list.length > 0) return list[0];
    return isKeywords(fallback) ? keyword(fallback, "default", null) : fallback;
  }

  /**
   * Removes and returns a random item of the list under `key`, drawn from
   * the state's random stream (see {@linkcode StateOptions.rng}); without a
   * stream, the first item.
   *
   * @param key The key.
   * @param fallback Returned when the list is missing or empty (keyword
   * `default`).
   * @returns The item, or `fallback` (`null` unless given).
   *
   * @example
   * ```ts
   * import { Rng } from "../../random.ts";
   * import { State } from "./state.ts";
   * const shared = new State({ ips: ["10.0.0.1", "10.0.0.2", "10.0.0.3"] }, { rng: new Rng(1, "state") });
   * const ip = shared.pop_random("ips");
   * if (shared.size("ips") !== 2 || (shared.get("ips") as string[]).includes(ip as string)) throw new Error();
   * if (new State().pop_random("none", "empty") !== "empty") throw new Error();
   * ```
   */
  pop_random(key: unknown, fallback: unknown = null): unknown {
    const list = this.#list("pop a random item from", key);
    if (list !== null && list.length > 0) {
      const i = this.#rng === undefined ? 0 : this.#rng.index(list.length);
      return list.splice(i, 1)[0];
    }
    return isKeywords(fallback) ? keyword(fallback, "default", null) : fallback;
  }

  /**
   * The length of the list under `key`.
   *
   * @param key The key.
   * @returns The number of items; 0 when the key is missing or `None`.
   */
  size(key: unknown): number {
    return this.#list("measure", key)?.length ?? 0;
  }

  /** The list under `key`; `null` when missing; an error when not a list. */
  #list(what: string, key: unknown): unknown[] | null {
    const list = this.#map.get(key);
    if (list === undefined || list === null) return null;
    if (Array.isArray(list)) return list;
    throw new Error(`Cannot ${what} ${describe(key)}: its value ${describe(list)} is not a list`);
  }

  /**
   * Kept for templates written for the Python Eventum, where `globals` had
   * a lock. All generators of a run render on one thread here, and a render
   * is synchronous: no other template runs until it ends, so a template's
   * operations are already atomic together and this does nothing.
   *
   * @returns `""`.
   */
  acquire(): "" {
    return "";
  }

  /**
   * The counterpart of {@linkcode State.acquire}; does nothing.
   *
   * @returns `""`.
   */
  release(): "" {
    return "";
  }

  /**
   * The counterpart of {@linkcode State.acquire}; does nothing.
   *
   * @returns 0, the number of holds released.
   */
  release_if_held(): number {
    return 0;
  }

  /**
   * A JSON-compatible deep copy of the contents, for debuggers and the
   * Studio. Values go through `JSON.stringify`: timestamps become ISO
   * strings, rows become lists.
   *
   * @returns The copy.
   */
  snapshot(): StateSnapshot {
    return JSON.parse(
      JSON.stringify(
        this.as_dict(),
        (_k, v) => typeof v === "bigint" ? String(v) : v,
      ),
    ) as StateSnapshot;
  }

  /**
   * Replaces the contents with a snapshot.
   *
   * @param snapshot What {@linkcode State.snapshot} returned, or any plain
   * object.
   */
  restore(snapshot: Readonly<StateSnapshot>): void {
    this.#map.clear();
    for (const k of Object.keys(snapshot)) this.#map.set(k, snapshot[k]);
  }

  /**
   * The contents as JSON sees them (`{{ shared | dump }}`).
   *
   * @returns A plain object.
   */
  toJSON(): Record<string, unknown> {
    return this.as_dict();
  }

  /**
   * The contents printed as a Python dict.
   *
   * @returns Such as `{'n': 1}`.
   */
  toString(): string {
    return pyRepr(this.#map);
  }
}

// Stored keys read as properties (`shared.user`, `shared['user']`), the way
// Jinja falls back from attributes to items. A proxy sits at the end of the
// prototype chain, so methods resolve on State.prototype at full speed and
// only unknown names reach the trap.
Object.setPrototypeOf(
  State.prototype,
  new Proxy(Object.create(Object.prototype) as object, {
    get(target, prop, receiver) {
      if (typeof prop === "string" && receiver instanceof State) {
        const map = mapOf(receiver);
        const value = map.get(prop);
        if (value !== undefined || map.has(prop)) return value;
      }
      return Reflect.get(target, prop, receiver);
    },
  }),
);
