/// <reference lib="dom" />
/**
 * Pattern controls: sliders, fields and selects for the parameters that
 * `POST /api/outline` finds. A change replaces the value's text span in the
 * editor, so the `.evt` text follows; the spans are moved along with every
 * edit until the next outline arrives.
 *
 * @module
 */
import type { ChangeSet } from "@codemirror/state";
import { h } from "./dom.ts";
import type { Control } from "./api.ts";

/**
 * Writes a slider's number with as many decimals as its step has.
 *
 * @param value The number.
 * @param step The slider's step.
 * @returns The text for the `.evt` file.
 * @example
 * ```ts
 * import { formatNumber } from "./controls.ts";
 * if (formatNumber(4.30000001, 0.1) !== "4.3" || formatNumber(5, 0.5) !== "5") throw new Error();
 * ```
 */
export function formatNumber(value: number, step = 0): string {
  const decimals = Math.min(6, (String(step).split(".")[1] ?? "").length);
  return String(Number(value.toFixed(decimals)));
}

/** Durations as the language writes them: `500ms`, `1h30m`, `7d`. */
export const DURATION_TEXT = /^(?:\d+(?:\.\d+)?(?:us|µs|ms|s|m|h|d|w))+$/;

/** A control's identity across outlines. */
function keyOf(c: Control): string {
  return `${c.pattern} ${c.path}`;
}

/** One control on the page. */
interface Row {
  control: Control;
  input: HTMLInputElement | HTMLSelectElement;
  shown: HTMLOutputElement | undefined;
}

/** The pattern controls. */
export class Controls {
  /** The element. */
  readonly el: HTMLElement;
  #body = h("div.controls-body");
  #rows = new Map<string, Row>();
  #path = "";
  #replace: (path: string, from: number, to: number, text: string) => void;

  /** @param replace Replaces a span of a file's text in the editor. */
  constructor(replace: (path: string, from: number, to: number, text: string) => void) {
    this.#replace = replace;
    this.el = h(
      "section.controls",
      { "aria-label": "Pattern parameters" },
      h("h3", {}, "Pattern parameters"),
      this.#body,
    );
  }

  /**
   * Shows the controls of a scenario, keeping the elements (and a slider
   * being dragged) when the same controls come back.
   *
   * @param path The `.evt` file.
   * @param controls From `POST /api/outline`, for the text now in the editor.
   */
  show(path: string, controls: readonly Control[]): void {
    const same = path === this.#path && controls.length === this.#rows.size &&
      controls.every((c) => this.#rows.get(keyOf(c))?.control.kind === c.kind);
    this.#path = path;
    if (same) {
      for (const c of controls) this.#refresh(this.#rows.get(keyOf(c)) as Row, c);
      return;
    }
    this.#rows.clear();
    if (controls.length === 0) {
      this.#body.replaceChildren(h("p.muted", {}, "No pattern parameters in this scenario"));
      return;
    }
    const groups = new Map<string, HTMLElement>();
    for (const c of controls) {
      let group = groups.get(c.pattern);
      if (!group) {
        group = h("fieldset.control-group", {}, h("legend", {}, `pattern ${c.pattern}`));
        groups.set(c.pattern, group);
      }
      group.append(this.#row(c));
    }
    this.#body.replaceChildren(...groups.values());
  }

  /** Moves the controls' spans through an edit of their file. */
  map(path: string, changes: ChangeSet): void {
    if (path !== this.#path) return;
    for (const row of this.#rows.values()) {
      const from = changes.mapPos(row.control.from, -1);
      const to = Math.max(from, changes.mapPos(row.control.to, 1));
      row.control = { ...row.control, from, to };
    }
  }

  #row(c: Control): HTMLElement {
    const id = `control-${keyOf(c).replace(/[^\w-]+/g, "-")}`;
    let input: HTMLInputElement | HTMLSelectElement;
    let shown: HTMLOutputElement | undefined;
    if (c.kind === "enum") {
      input = h("select", { id }, ...(c.options ?? [c.value]).map((o) => h("option", { value: o }, o)));
    } else if (c.kind === "number" && c.min !== undefined && c.max !== undefined) {
      input = h("input", { id, type: "range", min: c.min, max: c.max, step: c.step ?? "any" });
      shown = h("output", { for: id });
    } else if (c.kind === "number") {
      input = h("input", { id, type: "number", step: c.step ?? "any", min: c.min, max: c.max });
    } else {
      input = h("input", { id, type: "text", size: 8, spellcheck: "false" });
    }
    const row: Row = { control: c, input, shown };
    input.addEventListener("input", () => this.#changed(row, false));
    input.addEventListener("change", () => this.#changed(row, true));
    this.#rows.set(keyOf(c), row);
    this.#refresh(row, c);
    return h(
      "div.control",
      { "data-control": keyOf(c), "data-kind": c.kind },
      h("label", { for: id }, c.path),
      input,
      shown ?? null,
    );
  }

  #refresh(row: Row, c: Control): void {
    row.control = c;
    if (row.input instanceof HTMLInputElement && row.input.type === "range") {
      if (c.min !== undefined) row.input.min = String(c.min);
      if (c.max !== undefined) row.input.max = String(c.max);
      row.input.step = c.step === undefined ? "any" : String(c.step);
    }
    if (document.activeElement !== row.input) row.input.value = c.value;
    if (row.shown) row.shown.value = c.value;
    row.input.classList.remove("invalid");
  }

  #changed(row: Row, committed: boolean): void {
    const c = row.control;
    let text = row.input.value.trim();
    if (c.kind === "number" && row.input instanceof HTMLInputElement) {
      const n = row.input.valueAsNumber;
      if (!Number.isFinite(n)) return;
      text = formatNumber(n, c.step);
    }
    if (c.kind === "duration" && !DURATION_TEXT.test(text)) {
      row.input.classList.toggle("invalid", committed);
      return;
    }
    row.input.classList.remove("invalid");
    if (row.shown) row.shown.value = text;
    if (text === c.value) return;
    const { from, to } = c;
    row.control = { ...c, value: text };
    this.#replace(this.#path, from, to, text);
  }
}
