/**
 * The `.evt` language: text to engine graph, with diagnostics as data.
 *
 * @module
 */
export { parse } from "./parse.ts";
export { checkFiles, type CheckHost, type CheckOptions, denoHost } from "./check.ts";
export { type Loaded, type LoadHost, type LoadOptions, loadScenario } from "./load.ts";
export { CODES, type Diagnostic, hasErrors, type Result, type Severity, type Span } from "./diagnostics.ts";
export { formatDiagnostic, formatDiagnostics } from "./format.ts";
export { grantDiagnostics } from "./grants.ts";
export type * from "./ast.ts";
