/**
 * Serving the Studio: listen on a host and port, make the start's token,
 * build the address to print, and open it in a browser.
 *
 * @module
 */
import { createStudioApp, type StudioOptions } from "./app.ts";
import { randomToken } from "./_guard.ts";

/** Options of {@link serveStudio}. */
export interface ServeOptions extends Omit<StudioOptions, "token" | "port" | "hosts"> {
  /** The address to listen on; `127.0.0.1` by default. */
  host?: string;
  /** The port; 9474 by default, 0 for any free one. */
  port?: number;
  /** Allow a host other than a loopback address (other machines can then reach the Studio). */
  allowRemote?: boolean;
  /** The token; a fresh random one by default. */
  token?: string;
}

/** A Studio being served. */
export interface StudioServer {
  /** The address to open, with the token. */
  url: string;
  token: string;
  /** The port it listens on (the chosen one when asked for 0). */
  port: number;
  /** Stops serving: waits at most `grace` ms for requests in progress. */
  shutdown(grace?: number): Promise<void>;
  /** Resolves when the server has stopped. */
  finished: Promise<void>;
}

/** The default port. */
export const DEFAULT_PORT = 9474;

/**
 * Whether a host is a loopback address, reachable only from this machine.
 *
 * @example
 * ```ts
 * import { isLoopback } from "./serve.ts";
 * if (!isLoopback("127.0.0.1") || !isLoopback("::1") || !isLoopback("localhost")) throw new Error();
 * if (isLoopback("0.0.0.0") || isLoopback("192.168.1.5")) throw new Error();
 * ```
 */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, "");
  return h === "localhost" || h === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** A host as it goes in a URL: IPv6 in brackets. */
function urlHost(host: string): string {
  return host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
}

/** The names a server bound to `host` is reached by, besides the loopback ones. */
function namesOf(host: string): string[] {
  const h = host.replace(/^\[|\]$/g, "");
  if (h !== "0.0.0.0" && h !== "::") return [h];
  // Every address: the machine's name and each interface's address.
  const names: string[] = [];
  try {
    names.push(Deno.hostname());
    for (const i of Deno.networkInterfaces()) names.push(i.address);
  } catch {
    // without `sys` access, only the loopback names
  }
  return names;
}

/**
 * Listens and serves the Studio.
 *
 * @param options The folder, the sandbox, and where to listen.
 * @returns The server, its address and token.
 * @throws {Error} When the host is not a loopback address without `allowRemote`, the port is taken, or the folder is missing.
 */
export function serveStudio(options: ServeOptions): StudioServer {
  const host = options.host ?? "127.0.0.1";
  if (!isLoopback(host) && !options.allowRemote) {
    throw new Error(`Host \`${host}\` is reachable from other machines: add --allow-remote to listen on it`);
  }
  const token = options.token ?? randomToken();
  const { host: _h, port: _p, allowRemote: _a, token: _t, ...rest } = options;
  // Fails early on a missing folder, before taking the port.
  let handle = createStudioApp({ ...rest, token }).fetch;
  let server: Deno.HttpServer<Deno.NetAddr>;
  const port = options.port ?? DEFAULT_PORT;
  try {
    server = Deno.serve(
      { hostname: host.replace(/^\[|\]$/g, ""), port, onListen: () => {} },
      (req) => handle(req),
    );
  } catch (e) {
    if (e instanceof Deno.errors.AddrInUse) {
      throw new Error(`Port ${port} is in use: stop what uses it, or pick another with --port N (0 for any free one)`);
    }
    if (e instanceof Deno.errors.PermissionDenied) {
      throw new Error(`Not allowed to listen on port ${port}: pick another`);
    }
    if (e instanceof Deno.errors.AddrNotAvailable) {
      throw new Error(`Cannot listen on \`${host}\`: no such address here`);
    }
    throw e;
  }
  const actual = server.addr.port;
  // The port is known now: `Host` must name it.
  handle = createStudioApp({ ...rest, token, port: actual, hosts: namesOf(host) }).fetch;
  const shown = host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "[::1]" : urlHost(host);
  return {
    url: `http://${shown}:${actual}/?token=${token}`,
    token,
    port: actual,
    finished: server.finished,
    async shutdown(grace = 2000) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        server.shutdown(),
        new Promise<void>((r) => timer = setTimeout(r, grace)),
      ]);
      clearTimeout(timer);
    },
  };
}

/**
 * Opens an address in the desktop's browser; a failure only prints a note.
 *
 * @param url The address.
 */
export async function openBrowser(url: string): Promise<void> {
  const cmd = Deno.build.os === "darwin"
    ? ["open", url]
    : Deno.build.os === "windows"
    ? ["cmd", "/c", "start", "", url]
    : ["xdg-open", url];
  try {
    const child = new Deno.Command(cmd[0] as string, { args: cmd.slice(1), stdout: "null", stderr: "null" }).spawn();
    await child.status;
  } catch {
    console.error(`eventum studio: could not open a browser; open the address above yourself`);
  }
}
