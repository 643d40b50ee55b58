// The playground in Chromium (headless): typing a rude reply underlines the right words, in a layer
// that lines up with the textarea's text to the pixel; a finding explains itself and its rewrite
// applies with a click; a kind reply has no underline; a stressed client's message makes the
// empathy rule speak; the URL's fragment brings everything back; the page fits a narrow window;
// errors show in the page; and the page asks nothing of any server but its own files.
// Screenshots of every step go to web/dist/test-artifacts/playground-*.png: look at them.
//
//   node web/test/playground.mjs        (after web/build.sh)
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { serve, launch, watch, screenshot, runner, dist, root } from "./browser.mjs";

const pkg = join(dist, "pkg");
const { default: init, lint, applyFixes, explain } = await import(join(pkg, "tonelint.js"));
await init(readFileSync(join(pkg, "tonelint_bg.wasm")));

const example = (p) => readFileSync(join(root, "examples", "drafts", p), "utf8");

const server = await serve(join(dist, "playground"));
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
const seen = watch(page);
const failed = [];
page.on("response", (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
const t = runner("playground");

/** Waits until the page shows the engine's findings for the text as it is. */
async function settled(p = page) {
  await p.waitForFunction(() => window.__playground?.idle(), null, { timeout: 15000 });
}

/** The findings listed in the page, each with the text of the marks drawn for it. */
function shownFindings(p = page) {
  return p.evaluate(() => {
    const marks = [...document.querySelectorAll("#highlights [data-findings]")];
    return [...document.querySelectorAll("#findings li")].map((li) => ({
      code: li.dataset.code,
      start: Number(li.dataset.start),
      end: Number(li.dataset.end),
      marked: marks
        .filter((m) => m.dataset.findings.split(" ").includes(li.dataset.index))
        .map((m) => m.textContent)
        .join(""),
    }));
  });
}

const markTexts = (p = page) => p.$$eval("#highlights mark", (ms) => ms.map((m) => m.textContent));

/** The page's findings are the engine's for `text` (same codes and places), each marked exactly. */
async function assertFindings(text, options = {}, p = page) {
  const want = lint(text, options).findings.map((f) => ({ code: f.code, start: f.start, end: f.end }));
  const got = await shownFindings(p);
  assert.deepEqual(got.map(({ code, start, end }) => ({ code, start, end })), want);
  for (const f of got) assert.equal(f.marked, text.slice(f.start, f.end), `the marks of ${f.code}`);
  return got;
}

async function clearReply(p = page) {
  await p.locator("#reply").click();
  await p.keyboard.press("ControlOrMeta+A");
  await p.keyboard.press("Backspace");
}

/**
 * Whether the highlight layer lines up with the textarea: the editor drawn once with the
 * textarea's own text and once with the layer's text instead (same colour, no marks, no caret)
 * must give the same pixels (but for the anti-aliasing of a glyph or two, see below).
 */
async function assertAligned(name, p = page) {
  await p.evaluate(() => document.activeElement?.blur());
  const style = await p.addStyleTag({
    content: `#highlights, #highlights * { background: none !important; text-decoration: none !important;
      box-shadow: none !important; }
      #reply { caret-color: transparent !important; }`,
  });
  const editor = p.locator("#editor");
  const own = await editor.screenshot({ animations: "disabled" });
  const swap = await p.addStyleTag({
    content: `#highlights, #highlights * { color: var(--ink) !important; }
      #reply { color: transparent !important; }`,
  });
  const layer = await editor.screenshot({ animations: "disabled" });
  await p.evaluate(
    ([a, b]) => {
      document.querySelectorAll("style").forEach((s) => {
        if (s.textContent === a || s.textContent === b) s.remove();
      });
    },
    [await style.evaluate((s) => s.textContent), await swap.evaluate((s) => s.textContent)],
  );
  if (!own.equals(layer)) {
    // Not byte for byte: count the pixels that differ (decoded by the browser).
    const differ = await p.evaluate(
      async ([a, b]) => {
        const load = async (b64) => {
          const img = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
          const c = new OffscreenCanvas(img.width, img.height);
          const g = c.getContext("2d");
          g.drawImage(img, 0, 0);
          return g.getImageData(0, 0, img.width, img.height).data;
        };
        const [x, y] = [await load(a), await load(b)];
        let n = 0;
        for (let i = 0; i < x.length; i += 4) {
          if (Math.abs(x[i] - y[i]) + Math.abs(x[i + 1] - y[i + 1]) + Math.abs(x[i + 2] - y[i + 2]) > 48) n++;
        }
        return n;
      },
      [own.toString("base64"), layer.toString("base64")],
    );
    // A glyph or two may be anti-aliased differently where a mark splits a run of text (glyph
    // positions agree to 1/64 px, which can tip a glyph into another subpixel bucket: some 60
    // pixels); a layer off by half a pixel differs by well over a thousand, even on a short reply.
    assert.ok(differ < 200, `${name}: the highlight layer is off the textarea's text (${differ} pixels differ)`);
  }
}

const rude =
  "Hi Glen,\n\nAs I already explained, the export to CSV is on page 12 of the manual. RTFM.\n\n" +
  "It's not rocket science: File > Export > CSV, pick the columns, done.\n\nCheers,\nDev\n";

try {
  await page.goto(`${server.url}/`);
  await page.waitForFunction(() => window.__playground?.ready, null, { timeout: 15000 });

  await t.step("the engine runs in a module worker", async () => {
    const where = await page.evaluate(() => window.__playground.ready.where);
    assert.equal(where, "worker");
    await screenshot(page, "playground-0-empty");
  });

  await t.step("typing a rude reply underlines the right words as you type", async () => {
    await page.locator("#reply").click();
    const [first, rest] = [rude.slice(0, rude.indexOf("RTFM")), rude.slice(rude.indexOf("RTFM"))];
    await page.keyboard.type(first);
    await settled();
    assert.deepEqual(await markTexts(), ["As I already explained"]);
    await page.keyboard.type(rest);
    await settled();
    assert.equal(await page.inputValue("#reply"), rude);
    const got = await assertFindings(rude);
    assert.deepEqual(
      got.map((f) => f.marked),
      ["As I already explained", "RTFM", "not rocket science"],
    );
    // No overlap here: every mark is exactly one finding's words.
    assert.deepEqual(await markTexts(), ["As I already explained", "RTFM", "not rocket science"]);
    const classes = await page.$$eval("#highlights mark", (ms) => ms.map((m) => m.className));
    assert.deepEqual(classes, ["hl sev-warning", "hl sev-error", "hl sev-warning"]);
    await screenshot(page, "playground-1-rude");
    await assertAligned("rude reply");
  });

  await t.step("the underlines stay on their words when the textarea scrolls and resizes", async () => {
    const long = example("rude/professor-projector.txt").repeat(3);
    await page.locator("#reply").fill(long);
    await settled();
    await assertFindings(long);
    await page.locator("#reply").evaluate((r) => (r.scrollTop = r.scrollHeight / 2));
    await page.waitForTimeout(50);
    await assertAligned("scrolled to the middle");
    await screenshot(page, "playground-1b-scrolled");
    await page.locator("#reply").evaluate((r) => {
      r.style.height = "14rem";
      r.scrollTop = r.scrollHeight;
    });
    await page.waitForTimeout(100);
    await assertAligned("resized and scrolled to the end");
    await page.locator("#reply").evaluate((r) => (r.style.height = ""));
    await clearReply();
    await page.locator("#reply").fill(rude);
    await settled();
  });

  await t.step("clicking a finding explains it, and its rewrite applies with a click", async () => {
    const [finding] = lint(rude).findings.filter((f) => f.code === "condescension/as-i-already-said");
    // Click the underlined words themselves (the textarea is on top of the layer).
    const box = await page.locator("#highlights mark", { hasText: "As I already explained" }).boundingBox();
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const detail = page.locator("#detail");
    await detail.waitFor({ state: "visible" });
    assert.equal(await detail.locator("h2").textContent(), finding.code);
    assert.equal(await detail.locator(".message").textContent(), finding.message);
    const why = explain(finding.code).split("## Why is this bad?")[1].split("\n## ")[0].trim();
    await page.waitForFunction(() => !document.querySelector("#detail [data-why] .muted"));
    const shownWhy = (await detail.locator("[data-why]").textContent()).replace(/\s+/g, " ").trim();
    assert.equal(shownWhy, why.replace(/\s+/g, " "));
    assert.equal(await page.locator("#findings button[aria-current=true]").count(), 1);

    // The rewrite to review shows its sentence before and after.
    const suggestion = finding.suggestions.find((s) => s.applicability === "review" && s.edits.length);
    const first = detail.locator(".suggestion").first();
    assert.equal((await first.locator(".before .text").textContent()).trim(), suggestion.sentence.before.trim());
    assert.equal((await first.locator(".after .text").textContent()).trim(), suggestion.sentence.after.trim());
    await detail.locator(".about summary").click();
    await detail.locator(".about .doc h4").first().waitFor();
    assert.match(await detail.locator(".about .doc").textContent(), /What it does[\s\S]*Example[\s\S]*Fix safety/);
    await screenshot(page, "playground-2-finding", { fullPage: true });

    await first.getByRole("button", { name: "Apply rewrite" }).click();
    await settled();
    let want = rude;
    for (const e of [...suggestion.edits].sort((a, b) => b.start - a.start)) {
      want = want.slice(0, e.start) + e.replacement + want.slice(e.end);
    }
    assert.equal(await page.inputValue("#reply"), want);
    assert.ok(want.startsWith("Hi Glen,\n\nTo recap, the export"), want);
    // The caret after the new words, the textarea focused.
    const caret = await page.locator("#reply").evaluate((r) => [r.selectionStart, r.selectionEnd, document.activeElement === r]);
    const end = suggestion.edits[0].start + suggestion.edits[0].replacement.length;
    assert.deepEqual(caret, [end, end, true]);
    const got = await assertFindings(want);
    assert.ok(!got.some((f) => f.code === finding.code), JSON.stringify(got));
    assert.ok(await detail.isHidden(), "the detail of a finding that is gone closes");
    await screenshot(page, "playground-2b-applied");
    // One edit in the textarea's history: Ctrl+Z takes it back, Ctrl+Shift+Z does it again.
    await page.keyboard.press("ControlOrMeta+Z");
    await settled();
    assert.equal(await page.inputValue("#reply"), rude);
    await assertFindings(rude);
    await page.keyboard.press("ControlOrMeta+Shift+Z");
    await settled();
    assert.equal(await page.inputValue("#reply"), want);

    // A finding from the list, and the safe fixes all at once.
    await page.locator("#findings button", { hasText: "RTFM" }).click();
    await detail.waitFor({ state: "visible" });
    assert.equal(await detail.locator("h2").textContent(), "condescension/rtfm");
    assert.ok(await detail.evaluate((d) => d.contains(document.activeElement)), "the focus goes to the detail");
    await page.keyboard.press("Escape");
    assert.ok(await detail.isHidden());
    await page.locator("#reply").press("ControlOrMeta+End");
    await page.keyboard.type("Thanks for your patience!!!");
    await settled();
    const before = await page.inputValue("#reply");
    const fix = page.locator("#fix-safe");
    assert.equal(await fix.textContent(), "Apply 1 safe fix");
    await fix.click();
    await page.waitForFunction((b) => document.querySelector("#reply").value !== b, before);
    await settled();
    assert.equal(await page.inputValue("#reply"), applyFixes(before).text);
    assert.ok((await page.inputValue("#reply")).endsWith("Thanks for your patience!"));
    await assertFindings(await page.inputValue("#reply"));
  });

  await t.step("Alt+Enter on an underline opens it from the keyboard", async () => {
    const text = await page.inputValue("#reply");
    const at = text.indexOf("RTFM") + 2;
    await page.locator("#reply").evaluate((r, at) => {
      r.focus();
      r.setSelectionRange(at, at);
    }, at);
    await page.keyboard.press("Alt+Enter");
    await page.locator("#detail").waitFor({ state: "visible" });
    assert.equal(await page.locator("#detail h2").textContent(), "condescension/rtfm");
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => document.activeElement?.textContent);
    assert.equal(focused, "Close");
    await page.keyboard.press("Escape");
  });

  await t.step("a kind reply has no underline", async () => {
    const kind = example("kind/manual-question.txt");
    await clearReply();
    await page.keyboard.type(kind);
    await settled();
    assert.equal(await page.inputValue("#reply"), kind);
    assert.deepEqual(await markTexts(), []);
    assert.deepEqual(await shownFindings(), []);
    assert.equal(await page.locator("#warmth").textContent(), String(lint(kind).scorecard.warmth));
    assert.match(await page.locator("#findings-empty").textContent(), /No findings/);
    const drivers = await page.$$eval("#drivers .contrib", (cs) => cs.map((c) => c.textContent));
    assert.deepEqual(drivers, lint(kind).scorecard.drivers.map((d) => `+${d.contribution}`));
    await screenshot(page, "playground-3-kind");
  });

  const context4 = "The projector died in front of 140 students!!! Third time this term.";
  const plain = "Hi Dana,\n\nThe cable was loose; I replaced it.\n\nBest,\nSam\n";

  await t.step("a stressed client's message makes the empathy rule speak", async () => {
    await clearReply();
    await page.locator("#client").click();
    await page.keyboard.insertText(context4); // as a paste does
    await page.locator("#reply").click();
    await page.keyboard.type(plain);
    await settled();
    const got = await assertFindings(plain, { context: context4 });
    assert.deepEqual(got.map((f) => f.code), ["empathy/stress-unacknowledged"]);
    const [f] = lint(plain, { context: context4 }).findings;
    assert.equal(got[0].marked, plain.slice(f.start, f.end));
    await screenshot(page, "playground-4-stressed");
  });

  await t.step("the fragment brings back the text, the client's message, the format and the rules", async () => {
    await page.selectOption("#format", "markdown");
    await page.locator('input[data-category="courtesy"]').uncheck();
    await page.locator("details[data-category=condescension] summary").click();
    await page.locator('input[data-rule="condescension/rtfm"]').uncheck();
    await page.locator("#reply").press("ControlOrMeta+End");
    await page.keyboard.type("RTFM. Thanks!!!");
    await settled();
    const reply = await page.inputValue("#reply");
    const options = { format: "markdown", context: context4, ignore: ["courtesy", "condescension/rtfm"] };
    const got = await assertFindings(reply, options);
    assert.deepEqual(got.map((f) => f.code), ["empathy/stress-unacknowledged"]);
    // The fragment follows the text a moment after the last keystroke.
    await page.waitForFunction(
      (reply) => new URLSearchParams(location.hash.slice(1)).get("reply") === reply,
      reply,
    );
    const url = page.url();
    const hash = new URL(url).hash;
    const params = new URLSearchParams(hash.slice(1));
    assert.equal(params.get("reply"), reply);
    assert.equal(params.get("client"), context4);
    assert.equal(params.get("format"), "markdown");
    assert.deepEqual(params.get("ignore").split(",").sort(), ["condescension/rtfm", "courtesy"]);

    const again = await context.newPage();
    const seen2 = watch(again);
    await again.goto(url);
    await again.waitForFunction(() => window.__playground?.ready);
    await settled(again);
    assert.equal(await again.inputValue("#reply"), reply);
    assert.equal(await again.inputValue("#client"), context4);
    assert.equal(await again.inputValue("#format"), "markdown");
    assert.equal(await again.locator('input[data-category="courtesy"]').isChecked(), false);
    assert.equal(await again.locator('input[data-rule="condescension/rtfm"]').isChecked(), false);
    assert.deepEqual(await shownFindings(again), await shownFindings(page));
    await screenshot(again, "playground-5-restored");

    // And a reload of the same page.
    await page.reload();
    await page.waitForFunction(() => window.__playground?.ready);
    await settled();
    assert.equal(await page.inputValue("#reply"), reply);
    assert.deepEqual(await shownFindings(page), await shownFindings(again));

    // A new fragment in the same tab (a link followed, the address edited) replaces everything.
    await again.evaluate(() => (location.hash = `#reply=${encodeURIComponent("RTFM, Dana.")}`));
    await again.waitForFunction(() => document.querySelector("#reply").value === "RTFM, Dana.");
    await settled(again);
    assert.equal(await again.inputValue("#client"), "");
    assert.equal(await again.inputValue("#format"), "text");
    await assertFindings("RTFM, Dana.", {}, again);
    assert.equal(await again.locator('input[data-category="courtesy"]').isChecked(), true);
    assert.deepEqual(seen2.errors, []);
    for (const r of seen2.requests) assert.ok(r.startsWith(`${server.url}/`), r);
    await again.close();
  });

  await t.step("errors show in the page: a broken config, an unknown rule, a module that cannot load", async () => {
    await page.locator(".config summary").click();
    await page.locator("#config").fill("colour = true\n");
    const alert = page.getByRole("alert");
    await alert.waitFor({ state: "visible" });
    assert.match(await alert.textContent(), /tonelint\.toml:1:1: unknown field `colour`/);
    assert.equal(await alert.locator("div").count(), 1, "the error is said once");
    await screenshot(page, "playground-6-error", { fullPage: true });
    await page.locator("#config").fill("");
    await alert.waitFor({ state: "hidden" });
    await settled();

    const bad = await context.newPage();
    const seen3 = watch(bad);
    await bad.goto(`${server.url}/#reply=RTFM.&ignore=no-such-rule`);
    const alert3 = bad.getByRole("alert");
    await alert3.waitFor({ state: "visible" });
    assert.match(await alert3.textContent(), /`no-such-rule` selects no rule/);
    assert.deepEqual(seen3.errors, []);
    await bad.close();

    // The module itself cannot load: the page says so.
    const broken = await context.newPage();
    await broken.route("**/tonelint_bg.wasm", (r) => r.fulfill({ status: 404, body: "not found" }));
    await broken.goto(`${server.url}/#reply=RTFM.`);
    const alert4 = broken.getByRole("alert");
    await alert4.waitFor({ state: "visible" });
    assert.match(await alert4.textContent(), /the linter could not be loaded: .*tonelint_bg\.wasm: 404/);
    await broken.close();
  });

  await t.step("a narrow window: one column, nothing wider than the window", async () => {
    await page.setViewportSize({ width: 420, height: 900 });
    await page.locator("#config").evaluate((c) => (c.closest("details").open = false));
    await clearReply();
    await page.locator("#reply").fill(rude);
    await settled();
    const layout = await page.evaluate(() => ({
      width: document.documentElement.scrollWidth,
      compose: document.querySelector(".compose").getBoundingClientRect(),
      side: document.querySelector(".side").getBoundingClientRect(),
    }));
    assert.ok(layout.width <= 420, `the page is ${layout.width}px wide`);
    assert.ok(layout.side.top >= layout.compose.bottom, "the results go under the reply");
    await assertAligned("narrow window");
    await screenshot(page, "playground-7-narrow");
    await screenshot(page, "playground-7-narrow-full", { fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  await t.step("the dark colour scheme", async () => {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.getByRole("button", { name: "A rude draft" }).click();
    await settled();
    await page.locator("#findings button").nth(1).click();
    await page.locator("#detail").waitFor({ state: "visible" });
    await assertAligned("dark");
    await screenshot(page, "playground-8-dark");
    await page.emulateMedia({ colorScheme: "light" });
  });

  await t.step("no console error, and no request but the page's own files", async () => {
    assert.deepEqual([...seen.errors, ...failed], []);
    assert.ok(seen.requests.length > 0);
    for (const r of seen.requests) assert.ok(r.startsWith(`${server.url}/`), `a request to ${r}`);
    // The text is in the fragment, which is never part of a request.
    for (const r of seen.requests) assert.ok(!r.includes("#") && !r.includes("Glen"), r);
  });
} finally {
  await browser.close();
  await server.close();
}

process.exit(t.done());
