// The playground's linter, off the main thread: a module worker that loads the WebAssembly package
// and answers one message at a time, so typing never waits for a lint.
//
//   → { id, type: "lint" | "applyFixes" | "rules" | "explain", text?, code?, options? }
//   ← { id, ok: true, result, ms }  or  { id, ok: false, error }
//   ← { type: "ready", ms, version }  once the module is initialised (ms: fetch + compile +
//     instantiate, measured here), or { type: "failed", error } if it cannot be.
//
// `ms` is the time the call took inside the worker (performance.now), for the benchmark.
import init, { lint, applyFixes, rules, explain, version } from "./pkg/tonelint.js";

const calls = {
  lint: (m) => lint(m.text, m.options),
  applyFixes: (m) => applyFixes(m.text, m.options),
  rules: (m) => rules(m.options),
  explain: (m) => explain(m.code, m.options),
};

const started = performance.now();
const ready = init().then(
  () => {
    postMessage({ type: "ready", ms: performance.now() - started, version: version() });
    return true;
  },
  (e) => {
    postMessage({ type: "failed", error: String(e?.message ?? e) });
    return false;
  },
);

self.onmessage = async ({ data: m }) => {
  if (!(await ready)) {
    postMessage({ id: m.id, ok: false, error: "the linter could not be loaded" });
    return;
  }
  const call = calls[m.type];
  if (!call) {
    postMessage({ id: m.id, ok: false, error: `unknown request ${m.type}` });
    return;
  }
  const t0 = performance.now();
  try {
    const result = call(m);
    postMessage({ id: m.id, ok: true, result, ms: performance.now() - t0 });
  } catch (e) {
    postMessage({ id: m.id, ok: false, error: String(e?.message ?? e) });
  }
};
