/**
 * "Did you mean" suggestions for misspelt names.
 *
 * @module
 */

/**
 * The optimal string alignment distance: insertions, deletions, substitutions
 * and swaps of two neighbouring letters each cost 1 (`cuont` is one edit from
 * `count`).
 */
export function editDistance(a: string, b: string): number {
  const n = a.length, m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, (prev2[j - 2] as number) + 1);
      }
      cur[j] = d;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m] as number;
}

/**
 * The candidate closest to `word`, if it is close enough to be a likely typo.
 *
 * @example
 * ```ts
 * import { suggest } from "./suggest.ts";
 * if (suggest("hots", ["hosts", "index"]) !== "hosts") throw new Error();
 * if (suggest("cuont", ["count", "start"]) !== "count") throw new Error();
 * if (suggest("zzz", ["hosts"]) !== undefined) throw new Error();
 * ```
 */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const w = word.toLowerCase();
  for (const c of candidates) {
    if (c === word) continue;
    const d = editDistance(w, c.toLowerCase());
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  const limit = Math.max(1, Math.floor(word.length / 3));
  return best !== undefined && bestD <= limit ? best : undefined;
}

/** A hint such as "did you mean `hosts`?", when there is a close candidate. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const s = suggest(word, candidates);
  return s === undefined ? undefined : `did you mean \`${s}\`?`;
}
