// Figures for the playground (not a test: it prints, it does not judge): in Chromium (headless),
//   - module start: import tonelint.js, fetch + compile + instantiate tonelint_bg.wasm, in a fresh
//     browser context each time (no cache), on the main thread of a bare page of the served
//     playground (its own origin, none of its scripts), and in the playground's worker;
//   - the first lint of a 2 KB reply (it compiles the regexes the text needs), and the median of
//     50 lints after it, of the same reply and of the reply growing a character at a time (typing);
//     measured with performance.now in the page (main thread) and in the worker (the engine's
//     own time, and the round trip the page waits for);
//   - the size of the .wasm, raw and gzipped.
// Targets: module start ≤ 300 ms, a 2 KB lint ≤ 10 ms (median after the first).
//
//   node web/test/bench.mjs [runs]        (after web/build.sh; runs of the cold start, default 5)
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { serve, launch, dist, root } from "./browser.mjs";

const runs = Number(process.argv[2] ?? 5);
const wasm = readFileSync(join(dist, "pkg", "tonelint_bg.wasm"));

/** A reply of about 2 KB: a greeting, the middle paragraphs of the rude drafts, a sign-off. */
function reply2k() {
  const dir = join(root, "examples", "drafts", "rude");
  const paragraphs = readdirSync(dir)
    .sort()
    .flatMap((f) => readFileSync(join(dir, f), "utf8").trim().split(/\n\s*\n/).slice(1, -1))
    .filter((p) => !p.startsWith("-- ") && !/^(Regards|Best|Cheers|Thanks|Sincerely)\b/.test(p));
  const head = "Hi Dana,\n\n";
  const tail = "\n\nBest,\nSam\n";
  let body = "";
  for (const p of paragraphs) {
    const next = body ? `${body}\n\n${p}` : p;
    if (Buffer.byteLength(head + next + tail) > 2048) break;
    body = next;
  }
  // To 2048 bytes exactly, with plain words.
  const pad = "The nightly export runs at two and lands in the shared folder. ".repeat(40);
  body += `\n\n${pad.slice(0, 2048 - Buffer.byteLength(head + body + tail) - 2)}`;
  return head + body + tail;
}

const text = reply2k();
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x) => `${x.toFixed(1)} ms`;

const server = await serve(join(dist, "playground"));
const browser = await launch();

/** In a fresh context: the package on the main thread of a bare page. */
async function mainThread() {
  const context = await browser.newContext();
  const page = await context.newPage();
  // A page of the playground's origin that runs none of its scripts.
  await page.goto(`${server.url}/pkg/package.json`);
  const r = await page.evaluate(async (text) => {
    const t0 = performance.now();
    const pkg = await import("/pkg/tonelint.js");
    await pkg.default();
    const start = performance.now() - t0;
    let t = performance.now();
    const n = pkg.lint(text).findings.length;
    const first = performance.now() - t;
    const same = [];
    for (let i = 0; i < 50; i++) {
      t = performance.now();
      pkg.lint(text);
      same.push(performance.now() - t);
    }
    const typing = [];
    for (let i = 0; i < 50; i++) {
      const typed = `${text.slice(0, -8)}${"thanks again ".slice(0, (i % 12) + 1)}${text.slice(-8)}`;
      t = performance.now();
      pkg.lint(typed);
      typing.push(performance.now() - t);
    }
    return { start, first, same, typing, findings: n };
  }, text);
  await context.close();
  return r;
}

