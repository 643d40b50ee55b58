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


def reference(binary, path):
    """The single-process run: tonelint's lines for `path`, by line number."""
    run = subprocess.run(
        [binary, "check", "--input-format", "jsonl", "--statistics", "--isolated", path],
        capture_output=True,
    )
    if run.returncode != 2:  # the input has lines that cannot be linted
        sys.exit(f"the single-process run exited {run.returncode}: {run.stderr.decode()}")
    return {json.loads(line)["line"]: line for line in run.stdout.decode().splitlines()}


def summarize(ref, labels):
    """The per-agent and per-macro summaries, worked out from the single-process run."""
    tables = {"agent": {}, "macro": {}}
    for number, line in ref.items():
        result = json.loads(line)
        agent, macro = labels[number]
        for kind, value in (("agent", agent), ("macro", macro)):
            row = tables[kind].setdefault(
                value,
                {
                    "replies": 0,
                    "errors": 0,
                    "flagged": 0,
                    "warmth": 0,
                    "findings": 0,
                    "categories": {},
                },
            )
            if "error" in result:
                row["errors"] += 1
                continue
            row["replies"] += 1
            row["flagged"] += any(f["severity"] in SEVERE for f in result["findings"])
            row["warmth"] += result["scorecard"]["warmth"]
            row["findings"] += len(result["findings"])
            for category, n in result["scorecard"]["counts"].items():
                row["categories"][category] = row["categories"].get(category, 0) + n
    out = {}
    for kind, rows in tables.items():
        out[kind] = {}
        for value, row in rows.items():
            replies = row.pop("replies")
            warmth = row.pop("warmth")
            row["replies"] = replies
            row["flagged_share"] = round(row["flagged"] / replies, 4) if replies else None
            row["mean_warmth"] = round(warmth / replies, 2) if replies else None
            out[kind][value] = row
    return out


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


def compare_replies(got, ref, labels, input_path, ref_path):
    """`got`: the job's lines in its order, parsed with numbers as written (`raw`); `ref`: the
    single-process run's, by line number, for the same lines read from `ref_path`."""
    problems = []
    numbers = [int(g["line"]) for g in got]
    if numbers != sorted(ref):
        problems.append(f"lines {numbers[:8]}… are not {sorted(ref)[:8]}…")
    for g in got:
        number = int(g["line"])
        if number not in ref:
            problems.append(f"line {number}: not in the single-process run")
            continue
        want = raw(ref[number].replace(json.dumps(ref_path), json.dumps(input_path)))
        agent, macro = labels[number]
        extra = {k: g.pop(k) for k in ("agent", "macro") if k in g}
        if extra != {k: v for k, v in (("agent", agent), ("macro", macro)) if v is not None}:
            problems.append(f"line {number}: agent and macro {extra}, not {(agent, macro)}")
        if g != want:
            problems.append(f"line {number}: {difference(g, want)}")
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


def java_options(tmp):
    """Keeps Spark's log to errors."""
    config = os.path.join(tmp, "log4j2.properties")
    with open(config, "w") as f:
        f.write("rootLogger.level = error\nrootLogger.appenderRef.stderr.ref = console\n")
        f.write("appender.console.type = Console\nappender.console.name = console\n")
        f.write(
            "appender.console.target = SYSTEM_ERR\nappender.console.layout.type = PatternLayout\n"
        )
        f.write("appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n\n")
    return f"-Dlog4j2.configurationFile=file:{config}"


SPARK_CONF = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.driver.host": "127.0.0.1",
    "spark.driver.bindAddress": "127.0.0.1",
}


def run_jsonl(binary, tmp, lines, labels, check):
    """Case 1: spark-submit, JSON lines in and out, three partitions."""
    import pyspark

    path = os.path.join(tmp, "replies.jsonl")
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\n".join(lines) + "\n")
    ref = reference(binary, path)
    out = os.path.join(tmp, "out-jsonl")
    submit = os.path.join(os.path.dirname(pyspark.__file__), "bin", "spark-submit")
    command = [submit, "--master", "local[2]", "--driver-java-options", java_options(tmp)]
    for key, value in SPARK_CONF.items():
        command += ["--conf", f"{key}={value}"]
    command += [os.path.join(HERE, "score.py"), "--partitions", "3", path, out, binary]
    job = subprocess.run(command, capture_output=True, text=True)
    if job.returncode != 0:
        print(job.stderr[-6000:], file=sys.stderr)
        sys.exit(f"spark-submit score.py exited {job.returncode}")
    parts = glob.glob(os.path.join(out, "replies", "part-*"))
    check(
        "jsonl: one tonelint process per partition, 3 partitions",
        [] if len(parts) == 3 else [f"{len(parts)} parts"],
    )
    got = [raw(line) for line in read_json_dir(os.path.join(out, "replies"))]
    check(
        "jsonl: every reply as the single-process run gives it",
        compare_replies(got, ref, labels, path, path),
    )
    summary = {
        kind: [json.loads(line) for line in read_json_dir(os.path.join(out, kind + "s"))]
        for kind in ("agent", "macro")
    }
    check(
        "jsonl: per-agent and per-macro summaries",
        compare_summaries(summary, summarize(ref, labels)),
    )
    return ref, job.stdout


