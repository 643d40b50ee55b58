#!/usr/bin/env python3
"""Runs score.py on Spark in local mode and checks it against one tonelint process.

    python3 examples/spark/test_spark.py target/debug/tonelint

Makes up a table of replies (kind ones, rude ones, a few lines that cannot be linted, blank
lines, CRLF endings), then:

  1. JSON lines in, JSON lines out: `spark-submit --master local[2] score.py --partitions 3`, as a
     user runs it; one tonelint process per partition.
  2. Parquet in, Parquet out: the same replies as a Parquet table, score.py run in this process.

Each is compared with `tonelint check --input-format jsonl --statistics --isolated` run once over
the same lines: every reply's line (id, findings with their codes, offsets and messages, the
scorecard, or the error) must be the same, in the same order, with the reply's agent and macro;
and the per-agent and per-macro summaries must equal the ones worked out here from that run. Exits
1 on any difference. Needs pyspark and Java (see README.md beside this file).
"""

import glob
import itertools
import json
import os
import random
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))

AGENTS = ["ana", "ben", "chidi", "dora", "emil"]
# How often each agent's reply is a rude one: the summaries should tell them apart.
RUDENESS = {"ana": 0.1, "ben": 0.6, "chidi": 0.3, "dora": 0.0, "emil": 0.45}
MACROS = ["refund", "password-reset", "outage", None, None]
CLIENTS = ["Dana", "Paolo", "Priya", "Ama", "Jonas", "Chloé", "Łukasz", "Mei"]
THINGS = ["router", "invoice", "password", "mailbox", "printer", "VPN", "refund"]
KIND = [
    "Thanks for letting us know about the {thing}.",
    "I'm sorry the {thing} gave you trouble this week.",
    "Thank you for your patience while we looked into the {thing}.",
    "I have reset the {thing} on our side and I will check on it again tomorrow morning.",
    "I've sent a replacement {thing}; it should arrive by Thursday.",
    "Let me know if anything else comes up.",
    "If it happens again, just reply here and I'll pick it up.",
]
RUDE = [
    "It works fine on our end.",
    "You'll just have to wait.",
    "Like I told you, this is how the service works.",
    "As explained in our FAQ, you need to restart the {thing}.",
    "This is pretty basic.",
    "Your {thing} is probably the problem.",
    "There is nothing we can do.",
    "Please calm down.",
    "You were warned about this.",
    "That's not our problem.",
    "Our decision is final.",
    "RTFM.",
    "Per my last email, the {thing} is correct.",
    "Any competent user can do this.",
]
CONTEXT = (
    "This is the third time I'm writing about the {thing}! Nothing works and I'm losing money."
)

SEVERE = ("warning", "error")  # score.py's default --flag-on warning


def reply_text(rng, agent, rude, form):
    thing = rng.choice(THINGS)
    client = rng.choice(CLIENTS)
    sentences = rng.sample(KIND, 2)
    if rude:
        sentences[rng.randrange(2)] = rng.choice(RUDE)
        sentences.insert(1, rng.choice(RUDE))
    body = " ".join(s.format(thing=thing) for s in sentences)
    sign = f"{rng.choice(['Best', 'Regards', 'Thanks'])},\n{agent.title()}"
    if form == "markdown":
        ticket = rng.randrange(10**5)
        return f"Hi {client},\n\n**{thing.title()}**: {body}\n\n- ticket {ticket}\n\n{sign}\n"
    if form == "html":
        return f"<p>Hi {client},</p><p>{body}</p><p>{sign.replace(chr(10), '<br>')}</p>"
    if form == "email":
        return (
            f"From: {agent}@help.example\nTo: {client.lower()}@mail.example\n"
            f"Subject: Re: your {thing}\n\nHi {client},\n\n{body}\n\n{sign}\n"
        )
    return f"Hi {client},\n\n{body}\n\n{sign}"


