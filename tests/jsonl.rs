//! A stream of replies: `tonelint check --input-format jsonl`, one JSON object per line in, one
//! JSON line out for each, in input order, on several threads.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::{Value, json};

/// What a run gave: its exit code, its output lines parsed, and its stderr.
struct Run {
    code: Option<i32>,
    lines: Vec<Value>,
    stdout: String,
    stderr: String,
}

/// Runs `tonelint check --isolated --input-format jsonl ARGS -` with `input` on stdin.
fn run(args: &[&str], input: &[u8]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tonelint"))
        .args(["check", "--isolated", "--input-format", "jsonl"])
        .args(args)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    // Written on its own thread: the output may fill its pipe before the input is all read.
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    Run {
        code: out.status.code(),
        lines,
        stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Input lines, one JSON object each.
fn jsonl(lines: &[Value]) -> Vec<u8> {
    lines
        .iter()
        .map(|l| format!("{l}\n"))
        .collect::<String>()
        .into_bytes()
}

/// The codes of a line's findings.
fn codes(line: &Value) -> Vec<&str> {
    line["findings"]
        .as_array()
        .unwrap_or_else(|| panic!("no findings: {line}"))
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect()
}

const RUDE: [&str; 4] = [
    "RTFM. It's in the manual.",
    "As I already explained, the export runs nightly. This is user error.",
    "Not our problem. Calm down.",
    "Per my last email, you should have read the KB article!!!",
];

const KIND: [&str; 3] = [
    "Thanks for the quick reply! The export runs nightly at two.",
    "I've reset the password; you can sign in now.",
    "Good question. The setting is under Account > Export.",
];

#[test]
fn ids_are_echoed_and_the_order_is_kept_on_two_threads() {
    let n = 3000;
    let lines: Vec<Value> = (0..n)
        .map(|i| {
            // Long and short replies mixed, so threads finish their batches out of order.
            let text = if i % 3 == 0 {
                RUDE[i % RUDE.len()].repeat(1 + i % 40)
            } else {
                KIND[i % KIND.len()].to_owned()
            };
            if i % 2 == 0 {
                json!({"id": format!("r-{i}"), "text": text, "agent": "sam"})
            } else {
                json!({"id": i, "text": text})
            }
        })
        .collect();
    let input = jsonl(&lines);
    let two = run(&["-j2"], &input);
    assert_eq!(two.code, Some(1), "{}", two.stderr);
    assert_eq!(two.lines.len(), n);
    for (i, line) in two.lines.iter().enumerate() {
        assert_eq!(line["line"], i + 1);
        assert_eq!(line["path"], "-");
        assert_eq!(line["id"], lines[i]["id"], "line {}", i + 1);
        assert_eq!(codes(line).is_empty(), i % 3 != 0, "line {}: {line}", i + 1);
        assert!(line.get("scorecard").is_none());
    }
    let one = run(&["-j1"], &input);
    assert_eq!(
        one.stdout, two.stdout,
        "the output does not depend on the threads"
    );
}

#[test]
fn ids_are_echoed_as_written() {
    let input = b"{\"id\": 1e3, \"text\": \"RTFM.\"}\n{\"id\": 12345678901234567890123, \"text\": \"Hi.\"}\n{\"text\": \"Hi.\", \"id\": \"\\u00e9t\\u00e9\"}\n{\"text\": \"Hi.\"}\n";
    let out = run(&[], input);
    let raw: Vec<&str> = out.stdout.lines().collect();
    assert!(raw[0].contains("\"id\":1e3,"), "{}", raw[0]);
    assert!(
        raw[1].contains("\"id\":12345678901234567890123,"),
        "{}",
        raw[1]
    );
    assert!(raw[2].contains(r#""id":"\u00e9t\u00e9","#), "{}", raw[2]);
    assert!(out.lines[3].get("id").is_none());
}

#[test]
fn bad_lines_are_reported_in_place_and_the_rest_is_linted() {
    let mut input = String::new();
    input.push_str(&format!("{}\n", json!({"id": "a", "text": RUDE[0]})));
    input.push_str("not json\n");
    input.push_str("[1, 2]\n");
    input.push_str("{\"id\": \"no-text\", \"body\": \"RTFM.\"}\n");
    input.push_str("{\"id\": 5, \"text\": 42}\n");
    input.push_str("{\"id\": 6, \"text\": \"RTFM.\", \"format\": \"docx\"}\n");
    input.push_str("{\"id\": [7], \"text\": \"RTFM.\"}\n");
    input.push_str("\n   \n");
    input.push_str(&format!("{}\n", json!({"id": "z", "text": RUDE[2]})));
    let out = run(&[], input.as_bytes());
    assert_eq!(
        out.code,
        Some(2),
        "a bad line fails the run: {}",
        out.stderr
    );
    assert!(
        out.stderr.contains("6 lines could not be linted"),
        "{}",
        out.stderr
    );
    let errors: Vec<(u64, Option<&Value>, &str)> = out
        .lines
        .iter()
        .filter_map(|l| Some((l["line"].as_u64()?, l.get("id"), l["error"].as_str()?)))
        .collect();
    assert_eq!(
        errors,
        [
            (2, None, "not JSON: expected ident at line 1 column 2"),
            (3, None, "not a JSON object"),
            (4, Some(&json!("no-text")), "no `text`"),
            (5, Some(&json!(5)), "`text` is not a string"),
            (
                6,
                Some(&json!(6)),
                "unknown `format` \"docx\" (one of text, markdown, email, html)"
            ),
            (7, None, "`id` is not a string or a number"),
        ]
    );
    // Blank lines are skipped, but counted: the last reply is line 10.
    let linted: Vec<(u64, &Value)> = out
        .lines
        .iter()
        .filter(|l| l.get("findings").is_some())
        .map(|l| (l["line"].as_u64().unwrap(), &l["id"]))
        .collect();
    assert_eq!(linted, [(1, &json!("a")), (10, &json!("z"))]);
    assert_eq!(out.lines.len(), 8);
}

#[test]
fn the_clients_message_makes_the_empathy_rules_fire() {
    let reply =
        "Hi Dana,\n\nThe export runs nightly; I have started it again for you.\n\nBest,\nSam\n";
    let client = "This is the third time I'm writing. My thesis is due by tomorrow and the export is still broken!!!";
    let lines = [
        json!({"id": 1, "text": reply}),
        json!({"id": 2, "text": reply, "context": client}),
        json!({"id": 3, "text": format!("Hi Dana,\n\nI'm so sorry, that sounds stressful. {}", &reply[10..]), "context": client}),
        json!({"id": 4, "text": reply, "context": null}),
    ];
    let out = run(&[], &jsonl(&lines));
    assert_eq!(codes(&out.lines[0]), Vec::<&str>::new());
    assert_eq!(codes(&out.lines[1]), ["empathy/stress-unacknowledged"]);
    let finding = &out.lines[1]["findings"][0];
    // The finding is in the reply, never in the client's words.
    assert_eq!(finding["line"], 3);
    assert!(finding["message"].as_str().unwrap().contains("third time"));
    assert_eq!(codes(&out.lines[2]), Vec::<&str>::new(), "acknowledged");
    assert_eq!(codes(&out.lines[3]), Vec::<&str>::new());
    assert_eq!(out.code, Some(1));
}

#[test]
fn statistics_add_each_replys_scorecard() {
    let text = "RTFM. As I already said, restart it.";
    let dir = temp_dir("scorecard");
    let file = dir.join("reply.txt");
    std::fs::write(&file, text).unwrap();
    let lines = [json!({"id": "x", "text": text}), json!({"text": KIND[0]})];
    let out = run(&["--statistics"], &jsonl(&lines));
    let card = &out.lines[0]["scorecard"];
    assert!(card["warmth"].as_u64().unwrap() < 50, "{card}");
    assert_eq!(card["reply"], 1);
    assert_eq!(card["path"], "-");
    assert!(out.lines[1]["scorecard"]["warmth"].as_u64().unwrap() >= 50);
    // The same scorecard as `--format json --statistics` gives for the text as a file.
    let document = Command::new(env!("CARGO_BIN_EXE_tonelint"))
        .args(["check", "--isolated", "--format", "json", "--statistics"])
        .arg(&file)
        .output()
        .unwrap();
    let document: Value = serde_json::from_slice(&document.stdout).unwrap();
    let mut expected = document["scorecards"][0].clone();
    expected["path"] = json!("-");
    assert_eq!(card, &expected);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn findings_are_the_json_contracts_with_offsets_into_the_text() {
    // CRLF line ends around the lines and inside the text, non-ASCII before the findings.
    let text = "Hi Zoë,\r\n\r\nRTFM. Seriously, per my last email, café settings > Export.\r\n";
    let input = format!(
        "{}\r\n{}\r\n",
        json!({"id": 1, "text": text}),
        json!({"id": 2, "text": "Thanks!"})
    );
    let out = run(&[], input.as_bytes());
    assert_eq!(out.lines.len(), 2);
    let findings = out.lines[0]["findings"].as_array().unwrap();
    assert!(findings.len() >= 2);
    for f in findings {
        let (start, end) = (f["start"].as_u64().unwrap(), f["end"].as_u64().unwrap());
        let flagged = &text[start as usize..end as usize];
        assert!(
            ["RTFM", "per my last email"]
                .iter()
                .any(|p| flagged.eq_ignore_ascii_case(p)),
            "{flagged:?}"
        );
        assert_eq!(f["line"], 3);
        assert_eq!(f["path"], "-");
    }
    // The objects are those of `--format json-lines` for the same text as a file.
    let dir = temp_dir("contract");
    let file = dir.join("reply.txt");
    std::fs::write(&file, text).unwrap();
    let file_mode = Command::new(env!("CARGO_BIN_EXE_tonelint"))
        .args(["check", "--isolated", "--format", "json-lines"])
        .arg(&file)
        .output()
        .unwrap();
    let expected: Vec<Value> = String::from_utf8(file_mode.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let mut v: Value = serde_json::from_str(l).unwrap();
            v["path"] = json!("-");
            v
        })
        .collect();
    assert_eq!(findings, &expected);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn each_reply_in_its_format() {
    let fenced = "Here is the command:\n\n```\nRTFM\n```\n";
    let email = "From: sam@example.com\nTo: dana@example.com\nSubject: Re: export\n\nRTFM.\n";
    let lines = [
        json!({"id": "text", "text": fenced}),
        json!({"id": "markdown", "text": fenced, "format": "markdown"}),
        json!({"id": "email", "text": email, "format": "email"}),
        json!({"id": "sniffed", "text": email}),
        json!({"id": "html", "text": "<p>RTFM.</p><pre>RTFM</pre>", "format": "html"}),
    ];
    let out = run(&[], &jsonl(&lines));
    let rtfm = |k: usize| codes(&out.lines[k]).contains(&"condescension/rtfm");
    assert!(rtfm(0), "plain text reads the fenced block");
    assert!(!rtfm(1), "Markdown code is not prose");
    assert!(rtfm(2) && rtfm(3));
    // The finding is in the body, after the headers.
    assert_eq!(out.lines[2]["findings"][0]["line"], 5);
    assert_eq!(codes(&out.lines[4]), ["condescension/rtfm"]);
}

#[test]
fn a_huge_line_is_one_reply() {
    let filler = "The export runs nightly and the report lands in your inbox at two. ";
    let mut text = filler.repeat(8000);
    text.push_str("RTFM.");
    text.push_str(&filler.repeat(8000));
    assert!(text.len() > 1 << 20);
    let lines = [
        json!({"id": "small", "text": RUDE[0]}),
        json!({"id": "huge", "text": text}),
        json!({"id": "after", "text": KIND[1]}),
    ];
    let out = run(&["-j2"], &jsonl(&lines));
    assert_eq!(out.lines.len(), 3);
    let huge = &out.lines[1];
    assert_eq!(huge["id"], "huge");
    let rtfm: Vec<&Value> = huge["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "condescension/rtfm")
        .collect();
    assert_eq!(rtfm.len(), 1);
    assert_eq!(rtfm[0]["start"], 8000 * filler.len());
    assert_eq!(out.lines[2]["id"], "after");
}

#[test]
fn exit_codes_follow_check() {
    let kind = jsonl(&[json!({"text": KIND[0]}), json!({"text": KIND[1]})]);
    assert_eq!(run(&[], &kind).code, Some(0));
    let rude = jsonl(&[
        json!({"text": KIND[0]}),
        json!({"text": "This is user error."}),
    ]);
    assert_eq!(run(&[], &rude).code, Some(1));
    assert_eq!(run(&["--exit-zero"], &rude).code, Some(0));
    assert_eq!(run(&["--fail-on", "error"], &rude).code, Some(0));
    assert_eq!(
        run(&["--fail-on", "error"], &jsonl(&[json!({"text": RUDE[0]})])).code,
        Some(1)
    );
    let empty = run(&[], b"");
    assert_eq!((empty.code, empty.stdout.as_str()), (Some(0), ""));
    assert_eq!(run(&["--select", "blame"], &rude).code, Some(1));
    assert_eq!(run(&["--ignore", "blame"], &rude).code, Some(0));
}

#[test]
fn files_are_read_in_order_each_line_numbered_in_its_file() {
    let dir = temp_dir("files");
    std::fs::write(
        dir.join("a.jsonl"),
        jsonl(&[
            json!({"id": "a1", "text": RUDE[0]}),
            json!({"id": "a2", "text": KIND[0]}),
        ]),
    )
    .unwrap();
    std::fs::write(
        dir.join("b.jsonl"),
        jsonl(&[json!({"id": "b1", "text": RUDE[1]})]),
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_tonelint"))
        .current_dir(&dir)
        .args(["check", "--isolated", "--input-format", "jsonl"])
        .args(["b.jsonl", "missing.jsonl", "a.jsonl"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let got: Vec<(String, u64, String)> = stdout
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            (
                v["path"].as_str().unwrap().to_owned(),
                v["line"].as_u64().unwrap(),
                v["id"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected = [
        ("b.jsonl", 1, "b1"),
        ("a.jsonl", 1, "a1"),
        ("a.jsonl", 2, "a2"),
    ]
    .map(|(p, l, i)| (p.to_owned(), l, i.to_owned()));
    assert_eq!(got, expected);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("tonelint: error: missing.jsonl: "),
        "{stderr}"
    );
    assert_eq!(out.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).unwrap();
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("tonelint-jsonl-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
