// tonelint in the browser: the engine compiled to WebAssembly, nothing sent anywhere.
//
//   import init, { lint, applyFixes, rules, explain } from "./tonelint.js";
//   await init();                       // loads tonelint_bg.wasm beside this file
//   const { findings, scorecard } = lint("Hi Sam,\n\nRTFM.\n", { format: "text" });
//
// Every function but `init` is synchronous once the module is initialised. Bad input (a broken
// `config`, an unknown format) throws an Error whose message names the line and column. A bug in
// the engine (a panic, which traps in WebAssembly) throws an Error with the panic's message, and
// the module is instantiated afresh, so the next call works.
import * as glue from "./tonelint_glue.js";

let compiled = null;

/** Compiles `input` (a URL, a path, a Response, bytes or a compiled module) to a module. */
async function compile(input) {
  if (input instanceof WebAssembly.Module) return input;
  if (typeof input === "string" || input instanceof URL) input = fetch(input);
  input = await input;
  if (typeof Response === "function" && input instanceof Response) {
    if (!input.ok) throw new Error(`tonelint: cannot load ${input.url}: ${input.status} ${input.statusText}`);
    if (typeof WebAssembly.compileStreaming === "function") {
      try {
        return await WebAssembly.compileStreaming(input.clone());
      } catch {
        // Served without `application/wasm`: compile the bytes instead.
      }
    }
    return WebAssembly.compile(await input.arrayBuffer());
  }
  return WebAssembly.compile(input);
}

/**
 * Initialises the module: loads `tonelint_bg.wasm` beside this file, or `input` (a URL, a
 * Response, the bytes, or a compiled `WebAssembly.Module`). Resolves once; later calls do nothing.
 */
export default async function init(input) {
  if (compiled) return;
  const module = await compile(input ?? new URL("tonelint_bg.wasm", import.meta.url));
  glue.initSync({ module });
  compiled = module;
}

/** Calls into the module; turns a trap into an Error and gives the next call a fresh instance. */
function call(f) {
  if (!compiled) throw new Error("tonelint: the module is not initialised (await init() first)");
  try {
    return f();
  } catch (e) {
    if (!(e instanceof WebAssembly.RuntimeError)) throw e;
    let message = "";
    try {
      message = glue.lastPanic();
    } catch {
      // The old instance cannot say; the trap's own message will do.
    }
    glue.__tonelintReset(compiled);
    throw new Error(message || `tonelint: internal error: ${e.message}`);
  }
}

const json = (options) => JSON.stringify(options ?? {});

/**
 * Lints `text`: `{ findings, scorecard, scorecards }`.
 * @param {string} text
 * @param {import("./tonelint").Options} [options]
 */
export function lint(text, options) {
  return JSON.parse(call(() => glue.lintJson(text, json(options))));
}

/**
 * Applies the fixes: the safe ones, and the rewrites to review too with `{ unsafe: true }`.
 * Gives `{ text, fixed, findings }`: the new text, the codes of the findings fixed, and what is
 * left.
 */
export function applyFixes(text, options) {
  return JSON.parse(call(() => glue.applyFixesJson(text, json(options))));
}

/** Every rule the configuration can enable: `[{ id, code, category, severity, enabled, … }]`. */
export function rules(options) {
  return JSON.parse(call(() => glue.rulesJson(json(options))));
}

/** What a rule flags and why, as Markdown (`tonelint explain`); null for no such rule. */
export function explain(id, options) {
  return JSON.parse(call(() => glue.explainJson(id, json(options))));
}

/** The engine's version. */
export function version() {
  return call(() => glue.version());
}

/** For the package's own tests: a panic inside the engine. */
export function __panicForTests() {
  return call(() => glue.__panicForTests());
}
