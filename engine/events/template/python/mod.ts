/**
 * Python and Jinja compatibility for templates: Python's operators,
 * methods, printing and truth; Jinja's filters, tests, loop controls and
 * `{% with %}`; and the standard-library modules templates reach as
 * `module.NAME` (`datetime`, `hashlib`, `base64`, `json`, `math`, `uuid`,
 * `random`...).
 *
 * @example
 * ```ts
 * import { createPythonModules } from "./mod.ts";
 * const { datetime } = createPythonModules();
 * if (String(datetime.timedelta({ __keywords: true, hours: 3 })) !== "3:00:00") throw new Error();
 * ```
 *
 * @module
 */
export { createPythonModules, type PythonModules, type PythonModulesOptions } from "./modules.ts";
export { addPython, installPython, type NunjucksModule, type PythonEnvironment } from "./install.ts";
export { Bytes } from "./bytes.ts";
export { createDatetime, type DatetimeModule, Timedelta } from "./datetime.ts";
export { createHashlib, createHmacModule, PyHash } from "./hashlib.ts";
export { createBase64 } from "./base64.ts";
export { createJson, dumps, tojson } from "./json.ts";
export { createMath } from "./math.ts";
export { createUuid, type RandomSource, UUID } from "./uuid.ts";
export { createRandom } from "./random.ts";
export { formatSpec, printf, pyRound, strFormat } from "./_format.ts";
export { isDict, pyEq, pyStr, pyTruth, pyTypeName } from "./values.ts";
export { JINJA_FILTERS, JINJA_GLOBALS, JINJA_TESTS } from "./filters.ts";
export { Namespace } from "./_lookup.ts";
