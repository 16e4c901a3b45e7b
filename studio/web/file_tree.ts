/// <reference lib="dom" />
/**
 * The file tree on the left: the studio folder's files by folder, the open
 * one highlighted, unsaved ones marked, and a small form to create or
 * rename a file.
 *
 * @module
 */
import { h } from "./dom.ts";
import type { FileEntry } from "./api.ts";

/** What the tree asks of the page. */
export interface TreeHooks {
  open(path: string): void;
  create(path: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
}

/** What the path form does. */
type FormMode = { kind: "create" } | { kind: "rename"; from: string };

/** A folder of the tree. */
interface Folder {
  name: string;
  path: string;
  folders: Map<string, Folder>;
  files: FileEntry[];
}

/**
 * Groups a flat file list into folders.
 *
 * @param entries As `GET /api/files` lists them.
 * @returns The root folder.
 */
export function nest(entries: readonly FileEntry[]): Folder {
  const root: Folder = { name: "", path: "", folders: new Map(), files: [] };
  const folder = (path: string): Folder => {
    if (path === "") return root;
    const cut = path.lastIndexOf("/");
    const parent = folder(cut < 0 ? "" : path.slice(0, cut));
    const name = path.slice(cut + 1);
    let f = parent.folders.get(name);
    if (!f) parent.folders.set(name, f = { name, path, folders: new Map(), files: [] });
    return f;
  };
  for (const e of entries) {
    if (e.kind === "dir") folder(e.path);
    else {
      const cut = e.path.lastIndexOf("/");
      folder(cut < 0 ? "" : e.path.slice(0, cut)).files.push(e);
    }
  }
  return root;
}

/** The tree of files. */
export class FileTree {
  /** The element. */
  readonly el: HTMLElement;
  #list = h("nav.tree-list", { "aria-label": "Files" });
  #form = h("form.tree-form", { hidden: true });
  #input = h("input.tree-input", { type: "text", spellcheck: "false", "aria-label": "File path" });
  #submit = h("button", { type: "submit" }, "OK");
  #error = h("div.tree-error");
  #hooks: TreeHooks;
  #entries: FileEntry[] = [];
  #active: string | undefined;
  #dirty = new Set<string>();
  /** Folders opened or closed by hand; the others are open when they hold the open file. */
  #folders = new Map<string, boolean>();
  #mode: FormMode = { kind: "create" };

  /** @param hooks What the tree's clicks and forms do. */
  constructor(hooks: TreeHooks) {
    this.#hooks = hooks;
    const cancel = h("button", { type: "button", onclick: () => this.#closeForm() }, "Cancel");
    this.#form.append(this.#input, this.#submit, cancel, this.#error);
    this.#form.addEventListener("submit", (e) => {
      e.preventDefault();
      void this.#confirm();
    });
    this.#input.addEventListener("keydown", (e) => {
      if (e.key === "Escape") this.#closeForm();
    });
    const newButton = h("button.tree-new", {
      type: "button",
      title: "Create a file (a path like `scenarios/new.evt`)",
      onclick: () => this.#openForm({ kind: "create" }, ""),
    }, "New file");
    const renameButton = h("button.tree-rename", {
      type: "button",
      title: "Rename the open file",
      onclick: () => {
        if (this.#active) this.#openForm({ kind: "rename", from: this.#active }, this.#active);
      },
    }, "Rename");
    this.el = h(
      "aside.tree",
      {},
      h("div.tree-head", {}, h("span.tree-title", {}, "Files"), newButton, renameButton),
      this.#form,
      this.#list,
    );
  }

  /** Shows a new list of files. */
  files(entries: readonly FileEntry[]): void {
    this.#entries = [...entries];
    this.#render();
  }

  /** Highlights the open file. */
  active(path: string | undefined): void {
    this.#active = path;
    this.#render();
  }

  /** Marks a file as having unsaved changes, or not. */
  dirty(path: string, dirty: boolean): void {
    if (dirty === this.#dirty.has(path)) return;
    if (dirty) this.#dirty.add(path);
    else this.#dirty.delete(path);
    this.#render();
  }

  #openForm(mode: FormMode, value: string): void {
    this.#mode = mode;
    this.#form.hidden = false;
    this.#form.dataset.mode = mode.kind;
    this.#submit.textContent = mode.kind === "create" ? "Create" : "Rename";
    this.#input.value = value;
    this.#input.placeholder = mode.kind === "create" ? "folder/name.evt" : "";
    this.#error.textContent = "";
    this.#input.focus();
    const dot = value.lastIndexOf(".");
    this.#input.setSelectionRange(value.lastIndexOf("/") + 1, dot > 0 ? dot : value.length);
  }

  #closeForm(): void {
    this.#form.hidden = true;
    this.#error.textContent = "";
  }

  async #confirm(): Promise<void> {
    const path = this.#input.value.trim().replace(/^\/+/, "");
    if (!path) return;
    try {
      if (this.#mode.kind === "create") await this.#hooks.create(path);
      else if (path !== this.#mode.from) await this.#hooks.rename(this.#mode.from, path);
      this.#closeForm();
    } catch (e) {
      this.#error.textContent = e instanceof Error ? e.message : String(e);
    }
  }

  #render(): void {
    const root = nest(this.#entries);
    this.#list.replaceChildren(this.#folder(root, 0));
  }

  #folder(f: Folder, depth: number): HTMLElement {
    const items = h("ul.tree-items");
    for (const sub of [...f.folders.values()].sort((a, b) => a.name.localeCompare(b.name))) {
      const holdsActive = this.#active?.startsWith(`${sub.path}/`) ?? false;
      const open = this.#folders.get(sub.path) ?? holdsActive;
      const summary = h("summary.tree-dir", { style: pad(depth) }, sub.name);
      const details = h("details", { open, "data-path": sub.path }, summary);
      summary.addEventListener("click", () => this.#folders.set(sub.path, !details.open));
      details.append(this.#folder(sub, depth + 1));
      items.append(h("li", {}, details));
    }
    for (const file of f.files) {
      const name = file.path.slice(file.path.lastIndexOf("/") + 1);
      const dirty = this.#dirty.has(file.path);
      const button = h(
        `button.tree-file${file.path === this.#active ? ".active" : ""}${dirty ? ".dirty" : ""}`,
        {
          type: "button",
          style: pad(depth),
          title: file.path,
          "data-path": file.path,
          "data-kind": kindOf(name),
          onclick: () => this.#hooks.open(file.path),
        },
        h("span.tree-name", {}, name),
        dirty ? h("span.tree-dirty", { title: "Unsaved changes" }, "●") : null,
      );
      items.append(h("li", {}, button));
    }
    return items;
  }
}

function pad(depth: number): string {
  return `padding-left: ${0.75 + depth * 0.9}rem`;
}

/** A file's kind, for its icon. */
function kindOf(name: string): string {
  const ext = name.slice(name.lastIndexOf(".") + 1).toLowerCase();
  if (ext === "evt") return "evt";
  if (["njk", "jinja", "j2", "tmpl"].includes(ext)) return "template";
  if (["json", "csv", "jsonl", "txt", "yaml", "yml"].includes(ext)) return "data";
  return "other";
}
