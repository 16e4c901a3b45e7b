/**
 * Lets npm clients (`postgres`, `mqtt`, `@platformatic/kafka`) load inside
 * the engine's sandbox. They read optional environment variables when they
 * load or connect (`PGPORT`, `READABLE_STREAM`, every `DEBUG_*`), and in a
 * Worker without `--allow-env` Deno throws on each read. After
 * {@link tolerateEnv}, `process.env` answers `undefined` for a variable
 * the run was not granted (and lists only the granted ones), as Deno's own
 * `--ignore-env` does for a whole process; granted variables read as usual.
 *
 * @module
 */
import process from "node:process";

let installed = false;

function readable(name: string): string | undefined {
  try {
    return Deno.env.get(name);
  } catch {
    return undefined;
  }
}

/**
 * Makes `process.env` answer `undefined` for variables the sandbox does not
 * grant, instead of throwing. Idempotent.
 *
 * @example
 * ```ts
 * import process from "node:process";
 * import { tolerateEnv } from "./_socket_env.ts";
 * tolerateEnv();
 * Deno.env.set("EVENTUM_ENV_EXAMPLE", "1");
 * if (process.env.EVENTUM_ENV_EXAMPLE !== "1") throw new Error();
 * ```
 */
export function tolerateEnv(): void {
  if (installed) return;
  installed = true;
  const env = new Proxy({} as Record<string, string>, {
    get: (_, name) => typeof name === "string" ? readable(name) : undefined,
    set: (_, name, value) => {
      if (typeof name !== "string") return false;
      try {
        Deno.env.set(name, String(value));
      } catch {
        // not granted: the write is dropped
      }
      return true;
    },
    deleteProperty: (_, name) => {
      try {
        if (typeof name === "string") Deno.env.delete(name);
      } catch {
        // not granted
      }
      return true;
    },
    has: (_, name) => typeof name === "string" && readable(name) !== undefined,
    ownKeys: () => {
      try {
        return Object.keys(Deno.env.toObject());
      } catch {
        return [];
      }
    },
    getOwnPropertyDescriptor: (_, name) => {
      const value = typeof name === "string" ? readable(name) : undefined;
      return value === undefined ? undefined : { value, writable: true, enumerable: true, configurable: true };
    },
  });
  Object.defineProperty(process, "env", { value: env, writable: true, configurable: true, enumerable: true });
}
