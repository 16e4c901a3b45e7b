/// <reference lib="dom" />
/**
 * The Studio page: wires the file tree, the editor, the panels on the right
 * (histogram with pattern controls, template debugger, output preview) and
 * the status line to the server, and keeps unsaved buffers in
 * `localStorage`.
 *
 * @module
 */
import type { ChangeSet } from "@codemirror/state";
import { openLintPanel } from "@codemirror/lint";
import { type Api, ApiError, type Diag } from "./api.ts";
import { Buffers } from "./buffers.ts";
import { Controls } from "./controls.ts";
import { debounce, h, Latest, messageOf } from "./dom.ts";
import { Editor } from "./editor.ts";
import { FileTree } from "./file_tree.ts";
import { Histogram } from "./histogram.ts";
import { OutputPreview } from "./output_preview.ts";
import { StatusLine } from "./status.ts";
import { TemplateDebugger } from "./template_debugger.ts";

/** How long after an edit the outline and the histogram are asked for again. */
export const REFRESH_DELAY = 200;

/** The text a new file starts with. */
export function skeleton(path: string): string {
  if (!path.endsWith(".evt")) return "";
  const name = (path.split("/").at(-1) ?? "new").replace(/\.evt$/, "").replace(/[^\w-]+/g, "-") || "new";
  return `generator "${name}" {\n  input timer { every 1s; count 1; repeat 10 }\n  event template {\n` +
    `    template hello """\n      {"message": "hello", "ts": "{{ timestamp.isoformat() }}"}\n    """\n  }\n` +
    `  output stdout { format json }\n}\n`;
}

type Tab = "histogram" | "debugger" | "output";

/** The whole page. */
export class Workspace {
  #api: Api;
  #root = "";
  #buffers: Buffers | undefined;
  /** The text on disk of each open file. */
  #saved = new Map<string, string>();
  /** The `.evt` file the panels work on: the last one opened. */
  #scenario: string | undefined;
  #tab: Tab = "histogram";
  #editor: Editor;
  #tree: FileTree;
  #status: StatusLine;
  #controls: Controls;
  #histogram: Histogram;
  #debugger: TemplateDebugger;
  #output: OutputPreview;
  #tabs = new Map<Tab, HTMLButtonElement>();
  #title = h("span.title-file");
  #outlineLatest = new Latest();
  #refreshSoon = debounce(() => void this.#refresh(), REFRESH_DELAY);

