#!/usr/bin/env python3
"""Score a table of replies with tonelint on Apache Spark.

    spark-submit score.py [OPTIONS] INPUT OUTPUT TONELINT

INPUT is JSON lines (one reply a line: `text`, and optionally `id`, `context`, `format`, `agent`,
`macro`; plain or compressed, a file or a directory) or Parquet with those columns. OUTPUT is a
directory that must not exist yet. TONELINT is the tonelint binary built for the workers; the job
ships it to them itself (SparkContext.addFile), so a path on the submitting machine will do.

Each partition of the input is piped through one `tonelint check --input-format jsonl
--statistics` process, which answers every line with one JSON line, in order. The job writes:

  OUTPUT/replies/   one result per reply, in input order: tonelint's line for it (`findings`, its
                    `scorecard`, or the `error` of a line that could not be linted), with `path`
                    and `line` those of the file it is in, and the reply's `agent` and `macro`
  OUTPUT/agents/    one row per agent: replies, lines in error, replies flagged, the flagged share,
                    the mean warmth, findings, and findings per category
  OUTPUT/macros/    the same per macro, when the input has a `macro` field (null: no macro)

Replies with findings and lines that cannot be linted do not fail the job: tonelint's exit codes 1
(findings) and 2 (a bad line, answered by an `error` line) are expected. The job fails when
tonelint does anything else (another exit code, or not one line out for each line in).

See README.md beside this file.
"""

import argparse
import collections
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
import urllib.parse

# What tonelint counts as a blank line (Rust's `u8::is_ascii_whitespace`): it skips them without
# an answer, so they are not sent.
BLANK = " \t\n\r\x0c"

SEVERITY = {"info": 0, "warning": 1, "error": 2}

JSONL, PARQUET = "jsonl", "parquet"


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="score.py",
        description="Score a table of replies with tonelint on Apache Spark.",
    )
    parser.add_argument("input", help="JSON lines or Parquet: a file, a directory or a glob")
    parser.add_argument("output", help="the directory to write (must not exist)")
    parser.add_argument("tonelint", help="the tonelint binary to ship to the workers")
    parser.add_argument(
        "--input-format",
        choices=[JSONL, PARQUET],
        help="default: parquet when INPUT ends in .parquet, else jsonl",
    )
    parser.add_argument("--output-format", choices=[JSONL, PARQUET], default=JSONL)
    parser.add_argument(
        "--config",
        help="a tonelint.toml to ship and lint with (default: none, `--isolated`)",
    )
    parser.add_argument(
        "--flag-on",
        choices=sorted(SEVERITY, key=SEVERITY.get),
        default="warning",
        help="the lowest severity that flags a reply, as check's --fail-on (default: warning)",
    )
    parser.add_argument(
        "--partitions",
        type=int,
        help="spread the input over this many partitions, keeping its order (a shuffle); "
        "by default the input's own splits are used",
    )
    parser.add_argument("--master", help="Spark master, when not given by spark-submit")
    return parser.parse_args(argv)


def input_format(args):
    if args.input_format:
        return args.input_format
    return PARQUET if args.input.rstrip("/").endswith(".parquet") else JSONL


def as_label(value):
    """An agent or macro as a string (None stays None)."""
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value)


def file_name(uri):
    """A file as Spark names it; a local one as a plain path."""
    if uri.startswith("file:"):
        return urllib.parse.unquote(urllib.parse.urlparse(uri).path)
    return uri


def numbered(frame, line_of):
    """(path, line, the line to send, agent, macro) for every row of `frame`: `line` counts the
    rows of each file from 1, `line_of(row)` gives the rest.

    A file may be read in several splits, each by one task, in order: the rows of each split are
    counted first, and each task numbers its rows from the rows of the splits before theirs.
    """
    from pyspark.sql import functions as F

    frame = frame.select(
        "*",
        F.col("_metadata.file_path").alias("_file"),
        F.col("_metadata.file_block_start").alias("_start"),
    )
    before = {}
    counted = {}
    for row in frame.groupBy("_file", "_start").count().orderBy("_file", "_start").collect():
        before[(row["_file"], row["_start"])] = counted.get(row["_file"], 0)
        counted[row["_file"]] = counted.get(row["_file"], 0) + row["count"]

    def number(rows):
        split, line, path = None, 0, None
        for row in rows:
            if (row["_file"], row["_start"]) != split:
                split = (row["_file"], row["_start"])
                line, path = before[split], file_name(row["_file"])
            line += 1
            yield (path, line) + line_of(row)

    return frame.rdd.mapPartitions(number)


