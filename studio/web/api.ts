/**
 * The page's side of the Studio HTTP API (`studio/API.md`): the shapes the
 * server sends and a client that adds the token to every call.
 *
 * @module
 */
import type { Diag } from "../_scenario.ts";
import type { Control } from "../_controls.ts";
import type { RenderStep, StateView } from "../../engine/render.ts";
import type { Series, Timeline } from "../../engine/timeline.ts";

export type { Control, Diag, RenderStep, Series, StateView, Timeline };

/** One entry of `GET /api/files`. */
export interface FileEntry {
  path: string;
  kind: "file" | "dir";
  size?: number;
}

/** A generator as `POST /api/outline` describes it. */
export interface GeneratorOutline {
  name: string;
  templates: string[];
  inputs: string[];
  formatters: string[];
}

/** The answer of `POST /api/outline`. */
export interface Outline {
  generators: GeneratorOutline[];
  controls: Control[];
  diagnostics?: Diag[];
}

/** The answer of `POST /api/preview`. */
export interface Preview {
  diagnostics: Diag[];
  format: string;
  lines: string[];
  failures: string[];
}

/** What to render, for `/api/render` and `/api/preview`. */
export interface RenderRequest {
  generator?: string;
  template?: string;
  at?: string;
  steps: number;
  state?: StateView;
  format?: string;
}

/** What to count, for `/api/timeline`. */
export interface TimelineRequest {
  from?: string;
  to?: string;
  bin?: string;
  generator?: string;
}

/** An HTTP error from the server: its status and `{"error"}` message. */
export class ApiError extends Error {
  /** The HTTP status. */
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.name = "ApiError";
    this.status = status;
  }
}

/** Drops the fields whose value is `undefined` or `""`, so that the server sees only what was chosen. */
export function compact<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== "")) as Partial<T>;
}

/**
 * The token the page was opened with: from its URL, else from the session.
 *
 * @param search The page's `location.search`.
 * @param session Where the token is kept across reloads in this tab.
 * @returns The token, or `""` when there is none.
 */
export function pageToken(search: string, session: Pick<Storage, "getItem" | "setItem">): string {
  const fromUrl = new URLSearchParams(search).get("token");
  if (fromUrl) {
    session.setItem("eventum.studio.token", fromUrl);
    return fromUrl;
  }
  return session.getItem("eventum.studio.token") ?? "";
}

/** Calls the Studio API with the page's token. */
export class Api {
  #token: string;
  #fetch: typeof fetch;

  /**
   * @param token The token from the page's URL.
   * @param fetcher `fetch`, or a stand-in for tests.
   */
  constructor(token: string, fetcher: typeof fetch = globalThis.fetch.bind(globalThis)) {
    this.#token = token;
    this.#fetch = fetcher;
  }

  async #call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.#token}` };
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await this.#fetch(path, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    let data: unknown;
    try {
      data = text ? JSON.parse(text) : {};
    } catch {
      data = { error: text };
    }
    if (!res.ok) {
      const message = (data as { error?: unknown }).error;
      throw new ApiError(res.status, typeof message === "string" && message ? message : `HTTP ${res.status}`);
    }
    return data as T;
  }

  /** The files of the studio folder. */
  files(): Promise<{ root: string; files: FileEntry[] }> {
    return this.#call("GET", "/api/files");
  }

  /** A file's text and modification time. */
  read(path: string): Promise<{ path: string; text: string; mtime: number }> {
    return this.#call("GET", `/api/file?path=${encodeURIComponent(path)}`);
  }

  /** Writes a file, creating its folders. */
  save(path: string, text: string): Promise<{ path: string; mtime: number }> {
    return this.#call("PUT", "/api/file", { path, text });
  }

  /** Creates a file; fails with 409 when it exists. */
  create(path: string, text: string): Promise<unknown> {
    return this.#call("POST", "/api/file", { path, text });
  }

  /** Renames a file; fails with 409 when the new name is taken. */
  rename(from: string, to: string): Promise<{ path: string }> {
    return this.#call("POST", "/api/rename", { from, to });
  }

  /** The checker's diagnostics for an unsaved `.evt` text. */
  check(path: string, text: string): Promise<{ diagnostics: Diag[] }> {
    return this.#call("POST", "/api/check", { path, text });
  }

  /** The generators and pattern controls of an unsaved `.evt` text. */
  outline(path: string, text: string): Promise<Outline> {
    return this.#call("POST", "/api/outline", { path, text });
  }

  /** Counts of timestamps per bin. */
  timeline(path: string, text: string, req: TimelineRequest): Promise<{ diagnostics: Diag[]; timelines: Timeline[] }> {
    return this.#call("POST", "/api/timeline", { path, text, ...compact(req) });
  }

  /** Renders a few steps with the state after each. */
  render(path: string, text: string, req: RenderRequest): Promise<{ diagnostics: Diag[]; steps: RenderStep[] }> {
    return this.#call("POST", "/api/render", { path, text, ...compact(req) });
  }

  /** Renders a few steps through a formatter. */
  preview(path: string, text: string, req: RenderRequest): Promise<Preview> {
    return this.#call("POST", "/api/preview", { path, text, ...compact(req) });
  }
}
