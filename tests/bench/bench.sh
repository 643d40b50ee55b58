#!/usr/bin/env bash
# Whole-process benchmarks: tonelint beside grep and ripgrep on the same input, in one run, so
# the figures are comparable on whatever machine runs it. Needs hyperfine, ripgrep, GNU time.
#
#   bash tests/bench/bench.sh                 # uses ../shared/corpus/enron-emails.jsonl if present
#   CORPUS=emails.jsonl bash tests/bench/bench.sh
#   RUNS=10 SCALE=10 bash tests/bench/bench.sh   # fewer runs; stop the scaling at 10 times
#
# What it times (medians; peak RSS from GNU time):
#   - one 2 KB draft: tonelint beside `grep -F -i` with the 30 phrases of phrases30.txt;
#   - the corpus as one file per email, 2 threads: beside `rg -i -F -j2` with those 30 phrases,
#     and with every literal of the built-in rules (`tonelint rules --literals`);
#   - the corpus as one JSON-lines stream (`--input-format jsonl`): replies per second;
#   - 1x, 10x and 100x the stream, and the files 1x and 10x (10x in one directory and in ten):
#     time and peak memory;
#   - a 20 MB file with a finding every few words; ten times the rules; the binary's size.
# Nothing here is a pass/fail test: timings belong in benchmarks, not in tests.
set -euo pipefail
cd "$(dirname "$0")/../.."

CORPUS=${CORPUS:-../shared/corpus/enron-emails.jsonl}
OUT=target/bench
RUNS=${RUNS:-30}
SCALE=${SCALE:-100}
mkdir -p "$OUT"
for tool in hyperfine rg grep python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is needed" >&2; exit 2; }
done

# The binary timed: on Linux x86-64 with glibc, the static one `cargo dist` builds (see
# .cargo/config.toml and the README's Install), else `cargo build --release`'s. The draft is timed
# with both where they differ.
cargo build --release -q
DYN=$PWD/target/release/tonelint
TL=$DYN
if [ "$(uname -sm)" = "Linux x86_64" ] && ldd --version 2>&1 | grep -q -i -E "glibc|gnu libc"; then
  cargo dist -q
  TL=$PWD/target/x86_64-unknown-linux-gnu/release/tonelint
fi
P30=tests/bench/phrases30.txt
"$TL" rules --literals --isolated > "$OUT/phrases.txt"

# Inputs: one 2 KB draft, the corpus as files (once and ten times over) and as JSON lines (1x,
# 10x, 100x), a dense 20 MB file, and a pack of ten times the rules (generated phrase rules).
python3 - "$CORPUS" "$OUT" "$SCALE" <<'PY'
import json, os, random, sys
corpus, out, scale = sys.argv[1], sys.argv[2], int(sys.argv[3])
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
# Ten times over, as one directory and as an archive of ten directories (one per export).
for name, repeat, nested in (("corpus", 1, False), ("corpus10", 10, False), ("corpus10dirs", 10, True)):
    d = os.path.join(out, name)
    count = sum(len(files) for _, _, files in os.walk(d)) if os.path.isdir(d) else 0
    if count == len(texts) * repeat:
        continue
    os.makedirs(d, exist_ok=True)
    for r in range(repeat):
        sub = os.path.join(d, f"{r:02d}") if nested else d
        os.makedirs(sub, exist_ok=True)
        for n, t in enumerate(texts):
            open(os.path.join(sub, f"{r:02d}-{n:05d}.txt"), "w").write(t)
lines = [json.dumps({"id": n, "text": t}) + "\n" for n, t in enumerate(texts)]
for repeat in (1, 10, 100):
    if repeat > scale:
        continue
    path = os.path.join(out, f"stream{repeat}.jsonl")
    if os.path.exists(path) and os.path.getsize(path) == repeat * sum(len(l.encode()) for l in lines):
        continue
    with open(path, "w") as f:
        for _ in range(repeat):
            f.writelines(lines)
