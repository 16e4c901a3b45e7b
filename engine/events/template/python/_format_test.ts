import { equal, throws } from "node:assert/strict";
import { formatSpec, printf, pyRound, strFormat } from "./_format.ts";

// Expected values are what CPython 3.11 prints.
const PRINTF: [string, unknown, string][] = [
  ["%s", "x", "x"],
  ["%5s|", "ab", "   ab|"],
  ["%-5s|", "ab", "ab   |"],
  ["%.2s", "abcdef", "ab"],
  ["%r", "it's", `"it's"`],
  ["%d", 42, "42"],
  ["%05d", -42, "-0042"],
  ["%+d", 7, "+7"],
  ["% d", 7, " 7"],
  ["%.3d", 5, "005"],
  ["%x", 255, "ff"],
  ["%#x", 255, "0xff"],
  ["%#X", 255, "0XFF"],
  ["%o", 8, "10"],
  ["%#o", 8, "0o10"],
  ["%c", 65, "A"],
  ["%c", "z", "z"],
  ["%f", 3.14159265, "3.141593"],
  ["%.2f", 2.675, "2.67"],
  ["%.0f", 0.5, "0"],
  ["%.0f", 1.5, "2"],
  ["%.1f", 0.05, "0.1"],
  ["%.3f", 1e-10, "0.000"],
  ["%10.3f|", -3.14159, "    -3.142|"],
  ["%-10.2f|", 2.5, "2.50      |"],
  ["%010.2f", -2.5, "-000002.50"],
  ["%e", 12345.678, "1.234568e+04"],
  ["%.2E", 0.000123, "1.23E-04"],
  ["%g", 0.0001, "0.0001"],
  ["%g", 1e-05, "1e-05"],
  ["%g", 123456, "123456"],
  ["%g", 1234567, "1.23457e+06"],
  ["%.3g", 3.14159, "3.14"],
  ["%#g", 1.0, "1.00000"],
  ["%G", 1e-10, "1E-10"],
  ["%f", Infinity, "inf"],
  ["%F", NaN, "NAN"],
  ["%5.1f%%", 99.95, "100.0%"],
  ["%i", 3.99, "3"],
  ["%d", true, "1"],
  ["%.1f", 1e22, "10000000000000000000000.0"],
  ["%.2f", 1234567.891, "1234567.89"],
];

Deno.test("printf formats as Python's % does", () => {
  for (const [format, value, expected] of PRINTF) equal(printf(format, value), expected, `${format} % ${value}`);
  equal(printf("%s-%s", ["a", 1]), "a-1");
  equal(printf("%(a)s=%(b)05.1f", { a: "x", b: 2.25 }), "x=002.2");
  equal(printf("%*d|%-*s|", [4, 7, 3, "a"]), "   7|a  |");
  equal(printf("%s", { a: 1 }), "{'a': 1}");
  equal(printf("100%%", []), "100%");
});

Deno.test("printf fails with Python's messages", () => {
  throws(() => printf("%d", "x"), /%d format: a real number is required, not str/);
  throws(() => printf("%s %s", ["a"]), /not enough arguments for format string/);
  throws(() => printf("%s", ["a", "b"]), /not all arguments converted during string formatting/);
  throws(() => printf("%q", 1), /unsupported format character 'q' \(0x71\) at index 1/);
  throws(() => printf("%(x)s", ["a"]), /format requires a mapping/);
  throws(() => printf("%x", 1.5), /%x format: an integer is required, not float/);
});

const SPECS: [unknown, string, string][] = [
  [1234.5, ",.2f", "1,234.50"],
  ["ab", "^6", "  ab  "],
  ["ab", "*>5", "***ab"],
  [42, "08d", "00000042"],
  [42, "+", "+42"],
  [255, "#x", "0xff"],
  [255, "08b", "11111111"],
  [3.14159, ".3", "3.14"],
  [1e20, "g", "1e+20"],
  [0.5, ".0%", "50%"],
  [-1.5, "=+8.2f", "-   1.50"],
  [1000000, "_", "1_000_000"],
  [2.5, ".1f", "2.5"],
  [12345.678, "e", "1.234568e+04"],
  [true, "d", "1"],
  [1.0, ".3", "1.0"],
  [100.0, ".2", "1e+02"],
  [0.0001, ".1", "0.0001"],
  [123, ">6", "   123"],
  ["x", "<3", "x  "],
];

Deno.test("format specs as Python's format() reads them", () => {
  for (const [value, spec, expected] of SPECS) equal(formatSpec(value, spec), expected, `format(${value}, '${spec}')`);
  throws(() => formatSpec(1.5, "d"), /Unknown format code 'd' for object of type 'float'/);
  throws(() => formatSpec("x", "d"), /Unknown format code 'd' for object of type 'str'/);
});

Deno.test("str.format fields", () => {
  equal(strFormat("{}-{}", ["a", 1], {}), "a-1");
  equal(strFormat("{1}{0}{1}", ["a", "b"], {}), "bab");
  equal(strFormat("{u[name]}#{u[id]:03d} {n.x}", [], { u: { name: "al", id: 7 }, n: { x: 1 } }), "al#007 1");
  equal(strFormat("{:{w}}|", ["ab"], { w: 5 }), "ab   |");
  equal(strFormat("{{}} {!r} {!s}", ["a", null], {}), "{} 'a' None");
  throws(() => strFormat("{} {0}", ["a"], {}), /cannot switch from automatic field numbering/);
  throws(() => strFormat("{2}", ["a"], {}), /Replacement index 2 out of range/);
  throws(() => strFormat("{x}", [], {}), /KeyError: 'x'/);
  throws(() => strFormat("}", [], {}), /Single '}'/);
});

Deno.test("round is correctly rounded, ties to even", () => {
  const cases: [number, number, number][] = [
    [2.5, 0, 2],
    [3.5, 0, 4],
    [-2.5, 0, -2],
    [0.125, 2, 0.12],
    [0.375, 2, 0.38],
    [2.675, 2, 2.67],
    [1.005, 2, 1.0],
    [1234.5678, -2, 1200],
    [1250, -2, 1200],
    [1.45, 1, 1.4],
  ];
  for (const [x, n, expected] of cases) equal(pyRound(x, n), expected, `round(${x}, ${n})`);
});
