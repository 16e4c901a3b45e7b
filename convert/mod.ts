/**
 * `eventum convert`: Python Eventum 2.x generator configs (`generator.yml`
 * with its time pattern files) as `.evt` scenarios, with a diagnostic for
 * everything that cannot be mapped, each with its YAML line.
 *
 * @module
 */
export { type Converted, convertGenerator, type ConvertOptions } from "./_generator.ts";
export { type ConvertHost, denoConvertHost } from "./_context.ts";
