// The WebAssembly package in Node: its API, its errors, its panic recovery, and the same findings
// as the native command line on every draft in examples/drafts/ and every fixture in
// tests/fixtures/ (codes, byte offsets, messages), and the same text after --fix --unsafe-fixes.
//
//   node web/test/package.mjs [path/to/tonelint]      (after web/build.sh; default target/debug)
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, statSync, mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { join, extname, dirname } from "node:path";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const pkg = join(root, "web", "dist", "pkg");
const tonelint = process.argv[2] ?? join(root, "target", "debug", "tonelint");
const { default: init, lint, applyFixes, rules, explain, version, __panicForTests } = await import(
  join(pkg, "tonelint.js")
);

let failures = 0;
function test(name, f) {
  try {
    f();
    console.log(`ok   ${name}`);
  } catch (e) {
    failures += 1;
    console.log(`FAIL ${name}\n${e.stack ?? e}`);
  }
}

assert.throws(() => lint("x"), /not initialised/);
const started = performance.now();
await init(readFileSync(join(pkg, "tonelint_bg.wasm")));
console.log(`init: ${(performance.now() - started).toFixed(1)} ms`);

test("lint gives findings with offsets in UTF-16 units and bytes", () => {
  const text = "Hi 😀 Sam,\n\nRTFM. It's in the manual.\n";
  const { findings, scorecard } = lint(text);
  const rtfm = findings.find((f) => f.code === "condescension/rtfm");
  assert.ok(rtfm, JSON.stringify(findings));
  assert.equal(text.slice(rtfm.start, rtfm.end), "RTFM");
  assert.equal(Buffer.from(text).subarray(rtfm.byteStart, rtfm.byteEnd).toString(), "RTFM");
  assert.equal(rtfm.severity, "error");
  assert.ok(scorecard.warmth < 50, JSON.stringify(scorecard));
  const review = rtfm.suggestions.find((s) => s.applicability === "review");
  assert.ok(review.sentence, JSON.stringify(rtfm.suggestions));
});

test("the client's message is context", () => {
  const reply = "Hi Dana,\n\nThe cable was loose; I replaced it.\n\nBest,\nSam\n";
  assert.deepEqual(lint(reply).findings, []);
  const { findings } = lint(reply, { context: "It died in front of 140 students!!! Third time." });
  assert.deepEqual(findings.map((f) => f.code), ["empathy/stress-unacknowledged"]);
});

test("applyFixes: safe by default, the rewrites with unsafe", () => {
  assert.equal(applyFixes("Thanks!!! It ships Friday.").text, "Thanks! It ships Friday.");
  const text = "Hi Sam,\n\nAs I already explained, the export runs nightly.\n";
  assert.equal(applyFixes(text).text, text);
  const fixed = applyFixes(text, { unsafe: true });
  assert.equal(fixed.text, "Hi Sam,\n\nTo recap, the export runs nightly.\n");
  assert.deepEqual(fixed.fixed, ["condescension/as-i-already-said"]);
  assert.deepEqual(fixed.findings, []);
});

