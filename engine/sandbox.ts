/**
 * File access from inside the sandbox, with errors that say which flag to add.
 *
 * @module
 */

/** True when an error is Deno's refusal of an ungranted permission. */
export function isDenied(e: unknown): boolean {
  return e instanceof Deno.errors.NotCapable || e instanceof Deno.errors.PermissionDenied;
}

/**
 * Reads a text file, explaining a refusal by the sandbox or a missing file.
 *
 * @param path An absolute path.
 * @returns The file's text.
 * @throws Error with a message naming the file and, when refused, the flag to add.
 */
export function readTextSandboxed(path: string): string {
  try {
    return Deno.readTextFileSync(path);
  } catch (e) {
    if (isDenied(e)) throw new Error(`Cannot read \`${path}\`: not allowed; grant it with --allow-read=${path}`);
    if (e instanceof Deno.errors.NotFound) throw new Error(`Cannot read \`${path}\`: file not found`);
    throw new Error(`Cannot read \`${path}\`: ${(e as Error).message}`);
  }
}
