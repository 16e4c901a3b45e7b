/// <reference lib="dom" />
/**
 * The template debugger: renders a few steps of a generator (a chosen
 * template, or its picking mode) and shows each step's events and the
 * locals, shared and globals after it; the state can be edited and the
 * steps rendered again from it (`POST /api/render`).
 *
 * @module
 */
import { h, Latest, messageOf } from "./dom.ts";
import { jsonBlock, prettyJson } from "./json_view.ts";
import type { Api, GeneratorOutline, RenderRequest, RenderStep, StateView } from "./api.ts";

/**
 * Writes an instant in a timezone the way the debugger shows it.
 *
 * @param us Epoch microseconds.
 * @param timezone An IANA name.
 * @returns `2024-01-01 10:00:00.000 Europe/Berlin`.
 * @example
 * ```ts
 * import { formatInstant } from "./template_debugger.ts";
 * if (formatInstant(0, "UTC") !== "1970-01-01 00:00:00.000 UTC") throw new Error(formatInstant(0, "UTC"));
 * ```
 */
export function formatInstant(us: number, timezone: string): string {
  try {
    const parts = new Intl.DateTimeFormat("en-CA", {
      timeZone: timezone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      fractionalSecondDigits: 3,
      hourCycle: "h23",
    }).formatToParts(new Date(us / 1000));
    const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
    return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}.${p.fractionalSecond} ${timezone}`;
  } catch {
    return new Date(us / 1000).toISOString();
  }
}

/**
 * Reads the state editor's text.
 *
 * @param text JSON with `locals`, `shared` and `globals` (and `next`: the template a `pick fsm` renders next).
 * @returns The state.
 * @throws {Error} When the text is not such JSON.
 * @example
 * ```ts
 * import { parseState } from "./template_debugger.ts";
 * const s = parseState('{"shared": {"n": 1}}');
 * if (s.shared.n !== 1 || Object.keys(s.locals).length !== 0) throw new Error();
 * ```
 */
export function parseState(text: string): StateView {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(`The state is not JSON: ${messageOf(e)}`);
  }
  const isObject = (x: unknown): x is Record<string, unknown> =>
    typeof x === "object" && x !== null && !Array.isArray(x);
  if (!isObject(data)) throw new Error("The state must be an object with `locals`, `shared` and `globals`");
  for (const key of Object.keys(data)) {
    if (!["locals", "shared", "globals", "next"].includes(key)) {
      throw new Error(`Unknown state part \`${key}\`: use \`locals\`, \`shared\`, \`globals\` and \`next\``);
    }
  }
  if (data.next !== undefined && typeof data.next !== "string") {
    throw new Error("`next` must be the name of a template");
  }
  const part = (key: string) => {
    const v = data[key] ?? {};
    if (!isObject(v)) throw new Error(`\`${key}\` must be an object`);
    return v;
  };
  return {
    locals: part("locals") as StateView["locals"],
    shared: part("shared"),
    globals: part("globals"),
    ...(typeof data.next === "string" ? { next: data.next } : {}),
  };
}

