#!/usr/bin/env bash
# Builds tonelint for the browser into web/dist/:
#   pkg/         the WebAssembly package: tonelint.js (the API; its default export initialises the
#                module), tonelint_bg.wasm, tonelint_glue.js (wasm-bindgen's glue), tonelint.d.ts,
#                package.json
#   playground/  the playground page, static files only, the package inside it
#   extension/   the browser extension, unpacked (Manifest V3), the package inside it
#   tonelint-extension.zip
#
# Needs the wasm32-unknown-unknown target (added with rustup when missing) and wasm-bindgen-cli at
# exactly the version of the wasm-bindgen crate in Cargo.lock (installed with cargo when missing).
#
#   bash web/build.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
dist=$root/web/dist

rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown \
  || rustup target add wasm32-unknown-unknown

# wasm-bindgen-cli must be the version of the crate the module was built with.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$want" ]; then
  echo "build: installing wasm-bindgen-cli $want (found: ${have:-none})"
  cargo install wasm-bindgen-cli --version "$want"
fi

echo "build: the module (cargo build --profile wasm -p tonelint-wasm)"
cargo build --locked -q --profile wasm -p tonelint-wasm --target wasm32-unknown-unknown
wasm=${CARGO_TARGET_DIR:-$root/target}/wasm32-unknown-unknown/wasm/tonelint_wasm.wasm

rm -rf "$dist"
mkdir -p "$dist/pkg"
wasm-bindgen --target web --out-dir "$dist/pkg" --out-name tonelint_glue "$wasm"
mv "$dist/pkg/tonelint_glue_bg.wasm" "$dist/pkg/tonelint_bg.wasm"
rm -f "$dist/pkg/tonelint_glue_bg.wasm.d.ts"
# A fresh instance after a panic (a panic traps, and the instance it trapped in is not to be
# trusted): tonelint.js calls this with the module it compiled.
cat >> "$dist/pkg/tonelint_glue.js" <<'JS'

/** Drops the current instance and instantiates `module` afresh (tonelint.js, after a trap). */
export function __tonelintReset(module) {
    wasm = undefined;
    __wbg_init_promise = undefined;
    return initSync({ module });
}
JS
cp web/js/tonelint.js web/js/tonelint.d.ts "$dist/pkg/"
version=$(awk -F'"' '/^version = / { print $2; exit }' crates/tonelint-wasm/Cargo.toml)
cat > "$dist/pkg/package.json" <<JSON
{
  "name": "tonelint",
  "version": "$version",
  "description": "A reply-tone linter for support replies, compiled to WebAssembly: nothing leaves the page",
  "license": "MIT OR Apache-2.0",
  "type": "module",
  "main": "tonelint.js",
  "module": "tonelint.js",
  "types": "tonelint.d.ts",
  "files": ["tonelint.js", "tonelint.d.ts", "tonelint_glue.js", "tonelint_glue.d.ts", "tonelint_bg.wasm"],
  "sideEffects": false
}
JSON

echo "build: the playground"
mkdir -p "$dist/playground"
cp -r web/playground/. "$dist/playground/"
cp -r "$dist/pkg" "$dist/playground/pkg"

if [ -d web/extension ] && [ -f web/extension/manifest.json ]; then
  echo "build: the extension"
  mkdir -p "$dist/extension"
  cp -r web/extension/. "$dist/extension/"
  rm -f "$dist/extension/README.md"
  cp -r "$dist/pkg" "$dist/extension/pkg"
  (cd "$dist/extension" && rm -f ../tonelint-extension.zip && python3 -c '
import os, zipfile
with zipfile.ZipFile("../tonelint-extension.zip", "w", zipfile.ZIP_DEFLATED) as z:
    for d, _, files in sorted(os.walk(".")):
        for f in sorted(files):
            p = os.path.join(d, f)
            z.write(p, os.path.relpath(p, "."))
')
fi

size=$(wc -c < "$dist/pkg/tonelint_bg.wasm")
gz=$(gzip -9 -c "$dist/pkg/tonelint_bg.wasm" | wc -c)
echo "build: web/dist/pkg/tonelint_bg.wasm: $size bytes, $gz gzipped"
