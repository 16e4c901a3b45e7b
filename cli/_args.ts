/**
 * Command-line values shared by the commands, each checked with a message
 * that names the flag.
 *
 * @module
 */
import { UsageError } from "./_command.ts";
import { checkTime, parseDuration, resolveTime } from "../engine/time.ts";

/** A whole number, such as `--count 5`. */
export function wholeNumber(flag: string, text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n)) {
    throw new UsageError(`${flag} takes a whole number, got \`${text}\``);
  }
  return n;
}

/** A point in time, such as `--until +1h` (relative to `now`); UTC when it has no offset. */
export function timeArg(flag: string, text: string, now: number, timezone = "UTC"): number {
  const bad = checkTime(text);
  if (bad) throw new UsageError(`${flag}: invalid time \`${text}\`: ${bad}`);
  return resolveTime(text, { now, timezone });
}

/** A positive duration, such as `--bin 1h`, in microseconds. */
export function durationArg(flag: string, text: string): number {
  const us = parseDuration(text);
  if (typeof us === "string") throw new UsageError(`${flag}: invalid duration \`${text}\`: ${us}`);
  if (us <= 0) throw new UsageError(`${flag} must be longer than zero, got \`${text}\``);
  return us;
}

/** `K/N` with 0 <= K < N. */
export function shardArg(text: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(m?.[1]), count = Number(m?.[2]);
  if (!m || count < 1 || index >= count) {
    throw new UsageError(`--shard takes K/N with 0 <= K < N, such as 0/4, got \`${text}\``);
  }
  return { index, count };
}
