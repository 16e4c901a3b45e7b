import { deepEqual, equal, throws } from "node:assert/strict";
import { STR_METHODS } from "./strings.ts";

const kw = (values: Record<string, unknown>) => ({ __keywords: true as const, ...values });
const str = (s: string, name: string, ...args: unknown[]) =>
  (STR_METHODS.get(name) as (s: string, ...a: unknown[]) => unknown)(s, ...args);

Deno.test("split and rsplit by Python's rules", () => {
  deepEqual(str("  a  b ", "split"), ["a", "b"]);
  deepEqual(str("a b c d", "split", null, 2), ["a", "b", "c d"]);
  deepEqual(str("  a b  c ", "split", kw({ maxsplit: 1 })), ["a", "b  c "]);
  deepEqual(str("a,b,,c", "split", ","), ["a", "b", "", "c"]);
  deepEqual(str("a-b-c", "split", "-", 1), ["a", "b-c"]);
  deepEqual(str("a.b.c", "rsplit", ".", 1), ["a.b", "c"]);
  deepEqual(str("  a b  c ", "rsplit", null, 1), ["  a b", "c"]);
  deepEqual(str("", "split"), []);
  deepEqual(str("", "split", ","), [""]);
  throws(() => str("a", "split", ""), /empty separator/);
  deepEqual(str("a\nb\r\nc\n", "splitlines"), ["a", "b", "c"]);
  deepEqual(str("a\nb", "splitlines", true), ["a\n", "b"]);
});

Deno.test("case, padding and stripping", () => {
  equal(str("hello wORLD's", "title"), "Hello World'S");
  equal(str("hELLO", "capitalize"), "Hello");
  equal(str("Ab", "swapcase"), "aB");
  equal(str("-42", "zfill", 5), "-0042");
  equal(str("ab", "center", 7, "*"), "***ab**");
  equal(str("ab", "center", 6, "*"), "**ab**");
  equal(str("abc", "center", 6), " abc  ");
  equal(str("ab", "ljust", 4, "."), "ab..");
  equal(str("ab", "rjust", 4), "  ab");
  equal(str("xxaxx", "strip", "x"), "a");
  equal(str(" \t a \n", "strip"), "a");
  equal(str("xxa", "lstrip", "x"), "a");
  equal(str("axx", "rstrip", "x"), "a");
  equal(str("prefix-x", "removeprefix", "prefix-"), "x");
  equal(str("x.log", "removesuffix", ".log"), "x");
});

Deno.test("searching and replacing", () => {
  equal(str("a-b-c", "replace", "-", "+"), "a+b+c");
  equal(str("a-b-c", "replace", "-", "+", 1), "a+b-c");
  equal(str("ab", "replace", "", "-"), "-a-b-");
  equal(str("abc", "replace", "", "-", 2), "-a-bc");
  equal(str("abcabc", "find", "c"), 2);
  equal(str("abcabc", "find", "c", 3), 5);
  equal(str("abcabc", "find", "z"), -1);
  equal(str("abcabc", "rfind", "c"), 5);
  equal(str("abcabc", "index", "b"), 1);
  throws(() => str("abc", "index", "z"), /substring not found/);
  equal(str("abcabc", "count", "bc"), 2);
  equal(str("abc", "count", ""), 4);
  equal(str("log.txt", "endswith", [".log", ".txt"]), true);
  equal(str("log.txt", "startswith", "txt", 4), true);
  throws(() => str("a", "startswith", 1), /startswith first arg must be str or a tuple of str, not int/);
  equal(String(str("k=v=x", "partition", "=")), "('k', '=', 'v=x')");
  equal(String(str("k=v=x", "rpartition", "=")), "('k=v', '=', 'x')");
  equal(str(",", "join", ["a", "b"]), "a,b");
  throws(() => str(",", "join", ["a", 1]), /sequence item 1: expected str instance, int found/);
});

Deno.test("predicates, format, encode", () => {
  deepEqual(["123", "12a", "", "²"].map((s) => str(s, "isdigit")), [true, false, false, true]);
  deepEqual(["abc", "ab1", "é"].map((s) => str(s, "isalpha")), [true, false, true]);
  deepEqual(["ab1", "ab-"].map((s) => str(s, "isalnum")), [true, false]);
  deepEqual(["ABC", "AbC", "123"].map((s) => str(s, "isupper")), [true, false, false]);
  equal(str(" \t", "isspace"), true);
  equal(str("Hello World", "istitle"), true);
  equal(str("{}-{name}", "format", 1, kw({ name: "x" })), "1-x");
  equal(str("{a}", "format_map", { a: 2 }), "2");
  equal(String(str("hé", "encode")), "b'h\\xc3\\xa9'");
  equal(str("a\tb", "expandtabs", 4), "a   b");
});
