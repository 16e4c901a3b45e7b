/**
 * The program's version, and the commit and date of the build that made it
 * (`tools/build.ts` stamps them; a source checkout says `dev`).
 *
 * @module
 */

/** The version, from `deno.json`. */
export const VERSION = "0.1.0";

/** The commit and date of the build. */
export const BUILD: { commit: string; date: string } = { commit: "dev", date: "" };
