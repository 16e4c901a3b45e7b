/**
 * Python's string formatting: `'%05.2f' % x` (printf style, also the
 * `format` filter), `'{:>8}'.format(x)` (`str.format` and its
 * format-spec mini-language), and correctly rounded float digits.
 *
 * Floats are rounded as CPython rounds them: on the exact binary value,
 * ties to even (`'%.0f' % 2.5` is `2`, `'%.2f' % 0.125` is `0.12`).
 *
 * @module
 */
import { isDict, pyRepr, pyStr, pyTypeName } from "./values.ts";

/** `d.ddd × 10^exp`: the first `n` significant digits of a positive finite number, rounded half to even. */
function significant(x: number, n: number): { digits: string; exp: number } {
  const text = x.toExponential(Math.min(100, Math.max(n, 1) + 24));
  const e = text.indexOf("e");
  const all = text[0] + text.slice(2, e);
  let exp = Number(text.slice(e + 1));
  if (n < 0) return { digits: "", exp };
  if (all.length <= n) return { digits: all.padEnd(n, "0"), exp };
  let kept = all.slice(0, n);
  const rest = all.slice(n);
  let up = false;
  if (rest[0]! > "5") up = true;
  else if (rest[0] === "5") {
    up = /[1-9]/.test(rest.slice(1)) || (n > 0 && Number(kept[n - 1]) % 2 === 1);
  }
  if (n === 0) return up ? { digits: "1", exp: exp + 1 } : { digits: "", exp };
  if (up) {
    let i = kept.length - 1;
    while (i >= 0 && kept[i] === "9") i--;
    if (i < 0) {
      kept = "1" + "0".repeat(n - 1);
      exp++;
    } else {
      kept = kept.slice(0, i) + String(Number(kept[i]) + 1) + "0".repeat(kept.length - i - 1);
    }
  }
  return { digits: kept, exp };
}

/**
 * A non-negative finite number with `prec` digits after the point.
 *
 * @param x The number (its sign is ignored).
 * @param prec Digits after the point.
 * @returns Such as `3.14`.
 */
export function fixed(x: number, prec: number): string {
  x = Math.abs(x);
  const point = (int: string, frac: string) => prec > 0 ? int + "." + frac.padEnd(prec, "0").slice(0, prec) : int;
  if (x === 0) return point("0", "");
  if (x >= 1e21) return point(BigInt(x).toString(), "");
  const e0 = Number(x.toExponential().split("e")[1]);
  const n = e0 + 1 + prec;
  const { digits, exp } = significant(x, n);
  if (digits === "") return point("0", "");
  // digits × 10^(exp + 1 - digits.length) = all / 10^prec
  const shift = exp + 1 - digits.length + prec;
  let all = shift >= 0 ? digits + "0".repeat(shift) : digits.slice(0, digits.length + shift);
  all = all.padStart(prec + 1, "0");
  return point(all.slice(0, all.length - prec), all.slice(all.length - prec));
}

/**
 * A non-negative finite number in exponent form: `1.500000e+03`.
 *
 * @param x The number (its sign is ignored).
 * @param prec Digits after the point.
 * @param alt Keep the point even with no digits after it.
 * @returns The text.
 */
export function exponent(x: number, prec: number, alt = false): string {
  x = Math.abs(x);
  const { digits, exp } = x === 0 ? { digits: "0".repeat(prec + 1), exp: 0 } : significant(x, prec + 1);
  const mantissa = digits[0] + (prec > 0 || alt ? "." + digits.slice(1) : "");
  return mantissa + "e" + (exp < 0 ? "-" : "+") + String(Math.abs(exp)).padStart(2, "0");
}

/**
 * A non-negative finite number in Python's general form (`%g`).
 *
 * @param x The number (its sign is ignored).
 * @param prec Significant digits (0 counts as 1).
 * @param alt Keep trailing zeros.
 * @param atLeastOneDecimal Python's format type `None`: `1.0` rather than `1`.
 * @returns The text.
 */
export function general(x: number, prec: number, alt = false, atLeastOneDecimal = false): string {
  x = Math.abs(x);
  const p = prec === 0 ? 1 : prec;
  const exp = x === 0 ? 0 : significant(x, p).exp;
  let out: string;
  if (exp >= -4 && exp < (atLeastOneDecimal ? p - 1 : p) || (x === 0 && !atLeastOneDecimal)) {
    out = fixed(x, Math.max(p - 1 - exp, 0));
    if (!alt && out.includes(".")) out = out.replace(/\.?0+$/, "");
    if (atLeastOneDecimal && !out.includes(".")) out += ".0";
  } else {
    out = exponent(x, p - 1, alt);
    if (!alt) out = out.replace(/\.?0+e/, "e");
  }
  return out;
}

