/// <reference lib="dom" />
/**
 * The input preview: a histogram of a generator's timestamps per bin, for
 * the merge of its inputs (bars) and for each input (lines), over a chosen
 * window and bin width, drawn with uPlot from `POST /api/timeline`.
 *
 * @module
 */
import uPlot from "uplot";
import { h, Latest, messageOf } from "./dom.ts";
import type { Api, Diag, Timeline, TimelineRequest } from "./api.ts";

/** Whole-number tick steps for counts: 1, 2, 5, 10, 20, 50, ... */
const COUNT_STEPS = Array.from({ length: 30 }, (_, i) => [1, 2, 5][i % 3] as number * 10 ** Math.floor(i / 3));

const COLORS = ["#2563eb", "#db2777", "#059669", "#d97706", "#7c3aed", "#0891b2"];

/**
 * A short fingerprint of counts, so that a test (or a person reading the
 * page's attributes) can tell one histogram from another.
 *
 * @param counts The counts per bin.
 * @returns Eight hex digits (FNV-1a).
 * @example
 * ```ts
 * import { digest } from "./histogram.ts";
 * if (digest([1, 2]) === digest([2, 1])) throw new Error();
 * ```
 */
export function digest(counts: readonly number[]): string {
  let hash = 0x811c9dc5;
  for (const ch of counts.join(",")) {
    hash ^= ch.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

/**
 * Writes a bin width in µs as the shortest duration text.
 *
 * @example
 * ```ts
 * import { formatBin } from "./histogram.ts";
 * if (formatBin(5_400_000_000) !== "1h30m" || formatBin(86_400_000_000) !== "1d") throw new Error();
 * ```
 */
export function formatBin(us: number): string {
  const units: [string, number][] = [["d", 86_400e6], ["h", 3_600e6], ["m", 60e6], ["s", 1e6], ["ms", 1e3]];
  let rest = Math.round(us);
  let out = "";
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * size;
  }
  return out || `${us}us`;
}

/** The histogram panel. */
export class Histogram {
  /** The element. */
  readonly el: HTMLElement;
  #api: Api;
  #generator = h("select.hist-generator", { "aria-label": "Generator" });
  #from = h("input.hist-from", { type: "text", placeholder: "first timestamp", "aria-label": "From" });
  #to = h("input.hist-to", { type: "text", placeholder: "last timestamp", "aria-label": "To" });
  #bin = h("input.hist-bin", { type: "text", placeholder: "auto", "aria-label": "Bin width", size: 6 });
  #summary = h("div.hist-summary");
  #chart = h("div.hist-chart", { "data-version": "0" });
  #plot: uPlot | undefined;
  #plotKey = "";
  #latest = new Latest();
  #version = 0;
  #last: { path: string; text: string } | undefined;
  #timelines: Timeline[] = [];

  /**
   * @param api The server.
   * @param controls The pattern controls, shown under the chart.
   */
  constructor(api: Api, controls: HTMLElement) {
    this.#api = api;
    const redo = () => this.#last && void this.update(this.#last.path, this.#last.text);
    for (const input of [this.#from, this.#to, this.#bin]) {
      input.addEventListener("change", redo);
      input.addEventListener("keydown", (e) => e.key === "Enter" && redo());
    }
    this.#generator.addEventListener("change", () => this.#draw());
    const field = (label: string, input: HTMLElement) => h("label.field", {}, h("span", {}, label), input);
    this.el = h(
      "section.panel.hist",
      { "data-panel": "histogram" },
      h(
        "div.panel-form",
        {},
        field("Generator", this.#generator),
        field("From", this.#from),
        field("To", this.#to),
        field("Bin", this.#bin),
      ),
      this.#summary,
      this.#chart,
      controls,
    );
    new ResizeObserver(() => {
      if (this.#plot) this.#plot.setSize(this.#size());
    }).observe(this.#chart);
  }

  /** The window and bin width chosen in the form. */
  window(): TimelineRequest {
    return { from: this.#from.value.trim(), to: this.#to.value.trim(), bin: this.#bin.value.trim() };
  }

  /**
   * Counts the timestamps of an unsaved scenario and redraws.
   *
   * @param path The `.evt` file.
   * @param text Its text in the editor.
   * @returns The scenario's diagnostics (empty when it ran).
   */
  async update(path: string, text: string): Promise<Diag[]> {
    this.#last = { path, text };
    this.el.classList.add("busy");
    try {
      const res = await this.#latest.run(() => this.#api.timeline(path, text, this.window()));
      if (!res) return [];
      this.el.classList.remove("busy");
      if (res.diagnostics.length) {
        this.#chart.classList.add("stale");
        this.#summary.textContent = "The scenario has errors: the histogram shows its last good state";
        return res.diagnostics;
      }
      this.#timelines = res.timelines;
      this.#chart.classList.remove("stale");
      this.#syncGenerators();
      this.#draw();
      return [];
    } catch (e) {
      this.el.classList.remove("busy");
      this.#chart.classList.add("stale");
      this.#summary.textContent = messageOf(e);
      this.#summary.classList.add("error");
      return [];
    }
  }

  #syncGenerators(): void {
    const names = this.#timelines.map((t) => t.generator);
    const current = [...this.#generator.options].map((o) => o.value);
    if (names.join("\n") === current.join("\n")) return;
    const chosen = this.#generator.value;
    this.#generator.replaceChildren(...names.map((n) => h("option", { value: n }, n)));
    if (names.includes(chosen)) this.#generator.value = chosen;
  }

  #size(): { width: number; height: number } {
    return { width: Math.max(200, this.#chart.clientWidth), height: 260 };
  }

  #draw(): void {
    const t = this.#timelines.find((x) => x.generator === this.#generator.value) ?? this.#timelines[0];
    this.#summary.classList.remove("error");
    if (!t) {
      this.#summary.textContent = "No input with a timeline";
      this.#plot?.destroy();
      this.#plot = undefined;
      this.#plotKey = "";
      return;
    }
    const nonzero = t.merged.filter((c) => c > 0).length;
    this.#summary.textContent = `${t.total.toLocaleString("en-US")} timestamps · ${t.starts.length} bins of ${
      formatBin(t.bin)
    } · ${t.timezone}${t.truncated ? " · cut at the read limit" : ""}`;
    const xs = t.starts.map((s) => s / 1e6);
    const multi = t.series.length > 1;
    const data: uPlot.AlignedData = [xs, t.merged, ...(multi ? t.series.map((s) => s.counts) : [])];
    const key = [t.generator, t.timezone, ...(multi ? t.series.map((s) => s.label) : [])].join("\n");
    if (this.#plot && key === this.#plotKey) {
      this.#plot.setData(data, false);
      this.#plot.setScale("x", { min: t.from / 1e6, max: t.to / 1e6 });
    } else {
      this.#plot?.destroy();
      this.#plot = new uPlot(this.#options(t, multi), data, this.#chart);
      this.#plot.setScale("x", { min: t.from / 1e6, max: t.to / 1e6 });
      this.#plotKey = key;
    }
    const ds = this.#chart.dataset;
    ds.generator = t.generator;
    ds.bins = String(t.starts.length);
    ds.nonzero = String(nonzero);
    ds.total = String(t.total);
    ds.digest = digest(t.merged);
    ds.version = String(++this.#version);
  }

  #options(t: Timeline, multi: boolean): uPlot.Options {
    const bars = uPlot.paths.bars?.({ align: 1, size: [1, Infinity], gap: 0 });
    const stepped = uPlot.paths.stepped?.({ align: 1 });
    return {
      ...this.#size(),
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), t.timezone),
      legend: { show: true, live: true },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.05] } },
      axes: [
        { stroke: "#475569", grid: { stroke: "#e2e8f0" } },
        { stroke: "#475569", grid: { stroke: "#e2e8f0" }, size: 60, incrs: COUNT_STEPS },
      ],
      series: [
        { label: "time" },
        {
          label: "merged",
          stroke: "#1e3a8a",
          fill: "rgba(37, 99, 235, 0.35)",
          width: 1,
          ...(bars ? { paths: bars } : {}),
          points: { show: false },
        },
        ...(multi
          ? t.series.map((s, i) => ({
            label: s.label,
            stroke: COLORS[(i + 1) % COLORS.length] as string,
            width: 1.5,
            ...(stepped ? { paths: stepped } : {}),
            points: { show: false },
          }))
          : []),
      ],
    };
  }
}