def read_jsonl(spark, path):
    """Every line of the input, blank ones included (see `numbered`).

    Lines are split at "\\n" only, as tonelint splits them (Hadoop's default also splits at a
    lone "\\r").
    """

    def line_of(row):
        line = row["value"]
        try:
            fields = json.loads(line)
        except ValueError:
            fields = None
        if not isinstance(fields, dict):
            return line, None, None
        return line, as_label(fields.get("agent")), as_label(fields.get("macro"))

    return numbered(spark.read.option("lineSep", "\n").text(path), line_of)


def read_parquet(spark, path):
    """Every row of the input as a JSON line (see `numbered`; a row's `line` is its number)."""
    frame = spark.read.parquet(path)
    sent = [c for c in ("id", "text", "context", "format") if c in frame.columns]
    agent = "agent" in frame.columns
    macro = "macro" in frame.columns

    def line_of(row):
        fields = {c: row[c] for c in sent if row[c] is not None}
        return (
            json.dumps(fields, ensure_ascii=False, default=str),
            as_label(row["agent"]) if agent else None,
            as_label(row["macro"]) if macro else None,
        )

    return numbered(frame, line_of)


def in_order(records, partitions):
    """The records over `partitions` partitions, each a run of consecutive ones, in order."""
    indexed = records.zipWithIndex()
    total = indexed.count()
    if total == 0:
        return records
    per = -(-total // partitions)
    keyed = indexed.map(lambda pair: (pair[1], pair[0]))
    spread = keyed.repartitionAndSortWithinPartitions(
        partitions, partitionFunc=lambda index: index // per
    )
    return spread.values()


def executable(name):
    """The path of the shipped binary, executable (addFile does not keep the mode)."""
    from pyspark import SparkFiles

    path = SparkFiles.get(name)
    if os.access(path, os.X_OK):
        return path
    try:
        os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        return path
    except OSError:
        # A directory that is not ours to change: run a copy.
        copy = os.path.join(tempfile.mkdtemp(prefix="tonelint-"), name)
        shutil.copyfile(path, copy)
        os.chmod(copy, 0o755)
        return copy


def scorer(binary_name, config_name, threads, flag_on):
    """The function that scores one partition: its records in, one result per reply out.

    A result is (its JSON line, agent, macro, its tally for the summaries).
    """
    level = SEVERITY[flag_on]

    def score(records):
        command = [executable(binary_name), "check", "--input-format", "jsonl", "--statistics"]
        command += ["--threads", str(threads)]
        if config_name:
            from pyspark import SparkFiles

            command += ["--config", SparkFiles.get(config_name)]
        else:
            command += ["--isolated"]
        command += ["-"]
        errors = tempfile.TemporaryFile()
        process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors
        )
        # What was sent and not yet answered, in order, for pairing each answer with its line:
        # the writer runs ahead of the reader by what the pipes and tonelint's batches hold.
        sent = collections.deque()
        lock = threading.Condition()
        failure = []

        def feed():
            try:
                for path, number, line, agent, macro in records:
                    if line.strip(BLANK) == "":
                        continue
                    with lock:
                        sent.append((path, number, agent, macro))
                        lock.notify()
                    process.stdin.write(line.encode("utf-8") + b"\n")
                process.stdin.close()
            except BaseException as e:  # noqa: BLE001 - handed to the reader
                failure.append(e)
                try:
                    process.stdin.close()
                except OSError:
                    pass
            finally:
                with lock:
                    sent.append(None)
                    lock.notify()

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()

        def fail(message):
            process.kill()
            process.wait()
            errors.seek(0)
            tail = errors.read()[-4000:].decode("utf-8", "replace")
            raise RuntimeError(f"{message}; tonelint said: {tail.strip() or '(nothing)'}")

        def pending():
            with lock:
                while not sent:
                    lock.wait()
                return sent.popleft()

        taken = 0
        bad = 0
        for out in process.stdout:
            meta = pending()
            if meta is None:
                fail("tonelint answered more lines than it was sent")
            taken += 1
            path, number, agent, macro = meta
            result = json.loads(out)
            if "error" in result:
                bad += 1
            yield relabel(out, path, number, agent, macro), agent, macro, tally(result, level)
        writer.join()
        code = process.wait()
        if failure:
            fail(f"sending the lines failed: {failure[0]!r}")
        if pending() is not None:
            fail(f"tonelint exited {code} after answering {taken} lines of {taken + len(sent)}")
        # 0: nothing flagged, 1: findings, 2: a line it could not lint (answered with `error`).
        if code not in (0, 1, 2) or (code == 2 and bad == 0):
            fail(f"tonelint exited {code}")
        errors.close()

    return score