function integerDigits(n: number, base: number): string {
  const t = Math.trunc(Math.abs(n));
  return t < 2 ** 53 ? t.toString(base) : BigInt(t).toString(base);
}

function group(int: string, sep: string, every: number): string {
  let out = "";
  for (let i = 0; i < int.length; i++) {
    if (i > 0 && (int.length - i) % every === 0) out += sep;
    out += int[i];
  }
  return out;
}

function nonFinite(x: number, upper: boolean): string | undefined {
  if (Number.isFinite(x)) return undefined;
  const text = Number.isNaN(x) ? "nan" : "inf";
  return upper ? text.toUpperCase() : text;
}

// ---------------------------------------------------------------- printf

function numberArg(value: unknown, code: string, integer: boolean): number {
  if (typeof value === "boolean") return Number(value);
  if (typeof value === "number") {
    if (integer && "oxXc".includes(code) && !Number.isInteger(value)) {
      throw new Error(`TypeError: %${code} format: an integer is required, not float`);
    }
    return value;
  }
  if (integer) {
    throw new Error(`TypeError: %${code} format: a real number is required, not ${pyTypeName(value)}`);
  }
  throw new Error(`TypeError: must be real number, not ${pyTypeName(value)}`);
}

interface Conversion {
  flags: string;
  width: number;
  precision: number | undefined;
  code: string;
}

function pad(body: string, sign: string, c: Conversion, numeric: boolean): string {
  const { flags, width } = c;
  const len = sign.length + body.length;
  if (width <= len) return sign + body;
  if (flags.includes("-")) return sign + body + " ".repeat(width - len);
  if (numeric && flags.includes("0")) return sign + "0".repeat(width - len) + body;
  return " ".repeat(width - len) + sign + body;
}

function convert(value: unknown, c: Conversion): string {
  const { flags, precision, code } = c;
  switch (code) {
    case "s":
    case "r":
    case "a": {
      let text = code === "s" ? pyStr(value) : pyRepr(value);
      if (precision !== undefined) text = text.slice(0, precision);
      return pad(text, "", c, false);
    }
    case "c": {
      const text = typeof value === "string" && [...value].length === 1
        ? value
        : String.fromCodePoint(numberArg(value, code, true));
      return pad(text, "", c, false);
    }
  }
  const integer = "diuoxX".includes(code);
  const x = numberArg(value, code, integer);
  const negative = x < 0 || Object.is(x, -0) && !integer;
  const sign = negative ? "-" : flags.includes("+") ? "+" : flags.includes(" ") ? " " : "";
  const special = nonFinite(x, code === code.toUpperCase() && !integer);
  if (special !== undefined) return pad(special, sign, { ...c, flags: c.flags.replace("0", "") }, false);
  let body: string;
  switch (code) {
    case "d":
    case "i":
    case "u":
      body = integerDigits(x, 10);
      if (precision !== undefined) body = body.padStart(precision, "0");
      break;
    case "o":
    case "x":
    case "X": {
      const base = code === "o" ? 8 : 16;
      body = integerDigits(x, base);
      if (precision !== undefined) body = body.padStart(precision, "0");
      if (code === "X") body = body.toUpperCase();
      if (flags.includes("#")) return pad(body, sign + (code === "o" ? "0o" : code === "x" ? "0x" : "0X"), c, true);
      break;
    }
    case "e":
    case "E":
      body = exponent(x, precision ?? 6, flags.includes("#"));
      if (code === "E") body = body.toUpperCase();
      break;
    case "f":
    case "F":
      body = fixed(x, precision ?? 6);
      if (flags.includes("#") && !body.includes(".")) body += ".";
      break;
    default: // g, G
      body = general(x, precision ?? 6, flags.includes("#"));
      if (code === "G") body = body.toUpperCase();
  }
  return pad(body, sign, c, true);
}

