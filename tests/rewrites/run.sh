#!/usr/bin/env bash
# The rewrites on whole drafts: copies every rude draft (examples/drafts/rude/) and seed fixture
# (tests/fixtures/seeds/) to a temporary directory, runs `tonelint check --fix --unsafe-fixes` on
# the copies, and prints per draft the findings before, the warnings left after and the sentences
# changed; with -v, each changed sentence before (-) and after (+). Nothing in the repository is
# changed. The snapshots tests/snapshots/rewrites@*.snap hold the same before/after as prose.
#
#   bash tests/rewrites/run.sh [-v]
#   TL=target/debug/tonelint TONELINT_RULES_DIR=rules bash tests/rewrites/run.sh -v   # no build;
#                                                   # the packs as they are in rules/ now
set -euo pipefail
cd "$(dirname "$0")/../.."
verbose=${1:-}
if [ -z "${TL:-}" ]; then
  cargo build -q
  TL=$PWD/target/debug/tonelint
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/rude" "$work/seeds"
cp examples/drafts/rude/*.txt "$work/rude/"
cp tests/fixtures/seeds/*.txt "$work/seeds/"
count() { # findings at or above a level, as json-lines
  "$TL" check --isolated --exit-zero --format json-lines --fail-on info "$@" | grep -c '"rule"' || true
}
printf '%-32s %8s %14s %10s\n' draft findings warnings-left sentences
total_left=0
for f in "$work"/rude/*.txt "$work"/seeds/*.txt; do
  name=${f#"$work"/}
  before=$(count "$f")
  cp "$f" "$f.orig"
  "$TL" check --isolated --fix --unsafe-fixes --format concise "$f" >/dev/null 2>&1 || true
  left=$("$TL" check --isolated --exit-zero --format json-lines "$f" | grep -c '"severity":"\(warning\|error\)"' || true)
  total_left=$((total_left + left))
  changed=$(python3 - "$f.orig" "$f" "$verbose" <<'PY'
import difflib, re, sys
def sentences(text):
    out = []
    for para in text.split("\n\n"):
        flat = " ".join(para.split())
        out += [s.strip() for s in re.split(r"(?<=[.!?])\s+", flat) if s.strip()]
    return out
old, new = (sentences(open(p).read()) for p in sys.argv[1:3])
diff = [l for l in difflib.ndiff(old, new) if l[:2] in ("- ", "+ ")]
print(sum(1 for l in diff if l.startswith("+ ")))
if sys.argv[3] == "-v":
    for l in diff:
        print("    " + l, file=sys.stderr)
PY
)
  printf '%-32s %8s %14s %10s\n' "$name" "$before" "$left" "$changed"
done
echo "warnings left in all: $total_left (target 0)"
