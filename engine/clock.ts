/**
 * Clocks for live mode. The engine asks a clock for the time and to sleep
 * until an instant; the real clock sleeps with a timer until close to the
 * instant and then yields in a tight loop, so events leave within a fraction
 * of a millisecond of their timestamps. A coarse sleep uses the timer alone:
 * dense streams (events closer together than the timer's resolution) take it,
 * waking about once a millisecond to send everything due instead of burning a
 * core to send each event on its microsecond. Tests use {@link FakeClock},
 * which jumps to the instant at once.
 *
 * @module
 */

/** A source of time in epoch microseconds that can wait. */
export interface Clock {
  /** The current time, epoch microseconds. */
  now(): number;
  /**
   * Resolves at `us` (or at once when that is past), or early when `signal`
   * aborts. `coarse`: resolving up to about a millisecond late is fine.
   */
  sleepUntil(us: number, signal?: AbortSignal, coarse?: boolean): Promise<void>;
}

/** How close to the instant the timer wakes us, before yielding in a loop (ms). */
const SPIN_MS = 4;

/** Wall-clock time, epoch microseconds, with sub-millisecond resolution. */
function wallUs(): number {
  return (performance.timeOrigin + performance.now()) * 1000;
}

function timer(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(t);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

/** Yields to the event loop in a tight loop (a macrotask each turn, a few microseconds) until `us`. */
async function spinUntil(us: number, signal?: AbortSignal): Promise<void> {
  const channel = new MessageChannel();
  let wake: (() => void) | undefined;
  channel.port1.onmessage = () => wake?.();
  try {
    while (!signal?.aborted && us > wallUs()) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        channel.port2.postMessage(0);
      });
    }
  } finally {
    channel.port1.close();
    channel.port2.close();
  }
}

/** The real clock. */
export const realClock: Clock = {
  now: wallUs,
  async sleepUntil(us, signal, coarse) {
    const left = (us - wallUs()) / 1000;
    if (coarse) {
      if (left > 0) await timer(left, signal);
      return;
    }
    if (left > SPIN_MS) await timer(left - SPIN_MS, signal);
    if (us > wallUs()) await spinUntil(us, signal);
  },
};

/**
 * A clock that only moves when asked to sleep: it jumps to the instant.
 *
 * @example
 * ```ts
 * import { FakeClock } from "./clock.ts";
 * const clock = new FakeClock(1_000);
 * await clock.sleepUntil(5_000);
 * if (clock.now() !== 5_000) throw new Error();
 * ```
 */
export class FakeClock implements Clock {
  #now: number;
  /** Every instant it was asked to sleep until, in order. */
  readonly sleeps: number[] = [];
  constructor(start: number) {
    this.#now = start;
  }
  now(): number {
    return this.#now;
  }
  /** Moves the clock forward by `us` without sleeping (work that takes time). */
  advance(us: number): void {
    this.#now += us;
  }
  sleepUntil(us: number): Promise<void> {
    this.sleeps.push(us);
    if (us > this.#now) this.#now = us;
    return Promise.resolve();
  }
}
