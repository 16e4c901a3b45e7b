/**
 * The Samples API: named datasets (`items`, CSV, JSON) that templates read
 * as `samples.NAME`.
 *
 * A {@linkcode Sample} is a real, frozen array of rows, so it indexes
 * (`samples.hosts[0]`), has a `length`, and iterates in `{% for %}` like any
 * list. On top of that it offers `pick()`, `pick_n(n)`, `weighted_pick(w)`,
 * `weighted_pick_n(...)` and `where(...)`.
 *
 * Rows are tuples, as in the Python Eventum: a CSV line, a list in `items`,
 * or a JSON object become a frozen {@linkcode Row} (an array) that prints as
 * a Python tuple, `('wks02', '172.16.0.4')`. When the sample has field names
 * (a CSV header, the keys of JSON objects) a row also reads by name
 * (`row.hostname`) and prints as Python's named tuple,
 * `Row(hostname='wks02', ip='172.16.0.4')`. Plain values of `items` and of
 * a JSON array (`["alice", "bob"]`) stay plain values.
 *
 * **Randomness.** Picks draw from an {@linkcode Rng} the sample is bound to:
 * pass `rng` to {@linkcode loadSample}, or call `sample.bind(rng)`, which
 * returns a view over the same rows (and the same caches) drawing from
 * another stream. Samples from `where()` and `pick_n()` inherit the binding.
 * Picking from an unbound sample throws. The `random` filter is
 * {@linkcode pickRandom}, which takes its stream as an argument.
 *
 * @module
 */
import { parse as parseCsv } from "csv-parse/sync";
import type { Rng } from "../../random.ts";
import { isKeywords, splitArgs } from "./_args.ts";
import { PY_REPR, pyRepr, reprTuple } from "./_py_repr.ts";

/** Where a sample's rows come from. Paths are absolute. */
export type SampleSpec =
  | { kind: "items"; items: unknown[] }
  | {
    kind: "csv";
    path: string;
    /** Whether the first line names the columns (default `false`). */
    header?: boolean;
    /** The field separator (default `,`). */
    delimiter?: string;
    /** The quote character (default `"`). */
    quote?: string;
  }
  | { kind: "json"; path: string };

/** Options for {@linkcode loadSample}. */
export interface LoadSampleOptions {
  /** The sample's name, used in error messages (default: its path). */
  name?: string;
  /** The stream picks draw from; see {@linkcode Sample.bind}. */
  rng?: Rng;
}

const FIELDS: unique symbol = Symbol("eventum.rowFields");

/**
 * One row of a sample: a frozen array that prints as a Python tuple.
 *
 * @example
 * ```ts
 * import { loadSample } from "./samples.ts";
 * const sample = loadSample({ kind: "items", items: [["a", 1], ["b"]] }, () => "");
 * if (String(sample[0]) !== "('a', 1)") throw new Error();
 * if (String(sample[1]) !== "('b',)") throw new Error();
 * ```
 */
export class Row extends Array<unknown> {
  /** `Array`: `map`, `filter` and `slice` return plain arrays. */
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }

  /** The field names (`null` for a plain tuple). */
  get _fields(): readonly string[] | null {
    return (this as unknown as { [FIELDS]?: readonly string[] })[FIELDS] ??
      null;
  }

  /**
   * The row as a plain object, like Python's `namedtuple._asdict()`;
   * positions stand for missing names (`_0`, `_1`...).
   *
   * @returns A new object.
   */
  _asdict(): Record<string, unknown> {
    const fields = this._fields;
    const out: Record<string, unknown> = {};
    for (let i = 0; i < this.length; i++) {
      out[fields?.[i] ?? `_${i}`] = this[i];
    }
    return out;
  }

  /** Python's `repr()` of the row. */
  [PY_REPR](): string {
    const fields = this._fields;
    if (fields === null) return reprTuple(this);
    let out = "Row(";
    for (let i = 0; i < this.length; i++) {
      if (i > 0) out += ", ";
      out += (fields[i] ?? `_${i}`) + "=" + pyRepr(this[i]);
    }
    return out + ")";
  }

  /**
   * The row as Python prints it.
   *
   * @returns Such as `('wks02', '172.16.0.4')`.
   */
  override toString(): string {
    return this[PY_REPR]();
  }
}

