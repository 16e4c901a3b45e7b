/// <reference lib="dom" />
/**
 * The output preview: the debugger's events through a chosen formatter, as
 * an output would write them (`POST /api/preview`).
 *
 * @module
 */
import { h, Latest, messageOf } from "./dom.ts";
import type { Api, RenderRequest } from "./api.ts";

/** The output preview panel. */
export class OutputPreview {
  /** The element. */
  readonly el: HTMLElement;
  #api: Api;
  #format = h("select.out-format", { "aria-label": "Formatter" });
  #message = h("div.out-message");
  #lines = h("ol.out-lines", { "data-version": "0" });
  #latest = new Latest();
  #version = 0;
  #request: () => { path: string; text: string; req: RenderRequest; formatters: string[] } | undefined;

  /**
   * @param api The server.
   * @param request The scenario, the debugger's choices and the generator's formatters.
   */
  constructor(
    api: Api,
    request: () => { path: string; text: string; req: RenderRequest; formatters: string[] } | undefined,
  ) {
    this.#api = api;
    this.#request = request;
    this.#format.addEventListener("change", () => void this.update());
    const run = h("button.out-run.primary", { type: "button", onclick: () => void this.update() }, "Preview");
    this.el = h(
      "section.panel.out",
      { "data-panel": "output" },
      h(
        "div.panel-form",
        {},
        h("label.field", {}, h("span", {}, "Formatter"), this.#format),
        h("div.buttons", {}, run),
        h("span.muted", {}, "Events as the debugger picks them (generator, template, at, steps)"),
      ),
      this.#message,
      this.#lines,
    );
  }

  /** Renders the events through the chosen formatter. */
  async update(): Promise<void> {
    const r = this.#request();
    if (!r) {
      this.#say("Open a scenario (`.evt`) first", true);
      return;
    }
    this.#syncFormats(r.formatters);
    const req: RenderRequest = { ...r.req, ...(this.#format.value ? { format: this.#format.value } : {}) };
    try {
      const res = await this.#latest.run(() => this.#api.preview(r.path, r.text, req));
      if (!res) return;
      if (res.diagnostics.length) {
        this.#say(`The scenario has ${res.diagnostics.length} problem(s): see the editor`, true);
        return;
      }
      this.#say(
        res.failures.length ? res.failures.join("\n") : `${res.lines.length} line(s) as ${res.format}`,
        Boolean(
          res.failures.length,
        ),
      );
      this.#lines.replaceChildren(...res.lines.map((l) => h("li", {}, h("code", {}, l))));
      this.#lines.dataset.format = res.format;
      this.#lines.dataset.version = String(++this.#version);
    } catch (e) {
      this.#say(messageOf(e), true);
    }
  }

  #syncFormats(formatters: readonly string[]): void {
    const want = ["", ...formatters];
    if (want.join("\n") === [...this.#format.options].map((o) => o.value).join("\n")) return;
    const chosen = this.#format.value;
    this.#format.replaceChildren(
      h("option", { value: "" }, "(the output's)"),
      ...formatters.map((f) => h("option", { value: f }, f)),
    );
    if (formatters.includes(chosen)) this.#format.value = chosen;
  }

  #say(text: string, error: boolean): void {
    this.#message.textContent = text;
    this.#message.classList.toggle("error", error);
  }
}