/** The template debugger panel. */
export class TemplateDebugger {
  /** The element. */
  readonly el: HTMLElement;
  #api: Api;
  #generator = h("select.dbg-generator", { "aria-label": "Generator" });
  #template = h("select.dbg-template", { "aria-label": "Template" });
  #at = h("input.dbg-at", { type: "text", placeholder: "the inputs' timestamps", "aria-label": "At" });
  #steps = h("input.dbg-steps", { type: "number", min: 1, max: 100, value: 5, "aria-label": "Steps" });
  #state = h("textarea.dbg-state", {
    spellcheck: "false",
    rows: 10,
    "aria-label": "State",
    placeholder: "The state after the last step appears here; edit it and render again from it",
  });
  #message = h("div.dbg-message");
  #results = h("div.dbg-steps-list", { "data-version": "0" });
  #generators: GeneratorOutline[] = [];
  #latest = new Latest();
  #version = 0;
  #source: () => { path: string; text: string } | undefined;

  /**
   * @param api The server.
   * @param source The scenario to render: its path and its text in the editor.
   */
  constructor(api: Api, source: () => { path: string; text: string } | undefined) {
    this.#api = api;
    this.#source = source;
    this.#generator.addEventListener("change", () => this.#syncTemplates());
    const field = (label: string, input: HTMLElement) => h("label.field", {}, h("span", {}, label), input);
    const render = h("button.dbg-render.primary", { type: "button", onclick: () => void this.render(false) }, "Render");
    const again = h("button.dbg-again", {
      type: "button",
      title: "Render the steps again, starting from the state in the box",
      onclick: () => void this.render(true),
    }, "Render from state");
    const reset = h("button.dbg-reset", { type: "button", onclick: () => this.reset() }, "Reset");
    this.el = h(
      "section.panel.dbg",
      { "data-panel": "debugger" },
      h(
        "div.panel-form",
        {},
        field("Generator", this.#generator),
        field("Template", this.#template),
        field("At", this.#at),
        field("Steps", this.#steps),
        h("div.buttons", {}, render, again, reset),
      ),
      this.#message,
      h("div.dbg-columns", {}, this.#results, h("div.dbg-state-box", {}, h("h3", {}, "State"), this.#state)),
    );
  }

  /** Takes the generators and templates of a new outline. */
  outline(generators: readonly GeneratorOutline[]): void {
    this.#generators = [...generators];
    const names = generators.map((g) => g.name);
    if (names.join("\n") !== [...this.#generator.options].map((o) => o.value).join("\n")) {
      const chosen = this.#generator.value;
      this.#generator.replaceChildren(...names.map((n) => h("option", { value: n }, n)));
      if (names.includes(chosen)) this.#generator.value = chosen;
    }
    this.#syncTemplates();
  }

  /** The generator, template, instant and number of steps chosen in the form. */
  request(): RenderRequest {
    const steps = Math.min(100, Math.max(1, Math.round(this.#steps.valueAsNumber || 5)));
    return {
      ...(this.#generator.value ? { generator: this.#generator.value } : {}),
      ...(this.#template.value ? { template: this.#template.value } : {}),
      ...(this.#at.value.trim() ? { at: this.#at.value.trim() } : {}),
      steps,
    };
  }

  /** Formatters of the chosen generator. */
  formatters(): string[] {
    const g = this.#generators.find((x) => x.name === this.#generator.value) ?? this.#generators[0];
    return g?.formatters ?? [];
  }

  /** Clears the steps and the state. */
  reset(): void {
    this.#results.replaceChildren();
    this.#state.value = "";
    this.#message.textContent = "";
    this.#message.classList.remove("error");
    this.#results.dataset.version = String(++this.#version);
    this.#results.dataset.steps = "0";
  }

  /**
   * Renders the steps chosen in the form.
   *
   * @param fromState Start from the state in the box instead of a fresh one.
   */
  async render(fromState: boolean): Promise<void> {
    const source = this.#source();
    if (!source) {
      this.#say("Open a scenario (`.evt`) first", true);
      return;
    }
    const req = this.request();
    if (fromState) {
      try {
        req.state = parseState(this.#state.value || "{}");
      } catch (e) {
        this.#say(messageOf(e), true);
        return;
      }
    }
    this.#say("Rendering…", false);
    try {
      const res = await this.#latest.run(() => this.#api.render(source.path, source.text, req));
      if (!res) return;
      if (res.diagnostics.length) {
        const first = res.diagnostics[0];
        this.#say(
          `The scenario has ${res.diagnostics.length} problem(s): ${first?.file}:${first?.line}:${first?.column} ${first?.message}`,
          true,
        );
        return;
      }
      this.#show(res.steps);
    } catch (e) {
      this.#say(messageOf(e), true);
    }
  }

  #say(text: string, error: boolean): void {
    this.#message.textContent = text;
    this.#message.classList.toggle("error", error);
  }

  #syncTemplates(): void {
    const g = this.#generators.find((x) => x.name === this.#generator.value) ?? this.#generators[0];
    const names = g?.templates ?? [];
    const want = ["", ...names];
    if (want.join("\n") === [...this.#template.options].map((o) => o.value).join("\n")) return;
    const chosen = this.#template.value;
    this.#template.replaceChildren(
      h("option", { value: "" }, "(picking mode)"),
      ...names.map((n) => h("option", { value: n }, n)),
    );
    if (names.includes(chosen)) this.#template.value = chosen;
  }

  #show(steps: readonly RenderStep[]): void {
    const failed = steps.find((s) => s.error);
    this.#say(
      failed ? `Step ${failed.step} failed: ${failed.error}` : `${steps.length} step${steps.length === 1 ? "" : "s"}`,
      Boolean(failed),
    );
    this.#results.replaceChildren(...steps.map((s, i) => this.#step(s, i === steps.length - 1)));
    const last = steps.at(-1)?.state;
    if (last) this.#state.value = JSON.stringify(last, null, 2);
    this.#results.dataset.steps = String(steps.length);
    this.#results.dataset.version = String(++this.#version);
  }

  #step(s: RenderStep, last: boolean): HTMLElement {
    const head = h(
      "div.step-head",
      {},
      h("span.step-n", {}, `Step ${s.step}`),
      h("span.step-time", {}, formatInstant(s.timestamp, s.timezone)),
      s.tags.length ? h("span.step-tags", {}, s.tags.join(", ")) : null,
    );
    const events = s.events.map((e) => {
      const pretty = prettyJson(e.text);
      return h(
        "div.event",
        {},
        h("div.event-source", {}, e.source),
        pretty === undefined ? h("pre.event-text", {}, e.text) : jsonBlock(pretty, "event-text"),
      );
    });
    const problems = [
      ...s.failures.map((f) => h("div.step-failure", {}, f)),
      s.error ? h("div.step-failure", {}, s.error) : null,
      s.dropped ? h("div.muted", {}, `${s.dropped} event(s) dropped`) : null,
    ];
    const state = s.state
      ? h(
        "details.step-state",
        { open: last },
        h("summary", {}, "State after this step"),
        jsonBlock(JSON.stringify(s.state, null, 2)),
      )
      : null;
    return h(
      "article.step",
      { "data-step": s.step },
      head,
      ...events,
      s.events.length ? null : h("div.muted", {}, "No event"),
      ...problems,
      state,
    );
  }
}