/** Names that cannot become field accessors on an array. */
function isAccessorName(name: string): boolean {
  return name !== "" && name !== "length" && name !== "constructor" &&
    name !== "__proto__" && !/^(0|[1-9]\d*)$/.test(name);
}

/** A Row subclass whose prototype reads fields by name. */
function namedRowClass(fields: readonly string[]): typeof Row {
  class NamedRow extends Row {}
  const proto = NamedRow.prototype;
  Object.defineProperty(proto, FIELDS, { value: Object.freeze([...fields]) });
  const seen = new Set<string>();
  fields.forEach((name, i) => {
    if (!isAccessorName(name) || seen.has(name)) return;
    seen.add(name);
    Object.defineProperty(proto, name, {
      get(this: Row) {
        return this[i];
      },
      configurable: true,
    });
  });
  return NamedRow;
}

function freezeRow(cls: typeof Row, values: readonly unknown[]): Row {
  const row = cls.from(values) as Row;
  Object.freeze(row);
  return row;
}

/** Per-sample data shared by bound views. */
interface Meta {
  readonly label: string;
  readonly fields: readonly string[] | null;
  readonly fieldIndex: ReadonlyMap<string, number> | null;
  /** Cumulative weights per weight field. */
  readonly weights: Map<string | number, Float64Array>;
}

const NO_FIELD = Symbol("noField");
const UNLOADED: Meta = {
  label: "sample",
  fields: null,
  fieldIndex: null,
  weights: new Map(),
};

let createSample: (
  rows: readonly unknown[],
  label: string,
  fields: readonly string[] | null,
  rng: Rng | null,
) => Sample;
const WHERE_CACHE_LIMIT = 1024;

function bt(value: unknown): string {
  return "`" + (typeof value === "string" ? value : pyRepr(value)) + "`";
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function looselyEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === "string" && typeof b === "number") {
    return a.trim() !== "" && Number(a) === b;
  }
  if (typeof a === "number" && typeof b === "string") {
    return b.trim() !== "" && Number(b) === a;
  }
  return false;
}

function toCount(value: unknown, what: string): number {
  if (
    typeof value !== "number" || !Number.isInteger(value) || value < 0
  ) {
    throw new Error(
      `${what}: \`n\` must be a non-negative integer, got ${bt(value)}`,
    );
  }
  return value;
}

function toWeight(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "string" && value.trim() !== "") return Number(value);
  return NaN;
}

/**
 * A named dataset: a frozen array of rows with picking helpers.
 *
 * @example
 * ```ts
 * import { Rng } from "../../random.ts";
 * import { loadSample } from "./samples.ts";
 * const csv = "hostname,os,weight\nweb1,linux,3\nwin1,windows,1\n";
 * const hosts = loadSample(
 *   { kind: "csv", path: "/hosts.csv", header: true },
 *   () => csv,
 *   { name: "hosts", rng: new Rng(1) },
 * );
 * if (hosts.length !== 2 || String(hosts[0]) !== "Row(hostname='web1', os='linux', weight='3')") throw new Error();
 * const linux = hosts.where({ __keywords: true, os: "linux" });
 * if ((linux.pick() as { hostname: string }).hostname !== "web1") throw new Error();
 * hosts.weighted_pick("weight");
 * ```
 */