dense = "As I already said, read the manual before you open a ticket. The invoice was sent on Monday.\n"
dense_path = os.path.join(out, "dense20.txt")
if not os.path.exists(dense_path) or os.path.getsize(dense_path) != len(dense) * (20_000_000 // len(dense)):
    with open(dense_path, "w") as f:
        f.write(dense * (20_000_000 // len(dense)))
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
print(len(texts))
PY
# What was just written goes to disk now, not while the first commands are timed (hyperfine runs
# one command's runs, then the next's: writeback during one would count against it alone).
sync
replies=$(wc -l < "$OUT/stream1.jsonl")

size() { du -sb "$1" | cut -f1; }
medians() { python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results']; print(' '.join('%.2f' % (x['median']*1000) for x in r))" "$1"; }
# One timed run: prints "seconds peak_kib".
timed() { /usr/bin/time -f "%e %M" "$@" >/dev/null 2>"$OUT/time" || true; tail -1 "$OUT/time"; }

echo "== one 2 KB draft"
hyperfine -N -i --warmup 5 --runs "$RUNS" --export-json "$OUT/draft.json" \
  "$TL check --isolated $OUT/draft2k.txt" \
  "grep -F -i -f $P30 $OUT/draft2k.txt" \
  "$DYN check --isolated $OUT/draft2k.txt" >/dev/null
read -r tl_draft grep_draft dyn_draft < <(medians "$OUT/draft.json")
read -r _ rss_draft < <(timed "$TL" check --isolated "$OUT/draft2k.txt")

echo "== the corpus as files ($(ls "$OUT/corpus" | wc -l) files), 2 threads"
hyperfine -N -i --warmup 1 --runs "$(( RUNS / 5 + 2 ))" --export-json "$OUT/corpus.json" \
  "$TL check --isolated -j2 --format concise $OUT/corpus" \
  "rg -i -F -j2 -f $P30 $OUT/corpus" \
  "rg -i -F -j2 -f $OUT/phrases.txt $OUT/corpus" >/dev/null
read -r tl_corpus rg30_corpus rgall_corpus < <(medians "$OUT/corpus.json")

echo "== the corpus as one JSON-lines stream, 2 threads"
hyperfine -N -i --warmup 1 --runs "$(( RUNS / 5 + 2 ))" --export-json "$OUT/stream.json" \
  "$TL check --isolated -j2 --input-format jsonl $OUT/stream1.jsonl" \
  "$TL check --isolated -j2 --input-format jsonl --statistics $OUT/stream1.jsonl" >/dev/null
read -r tl_stream tl_stream_stats < <(medians "$OUT/stream.json")

echo "== scaling: 1x, 10x, 100x the stream; the files 1x and 10x (in one directory and in ten); ten times the rules"
scale_rows=()
for n in 1 10 100; do
  [ "$n" -le "$SCALE" ] || continue
  read -r s kib < <(timed "$TL" check --isolated -j2 --input-format jsonl "$OUT/stream$n.jsonl")
  scale_rows+=("stream ${n}x|$(( replies * n ))|$(size "$OUT/stream$n.jsonl")|$s|$kib")
done
for d in corpus corpus10 corpus10dirs; do
  read -r s kib < <(timed "$TL" check --isolated -j2 --format concise "$OUT/$d")
  case $d in
    corpus) name="files 1x, one directory" ;;
    corpus10) name="files 10x, one directory" ;;
    *) name="files 10x, ten directories" ;;
  esac
  scale_rows+=("$name|$(find "$OUT/$d" -type f | wc -l)|$(size "$OUT/$d")|$s|$kib")
done
read -r dense_s dense_kib < <(timed "$TL" check --isolated --format concise "$OUT/dense20.txt")
dense_findings=$("$TL" check --isolated --format concise "$OUT/dense20.txt" | wc -l || true)
hyperfine -N -i --warmup 1 --runs "$(( RUNS / 10 + 2 ))" --export-json "$OUT/rules.json" \
  "$TL check --config $OUT/scale-config.toml -j2 --format concise $OUT/corpus" >/dev/null
read -r tl_rules10 < <(medians "$OUT/rules.json")

python3 - "$OUT" "$(size "$TL")" "$(size "$OUT/corpus")" "$replies" "$(wc -l < "$OUT/phrases.txt")" "${scale_rows[@]}" <<PY
import sys
out, binary, corpus_bytes, replies, literals = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
mb = corpus_bytes / 1e6
def row(*cells):
    print("| " + " | ".join(str(c) for c in cells) + " |")
print()
print(f"corpus: {replies:,} replies, {mb:.1f} MB; {literals:,} literals in the rules; binary {binary/1e6:.1f} MB (target <= 12 MB)")
print()
row("measure", "tonelint", "reference", "ratio (target)")
row("---", "---", "---", "---")
row("one 2 KB draft, median", "$tl_draft ms", "grep -F -i, 30 phrases: $grep_draft ms", "%.2f (<= 3 ms)" % ($tl_draft / $grep_draft))
if "$TL" != "$DYN":
    row("the same, cargo build --release", "$dyn_draft ms", "", "%.2f" % ($dyn_draft / $grep_draft))
row("peak RSS, one draft", "%.1f MiB" % ($rss_draft / 1024), "", "")
row("files, -j2, median", "$tl_corpus ms (%.1f MB/s)" % (mb / ($tl_corpus / 1000)), "rg -i -F -j2, 30 phrases: $rg30_corpus ms", "%.2f (<= 3)" % ($tl_corpus / $rg30_corpus))
row("", "", "rg -i -F -j2, every literal: $rgall_corpus ms", "%.2f" % ($tl_corpus / $rgall_corpus))
row("JSONL stream, -j2, median", "$tl_stream ms (%d replies/s)" % (replies / ($tl_stream / 1000)), "", "")
row("JSONL stream with --statistics", "$tl_stream_stats ms (%d replies/s)" % (replies / ($tl_stream_stats / 1000)), "", "")
row("20 MB, a finding every few words", "$dense_s s, %.0f MiB, $dense_findings findings" % ($dense_kib / 1024), "", "(<= 5 s, <= 256 MiB)")
row("ten times the rules, files", "$tl_rules10 ms", "", "%.2f (<= 1.5)" % ($tl_rules10 / $tl_corpus))
print()
row("input", "replies or files", "MB", "seconds", "replies/s", "peak RSS")
row("---", "---", "---", "---", "---", "---")
for r in sys.argv[6:]:
    name, n, size, s, kib = r.split("|")
    n, size, s, kib = int(n), int(size), float(s), int(kib)
    row(name, f"{n:,}", "%.1f" % (size / 1e6), "%.2f" % s, f"{int(n / s):,}" if s else "", "%.1f MiB" % (kib / 1024))
PY
