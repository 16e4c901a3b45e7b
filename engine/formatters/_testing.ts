/**
 * Fixtures for formatter tests: a batch of produced events and a context.
 *
 * @module
 */
import type { FormatterContext, Produced } from "../spec.ts";

/**
 * A batch as an event plugin produces it.
 *
 * @param events The rendered events.
 * @param options `origins`: which source made each (default 0); `sources`: their names.
 */
export function produced(
  events: string[],
  options: { origins?: number[]; sources?: string[] } = {},
): Produced {
  return {
    events,
    stamps: events.map((_, i) => i),
    origins: options.origins ?? events.map(() => 0),
    sources: options.sources ?? ["good", "bad"],
    failed: 0,
    dropped: 0,
    exhausted: false,
    failures: [],
  };
}

/** A formatter context for tests. */
export const ctx: FormatterContext = { dir: "/", timezone: "UTC", readText: () => "" };