def relabel(out, name, number, agent, macro):
    """tonelint's line for a reply, with the input file's name and line number instead of stdin's
    (`-`) and its own count, and the reply's agent and macro.

    The line is edited, not parsed and written again, so that everything else stays as tonelint
    wrote it (an `id` of 1e3 stays 1e3). `"path":"-"` can only be a key and its value: a quote
    inside a JSON string is written `\\"`.
    """
    line = out.decode("utf-8").rstrip("\n")
    head = '{"path":"-","line":'
    if not line.startswith(head) or not line.endswith("}"):
        raise RuntimeError(f"not a line of tonelint's: {line[:200]}")
    end = len(head)
    while line[end].isdigit():
        end += 1
    path = json.dumps(name, ensure_ascii=False)
    body = line[end:-1].replace('"path":"-"', f'"path":{path}')
    extra = ""
    if agent is not None:
        extra += ',"agent":' + json.dumps(agent, ensure_ascii=False)
    if macro is not None:
        extra += ',"macro":' + json.dumps(macro, ensure_ascii=False)
    return f'{{"path":{path},"line":{number}{body}{extra}}}'


def tally(result, flag_on):
    """A result's contribution to a summary row."""
    if "error" in result:
        return (0, 1, 0, 0, 0, {})
    findings = result["findings"]
    flagged = any(SEVERITY[f["severity"]] >= flag_on for f in findings)
    card = result["scorecard"]
    return (1, 0, int(flagged), card["warmth"], len(findings), dict(card["counts"]))


def add(a, b):
    counts = dict(a[5])
    for category, n in b[5].items():
        counts[category] = counts.get(category, 0) + n
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3], a[4] + b[4], counts)


def summary_row(key, totals):
    """One row of a summary: the shares are rounded (4 places, warmth 2), None with no reply."""
    replies, errors, flagged, warmth, findings, counts = totals
    return {
        key: None,
        "replies": replies,
        "errors": errors,
        "flagged": flagged,
        "flagged_share": round(flagged / replies, 4) if replies else None,
        "mean_warmth": round(warmth / replies, 2) if replies else None,
        "findings": findings,
        "categories": dict(sorted(counts.items())),
    }


def summaries(results):
    """{"agent": [rows], "macro": [rows]}: one row per agent and per macro, sorted (None first)."""

    def keyed(result):
        _, agent, macro, totals = result
        return [(("agent", agent), totals), (("macro", macro), totals)]

    tables = {"agent": [], "macro": []}
    for (kind, value), totals in results.flatMap(keyed).reduceByKey(add).collect():
        row = summary_row(kind, totals)
        row[kind] = value
        tables[kind].append(row)
    for kind, rows in tables.items():
        rows.sort(key=lambda row: (row[kind] is not None, row[kind] or ""))
    if all(row["macro"] is None for row in tables["macro"]):
        del tables["macro"]  # the input has no macros
    return tables


def summary_schema(kind):
    from pyspark.sql.types import (
        DoubleType,
        LongType,
        MapType,
        StringType,
        StructField,
        StructType,
    )

    return StructType(
        [
            StructField(kind, StringType()),
            StructField("replies", LongType()),
            StructField("errors", LongType()),
            StructField("flagged", LongType()),
            StructField("flagged_share", DoubleType()),
            StructField("mean_warmth", DoubleType()),
            StructField("findings", LongType()),
            StructField("categories", MapType(StringType(), LongType())),
        ]
    )