/**
 * Python's `format % values`: `%s`, `%r`, `%d`, `%i`, `%f`, `%e`, `%g`,
 * `%x`, `%X`, `%o`, `%c`, `%%`, with flags (`-0 +#`), width, precision
 * (`*` reads them from the values) and `%(name)s` keys.
 *
 * @param format The format.
 * @param values One value, a list or tuple of values, or a dict for
 * `%(name)s`.
 * @returns The formatted text.
 * @throws {Error} With Python's message when the values do not fit.
 *
 * @example
 * ```ts
 * import { printf } from "./_format.ts";
 * if (printf("%s-%05d", ["id", 42]) !== "id-00042") throw new Error();
 * if (printf("%.2f%%", 12.345) !== "12.35%") throw new Error();
 * if (printf("%(user)s", { user: "bob" }) !== "bob") throw new Error();
 * ```
 */
export function printf(format: string, values: unknown): string {
  const mapping = isDict(values) ? values : undefined;
  const list: readonly unknown[] = Array.isArray(values) ? values : [values];
  let next = 0;
  let usedMapping = false;
  const take = (): unknown => {
    if (next >= list.length) throw new Error("TypeError: not enough arguments for format string");
    return list[next++];
  };
  let out = "";
  let i = 0;
  while (i < format.length) {
    const at = format.indexOf("%", i);
    if (at < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, at);
    let j = at + 1;
    let key: string | undefined;
    if (format[j] === "(") {
      let depth = 1;
      let k = j + 1;
      while (k < format.length && depth > 0) {
        if (format[k] === "(") depth++;
        else if (format[k] === ")") depth--;
        k++;
      }
      if (depth > 0) throw new Error("ValueError: incomplete format key");
      key = format.slice(j + 1, k - 1);
      j = k;
    }
    let flags = "";
    while (j < format.length && "-+ #0".includes(format[j]!)) flags += format[j++];
    let width = 0;
    if (format[j] === "*") {
      width = Number(numberArg(take(), "*", true));
      if (width < 0) {
        flags += "-";
        width = -width;
      }
      j++;
    } else {
      while (j < format.length && format[j]! >= "0" && format[j]! <= "9") width = width * 10 + Number(format[j++]);
    }
    let precision: number | undefined;
    if (format[j] === ".") {
      j++;
      if (format[j] === "*") {
        precision = Math.max(0, numberArg(take(), "*", true));
        j++;
      } else {
        precision = 0;
        while (j < format.length && format[j]! >= "0" && format[j]! <= "9") {
          precision = precision * 10 + Number(format[j++]);
        }
      }
    }
    while (j < format.length && "hlL".includes(format[j]!)) j++;
    const code = format[j];
    if (code === undefined) throw new Error("ValueError: incomplete format");
    if (code === "%") {
      out += "%";
      i = j + 1;
      continue;
    }
    if (!"diouxXeEfFgGcrsa".includes(code)) {
      throw new Error(
        `ValueError: unsupported format character '${code}' (0x${code.charCodeAt(0).toString(16)}) at index ${j}`,
      );
    }
    let value: unknown;
    if (key !== undefined) {
      if (mapping === undefined) throw new Error("TypeError: format requires a mapping");
      if (!Object.hasOwn(mapping, key)) throw new Error(`KeyError: '${key}'`);
      value = mapping[key];
      usedMapping = true;
    } else value = take();
    out += convert(value, { flags, width, precision, code });
    i = j + 1;
  }
  if (!usedMapping && mapping === undefined && next < list.length) {
    throw new Error("TypeError: not all arguments converted during string formatting");
  }
  return out;
}

// ------------------------------------------------------------ format spec

const SPEC = /^(?:([\s\S])?([<>=^]))?([-+ ])?(z)?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/;

function align(body: string, sign: string, width: number, fill: string, how: string): string {
  const len = [...sign].length + [...body].length;
  if (width <= len) return sign + body;
  const n = width - len;
  switch (how) {
    case "<":
      return sign + body + fill.repeat(n);
    case "^":
      return fill.repeat(Math.floor(n / 2)) + sign + body + fill.repeat(n - Math.floor(n / 2));
    case "=":
      return sign + fill.repeat(n) + body;
    default:
      return fill.repeat(n) + sign + body;
  }
}

/**
 * Python's `format(value, spec)`: the mini-language of `str.format`
 * (`[[fill]align][sign][#][0][width][,][.precision][type]`). Timestamps
 * take a `strftime` format, as Python's `datetime` does.
 *
 * @param value The value.
 * @param spec The spec, such as `>8`, `05d`, `,.2f`, `%Y-%m-%d`.
 * @returns The formatted text.
 *
 * @example
 * ```ts
 * import { formatSpec } from "./_format.ts";
 * if (formatSpec(1234.5, ",.2f") !== "1,234.50" || formatSpec("ab", "^6") !== "  ab  ") throw new Error();
 * ```
 */
