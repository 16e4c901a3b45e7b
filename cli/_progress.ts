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

  #total: number | undefined;

  /**
   * @param on Whether to draw at all (a terminal, not `--quiet`).
   * @param total Events expected per generator (`--count`), for an ETA.
   */
  constructor(on: boolean, total?: number) {
    this.#on = on;
    this.#total = total;
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
    let eta = "";
    if (this.#total !== undefined && rendered > 0 && secs > 0) {
      const left = (this.#total * this.#counters.size - rendered) / (rendered / secs);
      if (left > 0) eta = ` · ETA ${left < 60 ? `${left.toFixed(0)}s` : `${(left / 60).toFixed(1)}min`}`;
    }
    const n = (x: number) => x.toLocaleString("en-US");
    const line = `${n(rendered)} generated, ${n(written)} written, ${failed} failed · ${rate}/s · ${
      secs.toFixed(1)
    }s${eta}`;
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