def reply_row(line):
    """A result's line as a flat row for Parquet: findings and scorecard as JSON text, the id as
    text (a number as written)."""
    result = json.loads(line)
    card = result.get("scorecard")
    findings = result.get("findings")
    ident = json.loads(line, parse_int=str, parse_float=str).get("id")
    return (
        result["path"],
        result["line"],
        ident,
        result.get("agent"),
        result.get("macro"),
        result.get("error"),
        None if card is None else card["warmth"],
        None if findings is None else [f["code"] for f in findings],
        None if findings is None else json.dumps(findings, ensure_ascii=False),
        None if card is None else json.dumps(card, ensure_ascii=False),
    )


def reply_schema():
    from pyspark.sql.types import (
        ArrayType,
        IntegerType,
        LongType,
        StringType,
        StructField,
        StructType,
    )

    return StructType(
        [
            StructField("path", StringType()),
            StructField("line", LongType()),
            StructField("id", StringType()),
            StructField("agent", StringType()),
            StructField("macro", StringType()),
            StructField("error", StringType()),
            StructField("warmth", IntegerType()),
            StructField("codes", ArrayType(StringType())),
            StructField("findings", StringType()),
            StructField("scorecard", StringType()),
        ]
    )


def write_summary(spark, rows, kind, path, output_format):
    frame = spark.createDataFrame(
        [tuple(row[field.name] for field in summary_schema(kind)) for row in rows],
        summary_schema(kind),
    ).coalesce(1)
    if output_format == PARQUET:
        frame.write.parquet(path)
    else:
        frame.write.option("ignoreNullFields", False).json(path)


def print_summary(tables, out):
    for kind, rows in tables.items():
        print(f"{kind:<16} {'replies':>8} {'errors':>7} {'flagged':>8} {'warmth':>7}", file=out)
        for row in rows:
            share = "" if row["flagged_share"] is None else f"{row['flagged_share']:.0%}"
            warmth = "" if row["mean_warmth"] is None else f"{row['mean_warmth']:.1f}"
            name = "(none)" if row[kind] is None else row[kind]
            print(
                f"{name:<16} {row['replies']:>8} {row['errors']:>7} {share:>8} {warmth:>7}",
                file=out,
            )


def ship(sc, path):
    """Sends a file to the workers with the job (once per SparkContext); gives its name there."""
    name = os.path.basename(path)
    if not any(os.path.basename(added) == name for added in getattr(sc, "listFiles", [])):
        sc.addFile(path)
    return name


def main(argv=None, out=sys.stdout):
    """Runs the job on the active SparkSession (or a new one); gives the summaries."""
    from pyspark import StorageLevel
    from pyspark.sql import SparkSession

    args = parse_args(argv)
    spark = SparkSession.getActiveSession()
    if spark is None:
        builder = SparkSession.builder.appName("tonelint")
        if args.master:
            builder = builder.master(args.master)
        spark = builder.getOrCreate()
    sc = spark.sparkContext

    binary = ship(sc, args.tonelint)
    config = ship(sc, args.config) if args.config else None
    threads = int(sc.getConf().get("spark.task.cpus", "1"))

    if input_format(args) == PARQUET:
        records = read_parquet(spark, args.input)
    else:
        records = read_jsonl(spark, args.input)
    if args.partitions:
        records = in_order(records, args.partitions)

    results = records.mapPartitions(scorer(binary, config, threads, args.flag_on))
    # Written, then summed up: kept so that each reply is linted once.
    results.persist(StorageLevel.MEMORY_AND_DISK)
    replies = args.output.rstrip("/") + "/replies"
    if args.output_format == PARQUET:
        rows = results.map(lambda result: reply_row(result[0]))
        spark.createDataFrame(rows, reply_schema()).write.parquet(replies)
    else:
        results.map(lambda result: result[0]).saveAsTextFile(replies)

    tables = summaries(results)
    for kind, rows in tables.items():
        path = f"{args.output.rstrip('/')}/{kind}s"
        write_summary(spark, rows, kind, path, args.output_format)
    results.unpersist()
    print_summary(tables, out)
    return tables


if __name__ == "__main__":
    main()
    from pyspark.sql import SparkSession

    SparkSession.builder.getOrCreate().stop()
