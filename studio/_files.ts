/**
 * The Studio's file access, confined to its root folder: a path with `..`,
 * an absolute path, a NUL byte, or one whose real path (symlinks resolved)
 * leaves the root is refused before anything is read or written.
 *
 * @module
 */
import { dirname, join, relative, sep } from "node:path";

/** A refused request, with its HTTP status. */
export class HttpError extends Error {
  constructor(readonly status: 400 | 404 | 409 | 413 | 422, message: string) {
    super(message);
    this.name = "HttpError";
  }
}

/** An entry of {@link StudioFiles.list}. */
export type FileEntry = { path: string; kind: "file"; size: number } | { path: string; kind: "dir" };

/** How many entries a listing returns at most. */
const MAX_ENTRIES = 20_000;
/** The largest file the Studio opens or saves. */
export const MAX_FILE_SIZE = 8 * 1024 * 1024;

function inside(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

function lstat(path: string): Deno.FileInfo | undefined {
  try {
    return Deno.lstatSync(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound || e instanceof Deno.errors.NotADirectory) return undefined;
    throw e;
  }
}

/**
 * The files of one folder, as the Studio sees them.
 *
 * @example
 * ```ts
 * import { StudioFiles } from "./_files.ts";
 * const dir = Deno.makeTempDirSync();
 * const files = new StudioFiles(dir);
 * await files.create("a/b.evt", "generator g {}");
 * if ((await files.read("a/b.evt")).text !== "generator g {}") throw new Error();
 * let refused = false;
 * try {
 *   files.resolve("../etc/passwd");
 * } catch {
 *   refused = true;
 * }
 * if (!refused) throw new Error();
 * ```
 */
export class StudioFiles {
  /** The root's real path. */
  readonly root: string;

  /**
   * @param root The folder; it must exist.
   * @throws {Error} When it does not exist or is not a folder.
   */
  constructor(root: string) {
    let real: string;
    try {
      real = Deno.realPathSync(root);
    } catch {
      throw new Error(`Folder \`${root}\` does not exist`);
    }
    if (!Deno.statSync(real).isDirectory) throw new Error(`\`${root}\` is not a folder`);
    this.root = real;
  }

  /**
   * The absolute path of a path relative to the root, after checking that it
   * stays inside: its existing part is resolved through symlinks (a dangling
   * symlink is refused too); the rest will be made as plain folders and files.
   *
   * @param path Relative to the root, `/`-separated.
   * @returns The absolute path (its existing part real).
   * @throws {HttpError} 400 when the path is not allowed.
   */
  resolve(path: string): string {
    const outside = () => new HttpError(400, `Path \`${path}\` is outside the studio folder`);
    if (typeof path !== "string" || path === "") throw new HttpError(400, "Give a path");
    if (path.includes("\0") || path.startsWith("/") || path.startsWith("\\") || /^[a-zA-Z]:/.test(path)) {
      throw outside();
    }
    const parts = path.split(/[/\\]/).filter((p) => p !== "" && p !== ".");
    if (parts.length === 0 || parts.includes("..")) throw outside();
    // The deepest part that exists decides: its real path must be inside.
    let existing = parts.length;
    while (existing > 0 && lstat(join(this.root, ...parts.slice(0, existing))) === undefined) existing--;
    let real = this.root;
    if (existing > 0) {
      try {
        real = Deno.realPathSync(join(this.root, ...parts.slice(0, existing)));
      } catch {
        throw outside(); // a dangling symlink: it would write wherever it points
      }
    }
    if (!inside(real, this.root)) throw outside();
    return join(real, ...parts.slice(existing));
  }

  /** Every file and folder under the root, sorted; dot-entries and `node_modules` skipped, symlinks that leave the root too. */
  list(): FileEntry[] {
    const out: FileEntry[] = [];
    const walk = (dir: string) => {
      let entries: Deno.DirEntry[];
      try {
        entries = [...Deno.readDirSync(dir)];
      } catch {
        return;
      }
      entries.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
      for (const e of entries) {
        if (out.length >= MAX_ENTRIES) return;
        if (e.name.startsWith(".") || e.name === "node_modules") continue;
        const abs = join(dir, e.name);
        const rel = relative(this.root, abs).split(sep).join("/");
        if (e.isSymlink) {
          // Shown when it points inside the root; never followed into folders (no loops).
          try {
            const info = Deno.statSync(abs);
            if (!inside(Deno.realPathSync(abs), this.root)) continue;
            if (info.isFile) out.push({ path: rel, kind: "file", size: info.size });
          } catch {
            // dangling
          }
          continue;
        }
        if (e.isDirectory) {
          out.push({ path: rel, kind: "dir" });
          walk(abs);
        } else if (e.isFile) {
          out.push({ path: rel, kind: "file", size: Deno.statSync(abs).size });
        }
      }
    };
    walk(this.root);
    return out.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  }

  /**
   * Reads a text file.
   *
   * @throws {HttpError} 404 when missing, 413 when too large.
   */
  async read(path: string): Promise<{ path: string; text: string; mtime: number }> {
    const abs = this.resolve(path);
    let info: Deno.FileInfo;
    try {
      info = await Deno.stat(abs);
    } catch {
      throw new HttpError(404, `File \`${path}\` not found`);
    }
    if (!info.isFile) throw new HttpError(404, `\`${path}\` is not a file`);
    if (info.size > MAX_FILE_SIZE) throw new HttpError(413, `File \`${path}\` is too large to open here`);
    return { path, text: await Deno.readTextFile(abs), mtime: info.mtime?.getTime() ?? 0 };
  }

  /** Writes a text file, making its folders. */
  async write(path: string, text: string): Promise<{ path: string; mtime: number }> {
    const abs = this.resolve(path);
    if (lstat(abs)?.isDirectory) throw new HttpError(409, `\`${path}\` is a folder`);
    await this.#mkdirs(path, abs);
    await Deno.writeTextFile(abs, text);
    return { path, mtime: (await Deno.stat(abs)).mtime?.getTime() ?? 0 };
  }

  /**
   * Creates a text file.
   *
   * @throws {HttpError} 409 when it exists.
   */
  async create(path: string, text = ""): Promise<{ path: string; mtime: number }> {
    const abs = this.resolve(path);
    if (lstat(abs)) throw new HttpError(409, `\`${path}\` already exists`);
    await this.#mkdirs(path, abs);
    try {
      await Deno.writeTextFile(abs, text, { createNew: true });
    } catch (e) {
      if (e instanceof Deno.errors.AlreadyExists) throw new HttpError(409, `\`${path}\` already exists`);
      throw e;
    }
    return { path, mtime: (await Deno.stat(abs)).mtime?.getTime() ?? 0 };
  }

  /**
   * Renames a file or folder.
   *
   * @throws {HttpError} 404 when `from` is missing, 409 when `to` exists.
   */
  async rename(from: string, to: string): Promise<{ path: string }> {
    this.resolve(from); // what it is, or points to, must be inside
    const parts = from.split(/[/\\]/).filter((p) => p !== "" && p !== ".");
    const name = parts.pop() as string;
    // The entry itself is renamed, not what a symlink points to.
    const src = join(parts.length ? this.resolve(parts.join("/")) : this.root, name);
    const dst = this.resolve(to);
    if (!lstat(src)) throw new HttpError(404, `\`${from}\` not found`);
    if (lstat(dst)) throw new HttpError(409, `\`${to}\` already exists`);
    await this.#mkdirs(to, dst);
    await Deno.rename(src, dst);
    return { path: to };
  }

  /** Makes the folders of a file, checking again that they stay inside (the check may have raced). */
  async #mkdirs(path: string, abs: string): Promise<void> {
    await Deno.mkdir(dirname(abs), { recursive: true });
    if (!inside(Deno.realPathSync(dirname(abs)), this.root)) {
      throw new HttpError(400, `Path \`${path}\` is outside the studio folder`);
    }
  }
}