export class Sample extends Array<unknown> {
  /** `Array`: `map`, `filter` and `slice` return plain arrays. */
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }

  #meta: Meta = UNLOADED;
  #rng: Rng | null = null;
  #whereCache: Map<string, Sample> | null = null;

  static #make(rows: readonly unknown[], meta: Meta, rng: Rng | null): Sample {
    const sample = new Sample();
    for (let i = 0; i < rows.length; i++) sample.push(rows[i]);
    sample.#meta = meta;
    sample.#rng = rng;
    Object.freeze(sample);
    return sample;
  }

  static {
    createSample = (rows, label, fields, rng) => {
      let fieldIndex: Map<string, number> | null = null;
      if (fields !== null) {
        const index = new Map<string, number>();
        fields.forEach((f, i) => {
          if (!index.has(f)) index.set(f, i);
        });
        fieldIndex = index;
      }
      return Sample.#make(rows, {
        label,
        fields: fields === null ? null : Object.freeze([...fields]),
        fieldIndex,
        weights: new Map(),
      }, rng);
    };
  }

  /** The field names (CSV header, JSON keys), or `null` when rows have none. */
  get fields(): readonly string[] | null {
    return this.#meta.fields;
  }

  /**
   * A view of the same rows whose picks draw from `rng`.
   *
   * @param rng The stream to draw from.
   * @returns A new sample sharing this one's rows and caches.
   */
  bind(rng: Rng): Sample {
    return Sample.#make(this, this.#meta, rng);
  }

  #stream(what: string): Rng {
    if (this.#rng === null) {
      throw new Error(
        `Cannot ${what} sample \`${this.#meta.label}\`: it is not bound to a random stream`,
      );
    }
    return this.#rng;
  }

  #nonEmpty(what: string): void {
    if (this.length === 0) {
      throw new Error(
        `Cannot ${what} sample \`${this.#meta.label}\`: it is empty`,
      );
    }
  }

  /**
   * One row, uniformly at random.
   *
   * @returns The row.
   */
  pick(): unknown {
    const rng = this.#stream("pick from");
    this.#nonEmpty("pick from");
    return this[rng.index(this.length)];
  }

  /**
   * `n` rows, uniformly at random, with replacement.
   *
   * @param n How many (keyword `n`).
   * @returns A sample of the picked rows.
   */
  pick_n(n: unknown): Sample {
    const rng = this.#stream("pick from");
    const count = toCount(
      isKeywords(n) ? n["n"] : n,
      `Cannot pick from sample \`${this.#meta.label}\``,
    );
    if (count > 0) this.#nonEmpty("pick from");
    const rows = new Array<unknown>(count);
    for (let i = 0; i < count; i++) rows[i] = this[rng.index(this.length)];
    return Sample.#make(rows, this.#derivedMeta(), this.#rng);
  }

  /**
   * One row, with probability proportional to its weight.
   *
   * @param weights The name (or position) of the field holding each row's
   * weight, as in the Python Eventum (`weighted_pick('weight')`), or a list
   * of weights, one per row (keyword `weight` or `weights`).
   * @returns The row.
   */
  weighted_pick(weights: unknown): unknown {
    const rng = this.#stream("pick from");
    const w = isKeywords(weights) ? weights["weight"] ?? weights["weights"] : weights;
    if (Array.isArray(w)) {
      return this[this.#indexFromList(w, rng)];
    }
    const cumulative = this.#cumulative(w);
    return this[this.#search(cumulative, rng)];
  }

  /**
   * `n` rows, with replacement, with probability proportional to weight.
   * Takes the arguments in either order: `weighted_pick_n('weight', 10)`
   * (the Python Eventum's) or `weighted_pick_n(10, 'weight')`.
   *
   * @param args The weights (see {@linkcode Sample.weighted_pick}) and `n`,
   * positionally or as keywords `weight`/`weights` and `n`.
   * @returns A sample of the picked rows.
   */
  weighted_pick_n(...args: unknown[]): Sample {
    const rng = this.#stream("pick from");
    const [positional, keywords] = splitArgs(args);
    let w: unknown = keywords["weight"] ?? keywords["weights"];
    let n: unknown = keywords["n"];
    if (
      positional.length === 2 && typeof positional[0] === "number" &&
      typeof positional[1] === "number"
    ) {
      // Two numbers: a field position and a count, in the Python order.
      [w, n] = positional;
    } else {
      for (const arg of positional) {
        if (typeof arg === "number" && n === undefined) n = arg;
        else if (w === undefined) w = arg;
        else n = arg;
      }
    }
    const count = toCount(n, `Cannot pick from sample \`${this.#meta.label}\``);
    let cumulative: Float64Array;
    if (Array.isArray(w)) {
      this.#checkList(w);
      cumulative = new Float64Array(w.length);
      let total = 0;
      for (let i = 0; i < w.length; i++) {
        total += toWeight(w[i]);
        cumulative[i] = total;
      }
    } else {
      cumulative = this.#cumulative(w);
    }
    const rows = new Array<unknown>(count);
    for (let i = 0; i < count; i++) rows[i] = this[this.#search(cumulative, rng)];
    return Sample.#make(rows, this.#derivedMeta(), this.#rng);
  }

  /**
   * The rows whose fields equal the given values: `where(os='linux')`,
   * `where('os', 'linux')`, or both; all conditions must hold. A number
   * matches the same number written in a CSV cell (`where(port=80)`).
   *
   * @param args Field-value pairs, keyword arguments, or a plain object.
   * @returns A sample of the matching rows (possibly empty), bound to the
   * same stream. Results are cached, so calling it per event is cheap.
   */
  where(...args: unknown[]): Sample {
    const conditions = this.#conditions(args);
    let key: string | null = "";
    for (const [field, value] of conditions) {
      if (
        value !== null && typeof value === "object" || typeof value === "function"
      ) {
        key = null;
        break;
      }
      key += `${typeof field}:${field}\u0000${typeof value}:${String(value)}\u0001`;
    }
    if (key !== null) {
      const cached = this.#whereCache?.get(key);
      if (cached !== undefined) return cached;
    }
    const rows: unknown[] = [];
    for (let i = 0; i < this.length; i++) {
      const row = this[i];
      let ok = true;
      for (const [field, value] of conditions) {
        if (!looselyEqual(this.#field(row, field), value)) {
          ok = false;
          break;
        }
      }
      if (ok) rows.push(row);
    }
    const result = Sample.#make(rows, this.#derivedMeta(), this.#rng);
    if (key !== null) {
      this.#whereCache ??= new Map();
      if (this.#whereCache.size >= WHERE_CACHE_LIMIT) this.#whereCache.clear();
      this.#whereCache.set(key, result);
    }
    return result;
  }

  /**
   * The sample as Python prints a list of rows.
   *
   * @returns Such as `[('a', 1), ('b', 2)]`.
   */
  override toString(): string {
    return pyRepr(this);
  }

  #derivedMeta(): Meta {
    const { label, fields, fieldIndex } = this.#meta;
    return { label, fields, fieldIndex, weights: new Map() };
  }

  #conditions(args: readonly unknown[]): Array<[string | number, unknown]> {
    const [positional, keywords] = splitArgs(args);
    const conditions: Array<[string | number, unknown]> = [];
    let i = 0;
    while (i < positional.length) {
      const first = positional[i];
      if (isPlainObject(first)) {
        for (const k of Object.keys(first)) conditions.push([k, first[k]]);
        i += 1;
      } else if (typeof first === "string" || typeof first === "number") {
        if (i + 1 >= positional.length) {
          throw new Error(
            `Cannot filter sample \`${this.#meta.label}\`: no value given for field ${bt(first)}`,
          );
        }
        conditions.push([first, positional[i + 1]]);
        i += 2;
      } else {
        throw new Error(
          `Cannot filter sample \`${this.#meta.label}\`: expected a field name, got ${bt(first)}`,
        );
      }
    }
    for (const k of Object.keys(keywords)) conditions.push([k, keywords[k]]);
    for (const [field] of conditions) this.#checkField(field, "filter");
    return conditions;
  }

  #checkField(field: string | number, verb: string): void {
    const { fieldIndex, fields, label } = this.#meta;
    if (typeof field === "string" && fieldIndex !== null) {
      if (!fieldIndex.has(field)) {
        const known = (fields ?? []).map((f) => "`" + f + "`").join(", ");
        throw new Error(
          `Cannot ${verb} sample \`${label}\`: no field \`${field}\` (fields: ${known})`,
        );
      }
    }
  }

  #field(row: unknown, field: string | number): unknown {
    if (typeof field === "string" && Array.isArray(row)) {
      const i = this.#meta.fieldIndex?.get(field);
      return i === undefined ? NO_FIELD : row[i];
    }
    if (typeof row === "object" && row !== null) {
      return field in row ? (row as Record<string | number, unknown>)[field] : NO_FIELD;
    }
    return NO_FIELD;
  }

  #cumulative(field: unknown): Float64Array {
    const { label, weights } = this.#meta;
    if (typeof field !== "string" && typeof field !== "number") {
      throw new Error(
        `Cannot pick from sample \`${label}\`: expected a weight field or a list of weights, got ${bt(field)}`,
      );
    }
    const cached = weights.get(field);
    if (cached !== undefined) return cached;
    this.#checkField(field, "pick from");
    this.#nonEmpty("pick from");
    const cumulative = new Float64Array(this.length);
    let total = 0;
    for (let i = 0; i < this.length; i++) {
      const cell = this.#field(this[i], field);
      if (cell === NO_FIELD) {
        throw new Error(
          `Cannot pick from sample \`${label}\`: row ${i} has no field ${bt(field)}`,
        );
      }
      const w = toWeight(cell);
      if (!(w >= 0) || w === Infinity) {
        throw new Error(
          `Cannot pick from sample \`${label}\`: the weight in field ${bt(field)} of row ${i} is ${
            bt(cell)
          }, expected a non-negative number`,
        );
      }
      total += w;
      cumulative[i] = total;
    }
    if (!(total > 0)) {
      throw new Error(
        `Cannot pick from sample \`${label}\`: every weight in field ${bt(field)} is zero`,
      );
    }
    weights.set(field, cumulative);
    return cumulative;
  }

  #checkList(list: readonly unknown[]): void {
    const { label } = this.#meta;
    if (list.length !== this.length) {
      throw new Error(
        `Cannot pick from sample \`${label}\`: expected ${this.length} weights, got ${list.length}`,
      );
    }
    let total = 0;
    for (let i = 0; i < list.length; i++) {
      const w = toWeight(list[i]);
      if (!(w >= 0) || w === Infinity) {
        throw new Error(
          `Cannot pick from sample \`${label}\`: weight ${i} is ${bt(list[i])}, expected a non-negative number`,
        );
      }
      total += w;
    }
    if (!(total > 0)) {
      throw new Error(
        `Cannot pick from sample \`${label}\`: every weight is zero`,
      );
    }
  }

  #indexFromList(list: readonly unknown[], rng: Rng): number {
    this.#checkList(list);
    let total = 0;
    for (let i = 0; i < list.length; i++) total += toWeight(list[i]);
    let r = rng.float() * total;
    for (let i = 0; i < list.length; i++) {
      const w = toWeight(list[i]);
      if (r < w) return i;
      r -= w;
    }
    // Rounding left a sliver past the end: the last row with weight.
    for (let i = list.length - 1; i > 0; i--) {
      if (toWeight(list[i]) > 0) return i;
    }
    return 0;
  }

  #search(cumulative: Float64Array, rng: Rng): number {
    const n = cumulative.length;
    const r = rng.float() * (cumulative[n - 1] as number);
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] as number) > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** Rows from `items` or a JSON array: objects become named rows. */
function rowsFromValues(
  values: readonly unknown[],
  label: string,
): { rows: unknown[]; fields: string[] | null } {
  if (values.length > 0 && values.every(isPlainObject)) {
    const objects = values as ReadonlyArray<Record<string, unknown>>;
    const fields = Object.keys(objects[0] as Record<string, unknown>);
    const cls = namedRowClass(fields);
    const rows = objects.map((obj, i) => {
      const keys = Object.keys(obj);
      const extra = keys.find((k) => !fields.includes(k));
      const missing = fields.find((f) => !(f in obj));
      if (extra !== undefined || missing !== undefined) {
        const detail = extra !== undefined
          ? `item ${i} has \`${extra}\`, item 0 does not`
          : `item ${i} lacks \`${missing}\``;
        throw new Error(
          `Cannot read sample \`${label}\`: objects have different keys (${detail})`,
        );
      }
      return freezeRow(cls, fields.map((f) => obj[f]));
    });
    return { rows, fields };
  }
  return {
    rows: values.map((v) => Array.isArray(v) ? freezeRow(Row, v) : v),
    fields: null,
  };
}

