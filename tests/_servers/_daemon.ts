/**
 * What the test servers share: a free port, and waiting for a daemon to
 * listen (or to die trying).
 *
 * @module
 */

/** A port the OS chose and that nothing listens on now. */
export function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

/**
 * Waits until `ports` accept connections on 127.0.0.1, failing with the
 * daemon's log when it exits first or does not listen within 15 s.
 *
 * @param proc The daemon.
 * @param ports The ports it will listen on.
 * @param name How messages name it.
 * @param log What it has printed so far (read when failing).
 */
export async function waitForPorts(
  proc: Deno.ChildProcess,
  ports: number[],
  name: string,
  log: () => string,
): Promise<void> {
  let exited = false;
  proc.status.then(() => exited = true);
  const deadline = Date.now() + 15_000;
  for (const port of ports) {
    for (;;) {
      if (exited) throw new Error(`${name} exited at start:\n${log()}`);
      try {
        (await Deno.connect({ hostname: "127.0.0.1", port })).close();
        break;
      } catch {
        if (Date.now() > deadline) throw new Error(`${name} did not start within 15s:\n${log()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }
}