def run_parquet(binary, tmp, lines, labels, check):
    """Case 2: the replies as a Parquet table, score.py run here, Parquet out."""
    from pyspark.sql import SparkSession
    from pyspark.sql.types import StringType, StructField, StructType

    columns = ["id", "text", "context", "format", "agent", "macro"]
    rows, sent, row_labels = [], [], {}
    for number, line in enumerate(lines, 1):
        try:
            fields = json.loads(line)
        except ValueError:
            continue  # a table has no line that is not JSON
        if not isinstance(fields, dict):
            continue
        fields["id"] = str(fields["id"]) if "id" in fields else None
        if not isinstance(fields.get("text"), str):
            fields["text"] = None
        rows.append(tuple(fields.get(c) for c in columns))
        sent.append(json.dumps({c: fields[c] for c in columns[:4] if fields.get(c) is not None}))
        row_labels[len(rows)] = labels[number]
    path = os.path.join(tmp, "replies.parquet")
    ref_path = os.path.join(tmp, "replies-of-the-table.jsonl")
    with open(ref_path, "w", encoding="utf-8") as f:
        f.write("\n".join(sent) + "\n")
    ref = reference(binary, ref_path)

    os.environ["PYSPARK_SUBMIT_ARGS"] = f'--driver-java-options "{java_options(tmp)}" pyspark-shell'
    builder = SparkSession.builder.master("local[2]").appName("tonelint-test")
    for key, value in SPARK_CONF.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    try:
        schema = StructType([StructField(c, StringType()) for c in columns])
        spark.createDataFrame(rows, schema).coalesce(1).write.parquet(path)
        sys.path.insert(0, HERE)
        import score

        spark.sparkContext.addPyFile(score.__file__)  # the workers unpickle its functions

        out = os.path.join(tmp, "out-parquet")
        with open(os.devnull, "w") as quiet:
            score.main([path, out, binary, "--output-format", "parquet"], out=quiet)
        got, codes = [], []
        for row in spark.read.parquet(os.path.join(out, "replies")).orderBy("line").collect():
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
            "parquet: every reply as the single-process run gives it",
            compare_replies(got, ref, row_labels, path, ref_path) + codes,
        )
        summary = {}
        for kind in ("agent", "macro"):
            summary[kind] = [
                {**row.asDict(), "categories": dict(row.categories or {})}
                for row in spark.read.parquet(os.path.join(out, kind + "s")).collect()
            ]
        check(
            "parquet: per-agent and per-macro summaries",
            compare_summaries(summary, summarize(ref, row_labels)),
        )
        return ref
    finally:
        spark.stop()


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: python3 examples/spark/test_spark.py TONELINT")
    binary = os.path.abspath(sys.argv[1])
    start = time.monotonic()
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    lines, labels = make_replies()
    check = Check()
    with tempfile.TemporaryDirectory(prefix="tonelint-spark-") as tmp:
        ref, table = run_jsonl(binary, tmp, lines, labels, check)
        run_parquet(binary, tmp, lines, labels, check)
    errors = sum("error" in json.loads(line) for line in ref.values())
    flagged = sum(
        any(f["severity"] in SEVERE for f in json.loads(line).get("findings", ()))
        for line in ref.values()
    )
    print(table.rstrip())
    print(
        f"{len(ref)} lines ({errors} that cannot be linted, {flagged} replies flagged), "
        f"local[2], {time.monotonic() - start:.0f} s"
    )
    print(f"spark: {check.passed} passed, {check.failed} failed")
    sys.exit(1 if check.failed else 0)


if __name__ == "__main__":
    main()
