// `tonelint check --format html` in Chromium: the report of every example draft and a help-desk
// macro export, opened as a reviewer would; every finding is there, highlighted and listed, the
// summary is coldest first, nothing but the page itself is loaded, and it needs no script.
//
//   node web/test/report.mjs [path/to/tonelint]
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { root, serve, launch, watch, screenshot, runner } from "./browser.mjs";

const tonelint = process.argv[2] ?? process.env.TONELINT ?? join(root, "target", "debug", "tonelint");
const inputs = ["examples/drafts", "tests/fixtures/formats/zendesk-macros.json"];
const run = (format) => {
  try {
    return execFileSync(tonelint, ["check", "--isolated", "--format", format, ...inputs], { cwd: root, encoding: "utf8" });
  } catch (e) {
    return e.stdout; // exit 1: findings
  }
};
const expected = JSON.parse(run("json")).findings;
const work = mkdtempSync(join(tmpdir(), "tonelint-report-"));
writeFileSync(join(work, "report.html"), run("html"));

const t = runner("report");
const server = await serve(work);
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
  const seen = watch(page);
  await page.goto(`${server.url}/report.html`);

  await t.step("every finding is highlighted and listed with its message", async () => {
    const listed = await page.$$eval("ol.findings > li", (items) => items.map((li) => li.textContent));
    assert.equal(listed.length, expected.length);
    for (const f of expected) {
      assert.ok(listed.some((text) => text.includes(f.message) && text.includes(f.code)), `${f.code} ${f.message}`);
    }
    const refs = await page.$$eval("sup.ref", (s) => s.length);
    assert.equal(refs, expected.length);
    // The highlighted words are the findings' words.
    const marks = await page.$$eval("mark", (m) => m.map((e) => e.textContent));
    for (const word of ["RTFM", "user error", "calm down", "As I already explained"]) {
      assert.ok(marks.some((m) => m.toLowerCase().includes(word.toLowerCase())), `${word} in ${marks}`);
    }
    await screenshot(page, "report-top");
  });

  await t.step("the summary lists every reply, coldest first", async () => {
    const warmth = await page.$$eval("table tbody tr td.num b", (b) => b.map((e) => Number(e.textContent)));
    assert.ok(warmth.length >= 17, `${warmth.length} rows`);
    assert.deepEqual(warmth, [...warmth].sort((a, b) => a - b));
    assert.equal(warmth[0], 0);
    assert.ok(warmth.at(-1) > 50);
  });

  await t.step("a file's section: warmth, text and rewrites side by side", async () => {
    await page.locator("#file-9").scrollIntoViewIfNeeded();
    await page.evaluate(() => document.querySelector("#file-9").scrollIntoView());
    await screenshot(page, "report-file");
    const rewrite = await page.$eval("#file-9 .rewrite", (p) => p.textContent);
    assert.match(rewrite, /→/);
  });

  await t.step("a narrow window: one column", async () => {
    await page.setViewportSize({ width: 420, height: 900 });
    await page.evaluate(() => document.querySelector("#file-9").scrollIntoView());
    await screenshot(page, "report-narrow");
    const columns = await page.$eval("#file-9 .reply", (e) => getComputedStyle(e).gridTemplateColumns.split(" ").length);
    assert.equal(columns, 1);
  });

  await t.step("no script, no request but the page, no console error", async () => {
    assert.equal(await page.$$eval("script", (s) => s.length), 0);
    assert.deepEqual(seen.requests, [`${server.url}/report.html`]);
    assert.deepEqual(seen.errors, []);
  });
} finally {
  await browser.close();
  await server.close();
  rmSync(work, { recursive: true, force: true });
}
process.exit(t.done());
