#!/usr/bin/env bash
# Tests tonelint in the browser (after web/build.sh): the package in Node, then the playground,
# the HTML report and the extension in Debian's Chromium, headless, driven by playwright-core
# (installed here from npm; it never downloads a browser). Screenshots of every step are saved in
# web/dist/test-artifacts/: look at them.
#
#   bash web/test.sh                  # CHROMIUM=/path/to/chromium to use another build
set -euo pipefail
cd "$(dirname "$0")"
[ -f dist/pkg/tonelint_bg.wasm ] || { echo "test: run web/build.sh first" >&2; exit 2; }
[ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund --loglevel=error
command -v "${CHROMIUM:-/usr/bin/chromium}" >/dev/null || {
  echo "test: Chromium is needed (Debian: apt-get install chromium)" >&2
  exit 2
}
# The command line the tests compare with and make reports with.
export TONELINT=${TONELINT:-${CARGO_TARGET_DIR:-$(cd .. && pwd)/target}/debug/tonelint}
[ -x "$TONELINT" ] || (cd .. && cargo build -q)

status=0
for t in test/package.mjs test/playground.mjs test/report.mjs test/extension.mjs; do
  [ -f "$t" ] || continue
  echo "== $t"
  node "$t" "$TONELINT" || status=1
done
exit $status
