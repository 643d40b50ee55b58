#!/usr/bin/env bash
# Whole-process benchmarks: tonelint beside grep and ripgrep on the same files and the same
# literal phrases (every literal of the built-in rules' automaton), in one run, so the figures
# are comparable on whatever machine runs it. Needs hyperfine, ripgrep and GNU time.
#
#   bash tests/bench/bench.sh                 # uses ../shared/corpus/enron-emails.jsonl if present
#   CORPUS=emails.jsonl bash tests/bench/bench.sh
#
# Prints medians in milliseconds, throughput, peak RSS, and the ratios the performance targets
# are stated in. Nothing here is a pass/fail test: timings belong in benchmarks, not in tests.
set -euo pipefail
cd "$(dirname "$0")/../.."

CORPUS=${CORPUS:-../shared/corpus/enron-emails.jsonl}
OUT=target/bench
RUNS=${RUNS:-30}
mkdir -p "$OUT"
for tool in hyperfine rg grep python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is needed" >&2; exit 2; }
done

cargo build --release -q
TL=$PWD/target/release/tonelint

# The literals, plain (for rg -F) and escaped (for grep -E).
"$TL" rules --literals --isolated > "$OUT/phrases.txt"
python3 - "$OUT/phrases.txt" "$OUT/phrases-ere.txt" <<'PY'
import re, sys
with open(sys.argv[1]) as f, open(sys.argv[2], "w") as g:
    for line in f:
        line = line.rstrip("\n")
        if line:
            g.write(re.sub(r'([\\.^$|?*+()\[\]{}])', r'\\\1', line) + "\n")
PY

# Inputs: one 2 KB draft, the corpus as one file per email, the corpus ten times over, and a
# pack of ten times the rules (generated phrase rules).
python3 - "$CORPUS" "$OUT" <<'PY'
import json, os, random, sys
corpus, out = sys.argv[1], sys.argv[2]
texts = []
if os.path.exists(corpus):
    with open(corpus) as f:
        texts = [json.loads(l)["text"] for l in f if l.strip()]
else:
    random.seed(1)
    words = "the invoice router modem line account export ticket reply thanks please we you it is was will can".split()
    texts = [" ".join(random.choice(words) for _ in range(120)) + "." for _ in range(5000)]
draft = ""
i = 0
while len(draft.encode()) < 2048:
    draft += texts[i % len(texts)] + "\n\n"
    i += 1
open(os.path.join(out, "draft2k.txt"), "w").write(draft.encode()[:2048].decode(errors="ignore"))
for name, repeat in (("corpus", 1), ("corpus10", 10)):
    d = os.path.join(out, name)
    if os.path.isdir(d) and len(os.listdir(d)) == len(texts) * repeat:
        continue
    os.makedirs(d, exist_ok=True)
    for r in range(repeat):
        for n, t in enumerate(texts):
            open(os.path.join(d, f"{r:02d}-{n:05d}.txt"), "w").write(t)
# Ten times the rules: the built-in packs plus generated phrase rules.
rules = ['[pack]\nname = "scale"\n']
random.seed(2)
alphabet = "abcdefghijklmnopqrstuvwxyz"
for k in range(900):
    p = " ".join("".join(random.choice(alphabet) for _ in range(random.randint(4, 8))) for _ in range(2))
    rules.append(f'''[[rule]]
id = "generated-{k}"
kind = "phrase"
phrases = ["{p}", "{p} again"]
severity = "info"
message = "“{{match}}” generated"
summary = "Flags a generated phrase"
why = "Benchmark scaling only."
[[rule.example]]
bad = "x {p} y"
''')
open(os.path.join(out, "scale.toml"), "w").write("\n".join(rules))
open(os.path.join(out, "scale-config.toml"), "w").write('packs = ["scale.toml"]\n')
PY

size() { du -sb "$1" | cut -f1; }
median_ms() { python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results']; print(' '.join('%.2f' % (x['median']*1000) for x in r))" "$1"; }
rss_kb() { /usr/bin/time -f %M "$@" >/dev/null 2>"$OUT/rss" || true; tail -1 "$OUT/rss"; }

echo "== one 2 KB draft, all built-in rules"
hyperfine -N -i --warmup 5 --runs "$RUNS" --export-json "$OUT/draft.json" \
  "$TL check --isolated $OUT/draft2k.txt" \
  "grep -E -i -f $OUT/phrases-ere.txt $OUT/draft2k.txt" >/dev/null
read -r tl_draft grep_draft < <(median_ms "$OUT/draft.json")

echo "== the corpus as files ($(ls "$OUT/corpus" | wc -l) files, $(( $(size "$OUT/corpus") / 1024 )) KiB), 2 threads each"
hyperfine -N -i --warmup 1 --runs "$(( RUNS / 5 + 2 ))" --export-json "$OUT/corpus.json" \
  "$TL check --isolated -j2 --format concise $OUT/corpus" \
  "rg -i -F -j2 -f $OUT/phrases.txt $OUT/corpus" >/dev/null
read -r tl_corpus rg_corpus < <(median_ms "$OUT/corpus.json")

echo "== scaling: ten times the input, ten times the rules"
hyperfine -N -i --warmup 1 --runs "$(( RUNS / 10 + 2 ))" --export-json "$OUT/scale.json" \
  "$TL check --isolated -j2 --format concise $OUT/corpus10" \
  "$TL check --config $OUT/scale-config.toml -j2 --format concise $OUT/corpus" >/dev/null
read -r tl_input10 tl_rules10 < <(median_ms "$OUT/scale.json")

rss_draft=$(rss_kb "$TL" check --isolated "$OUT/draft2k.txt")
rss_corpus=$(rss_kb "$TL" check --isolated -j2 --format concise "$OUT/corpus")
mb=$(python3 -c "print('%.1f' % ($(size "$OUT/corpus") / 1e6))")

python3 - <<PY
rows = [
    ("2 KB draft: tonelint", "$tl_draft ms", "grep -E -i: $grep_draft ms", "ratio %.2f (target <= 2)" % ($tl_draft / $grep_draft), "peak RSS $rss_draft KB (target <= 15 MB)"),
    ("corpus: tonelint -j2", "$tl_corpus ms", "rg -i -F -j2: $rg_corpus ms", "ratio %.2f (target <= 3)" % ($tl_corpus / $rg_corpus), "peak RSS $rss_corpus KB (target <= 64 MB)"),
    ("corpus throughput", "%.1f MB/s" % ($mb / ($tl_corpus / 1000)), "rg: %.1f MB/s" % ($mb / ($rg_corpus / 1000)), "", ""),
    ("10x input", "$tl_input10 ms", "", "ratio %.2f (target <= 11)" % ($tl_input10 / $tl_corpus), ""),
    ("10x rules", "$tl_rules10 ms", "", "ratio %.2f (target <= 1.5)" % ($tl_rules10 / $tl_corpus), ""),
]
for r in rows:
    print("  ".join(f"{c:<28}" for c in r).rstrip())
PY
