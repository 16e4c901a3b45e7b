/**
 * The `eventum` program's entry, and the entry of its Workers: the program
 * spawns its sandboxed engine (and its render Workers) from this same
 * module, so that one file, the bundle or the compiled binary, is all there
 * is. A Worker loads only the engine; the CLI (`cli.ts`) is imported on the
 * main thread alone.
 *
 * @module
 */
import { isEngineWorker, serveEngine } from "../engine/worker.ts";
import { isRenderWorker, serveRenderer } from "../engine/render_pool.ts";

if (isEngineWorker()) serveEngine();
else if (isRenderWorker()) serveRenderer();
else if (import.meta.main) {
  const { main } = await import("./cli.ts");
  Deno.exit(await main(Deno.args, import.meta.url));
}