export function formatSpec(value: unknown, spec: string): string {
  if (spec === "") return pyStr(value);
  const strftime = (value as { strftime?: unknown } | null)?.strftime;
  if (typeof strftime === "function" && typeof value === "object") return String(strftime.call(value, spec));
  const m = SPEC.exec(spec);
  if (m === null) {
    throw new Error(`ValueError: Invalid format specifier '${spec}' for object of type '${pyTypeName(value)}'`);
  }
  const [, fillChar, alignChar, signChar, , alt, zero, widthText, grouping, precText, type] = m;
  const width = widthText === undefined ? 0 : Number(widthText);
  const precision = precText === undefined ? undefined : Number(precText);
  const fill = fillChar ?? (zero && alignChar === undefined ? "0" : " ");
  const numeric = typeof value === "number" || typeof value === "boolean";
  if (!numeric || type === "s") {
    if (type !== undefined && type !== "s") {
      throw new Error(`ValueError: Unknown format code '${type}' for object of type '${pyTypeName(value)}'`);
    }
    let text = pyStr(value);
    if (precision !== undefined) text = [...text].slice(0, precision).join("");
    return align(text, "", width, fill, alignChar ?? (zero && alignChar === undefined ? "=" : "<"));
  }
  if (typeof value === "boolean" && type === undefined) {
    return align(pyStr(value), "", width, fill, alignChar ?? "<");
  }
  const x = Number(value);
  const how = alignChar ?? (zero ? "=" : ">");
  const negative = x < 0 || Object.is(x, -0);
  const sign = negative ? "-" : signChar === "+" ? "+" : signChar === " " ? " " : "";
  const integerType = type !== undefined && "bcdoxXn".includes(type) ||
    type === undefined && Number.isInteger(x) && precision === undefined;
  if (integerType) {
    if (!Number.isInteger(x)) {
      throw new Error(`ValueError: Unknown format code '${type}' for object of type 'float'`);
    }
    if (type === "c") return align(String.fromCodePoint(x), "", width, fill, alignChar ?? "<");
    const base = type === "b" ? 2 : type === "o" ? 8 : type === "x" || type === "X" ? 16 : 10;
    let digits = integerDigits(x, base);
    if (type === "X") digits = digits.toUpperCase();
    if (grouping) digits = group(digits, grouping, base === 10 ? 3 : 4);
    const prefix = alt && base !== 10 ? "0" + (type === "b" ? "b" : type === "o" ? "o" : type) : "";
    return align(digits, sign + prefix, width, fill, how);
  }
  const special = nonFinite(x, type !== undefined && type === type.toUpperCase() && type !== "%");
  let body: string;
  if (special !== undefined) body = special + (type === "%" ? "%" : "");
  else {
    switch (type) {
      case "e":
      case "E":
        body = exponent(x, precision ?? 6, !!alt);
        break;
      case "f":
      case "F":
        body = fixed(x, precision ?? 6);
        break;
      case "%":
        body = fixed(x * 100, precision ?? 6) + "%";
        break;
      case "g":
      case "G":
      case "n":
        body = general(x, precision ?? 6, !!alt);
        break;
      default:
        body = precision === undefined ? pyStr(Math.abs(x)) : general(x, precision, !!alt, true);
    }
    if (type === "E" || type === "G") body = body.toUpperCase();
    if (grouping) {
      const dot = body.search(/[.e%]/);
      const int = dot < 0 ? body : body.slice(0, dot);
      body = group(int, grouping, 3) + (dot < 0 ? "" : body.slice(dot));
    }
  }
  return align(body, sign, width, fill, how);
}

// ------------------------------------------------------------ str.format

function lookupField(value: unknown, path: string, field: string): unknown {
  const re = /\.([^.[]+)|\[([^\]]+)\]/y;
  let at = 0;
  while (at < path.length) {
    re.lastIndex = at;
    const m = re.exec(path);
    if (m === null) throw new Error(`ValueError: Only '.' or '[' may follow ']' in format field specifier '${field}'`);
    const key = m[1] ?? m[2] as string;
    const index = /^\d+$/.test(key) && m[2] !== undefined ? Number(key) : key;
    value = value === null || value === undefined ? undefined : (value as Record<string | number, unknown>)[index];
    at = re.lastIndex;
  }
  return value;
}

