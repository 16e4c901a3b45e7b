/** Writes every byte of `data` to a writer that may accept fewer per call. */
export async function writeAll(w: { write(p: Uint8Array): Promise<number> }, data: Uint8Array): Promise<void> {
  let off = 0;
  while (off < data.length) off += await w.write(data.subarray(off));
}

const encoder = new TextEncoder();

/** Joins records, each followed by `separator`, and encodes them once. */
export function encodeLines(lines: string[], separator: string): Uint8Array {
  if (lines.length === 0) return new Uint8Array(0);
  return encoder.encode(lines.join(separator) + separator);
}
