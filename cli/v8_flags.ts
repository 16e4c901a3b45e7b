/**
 * The V8 flags the program runs with: `deno compile` embeds them in the
 * binary, `deno task eventum` and the benchmarks pass them with
 * `--v8-flags`, and the bundle's users add them to `deno run`.
 *
 * `--max-semi-space-size=4` caps each half of V8's young generation at
 * 4 MB (16 MB by default on 64-bit). The engine allocates short-lived
 * strings and batches at a steady rate, which grows the young generation of
 * the engine Worker to its default maximum (about 48 MB resident) and keeps
 * it there; with the cap, a live run at 10k events/s holds about 120 MB
 * instead of about 200 MB, and sample-mode throughput is unchanged within
 * the noise (`docs/performance.md`). V8 reads the flag when an isolate is
 * created, so it cannot be set from inside the program: it must be on the
 * command line (or embedded by `deno compile`).
 *
 * @module
 */

/** The flags, as V8 spells them. */
export const V8_FLAGS: readonly string[] = ["--max-semi-space-size=4"];

/** The `deno run` / `deno compile` argument that passes {@link V8_FLAGS}. */
export const V8_FLAGS_ARG = `--v8-flags=${V8_FLAGS.join(",")}`;
