/// <reference lib="dom" />
/**
 * The Studio in a real headless Chromium (Debian's `/usr/bin/chromium`,
 * driven by Playwright): the page served by `studio/serve.ts` over a copy of
 * `samples/`, used as a person would. Each test leaves a screenshot in
 * `docs/studio/`. Skipped when Chromium is not installed (`.ci/run`
 * installs it).
 *
 * @module
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { serveStudio, type StudioServer } from "../studio/serve.ts";

const CHROMIUM = "/usr/bin/chromium";
const SAMPLES = fileURLToPath(new URL("../samples/", import.meta.url));
const SHOTS = fileURLToPath(new URL("../docs/studio/", import.meta.url));
const ENTRY = new URL("../cli/main.ts", import.meta.url);
/** Generous: the machine is shared; every wait is for a condition, never a fixed time. */
const TIMEOUT = 120_000;

function assert(ok: unknown, message: string): asserts ok {
  if (!ok) throw new Error(message);
}

function copyDir(from: string, to: string): void {
  Deno.mkdirSync(to, { recursive: true });
  for (const e of Deno.readDirSync(from)) {
    if (e.isDirectory) {
      if (e.name !== "out") copyDir(`${from}/${e.name}`, `${to}/${e.name}`);
    } else if (e.isFile) Deno.copyFileSync(`${from}/${e.name}`, `${to}/${e.name}`);
  }
}

/** A Studio over a fresh copy of `samples/`, and a page open on it. */
interface Session {
  root: string;
  server: StudioServer;
  page: Page;
  close(): Promise<void>;
}

