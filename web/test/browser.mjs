// What the browser tests share: Debian's Chromium driven by playwright-core (never a downloaded
// browser), a static file server on 127.0.0.1, a record of every request and console error, and
// screenshots saved as test artifacts in web/dist/test-artifacts/.
import { createServer } from "node:http";
import { readFile, mkdir } from "node:fs/promises";
import { extname, join, normalize, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const dist = join(root, "web", "dist");
export const artifacts = join(dist, "test-artifacts");

/** The Chromium to drive: $CHROMIUM, else Debian's. */
export const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";

/**
 * Flags for a quiet, closed-network machine: no background networking, no component updates, no
 * first-run, no GPU; `--no-sandbox` when running as root (CI containers).
 */
export const args = [
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-default-apps",
  "--no-default-browser-check",
  ...(process.getuid?.() === 0 ? ["--no-sandbox"] : []),
];

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".txt": "text/plain; charset=utf-8",
};

/** Serves `dir` on 127.0.0.1 at a free port; resolves to `{ url, close }`. */
export function serve(dir) {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
    const file = join(dir, path.endsWith("/") ? join(path, "index.html") : path);
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

/** Launches Chromium headless; `launch` options are passed through. */
export function launch(options = {}) {
  return chromium.launch({ executablePath, headless: true, args, ...options });
}

/**
 * Watches a page: every request (URL) and every console error or page error, for the test to
 * check at the end.
 */
export function watch(page) {
  const seen = { requests: [], errors: [] };
  page.on("request", (r) => seen.requests.push(r.url()));
  page.on("console", (m) => {
    if (m.type() === "error") seen.errors.push(m.text());
  });
  page.on("pageerror", (e) => seen.errors.push(String(e)));
  return seen;
}

/** Saves a screenshot as an artifact; gives its path. */
export async function screenshot(page, name, options = {}) {
  await mkdir(artifacts, { recursive: true });
  const path = join(artifacts, `${name}.png`);
  await page.screenshot({ path, ...options });
  return path;
}

/** A tiny test runner: named steps, failures counted, a summary, the exit code. */
export function runner(title) {
  let failures = 0;
  return {
    async step(name, f) {
      try {
        await f();
        console.log(`ok   ${title}: ${name}`);
      } catch (e) {
        failures += 1;
        console.log(`FAIL ${title}: ${name}\n${e.stack ?? e}`);
      }
    },
    done() {
      console.log(failures ? `${title}: ${failures} failed` : `${title}: all passed`);
      return failures ? 1 : 0;
    },
  };
}