  /**
   * Builds the page inside `root`.
   *
   * @param parent Where the page goes.
   * @param api The server.
   */
  constructor(parent: HTMLElement, api: Api) {
    this.#api = api;
    this.#status = new StatusLine(() => openLintPanel(this.#editor.view));
    this.#tree = new FileTree({
      open: (path) => void this.open(path),
      create: (path) => this.#create(path),
      rename: (from, to) => this.#rename(from, to),
    });
    const editorBox = h("div.editor");
    this.#editor = new Editor(editorBox, {
      check: (path, text) => this.#check(path, text),
      onDiagnostics: (path, diags) => {
        if (path === this.#scenario) this.#status.diagnostics(diags);
      },
      onChange: (path, text, changes) => this.#changed(path, text, changes),
      onSave: () => void this.save(),
    });
    this.#controls = new Controls((path, from, to, text) => this.#editor.replace(path, from, to, text));
    this.#histogram = new Histogram(api, this.#controls.el);
    const source = () => this.#scenario ? { path: this.#scenario, text: this.#editor.text(this.#scenario) } : undefined;
    this.#debugger = new TemplateDebugger(api, source);
    this.#output = new OutputPreview(api, () => {
      const s = source();
      return s && { ...s, req: this.#debugger.request(), formatters: this.#debugger.formatters() };
    });
    const tabBar = h("div.tabs", { role: "tablist" });
    for (const [tab, label] of [["histogram", "Histogram"], ["debugger", "Debugger"], ["output", "Output"]] as const) {
      const button = h(
        "button.tab",
        { type: "button", role: "tab", "data-tab": tab, onclick: () => this.show(tab) },
        label,
      );
      this.#tabs.set(tab, button);
      tabBar.append(button);
    }
    const save = h("button.save", { type: "button", title: "Save (Ctrl+S)", onclick: () => void this.save() }, "Save");
    parent.replaceChildren(
      h("header.top", {}, h("span.brand", {}, "Eventum Studio"), this.#title, save),
      this.#tree.el,
      h("main.middle", {}, editorBox),
      h("div.side", {}, tabBar, this.#histogram.el, this.#debugger.el, this.#output.el),
      this.#status.el,
    );
    globalThis.addEventListener("keydown", (e) => {
      // The editor handles its own Ctrl+S (and marks the event handled); this one is for the rest of the page.
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === "s" && !e.defaultPrevented) {
        e.preventDefault();
        void this.save();
      }
    });
    this.show("histogram");
  }

  /** Lists the files, restores unsaved buffers and opens the last file (or the first scenario). */
  async start(): Promise<void> {
    const { root, files } = await this.#api.files();
    this.#root = root;
    this.#buffers = new Buffers(localStorage, root);
    const name = root.split(/[\\/]/).filter(Boolean).at(-1) ?? root;
    this.#title.textContent = name;
    this.#title.title = root;
    document.title = `Eventum Studio · ${name}`;
    this.#tree.files(files);
    for (const path of this.#buffers.paths()) this.#tree.dirty(path, true);
    const last = localStorage.getItem(this.#lastKey()) ?? "";
    const paths = files.filter((f) => f.kind === "file").map((f) => f.path);
    const depth = (p: string) => p.split("/").length;
    const scenarios = paths.filter((p) => p.endsWith(".evt")).sort((a, b) => depth(a) - depth(b));
    const first = paths.includes(last) ? last : scenarios[0];
    if (first) await this.open(first);
  }

  /** Shows a panel on the right. */
  show(tab: Tab): void {
    this.#tab = tab;
    for (const [name, button] of this.#tabs) {
      button.classList.toggle("active", name === tab);
      button.setAttribute("aria-selected", String(name === tab));
    }
    this.#histogram.el.hidden = tab !== "histogram";
    this.#debugger.el.hidden = tab !== "debugger";
    this.#output.el.hidden = tab !== "output";
    if (tab === "output") void this.#output.update();
  }

  /** Opens a file in the editor (from disk, or its unsaved buffer). */
  async open(path: string): Promise<void> {
    try {
      if (!this.#editor.has(path)) {
        const { text } = await this.#api.read(path);
        this.#saved.set(path, text);
        const kept = this.#buffers?.get(path);
        if (kept === text) this.#buffers?.drop(path);
        this.#editor.open(path, kept ?? text);
      } else this.#editor.open(path, "");
      localStorage.setItem(this.#lastKey(), path);
      this.#tree.active(path);
      this.#markDirty(path);
      if (path.endsWith(".evt") && path !== this.#scenario) {
        this.#scenario = path;
        this.#status.diagnostics([], false);
        await this.#refresh();
      }
    } catch (e) {
      this.#status.message(`Cannot open \`${path}\`: ${messageOf(e)}`, true);
    }
  }

  /** Saves the file in the editor. */
  async save(): Promise<void> {
    const path = this.#editor.path;
    if (path === undefined) return;
    const text = this.#editor.text(path);
    this.#status.save("saving", path);
    try {
      await this.#api.save(path, text);
      this.#saved.set(path, text);
      this.#markDirty(path);
      this.#status.message(`Saved \`${path}\``);
      if (path !== this.#scenario) this.#refreshSoon();
    } catch (e) {
      this.#markDirty(path);
      this.#status.message(`Cannot save \`${path}\`: ${messageOf(e)}`, true);
    }
  }

  #lastKey(): string {
    return `eventum.studio.open:${this.#root}`;
  }

  async #check(path: string, text: string): Promise<Diag[]> {
    try {
      return (await this.#api.check(path, text)).diagnostics;
    } catch (e) {
      this.#status.message(`Cannot check \`${path}\`: ${messageOf(e)}`, true);
      return [];
    }
  }

  #changed(path: string, _text: string, changes: ChangeSet): void {
    this.#controls.map(path, changes);
    this.#markDirty(path);
    if (path === this.#scenario || !path.endsWith(".evt")) this.#refreshSoon();
  }

  /** Keeps or drops a file's buffer and shows whether it differs from the disk. */
  #markDirty(path: string): void {
    const text = this.#editor.text(path);
    const dirty = this.#saved.has(path) && text !== this.#saved.get(path);
    if (dirty) this.#buffers?.keep(path, text);
    else this.#buffers?.drop(path);
    this.#tree.dirty(path, dirty);
    if (path === this.#editor.path) this.#status.save(dirty ? "unsaved" : "saved", path);
  }

  /** Asks for the scenario's outline and histogram again (and the output preview when shown). */
  async #refresh(): Promise<void> {
    const path = this.#scenario;
    if (path === undefined) return;
    const text = this.#editor.text(path);
    const outline = this.#outlineLatest.run(() => this.#api.outline(path, text)).then((o) => {
      if (!o || this.#editor.text(path) !== text) return;
      this.#controls.show(path, o.controls);
      this.#debugger.outline(o.generators);
    }).catch((e) => this.#status.message(`Cannot outline \`${path}\`: ${messageOf(e)}`, true));
    await Promise.all([outline, this.#histogram.update(path, text)]);
    if (this.#tab === "output") await this.#output.update();
  }

  async #create(path: string): Promise<void> {
    await this.#api.create(path, skeleton(path));
    await this.#reloadFiles();
    await this.open(path);
  }

  async #rename(from: string, to: string): Promise<void> {
    await this.#api.rename(from, to);
    this.#editor.rename(from, to);
    this.#buffers?.move(from, to);
    const saved = this.#saved.get(from);
    this.#saved.delete(from);
    if (saved !== undefined) this.#saved.set(to, saved);
    if (this.#scenario === from) this.#scenario = to;
    await this.#reloadFiles();
    this.#tree.dirty(from, false);
    this.#tree.active(this.#editor.path);
    this.#markDirty(to);
    if (this.#editor.path === to) localStorage.setItem(this.#lastKey(), to);
  }

  async #reloadFiles(): Promise<void> {
    this.#tree.files((await this.#api.files()).files);
  }
}

/** Explains a failed start (most often a missing or wrong token). */
export function startError(e: unknown): string {
  if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
    return "This page needs the link `eventum studio` printed (it carries the access token).";
  }
  return `The Studio could not start: ${messageOf(e)}`;
}
