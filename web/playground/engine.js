// The linter as the page sees it: `call(type, payload)` → Promise<{ result, ms }>, answered by the
// module worker (worker.js), or, in a browser that cannot start a module worker, by the package
// loaded on the main thread (the page still works; typing may be less smooth on long texts).
//
// Errors reject with an Error whose message is the engine's (a broken config names its line).

/** Starts the engine; `ready` resolves to `{ ms, version, where }` once the module is loaded. */
export function createEngine() {
  let next = 1;
  const pending = new Map();
  let inline = null;
  let settle;
  const ready = new Promise((resolve, reject) => (settle = { resolve, reject }));

  let worker = null;
  try {
    worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  } catch {
    worker = null;
  }

  async function fallback(why) {
    if (inline) return;
    worker?.terminate();
    worker = null;
    try {
      const started = performance.now();
      const pkg = await import("./pkg/tonelint.js");
      await pkg.default();
      inline = pkg;
      settle.resolve({ ms: performance.now() - started, version: pkg.version(), where: "main thread" });
      for (const [id, p] of pending) {
        pending.delete(id);
        run(p);
      }
    } catch (e) {
      settle.reject(new Error(`${why}; on the main thread: ${e?.message ?? e}`));
    }
  }

  function run({ type, payload, resolve, reject }) {
    const t0 = performance.now();
    try {
      const f = {
        lint: () => inline.lint(payload.text, payload.options),
        applyFixes: () => inline.applyFixes(payload.text, payload.options),
        rules: () => inline.rules(payload.options),
        explain: () => inline.explain(payload.code, payload.options),
      }[type];
      const result = f();
      resolve({ result, ms: performance.now() - t0 });
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  }

  if (worker) {
    let started = false;
    worker.onmessage = ({ data }) => {
      if (data.type === "ready") {
        started = true;
        settle.resolve({ ms: data.ms, version: data.version, where: "worker" });
        return;
      }
      if (data.type === "failed") {
        settle.reject(new Error(data.error));
        return;
      }
      const p = pending.get(data.id);
      if (!p) return;
      pending.delete(data.id);
      if (data.ok) p.resolve({ result: data.result, ms: data.ms });
      else p.reject(new Error(data.error));
    };
    // A worker that cannot start (no module workers here, or its script failed): the main thread.
    worker.onerror = (e) => {
      e.preventDefault?.();
      if (!started) fallback(`the worker could not start (${e.message || "no module workers"})`);
    };
  } else {
    fallback("no module workers in this browser");
  }

  return {
    ready,
    /** Sends one request; resolves to `{ result, ms }` (ms: inside the engine). */
    call(type, payload = {}) {
      return new Promise((resolve, reject) => {
        const id = next++;
        const p = { type, payload, resolve, reject };
        if (inline) run(p);
        else if (worker) {
          pending.set(id, p);
          worker.postMessage({ id, type, ...payload });
        } else pending.set(id, p);
      });
    },
  };
}
