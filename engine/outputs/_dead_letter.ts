/**
 * The dead-letter file: events an output could not deliver, one JSON line
 * each, with why and when, so they can be looked at and sent again.
 *
 * @module
 */

const encoder = new TextEncoder();

/** Appends undeliverable records to a file, opened on first use. */
export class DeadLetter {
  #path: string;
  #output: string;
  #file: Deno.FsFile | undefined;

  /**
   * @param path The file (created with its folder when first needed).
   * @param output How lines name the output.
   */
  constructor(path: string, output: string) {
    this.#path = path;
    this.#output = output;
  }

  /** Where the file is. */
  get path(): string {
    return this.#path;
  }

  /** Appends records with the reason they failed. */
  write(records: readonly string[], error: string): void {
    if (!this.#file) {
      try {
        this.#file = Deno.openSync(this.#path, { append: true, create: true });
      } catch (e) {
        throw new Error(`Cannot write the dead-letter file \`${this.#path}\`: ${(e as Error).message}`);
      }
    }
    const at = new Date().toISOString();
    const text = records.map((record) => JSON.stringify({ at, output: this.#output, error, record })).join("\n") + "\n";
    const bytes = encoder.encode(text);
    let off = 0;
    while (off < bytes.length) off += this.#file.writeSync(bytes.subarray(off));
  }

  /** Closes the file if it was opened. */
  close(): void {
    this.#file?.close();
    this.#file = undefined;
  }
}