async function open(browser: Browser): Promise<Session> {
  const tmp = Deno.realPathSync(Deno.makeTempDirSync({ prefix: "studio-e2e-" }));
  const root = `${tmp}/samples`;
  copyDir(SAMPLES, root);
  const server = serveStudio({ root, entry: ENTRY, port: 0, now: Date.UTC(2024, 0, 1) * 1000 });
  const context = await browser.newContext({ viewport: { width: 1440, height: 860 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(server.url);
  await page.waitForSelector("body[data-ready=true]");
  return {
    root,
    server,
    page,
    async close() {
      await context.close();
      await server.shutdown();
      Deno.removeSync(tmp, { recursive: true });
      assert(errors.length === 0, `The page threw: ${errors.join("\n")}`);
    },
  };
}

/** Opens a file from the tree and waits until the editor shows it. */
async function openFile(page: Page, path: string): Promise<void> {
  await page.click(`.tree-file[data-path="${path}"]`);
  await page.waitForSelector(`.tree-file.active[data-path="${path}"]`);
  await page.waitForFunction((p) => document.querySelector(".status-file")?.textContent === p, path);
}

/** The histogram's attributes once it has been drawn at least `after` times. */
async function histogram(page: Page, after = 0): Promise<Record<string, string>> {
  await page.waitForFunction(
    (n) => Number((document.querySelector(".hist-chart") as HTMLElement | null)?.dataset.version) > n,
    after,
  );
  return await page.$eval(".hist-chart", (el) => ({ ...(el as HTMLElement).dataset }) as Record<string, string>);
}

async function editorText(page: Page): Promise<string> {
  return await page.$$eval(".cm-content .cm-line", (lines) => lines.map((l) => l.textContent).join("\n"));
}

async function shot(page: Page, name: string): Promise<void> {
  Deno.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}${name}.png` });
}

Deno.test({
  name: "studio in a browser",
  // Skipped only outside CI: `.ci/run` installs Chromium, and CI fails when it is missing.
  ignore: !existsSync(CHROMIUM) && Deno.env.get("CI") !== "true",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    });
    try {
      await t.step("web-traffic.evt draws its daily curve", async () => {
        const s = await open(browser);
        try {
          await openFile(s.page, "web-traffic.evt");
          const first = await histogram(s.page);
          assert(first.generator === "web", `generator ${first.generator}`);
          await s.page.fill(".hist-bin", "1h");
          await s.page.press(".hist-bin", "Enter");
          const h = await histogram(s.page, Number(first.version));
          assert(Number(h.bins) === 7 * 24, `7 days of 1h bins, got ${h.bins}`);
          assert(Number(h.nonzero) > 100, `most bins have timestamps, got ${h.nonzero}`);
          const total = Number(h.total);
          assert(total > 7 * 48000 * 0.8 && total < 7 * 48000 * 1.2, `about 48,000 a day, got ${total}`);
          await s.page.waitForSelector(".hist-chart canvas");
          await s.page.waitForSelector('.control[data-control="workday spreader.a"]');
          await shot(s.page, "histogram");
        } finally {
          await s.close();
        }
      });

      await t.step("moving the beta spreader's `a` redraws the histogram and edits the text", async () => {
        const s = await open(browser);
        try {
          await openFile(s.page, "web-traffic.evt");
          const before = await histogram(s.page);
          const slider = s.page.locator('.control[data-control="workday spreader.a"] input[type=range]');
          await slider.waitFor();
          assert(await slider.inputValue() === "4", `a starts at 4, got ${await slider.inputValue()}`);
          const max = Number(await slider.getAttribute("max"));
          const value = max >= 8 ? "8" : String(max);
          await slider.fill(value);
          await s.page.waitForFunction(
            (v) => document.querySelector(".cm-content")?.textContent?.includes(`spreader beta { a ${v}; b 3 }`),
            value,
          );
          await s.page.waitForFunction(
            (d) => (document.querySelector(".hist-chart") as HTMLElement).dataset.digest !== d,
            before.digest,
          );
          const after = await histogram(s.page);
          assert(after.digest !== before.digest, "the histogram changed");
          await s.page.waitForSelector('.tree-file.dirty[data-path="web-traffic.evt"]');
          await s.page.waitForSelector('.status-save[data-state="unsaved"]');
          assert((await editorText(s.page)).includes(`spreader beta { a ${value}; b 3 }`), "the text follows");
          await shot(s.page, "controls");
        } finally {
          await s.close();
        }
      });

      await t.step("a mistake gets a squiggle with the checker's message", async () => {
        const s = await open(browser);
        try {
          await openFile(s.page, "web-traffic.evt");
          await s.page.waitForSelector(".status-problems.clean");
          await histogram(s.page);
          await s.page.click('.cm-line:has-text("mode sample")', { position: { x: 4, y: 4 } });
          await s.page.keyboard.press("End");
          await s.page.keyboard.type("x");
          const squiggle = s.page.locator(".cm-lintRange-error").first();
          await squiggle.waitFor();
          await s.page.waitForSelector(".status-problems.has-errors");
          await squiggle.hover();
          const tip = s.page.locator(".cm-tooltip-lint").first();
          await tip.waitFor();
          const message = await tip.textContent() ?? "";
          assert(message.includes("samplex"), `the message names the value: ${message}`);
          assert(/EVT\d{4}/.test(message), `the message has its code: ${message}`);
          const status = await s.page.textContent(".status-problems");
          assert(status === "1 error", `status: ${status}`);
          await shot(s.page, "diagnostic");
        } finally {
          await s.close();
        }
      });

      await t.step("the debugger renders sessions.evt step by step, with state", async () => {
        const s = await open(browser);
        try {
          await openFile(s.page, "sessions.evt");
          await s.page.click('.tab[data-tab="debugger"]');
          await s.page.waitForSelector('.dbg-generator option[value="auth"]', { state: "attached" });
          await s.page.fill(".dbg-steps", "5");
          await s.page.click(".dbg-render");
          await s.page.waitForSelector('.dbg-steps-list[data-steps="5"]');
          const events = await s.page.$$eval(".step .event-text", (els) => els.map((e) => e.textContent ?? ""));
          assert(events.length === 5, `5 events, got ${events.length}`);
          const login = JSON.parse(events[0] as string);
          assert(login.event === "login" && typeof login.session === "string", `first a login: ${events[0]}`);
          const state = JSON.parse(await s.page.inputValue(".dbg-state"));
          assert(state.shared.session === login.session, `shared.session is the login's: ${JSON.stringify(state)}`);
          assert(state.shared.user === login.user, "shared.user is the login's");
          assert(typeof state.shared.actions === "number", "shared.actions counts the actions");
          await s.page.waitForSelector(".step .json-key");
          await shot(s.page, "debugger");

          // Edit the state and render the logout from it.
          state.shared.user = "zoe";
          await s.page.fill(".dbg-state", JSON.stringify(state, null, 2));
          await s.page.selectOption(".dbg-template", "logout");
          await s.page.fill(".dbg-steps", "1");
          await s.page.click(".dbg-again");
          await s.page.waitForSelector('.dbg-steps-list[data-steps="1"]');
          const logout = JSON.parse(await s.page.textContent(".step .event-text") ?? "");
          assert(logout.event === "logout" && logout.user === "zoe", `rendered from the edited state: ${logout}`);

          // The same events through a formatter.
          await s.page.click(".dbg-reset");
          await s.page.selectOption(".dbg-template", "");
          await s.page.fill(".dbg-steps", "3");
          await s.page.click('.tab[data-tab="output"]');
          await s.page.waitForFunction(() => document.querySelectorAll(".out-lines li").length === 3);
          const first = await s.page.textContent(".out-lines li");
          assert(JSON.parse(first ?? "").event === "login", `the output's first line: ${first}`);
        } finally {
          await s.close();
        }
      });

      await t.step("Ctrl+S saves; unsaved text survives a reload", async () => {
        const s = await open(browser);
        try {
          await openFile(s.page, "hello.evt");
          await s.page.click(".cm-content", { position: { x: 4, y: 4 } });
          await s.page.keyboard.press("Control+Home");
          await s.page.keyboard.type("// Edited in the Studio\n");
          await s.page.waitForSelector('.tree-file.dirty[data-path="hello.evt"]');
          await s.page.reload();
          await s.page.waitForSelector("body[data-ready=true]");
          await s.page.waitForSelector('.tree-file.active.dirty[data-path="hello.evt"]');
          assert((await editorText(s.page)).startsWith("// Edited in the Studio\n"), "the buffer came back");
          assert(!Deno.readTextFileSync(`${s.root}/hello.evt`).includes("Edited"), "not saved yet");
          await s.page.click(".cm-content", { position: { x: 4, y: 4 } });
          await s.page.keyboard.press("Control+s");
          await s.page.waitForSelector('.status-save[data-state="saved"]');
          await s.page.waitForSelector('.tree-file:not(.dirty)[data-path="hello.evt"]');
          const disk = Deno.readTextFileSync(`${s.root}/hello.evt`);
          assert(disk.startsWith("// Edited in the Studio\n"), `saved to disk: ${disk.slice(0, 80)}`);
          const kept = await s.page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(".buffer:")));
          assert(kept.length === 0, `no buffer left after saving: ${kept}`);
          await shot(s.page, "saved");
        } finally {
          await s.close();
        }
      });

      await t.step("new files are created and renamed from the tree", async () => {
        const s = await open(browser);
        try {
          await s.page.click(".tree-new");
          await s.page.fill(".tree-input", "drafts/first.evt");
          await s.page.press(".tree-input", "Enter");
          await s.page.waitForSelector('.tree-file.active[data-path="drafts/first.evt"]');
          assert(Deno.readTextFileSync(`${s.root}/drafts/first.evt`).includes("generator"), "a skeleton is written");
          await s.page.waitForSelector(".status-problems.clean");
          await s.page.click(".tree-rename");
          await s.page.fill(".tree-input", "drafts/second.evt");
          await s.page.press(".tree-input", "Enter");
          await s.page.waitForSelector('.tree-file.active[data-path="drafts/second.evt"]');
          assert(existsSync(`${s.root}/drafts/second.evt`) && !existsSync(`${s.root}/drafts/first.evt`), "renamed");
        } finally {
          await s.close();
        }
      });
    } finally {
      await browser.close();
    }
  },
});
