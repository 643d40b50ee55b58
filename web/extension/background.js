// tonelint's service worker: the engine runs here, off the page's main thread. Content scripts send
// it the text of a compose box (and the customer's message, as context) and get the findings back;
// nothing leaves the browser (the extension's pages may only fetch the extension's own files:
// `connect-src 'self'` in the manifest).
//
// Messages (chrome.runtime.sendMessage; every reply is an object, `{ error }` on failure):
//   { type: "setup", url }            → { enabled, failOn, profile }
//   { type: "lint", text, context }   → { findings, warmth, ms }
//   { type: "ignore-rule", code }     → { ignore }
import init, { lint, explain } from "./pkg/tonelint.js";
import {
  loadSettings,
  saveSettings,
  builtinProfiles,
  customProfiles,
  profileFor,
  siteEnabled,
  lintOptions,
  whySection,
} from "./settings.js";

/** The engine, initialised once per worker; a first lint compiles the regexes most drafts need. */
let engine = null;
function engineReady() {
  if (!engine) {
    engine = init().then(() => {
      try {
        lint("Hi Sam,\n\nRTFM. As I already explained, it works fine on our end.\n\nThanks,\nAl\n");
      } catch {
        // A warm-up only.
      }
    });
    engine.catch(() => (engine = null));
  }
  return engine;
}
engineReady();

let settings = null;
let builtins = null;
const whys = new Map();

function currentSettings() {
  if (!settings) {
    settings = loadSettings();
    settings.catch(() => (settings = null));
  }
  return settings;
}

chrome.storage.onChanged.addListener((_changes, area) => {
  if (area !== "sync") return;
  settings = null;
  whys.clear();
});

/** What a content script needs of a finding (the page never sees any of it). */
function slim(finding, options) {
  const seen = new Set();
  const suggestions = [];
  for (const s of finding.suggestions) {
    const key = JSON.stringify([s.applicability, s.edits.map((e) => [e.start, e.end, e.replacement]), s.title]);
    if (seen.has(key)) continue;
    seen.add(key);
    suggestions.push({
      applicability: s.applicability,
      title: s.title,
      edits: s.edits.map((e) => ({ start: e.start, end: e.end, replacement: e.replacement })),
      sentence: s.sentence,
    });
  }
  let why = whys.get(finding.code);
  if (why === undefined) {
    try {
      why = whySection(explain(finding.code, options));
    } catch {
      why = "";
    }
    whys.set(finding.code, why);
  }
  return {
    code: finding.code,
    severity: finding.severity,
    confidence: finding.confidence,
    message: finding.message,
    start: finding.start,
    end: finding.end,
    line: finding.line,
    column: finding.column,
    note: finding.note,
    suggestions,
    why,
  };
}

async function handle(message) {
  switch (message?.type) {
    case "setup": {
      const s = await currentSettings();
      builtins ??= await builtinProfiles();
      const url = new URL(message.url);
      const profile = profileFor(url, builtins, customProfiles(s));
      return { enabled: siteEnabled(s, url, profile), failOn: s.failOn, profile };
    }
    case "lint": {
      const [, s] = await Promise.all([engineReady(), currentSettings()]);
      const options = lintOptions(s);
      const started = performance.now();
      const text = String(message.text);
      const run = () =>
        lint(text, { ...options, format: "text", ...(message.context ? { context: String(message.context) } : {}) });
      let result;
      for (let tries = 0; ; tries++) {
        try {
          result = run();
          break;
        } catch (e) {
          // A selector that selects nothing (a rule turned off from the popup, then removed from
          // the team's pack) should not stop every check: drop it and lint again.
          const gone = /^command line: `([^`]+)` selects no rule/.exec(e.message);
          if (!gone || tries > 8) throw e;
          for (const k of ["select", "ignore"]) {
            if (options[k]) options[k] = options[k].filter((x) => x !== gone[1]);
            if (options[k]?.length === 0) delete options[k];
          }
        }
      }
      return {
        findings: result.findings.map((f) => slim(f, options)),
        warmth: result.scorecard?.warmth ?? null,
        ms: performance.now() - started,
      };
    }
    case "ignore-rule": {
      const s = await currentSettings();
      const ignore = [...new Set([...s.ignore, String(message.code)])];
      await saveSettings({ ignore });
      return { ignore };
    }
    default:
      throw new Error(`tonelint: unknown message ${JSON.stringify(message?.type)}`);
  }
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  // Only the extension's own content scripts and pages talk to it.
  if (sender.id !== chrome.runtime.id) return false;
  handle(message).then(sendResponse, (e) => sendResponse({ error: String(e?.message ?? e) }));
  return true;
});