function csvRows(
  text: string,
  spec: Extract<SampleSpec, { kind: "csv" }>,
  label: string,
): { rows: unknown[]; fields: string[] | null } {
  let records: string[][];
  try {
    records = parseCsv(text, {
      delimiter: spec.delimiter ?? ",",
      quote: spec.quote ?? '"',
      // Any line ending, even mixed in one file, as Python's csv accepts.
      record_delimiter: ["\r\n", "\n", "\r"],
      bom: true,
      skip_empty_lines: true,
      relax_quotes: true,
    }) as string[][];
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const message = error instanceof Error ? error.message : String(error);
    if (code === "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH") {
      throw new Error(
        `Cannot read sample \`${label}\`: CSV rows have different numbers of fields (${message}); quote values that contain the delimiter`,
      );
    }
    throw new Error(`Cannot read sample \`${label}\`: invalid CSV: ${message}`);
  }
  if (spec.header === true) {
    const fields = records[0] ?? [];
    const cls = namedRowClass(fields);
    return {
      rows: records.slice(1).map((r) => freezeRow(cls, r)),
      fields,
    };
  }
  return { rows: records.map((r) => freezeRow(Row, r)), fields: null };
}

/**
 * Loads a sample.
 *
 * @param spec Where the rows come from.
 * @param readText Reads a file's text; its errors propagate unchanged.
 * @param options The sample's name (for messages) and random stream.
 * @returns The sample.
 * @throws {Error} On invalid CSV or JSON, a JSON value that is not an
 * array, or JSON objects with different keys.
 *
 * @example
 * ```ts
 * import { loadSample } from "./samples.ts";
 * const users = loadSample(
 *   { kind: "json", path: "/users.json" },
 *   () => '[{"name": "alice", "admin": true}, {"name": "bob", "admin": false}]',
 *   { name: "users" },
 * );
 * if ((users[1] as { name: string }).name !== "bob") throw new Error();
 * if (String(users[0]) !== "Row(name='alice', admin=True)") throw new Error();
 * ```
 */