test("rules, explain, version, options and a team's own rules", () => {
  const all = rules({ ignore: ["rtfm"] });
  assert.equal(all.find((r) => r.id === "rtfm").enabled, false);
  assert.ok(all.length > 100);
  assert.match(explain("condescension/rtfm"), /## Why is this bad\?/);
  assert.equal(explain("no-such-rule"), null);
  assert.match(version(), /^\d+\.\d+\.\d+$/);
  const config = `[pack]\nname = "team"\n\n[[rule]]\nid = "escalate-upstairs"\nkind = "phrase"\nphrases = ["escalate this upstairs"]\nmessage = "“{match}” may read as a threat"\nsummary = "Flags escalating upstairs."\nwhy = "It reads as a threat."\n\n[[rule.example]]\nbad = "I will escalate this upstairs."\n`;
  const { findings } = lint("I will escalate this upstairs.", { config });
  assert.deepEqual(findings.map((f) => f.code), ["team/escalate-upstairs"]);
  assert.deepEqual(lint("RTFM.", { select: ["blame"] }).findings, []);
});

test("bad input is an error to catch, with the line and column", () => {
  assert.throws(() => lint("x", { config: 'ignore = ["rtfm"]\ncolour = true\n' }), {
    message: /^tonelint\.toml:2:1: unknown field `colour`/,
  });
  assert.throws(() => lint("x", { format: "docx" }), /unknown format `docx`/);
  assert.throws(() => lint("x", { colour: 1 }), /options: unknown field `colour`/);
  // And the module still works.
  assert.equal(lint("RTFM.").findings[0].code, "condescension/rtfm");
});

test("a panic is a thrown error, and the next call works", () => {
  assert.throws(() => __panicForTests(), (e) => {
    assert.ok(e instanceof Error && !(e instanceof WebAssembly.RuntimeError), String(e));
    assert.match(e.message, /internal error: [\s\S]*a test asked for a panic/);
    return true;
  });
  assert.equal(lint("RTFM.").findings[0].code, "condescension/rtfm");
  assert.throws(() => __panicForTests(), /a test asked for a panic/);
  assert.equal(lint("RTFM.").findings[0].code, "condescension/rtfm");
});

// The same findings as `tonelint check --format json` on every draft and fixture.
const formatOf = { ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".eml": "email", ".json": "json", ".mbox": "email", ".patch": "email" };
function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}
const inputs = [...files(join(root, "examples", "drafts")), ...files(join(root, "tests", "fixtures"))]
  .filter((p) => [".txt", ".md", ".html", ".eml", ".json", ".mbox"].includes(extname(p)))
  .sort();
let compared = 0;
let skipped = [];
for (const path of inputs) {
  const bytes = readFileSync(path);
  const text = bytes.toString("utf8");
  if (!Buffer.from(text).equals(bytes)) {
    skipped.push(`${path} (not UTF-8: a JS string cannot hold its bytes)`);
    continue;
  }
  let format = formatOf[extname(path)] ?? "text";
  if (format === "text" && /^(From|Subject|Date|To|Message-ID|MIME-Version|Received|Return-Path|X-[\w-]+):/im.test(text.split("\n\n")[0]) && /^[\w-]+: /.test(text)) {
    format = "email";
  }
  test(`same findings as the command line: ${path.slice(root.length + 1)}`, () => {
    const out = execFileSync(tonelint, ["check", "--isolated", "--exit-zero", "--format", "json", path], { encoding: "utf8" });
    const native = JSON.parse(out).findings.map((f) => [f.code, f.start, f.end, f.message]);
    let wasm;
    try {
      wasm = lint(text, { format }).findings.map((f) => [f.code, f.byteStart, f.byteEnd, f.message]);
    } catch (e) {
      // A file the command line reports as an error (invalid JSON) is an error here too.
      assert.ok(JSON.parse(out).errors.length > 0, `${e.message}\n${out}`);
      return;
    }
    assert.deepEqual(wasm, native);
  });
  compared += 1;
}

test("--fix --unsafe-fixes gives the same text in the browser", () => {
  const work = mkdtempSync(join(tmpdir(), "tonelint-web-"));
  try {
    for (const path of files(join(root, "examples", "drafts", "rude"))) {
      const text = readFileSync(path, "utf8");
      const copy = join(work, "draft.txt");
      writeFileSync(copy, text);
      try {
        execFileSync(tonelint, ["check", "--isolated", "--fix", "--unsafe-fixes", "--format", "concise", copy], { stdio: "ignore" });
      } catch {
        // Exit 1: findings left (none should be), still fixed.
      }
      assert.equal(applyFixes(text, { unsafe: true }).text, readFileSync(copy, "utf8"), path);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

console.log(`compared ${compared} files with the command line${skipped.length ? `; skipped ${skipped.length}: ${skipped.join(", ")}` : ""}`);
if (failures) {
  console.log(`${failures} failed`);
  process.exit(1);
}
console.log("all passed");
