import { readFileSync } from "node:fs";
import { ASSETS, SOURCE_HASH } from "./assets.gen.ts";
import { generate, sourceFiles, sourceHash } from "./build.ts";

Deno.test("studio/assets.gen.ts is built from the current sources", () => {
  if (SOURCE_HASH !== sourceHash()) {
    throw new Error(
      "studio/assets.gen.ts is stale: the sources in studio/web/ (or studio/build.ts, or the pinned browser " +
        "packages in deno.json) changed since it was built; run `deno task studio:build` and commit the result",
    );
  }
});

Deno.test("the page's sources include the entry, the styles and the HTML", () => {
  const files = sourceFiles();
  for (const f of ["studio/web/main.ts", "studio/web/studio.css", "studio/web/index.html", "studio/build.ts"]) {
    if (!files.includes(f)) throw new Error(`${f} is not among the sources: ${files.join(", ")}`);
  }
  if (files.some((f) => f.endsWith("_test.ts"))) throw new Error("Tests are not sources of the bundle");
});

Deno.test("the assets are the built page, not the placeholder", () => {
  const html = ASSETS["index.html"]?.body ?? "";
  if (html !== readFileSync(new URL("./web/index.html", import.meta.url), "utf8")) {
    throw new Error("index.html differs from studio/web/index.html");
  }
  for (const ref of ["/assets/studio.js", "/assets/studio.css"]) {
    if (!html.includes(ref)) throw new Error(`index.html does not load ${ref}`);
  }
  const js = ASSETS["studio.js"];
  const css = ASSETS["studio.css"];
  if (!js?.type.startsWith("text/javascript") || js.body.length < 10_000) throw new Error("studio.js is missing");
  if (!css?.type.startsWith("text/css") || !css.body.includes(".uplot")) throw new Error("studio.css lacks uPlot's");
  // Everything is bundled: no import of anything outside the page.
  if (/\bimport\s*\(?\s*["'](?:https?:|npm:|jsr:)/.test(js.body)) throw new Error("studio.js imports from outside");
});

Deno.test("the generated module keeps its interface", () => {
  const text = generate({ html: "<p>", js: "x", css: "y" }, "abc");
  if (!text.includes('export const SOURCE_HASH = "abc";') || !text.includes("export const ASSETS")) {
    throw new Error(text);
  }
});