export function loadSample(
  spec: SampleSpec,
  readText: (path: string) => string,
  options: LoadSampleOptions = {},
): Sample {
  const label = options.name ?? (spec.kind === "items" ? "items" : spec.path);
  let shaped: { rows: unknown[]; fields: string[] | null };
  switch (spec.kind) {
    case "items":
      shaped = rowsFromValues(spec.items, label);
      break;
    case "csv":
      shaped = csvRows(readText(spec.path), spec, label);
      break;
    case "json": {
      let data: unknown;
      try {
        data = JSON.parse(readText(spec.path));
      } catch (error) {
        if (!(error instanceof SyntaxError)) throw error;
        throw new Error(
          `Cannot read sample \`${label}\`: invalid JSON: ${error.message}`,
        );
      }
      if (!Array.isArray(data)) {
        throw new Error(
          `Cannot read sample \`${label}\`: expected a JSON array`,
        );
      }
      shaped = rowsFromValues(data, label);
      break;
    }
  }
  return createSample(shaped.rows, label, shaped.fields, options.rng ?? null);
}

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * The `random` filter: one item of a sample or list, or one character of a
 * string, drawn from `rng` (it replaces Nunjucks' `Math.random` filter).
 *
 * @param value A sample, an array, a string or another iterable.
 * @param rng The stream to draw from.
 * @returns The item, or `undefined` for an empty sequence (which prints as
 * nothing, as in Nunjucks).
 * @throws {Error} When `value` is not a sequence.
 *
 * @example
 * ```ts
 * import { Rng } from "../../random.ts";
 * import { pickRandom } from "./samples.ts";
 * const rng = new Rng(7);
 * if (!["a", "b"].includes(pickRandom(["a", "b"], rng) as string)) throw new Error();
 * ```
 */
export function pickRandom(value: unknown, rng: Rng): unknown {
  if (Array.isArray(value)) {
    return value.length === 0 ? undefined : value[rng.index(value.length)];
  }
  if (typeof value === "string") {
    if (!SURROGATE.test(value)) {
      return value.length === 0 ? undefined : value[rng.index(value.length)];
    }
    const chars = Array.from(value);
    return chars[rng.index(chars.length)];
  }
  if (
    typeof value === "object" && value !== null && !isPlainObject(value) &&
    Symbol.iterator in value
  ) {
    const items = Array.from(value as Iterable<unknown>);
    return items.length === 0 ? undefined : items[rng.index(items.length)];
  }
  throw new Error(
    `Cannot pick a random item from ${
      value === undefined ? "an undefined value" : bt(value)
    }: expected a list, a sample or a string`,
  );
}
