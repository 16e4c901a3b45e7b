import type { InputPlugin } from "../spec.ts";

/** An input that hands out a precomputed, sorted array in batches. */
export function fromArray(all: Float64Array): InputPlugin {
  let at = 0;
  return {
    finite: true,
    read(max) {
      const out = all.subarray(at, Math.min(all.length, at + max));
      at += out.length;
      return out;
    },
  };
}

/**
 * An input that computes its `i`-th timestamp on demand, `count` in all,
 * starting at index `first` (to skip timestamps that would be dropped).
 */
export function fromFunction(count: number, at: (i: number) => number, first = 0): InputPlugin {
  let i = Math.max(0, Math.min(first, count));
  return {
    finite: Number.isFinite(count),
    read(max) {
      const n = Math.max(0, Math.min(max, count - i));
      const out = new Float64Array(n);
      for (let k = 0; k < n; k++) out[k] = at(i + k);
      i += n;
      return out;
    },
  };
}
