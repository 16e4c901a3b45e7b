/// <reference lib="dom" />
/**
 * The Studio page's entry point: reads the token from the URL and starts
 * the workspace. Bundled by `studio/build.ts` into `studio.js` (and
 * `studio.css` from `studio.css` beside it).
 *
 * @module
 */
import { Api, pageToken } from "./api.ts";
import { startError, Workspace } from "./workspace.ts";

const root = document.getElementById("app") ?? document.body;
const api = new Api(pageToken(location.search, sessionStorage));
const workspace = new Workspace(root, api);
workspace.start().then(
  () => document.body.dataset.ready = "true",
  (e) => {
    root.replaceChildren(
      Object.assign(document.createElement("p"), { className: "fatal", textContent: startError(e) }),
    );
    document.body.dataset.ready = "error";
  },
);