/**
 * Python's `str.format(*args, **kwargs)`: `{}`, `{0}`, `{name}`,
 * `{0.attr}`, `{name[key]}`, `!r`/`!s`, a format spec after `:` (which may
 * itself hold `{}` fields), and `{{`/`}}` for braces.
 *
 * @param template The text with fields.
 * @param args The positional arguments.
 * @param kwargs The keyword arguments.
 * @returns The formatted text.
 *
 * @example
 * ```ts
 * import { strFormat } from "./_format.ts";
 * if (strFormat("{}-{:03d} {user!r}", ["a", 7], { user: "bob" }) !== "a-007 'bob'") throw new Error();
 * ```
 */
export function strFormat(
  template: string,
  args: readonly unknown[],
  kwargs: Readonly<Record<string, unknown>>,
): string {
  let auto = 0;
  let manual = false;
  let automatic = false;
  const resolve = (field: string): unknown => {
    const m = /^([^.[]*)(.*)$/s.exec(field) as RegExpExecArray;
    const head = m[1] as string;
    let value: unknown;
    if (head === "") {
      if (manual) {
        throw new Error("ValueError: cannot switch from manual field specification to automatic field numbering");
      }
      automatic = true;
      const i = auto++;
      if (i >= args.length) {
        throw new Error(`IndexError: Replacement index ${i} out of range for positional args tuple`);
      }
      value = args[i];
    } else if (/^\d+$/.test(head)) {
      if (automatic) {
        throw new Error("ValueError: cannot switch from automatic field numbering to manual field specification");
      }
      manual = true;
      const i = Number(head);
      if (i >= args.length) {
        throw new Error(`IndexError: Replacement index ${i} out of range for positional args tuple`);
      }
      value = args[i];
    } else {
      if (!Object.hasOwn(kwargs, head)) throw new Error(`KeyError: '${head}'`);
      value = kwargs[head];
    }
    return lookupField(value, m[2] as string, field);
  };
  const fieldText = (inner: string): string => {
    // field[!conversion][:spec]
    let depth = 0;
    let colon = -1;
    let bang = -1;
    for (let k = 0; k < inner.length; k++) {
      const ch = inner[k];
      if (ch === "[") depth++;
      else if (ch === "]") depth--;
      else if (depth === 0 && ch === "!" && bang < 0 && colon < 0) bang = k;
      else if (depth === 0 && ch === ":" && colon < 0) {
        colon = k;
        break;
      }
    }
    const end = bang >= 0 ? bang : colon >= 0 ? colon : inner.length;
    const field = inner.slice(0, end);
    const conversion = bang >= 0 ? inner.slice(bang + 1, colon >= 0 ? colon : inner.length) : "";
    let spec = colon >= 0 ? inner.slice(colon + 1) : "";
    let value = resolve(field);
    if (conversion === "r" || conversion === "a") value = pyRepr(value);
    else if (conversion === "s") value = pyStr(value);
    else if (conversion !== "") throw new Error(`ValueError: Unknown conversion specifier ${conversion}`);
    if (spec.includes("{")) spec = spec.replace(/\{([^{}]*)\}/g, (_, f: string) => pyStr(resolve(f)));
    return formatSpec(value, spec);
  };
  let out = "";
  let i = 0;
  while (i < template.length) {
    const ch = template[i];
    if (ch === "{") {
      if (template[i + 1] === "{") {
        out += "{";
        i += 2;
        continue;
      }
      let depth = 1;
      let k = i + 1;
      while (k < template.length && depth > 0) {
        if (template[k] === "{") depth++;
        else if (template[k] === "}") depth--;
        k++;
      }
      if (depth > 0) throw new Error("ValueError: expected '}' before end of string");
      out += fieldText(template.slice(i + 1, k - 1));
      i = k;
    } else if (ch === "}") {
      if (template[i + 1] !== "}") throw new Error("ValueError: Single '}' encountered in format string");
      out += "}";
      i += 2;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

/**
 * Python's `round(x, ndigits)`: correctly rounded, ties to even.
 *
 * @param x The number.
 * @param ndigits Digits after the point (negative rounds to tens,
 * hundreds...).
 * @returns The rounded number.
 */
export function pyRound(x: number, ndigits = 0): number {
  if (!Number.isFinite(x)) return x;
  if (ndigits >= 0) {
    const text = fixed(x, Math.min(ndigits, 100));
    return (x < 0 ? -1 : 1) * Number(text);
  }
  const factor = 10 ** -ndigits;
  return pyRound(x / factor, 0) * factor;
}