def make_replies(seed=7, count=900):
    """The input's lines (text, each without its line break) and, for each line number, the agent
    and macro the line was written for (None for a line that has none)."""
    rng = random.Random(seed)
    lines, labels = [], {}

    def add(line, agent=None, macro=None, end=""):
        lines.append(line + end)
        labels[len(lines)] = (agent, macro)

    bad = {
        100: ("this is not JSON", None, None),
        200: ('{"id": "r-bad-1", "agent": "ben", "text": 42}', "ben", None),
        300: (
            '{"id": "r-bad-2", "agent": "dora", "macro": "refund", "format": "doc", "text": "Hi"}',
            "dora",
            "refund",
        ),
        400: ('{"id": "r-bad-3", "agent": "emil"}', "emil", None),
        # A carriage return inside a line is not a line break (and not valid JSON either).
        500: ('{"id": "r-cr", "agent": "ana", "text": "Hi\rthere"}', None, None),
        600: ('{"id": "r-cut", "agent": "chidi", "text": "Hi Dana,', None, None),
    }
    for i in range(1, count + 1):
        if i in bad:
            line, agent, macro = bad[i]
            add(line, agent, macro)
        if i % 97 == 0:
            add("")
        if i % 131 == 0:
            add("  \t ")
        agent = AGENTS[i % len(AGENTS)]
        macro = rng.choice(MACROS)
        form = rng.choice([None] * 6 + ["markdown", "email", "html"])
        fields = {"id": f"r-{i:05d}" if i % 10 else i}
        if i == 250:
            fields["id"] = 1e3  # a number with an exponent is echoed as written
        fields["agent"] = agent
        if macro:
            fields["macro"] = macro
        fields["text"] = reply_text(rng, agent, rng.random() < RUDENESS[agent], form)
        if form:
            fields["format"] = form
        if rng.random() < 0.15:
            fields["context"] = CONTEXT.format(thing=rng.choice(THINGS))
        line = json.dumps(fields, ensure_ascii=i % 2 == 0)
        if i == 250:
            line = line.replace("1000.0", "1e3")
        add(line, agent, macro, end="\r" if i % 53 == 0 else "")
    return lines, labels


def raw(line):
    """A JSON line with its numbers kept as written."""
    return json.loads(line, parse_int=str, parse_float=str)


def write_jsonl(path, lines, labels, first=1):
    """Writes lines[first-1:…] given; gives their labels by (path, line)."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\n".join(lines) + "\n")
    return {(path, n): labels[n + first - 1] for n in range(1, len(lines) + 1)}


def reference(binary, paths):
    """The single-process run over `paths`: tonelint's lines by (path, line)."""
    run = subprocess.run(
        [binary, "check", "--input-format", "jsonl", "--statistics", "--isolated", *paths],
        capture_output=True,
    )
    out = {}
    for line in run.stdout.decode().splitlines():
        result = json.loads(line)
        out[(result["path"], result["line"])] = line
    errors = any("error" in json.loads(line) for line in out.values())
    if run.returncode != (2 if errors else 1):
        sys.exit(f"the single-process run exited {run.returncode}: {run.stderr.decode()}")
    return out


def summarize(ref, labels):
    """The per-agent and per-macro summaries, worked out from the single-process run."""
    tables = {"agent": {}, "macro": {}}
    for key, line in ref.items():
        result = json.loads(line)
        agent, macro = labels[key]
        for kind, value in (("agent", agent), ("macro", macro)):
            row = tables[kind].setdefault(value, {"errors": 0, "flagged": 0, "findings": 0})
            row.setdefault("categories", {})
            row.setdefault("replies", 0)
            row.setdefault("warmth", 0)
            if "error" in result:
                row["errors"] += 1
                continue
            row["replies"] += 1
            row["flagged"] += any(f["severity"] in SEVERE for f in result["findings"])
            row["warmth"] += result["scorecard"]["warmth"]
            row["findings"] += len(result["findings"])
            for category, n in result["scorecard"]["counts"].items():
                row["categories"][category] = row["categories"].get(category, 0) + n
    for rows in tables.values():
        for row in rows.values():
            replies, warmth = row["replies"], row.pop("warmth")
            row["flagged_share"] = round(row["flagged"] / replies, 4) if replies else None
            row["mean_warmth"] = round(warmth / replies, 2) if replies else None
    return tables


