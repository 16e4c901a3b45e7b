/// <reference lib="dom" />
/**
 * The code editor: CodeMirror 6 with the `.evt` language, live diagnostics
 * from the checker (debounced, as squiggles and gutter marks), and one
 * editor state per open file so that switching files keeps undo history.
 *
 * @module
 */
import { type ChangeSet, EditorState, type Extension } from "@codemirror/state";
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
  type ViewUpdate,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { bracketMatching, HighlightStyle, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { type Diagnostic, forceLinting, linter, lintGutter, lintKeymap } from "@codemirror/lint";
import { json } from "@codemirror/lang-json";
import { tags as t } from "@lezer/highlight";
import { evtLanguage } from "./evt_language.ts";
import type { Diag } from "./api.ts";

/** How long typing must pause before the text is checked. */
export const CHECK_DELAY = 250;

/** What the editor asks of the page. */
export interface EditorHooks {
  /** The checker's diagnostics for an unsaved `.evt` text. */
  check(path: string, text: string): Promise<Diag[]>;
  /** A check finished for the text now in the editor. */
  onDiagnostics(path: string, diagnostics: Diag[]): void;
  /** A file's text changed (typing, undo, or {@link Editor.replace}). */
  onChange(path: string, text: string, changes: ChangeSet): void;
  /** Ctrl+S (Cmd+S). */
  onSave(): void;
}

/** Colours of the `.evt` and JSON tokens. */
const highlight = HighlightStyle.define([
  { tag: t.keyword, color: "#7c3aed", fontWeight: "600" },
  { tag: t.propertyName, color: "#1d4ed8" },
  { tag: [t.string, t.special(t.string)], color: "#047857" },
  { tag: t.meta, color: "#b45309", fontWeight: "600" },
  { tag: [t.number, t.literal], color: "#c2410c" },
  { tag: [t.atom, t.bool, t.null], color: "#be185d" },
  { tag: t.function(t.variableName), color: "#0e7490" },
  { tag: [t.lineComment, t.blockComment, t.comment], color: "#6b7280", fontStyle: "italic" },
  { tag: t.invalid, color: "#dc2626", textDecoration: "underline wavy" },
  { tag: [t.brace, t.squareBracket, t.paren, t.separator, t.punctuation], color: "#4b5563" },
]);

const theme = EditorView.theme({
  "&": { height: "100%", fontSize: "13px" },
  ".cm-scroller": { fontFamily: "var(--mono)", lineHeight: "1.5" },
  ".cm-gutters": { backgroundColor: "#f8fafc", borderRight: "1px solid #e2e8f0" },
  ".cm-diagnosticSource": { opacity: "0.7" },
});

/** A checker message as CodeMirror shows it; messages about other files point at the start. */
export function toDiagnostic(d: Diag, path: string, length: number): Diagnostic {
  const here = d.file === path || d.file === "";
  const from = here ? Math.min(Math.max(d.from, 0), length) : 0;
  const to = here ? Math.min(Math.max(d.to, from), length) : 0;
  const where = here ? "" : `${d.file}:${d.line}:${d.column}: `;
  return {
    from,
    to,
    severity: d.severity,
    source: d.code,
    message: `${where}${d.message}${d.hint ? ` (${d.hint})` : ""}`,
  };
}

/** The language of a file, by its name. */
function languageOf(path: string): Extension {
  if (path.endsWith(".evt")) return evtLanguage;
  if (path.endsWith(".json")) return json();
  return [];
}

/** CodeMirror over the open files. */
export class Editor {
  /** The view, shared by every open file. */
  readonly view: EditorView;
  #states = new Map<string, EditorState>();
  #path: string | undefined;
  #hooks: EditorHooks;

  /**
   * @param parent Where the editor goes.
   * @param hooks How it checks, reports and saves.
   */
  constructor(parent: HTMLElement, hooks: EditorHooks) {
    this.#hooks = hooks;
    this.view = new EditorView({
      parent,
      state: EditorState.create({ doc: "", extensions: [EditorState.readOnly.of(true), theme] }),
    });
  }

  /** The file shown, if any. */
  get path(): string | undefined {
    return this.#path;
  }

  /** Whether a file has a state (was opened). */
  has(path: string): boolean {
    return this.#states.has(path);
  }

  /** The current text of an open file. */
  text(path: string | undefined = this.#path): string {
    if (path === undefined) return "";
    if (path === this.#path) return this.view.state.doc.toString();
    return this.#states.get(path)?.doc.toString() ?? "";
  }

  /**
   * Shows a file; opens it with `text` the first time.
   *
   * @param path The file.
   * @param text Its text, used when it is not open yet.
   */
  open(path: string, text: string): void {
    if (this.#path !== undefined) this.#states.set(this.#path, this.view.state);
    const state = this.#states.get(path) ?? EditorState.create({ doc: text, extensions: this.#extensions(path) });
    this.#states.set(path, state);
    this.#path = path;
    this.view.setState(state);
    if (path.endsWith(".evt")) forceLinting(this.view);
  }

  /**
   * Replaces a span of an open file's text, as typing would (undoable).
   *
   * @param path The file.
   * @param from Start offset.
   * @param to End offset.
   * @param insert The new text.
   */
  replace(path: string, from: number, to: number, insert: string): void {
    if (path === this.#path) {
      this.view.dispatch({ changes: { from, to, insert }, userEvent: "input.control" });
      return;
    }
    const state = this.#states.get(path);
    if (!state) return;
    const tr = state.update({ changes: { from, to, insert }, userEvent: "input.control" });
    this.#states.set(path, tr.state);
    this.#hooks.onChange(path, tr.state.doc.toString(), tr.changes);
  }

  /** Moves an open file to a new name, keeping its history. */
  rename(from: string, to: string): void {
    if (from === this.#path) this.#states.set(from, this.view.state);
    const state = this.#states.get(from);
    this.#states.delete(from);
    if (!state) return;
    const fresh = EditorState.create({ doc: state.doc, selection: state.selection, extensions: this.#extensions(to) });
    this.#states.set(to, fresh);
    if (from === this.#path) {
      this.#path = to;
      this.view.setState(fresh);
    }
  }

  /** Puts the cursor in the editor. */
  focus(): void {
    this.view.focus();
  }

  #extensions(path: string): Extension[] {
    const hooks = this.#hooks;
    const lint = path.endsWith(".evt")
      ? [
        linter(async (view) => {
          const text = view.state.doc.toString();
          const diags = await hooks.check(path, text);
          if (view.state.doc.toString() === text) hooks.onDiagnostics(path, diags);
          return diags.map((d) => toDiagnostic(d, path, view.state.doc.length));
        }, { delay: CHECK_DELAY }),
        lintGutter(),
      ]
      : [];
    return [
      lineNumbers(),
      highlightActiveLineGutter(),
      highlightSpecialChars(),
      history(),
      drawSelection(),
      indentOnInput(),
      bracketMatching(),
      highlightActiveLine(),
      highlightSelectionMatches(),
      EditorState.tabSize.of(2),
      keymap.of([
        { key: "Mod-s", preventDefault: true, run: () => (hooks.onSave(), true) },
        indentWithTab,
        ...defaultKeymap,
        ...historyKeymap,
        ...searchKeymap,
        ...lintKeymap,
      ]),
      languageOf(path),
      syntaxHighlighting(highlight),
      theme,
      lint,
      EditorView.updateListener.of((u: ViewUpdate) => {
        if (u.docChanged && u.view === this.view && this.#path === path) {
          hooks.onChange(path, u.state.doc.toString(), u.changes);
        }
      }),
    ];
  }
}
