/**
 * The Studio's browser assets, bundled from `studio/web/` by `studio/build.ts`.
 * Generated: do not edit. (Placeholder until the first build.)
 *
 * @module
 */

/** One asset: its content type and text. */
export interface Asset {
  type: string;
  body: string;
}

/** The assets by file name: `index.html`, `studio.js`, `studio.css`. */
export const ASSETS: Record<string, Asset> = {
  "index.html": {
    type: "text/html; charset=utf-8",
    body: "<!doctype html><title>Eventum Studio</title><p>Studio assets are not built yet.</p>",
  },
  "studio.js": { type: "text/javascript; charset=utf-8", body: "" },
  "studio.css": { type: "text/css; charset=utf-8", body: "" },
};