class Check:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def __call__(self, name, problems):
        if problems:
            self.failed += 1
            print(f"FAIL {name}: {len(problems)} difference(s)", file=sys.stderr)
            for problem in problems[:10]:
                print(f"  {problem}", file=sys.stderr)
        else:
            self.passed += 1
            print(f"ok   {name}")


def compare_replies(got, ref, labels, rename=lambda path: path):
    """`got`: the job's lines in its order, parsed with numbers as written (`raw`); `ref`: the
    single-process run's by (path, line); `rename`: the single-process run's name of a file the
    job names."""
    problems = []
    keys = [(rename(g["path"]), int(g["line"])) for g in got]
    if sorted(keys) != sorted(ref):
        missing, extra = set(ref) - set(keys), set(keys) - set(ref)
        problems.append(f"{len(keys)} lines, not {len(ref)}: missing {sorted(missing)[:4]}, ")
        problems[-1] += f"not in the single-process run {sorted(extra)[:4]}"
    for earlier, later in itertools.pairwise(keys):
        if earlier[0] == later[0] and earlier[1] >= later[1]:
            problems.append(f"{later} comes after {earlier}")
    for g, key in zip(got, keys, strict=True):
        if key not in ref:
            continue
        want = raw(ref[key].replace(json.dumps(key[0]), json.dumps(g["path"])))
        agent, macro = labels[key]
        extra = {k: g.pop(k) for k in ("agent", "macro") if k in g}
        if extra != {k: v for k, v in (("agent", agent), ("macro", macro)) if v is not None}:
            problems.append(f"{key}: agent and macro {extra}, not {(agent, macro)}")
        if g != want:
            problems.append(f"{key}: {difference(g, want)}")
    return problems


def difference(got, want, where=""):
    """Where two parsed JSON values first differ, and how."""
    if isinstance(got, dict) and isinstance(want, dict):
        for key in sorted(set(got) | set(want)):
            if key not in want:
                return f"{where}.{key}: not in the single-process run"
            if key not in got:
                return f"{where}.{key}: missing ({json.dumps(want[key])[:200]})"
            if got[key] != want[key]:
                return difference(got[key], want[key], f"{where}.{key}")
    if isinstance(got, list) and isinstance(want, list) and len(got) == len(want):
        for i, (a, b) in enumerate(zip(got, want, strict=True)):
            if a != b:
                return difference(a, b, f"{where}[{i}]")
    return f"{where or 'the line'}: {json.dumps(got)[:200]} is not {json.dumps(want)[:200]}"


def compare_summaries(got, want):
    """`got`: {kind: [rows]} as the job wrote them."""
    problems = []
    for kind in ("agent", "macro"):
        rows = {row.pop(kind): row for row in got.get(kind, [])}
        for value in sorted(set(rows) | set(want[kind]), key=str):
            a, b = rows.get(value), want[kind].get(value)
            if a is not None:
                a["categories"] = dict(a.get("categories") or {})
            if a != b:
                problems.append(f"{kind} {value}: {difference(a, b)}")
    return problems


def read_json_dir(path):
    lines = []
    for part in sorted(glob.glob(os.path.join(path, "part-*"))):
        with open(part, encoding="utf-8") as f:
            lines.extend(line for line in f.read().splitlines() if line)
    return lines


def json_summaries(out):
    return {
        kind: [json.loads(line) for line in read_json_dir(os.path.join(out, kind + "s"))]
        for kind in ("agent", "macro")
    }


# Spark's log kept to warnings, as README.md shows.
JAVA_OPTIONS = "-Dlog4j2.configurationFile=file:" + os.path.join(HERE, "log4j2.properties")

SPARK_CONF = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.driver.host": "127.0.0.1",
    "spark.driver.bindAddress": "127.0.0.1",
}

SPLIT = 64 << 10  # the JSON lines file is read in splits of this many bytes