/** In a fresh context: the playground itself, the engine in its worker. */
async function worker() {
  const context = await browser.newContext();
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(`${server.url}/`);
  await page.waitForFunction(() => window.__playground?.ready, null, { timeout: 30000 });
  const pageReady = Date.now() - t0;
  const r = await page.evaluate(async (text) => {
    const { engine, ready } = window.__playground;
    // The playground warms the engine up behind its first lint (see playground.js).
    const warm = await window.__playground.warm;
    const call = async (t) => {
      const t0 = performance.now();
      const { ms, result } = await engine.call("lint", { text: t, options: { format: "text" } });
      return { inside: ms, roundTrip: performance.now() - t0, findings: result.findings.length };
    };
    const first = await call(text);
    const same = [];
    for (let i = 0; i < 50; i++) same.push(await call(text));

    // Typing into the page: what a keystroke costs the main thread (the input handler: the last
    // findings shifted onto the new text, the layer and the lists drawn again), and how long until
    // the underlines are the engine's for the new text.
    const reply = document.querySelector("#reply");
    const idle = async () => {
      while (!window.__playground.idle()) await new Promise((r) => setTimeout(r, 2));
    };
    reply.value = text;
    reply.dispatchEvent(new Event("input"));
    await idle();
    const keystroke = [];
    const fresh = [];
    for (let i = 0; i < 50; i++) {
      const at = text.length - 20;
      reply.value = `${reply.value.slice(0, at)}${"thanks "[i % 7]}${reply.value.slice(at)}`;
      const t0 = performance.now();
      reply.dispatchEvent(new Event("input"));
      keystroke.push(performance.now() - t0);
      await idle();
      // When the page drew the engine's findings for this text (not when this loop noticed).
      fresh.push(window.__playground.stats.shownAt - t0);
    }
    return { start: ready.ms, where: ready.where, warm, first, same, keystroke, fresh };
  }, text);
  await context.close();
  return { ...r, pageReady };
}

try {
  const main = [];
  const work = [];
  for (let i = 0; i < runs; i++) {
    main.push(await mainThread());
    work.push(await worker());
  }
  const m = main[main.length - 1];
  const w = work[work.length - 1];
  console.log(`tonelint in Chromium ${browser.version()} (headless), ${runs} cold starts`);
  console.log(`wasm: ${wasm.length} bytes raw, ${gzipSync(wasm, { level: 9 }).length} bytes gzip -9`);
  console.log(`reply: ${Buffer.byteLength(text)} bytes (${text.length} UTF-16 units), ${m.findings} findings`);
  console.log("");
  console.log("main thread (a bare page importing ./pkg/tonelint.js):");
  console.log(
    `  module start (import + fetch + compile + instantiate): median ${ms(median(main.map((r) => r.start)))}` +
      ` (runs: ${main.map((r) => r.start.toFixed(0)).join(", ")})   target ≤ 300 ms`,
  );
  console.log(
    `  first lint of the 2 KB reply: median ${ms(median(main.map((r) => r.first)))}` +
      ` (runs: ${main.map((r) => r.first.toFixed(1)).join(", ")})`,
  );
  console.log(
    `  lint after the first, median of 50: ${ms(median(m.same))} (min ${ms(Math.min(...m.same))}, max ${ms(Math.max(...m.same))})   target ≤ 10 ms`,
  );
  console.log(`  as you type (the reply a character longer each time), median of 50: ${ms(median(m.typing))}`);
  console.log("");
  console.log(`the playground's ${w.where}:`);
  console.log(
    `  module start, in the worker: median ${ms(median(work.map((r) => r.start)))}` +
      ` (runs: ${work.map((r) => r.start.toFixed(0)).join(", ")}); page load to ready: median ${median(work.map((r) => r.pageReady))} ms`,
  );
  console.log(
    `  warm-up the page runs once the module is loaded (the three examples): median ${ms(median(work.map((r) => r.warm)))}`,
  );
  console.log(
    `  first lint of the 2 KB reply after it: ${ms(median(work.map((r) => r.first.inside)))} in the worker, ${ms(median(work.map((r) => r.first.roundTrip)))} round trip (medians of the runs)`,
  );
  console.log(
    `  lint after the first, median of 50: ${ms(median(w.same.map((r) => r.inside)))} in the worker, ${ms(median(w.same.map((r) => r.roundTrip)))} round trip`,
  );
  console.log(
    `  typing: a keystroke's input handler on the main thread, median of 50: ${ms(median(w.keystroke))} (max ${ms(Math.max(...w.keystroke))});` +
      ` keystroke to the engine's underlines drawn: median ${ms(median(w.fresh))}`,
  );
} finally {
  await browser.close();
  await server.close();
}
