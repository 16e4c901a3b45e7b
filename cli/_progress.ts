/**
 * The live progress line on a terminal, and messages printed above it.
 *
 * @module
 */
import type { Counters } from "../engine/run.ts";

const encoder = new TextEncoder();

/** A progress line on stderr, redrawn at most every 100 ms; a no-op off a terminal. */
export class Progress {
  #on: boolean;
  #shown = false;
  #counters = new Map<string, Counters>();
  #started = performance.now();

  constructor(on: boolean) {
    this.#on = on;
  }

  /** Records a generator's counters and redraws. */
  update(generator: string, counters: Counters): void {
    if (!this.#on) return;
    this.#counters.set(generator, counters);
    let rendered = 0, written = 0, failed = 0;
    for (const c of this.#counters.values()) {
      rendered += c.generated;
      written += c.written;
      failed += c.failed;
    }
    const secs = (performance.now() - this.#started) / 1000;
    const rate = secs > 0 ? Math.round(rendered / secs).toLocaleString("en-US") : "0";
    const line = `${rendered.toLocaleString("en-US")} generated, ${
      written.toLocaleString("en-US")
    } written, ${failed} failed · ${rate}/s · ${secs.toFixed(1)}s`;
    Deno.stderr.writeSync(encoder.encode(`\r\x1b[2K${line}`));
    this.#shown = true;
  }

  /** Prints a message on its own line, above the progress line. */
  log(message: string): void {
    this.clear();
    console.error(message);
  }

  /** Removes the progress line. */
  clear(): void {
    if (!this.#shown) return;
    Deno.stderr.writeSync(encoder.encode("\r\x1b[2K"));
    this.#shown = false;
  }
}