def run_submit(binary, tmp, lines, labels, check):
    """Case 1: spark-submit, one JSON lines file read in several splits, JSON lines out."""
    import pyspark

    path = os.path.join(tmp, "replies.jsonl")
    labels = write_jsonl(path, lines, labels)
    ref = reference(binary, [path])
    out = os.path.join(tmp, "out-jsonl")
    submit = os.path.join(os.path.dirname(pyspark.__file__), "bin", "spark-submit")
    command = [submit, "--master", "local[2]", "--driver-java-options", JAVA_OPTIONS]
    for key, value in {**SPARK_CONF, "spark.sql.files.maxPartitionBytes": str(SPLIT)}.items():
        command += ["--conf", f"{key}={value}"]
    command += [os.path.join(HERE, "score.py"), path, out, binary]
    job = subprocess.run(command, capture_output=True, text=True)
    if job.returncode != 0:
        print(job.stderr[-6000:], file=sys.stderr)
        sys.exit(f"spark-submit score.py exited {job.returncode}")
    parts = len(glob.glob(os.path.join(out, "replies", "part-*")))
    splits = -(-os.path.getsize(path) // SPLIT)
    name = f"jsonl, spark-submit: {splits} splits of one file, a tonelint process each"
    check(name, [] if parts == splits >= 3 else [f"{parts} parts"])
    got = [raw(line) for line in read_json_dir(os.path.join(out, "replies"))]
    check(
        "jsonl: every reply as the single-process run gives it", compare_replies(got, ref, labels)
    )
    summaries = json_summaries(out)
    check(
        "jsonl: per-agent and per-macro summaries",
        compare_summaries(summaries, summarize(ref, labels)),
    )
    return ref, job.stdout


def run_here(binary, tmp, lines, labels, check):
    """Cases 2 and 3, run in this process: Parquet in and out over three partitions; a directory
    of two JSON lines files, one compressed."""
    import gzip

    from pyspark.sql import SparkSession

    os.environ["PYSPARK_SUBMIT_ARGS"] = f'--driver-java-options "{JAVA_OPTIONS}" pyspark-shell'
    builder = SparkSession.builder.master("local[2]").appName("tonelint-test")
    for key, value in SPARK_CONF.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    try:
        sys.path.insert(0, HERE)
        import score

        spark.sparkContext.addPyFile(score.__file__)  # the workers unpickle its functions
        run_parquet(spark, score, binary, tmp, lines, labels, check)

        # Case 3: a directory, a line's path and line are those of its file.
        half = len(lines) // 2
        parts, plain = os.path.join(tmp, "parts"), os.path.join(tmp, "plain")
        os.makedirs(parts)
        os.makedirs(plain)
        a, b = os.path.join(plain, "a.jsonl"), os.path.join(plain, "b.jsonl")
        by_file = write_jsonl(a, lines[:half], labels)
        by_file.update(write_jsonl(b, lines[half:], labels, first=half + 1))
        with open(a, "rb") as f, gzip.open(os.path.join(parts, "a.jsonl.gz"), "wb") as z:
            z.write(f.read())
        with open(b, "rb") as f, open(os.path.join(parts, "b.jsonl"), "wb") as copy:
            copy.write(f.read())
        ref = reference(binary, [a, b])
        out = os.path.join(tmp, "out-dir")
        with open(os.devnull, "w") as quiet:
            score.main([parts, out, binary], out=quiet)
        got = [raw(line) for line in read_json_dir(os.path.join(out, "replies"))]

        def plain_name(path):
            return os.path.join(plain, os.path.basename(path).removesuffix(".gz"))

        check(
            "directory (a.jsonl.gz, b.jsonl): each line as its file's single-process run gives it",
            compare_replies(got, ref, by_file, plain_name),
        )
        summaries = json_summaries(out)
        check("directory: summaries", compare_summaries(summaries, summarize(ref, by_file)))
    finally:
        spark.stop()


def run_parquet(spark, score, binary, tmp, lines, labels, check):
    """Case 2: the replies as a Parquet table, Parquet out, `--partitions 3`."""
    from pyspark.sql.types import StringType, StructField, StructType

    columns = ["id", "text", "context", "format", "agent", "macro"]
    rows, sent, row_labels = [], [], {}
    for number, line in enumerate(lines, 1):
        try:
            fields = json.loads(line)
        except ValueError:
            continue  # a table has no line that is not JSON
        fields["id"] = str(fields["id"]) if "id" in fields else None
        if not isinstance(fields.get("text"), str):
            fields["text"] = None
        rows.append(tuple(fields.get(c) for c in columns))
        sent.append(json.dumps({c: fields[c] for c in columns[:4] if fields.get(c) is not None}))
        row_labels[len(rows)] = labels[number]
    path = os.path.join(tmp, "replies.parquet")
    schema = StructType([StructField(c, StringType()) for c in columns])
    spark.createDataFrame(rows, schema).coalesce(1).write.parquet(path)
    (table,) = glob.glob(os.path.join(path, "part-*.parquet"))
    # What tonelint is sent for each row, for the single-process run.
    ref_path = os.path.join(tmp, "rows-of-the-table.jsonl")
    row_labels = write_jsonl(ref_path, sent, row_labels)
    ref = reference(binary, [ref_path])

    out = os.path.join(tmp, "out-parquet")
    with open(os.devnull, "w") as quiet:
        score.main(
            [path, out, binary, "--output-format", "parquet", "--partitions", "3"], out=quiet
        )
    replies = spark.read.parquet(os.path.join(out, "replies"))
    partitions = len(glob.glob(os.path.join(out, "replies", "part-*.parquet")))
    got, codes = [], []
    for row in replies.orderBy("line").collect():
        result = {"path": row.path, "line": str(row.line)}
        if row.id is not None:
            result["id"] = row.id
        for key in ("agent", "macro"):
            if row[key] is not None:
                result[key] = row[key]
        if row.error is not None:
            result["error"] = row.error
        else:
            result["findings"] = raw(row.findings)
            result["scorecard"] = raw(row.scorecard)
            if row.codes != [f["code"] for f in result["findings"]]:
                codes.append(f"line {row.line}: codes {row.codes}")
        got.append(result)
    check(
        f"parquet: every row as the single-process run gives it ({partitions} partitions)",
        compare_replies(got, ref, row_labels, lambda name: ref_path if name == table else name)
        + codes
        + ([] if partitions == 3 else [f"{partitions} partitions"]),
    )
    summaries = {}
    for kind in ("agent", "macro"):
        summaries[kind] = [
            {**row.asDict(), "categories": dict(row.categories or {})}
            for row in spark.read.parquet(os.path.join(out, kind + "s")).collect()
        ]
    check("parquet: summaries", compare_summaries(summaries, summarize(ref, row_labels)))


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: python3 examples/spark/test_spark.py TONELINT")
    binary = os.path.abspath(sys.argv[1])
    start = time.monotonic()
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    sys.dont_write_bytecode = True  # score.py is imported: no __pycache__ beside it
    lines, labels = make_replies()
    check = Check()
    with tempfile.TemporaryDirectory(prefix="tonelint-spark-") as tmp:
        ref, table = run_submit(binary, tmp, lines, labels, check)
        submitted = time.monotonic()
        run_here(binary, tmp, lines, labels, check)
    end = time.monotonic()
    results = [json.loads(line) for line in ref.values()]
    errors = sum("error" in r for r in results)
    flagged = sum(any(f["severity"] in SEVERE for f in r.get("findings", ())) for r in results)
    print(table.rstrip())
    print(
        f"{len(ref)} lines ({errors} that cannot be linted, {flagged} replies flagged), "
        f"local[2], {end - start:.0f} s ({submitted - start:.0f} s with spark-submit, "
        f"{end - submitted:.0f} s in this process)"
    )
    print(f"spark: {check.passed} passed, {check.failed} failed")
    sys.exit(1 if check.failed else 0)


if __name__ == "__main__":
    main()
