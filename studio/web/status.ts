/// <reference lib="dom" />
/**
 * The status line: the diagnostics count of the open scenario, the save
 * state of the open file, and the last message.
 *
 * @module
 */
import { h } from "./dom.ts";
import type { Diag } from "./api.ts";

/** The save state of the file in the editor. */
export type SaveState = "saved" | "unsaved" | "saving" | "none";

/**
 * Counts diagnostics the way the status line says them.
 *
 * @param diags The diagnostics.
 * @returns `No problems`, `1 error`, `2 errors, 1 warning`.
 * @example
 * ```ts
 * import { countText } from "./status.ts";
 * const d = { code: "EVT2003", message: "", file: "a.evt", from: 0, to: 1, line: 1, column: 1 };
 * if (countText([{ ...d, severity: "error" }, { ...d, severity: "warning" }]) !== "1 error, 1 warning") {
 *   throw new Error();
 * }
 * ```
 */
export function countText(diags: readonly Diag[]): string {
  const errors = diags.filter((d) => d.severity === "error").length;
  const warnings = diags.length - errors;
  if (diags.length === 0) return "No problems";
  const parts = [];
  if (errors) parts.push(`${errors} error${errors === 1 ? "" : "s"}`);
  if (warnings) parts.push(`${warnings} warning${warnings === 1 ? "" : "s"}`);
  return parts.join(", ");
}

/** The status line at the bottom of the page. */
export class StatusLine {
  /** The element. */
  readonly el: HTMLElement;
  #problems = h("button.status-problems", { type: "button", title: "Show the problems (Ctrl+Shift+M)" });
  #file = h("span.status-file");
  #save = h("span.status-save");
  #message = h("span.status-message");

  /** @param onProblems Called when the diagnostics count is clicked. */
  constructor(onProblems: () => void) {
    this.el = h("footer.status", { role: "status" }, this.#problems, this.#file, this.#save, this.#message);
    this.#problems.addEventListener("click", onProblems);
    this.diagnostics([], false);
    this.save("none");
  }

  /** Shows the diagnostics of the scenario; `known` is false while none has been checked. */
  diagnostics(diags: readonly Diag[], known = true): void {
    const errors = diags.some((d) => d.severity === "error");
    this.#problems.textContent = known ? countText(diags) : "Not checked";
    this.#problems.dataset.count = String(diags.length);
    this.#problems.className = `status-problems ${errors ? "has-errors" : diags.length ? "has-warnings" : "clean"}`;
  }

  /** Shows the open file and its save state. */
  save(state: SaveState, path?: string): void {
    this.#file.textContent = path ?? "";
    this.#save.dataset.state = state;
    this.#save.textContent = { saved: "Saved", unsaved: "● Unsaved changes", saving: "Saving…", none: "" }[state];
  }

  /** Shows a message; errors stay until the next message. */
  message(text: string, error = false): void {
    this.#message.textContent = text;
    this.#message.classList.toggle("error", error);
  }
}
