//! `tonelint server`, driven over its stdin and stdout as an editor drives it: position encodings,
//! diagnostics on open and on incremental changes, debouncing, mail drafts with the client's quoted
//! message, code actions, hover, configuration (files and client settings, broken ones) and bad
//! input. `editors::neovim_*` drives it from a real Neovim.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// A client of one server process.
pub(crate) struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    /// Messages read while waiting for something else.
    seen: Vec<Value>,
    next_id: i64,
}

impl Client {
    /// Starts `tonelint server` in `dir` (the working directory; configuration is found from the
    /// documents' own directories).
    pub(crate) fn start(dir: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tonelint"))
            .arg("server")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("tonelint server starts");
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (tx, incoming) = channel();
        std::thread::spawn(move || {
            loop {
                let mut length = None;
                let mut line = String::new();
                loop {
                    line.clear();
                    if stdout.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let header = line.trim_end();
                    if header.is_empty() {
                        break;
                    }
                    if let Some(n) = header.strip_prefix("Content-Length: ") {
                        length = n.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("a Content-Length header")];
                if stdout.read_exact(&mut body).is_err() {
                    return;
                }
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            incoming,
            seen: Vec::new(),
            next_id: 1,
        }
    }

    pub(crate) fn send_raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).unwrap();
        self.stdin.flush().unwrap();
    }

    pub(crate) fn send(&mut self, message: &Value) {
        let body = serde_json::to_vec(message).unwrap();
        let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        frame.extend(body);
        self.send_raw(&frame);
    }

    pub(crate) fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and waits for its response.
    pub(crate) fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
    }

    /// Waits up to ten seconds for a message `wanted` picks (looking at those already read first).
    pub(crate) fn wait(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        self.wait_for(Duration::from_secs(10), wanted)
    }

    /// Waits up to `time` for a message `wanted` picks.
    pub(crate) fn wait_for(&mut self, time: Duration, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.seen.iter().position(&wanted) {
            return self.seen.remove(i);
        }
        let deadline = Instant::now() + time;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(m) if wanted(&m) => return m,
                Ok(m) => self.seen.push(m),
                Err(RecvTimeoutError::Timeout) => panic!("no such message; seen: {:#?}", self.seen),
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("the server ended; seen: {:#?}", self.seen)
                }
            }
        }
    }

    /// Every message that arrives within `time`, besides those already read.
    pub(crate) fn collect(&mut self, time: Duration) -> Vec<Value> {
        let deadline = Instant::now() + time;
        let mut out: Vec<Value> = std::mem::take(&mut self.seen);
        while let Ok(m) = self
            .incoming
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            out.push(m);
        }
        out
    }

    /// The next diagnostics published for `uri`.
    pub(crate) fn diagnostics(&mut self, uri: &str) -> Value {
        self.wait(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
            ["params"]
            .clone()
    }

    pub(crate) fn initialize(&mut self, capabilities: Value, options: Value) -> Value {
        let response = self.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": capabilities,
                   "initializationOptions": options}),
        );
        self.notify("initialized", json!({}));
        response
    }

    pub(crate) fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
    }

    /// Shuts the server down properly; returns its exit code.
    pub(crate) fn shutdown(mut self) -> Option<i32> {
        let response = self.request("shutdown", Value::Null);
        assert_eq!(response["result"], Value::Null);
        self.notify("exit", Value::Null);
        self.exit_code()
    }

    pub(crate) fn exit_code(mut self) -> Option<i32> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A fresh directory for one test.
pub(crate) fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tonelint-server-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn codes(diagnostics: &Value) -> Vec<String> {
    diagnostics["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect()
}

/// `text` with one LSP text edit (UTF-16 positions) applied.
fn apply(text: &str, edit: &Value) -> String {
    let offset = |p: &Value| {
        let line = p["line"].as_u64().unwrap() as usize;
        let character = p["character"].as_u64().unwrap() as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        for (i, c) in text[start..].char_indices() {
            if units >= character {
                return start + i;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    let (a, b) = (
        offset(&edit["range"]["start"]),
        offset(&edit["range"]["end"]),
    );
    format!(
        "{}{}{}",
        &text[..a],
        edit["newText"].as_str().unwrap(),
        &text[b..]
    )
}

fn fast() -> Value {
    json!({"debounceMs": 0})
}

const RUDE: &str =
    "Hi Sam,\n\nAs I already explained, the export runs nightly. RTFM.\n\nThanks,\nDev\n";

#[test]
fn diagnostics_on_open_and_incremental_change_in_utf16_by_default() {
    let dir = temp_dir("open");
    let mut client = Client::start(&dir);
    let init = client.initialize(json!({}), fast());
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(
        init["result"]["capabilities"]["textDocumentSync"]["change"],
        2
    );
    let u = uri(&dir.join("reply.txt"));
    // An emoji (two UTF-16 code units, four UTF-8 bytes) before the finding.
    client.open(&u, "plaintext", "Hi 😀 Sam,\n\nPlease calm down 😀 RTFM.\n");
    let d = client.diagnostics(&u);
    assert_eq!(d["version"], 1);
    let rtfm = d["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "condescension/rtfm")
        .expect("RTFM is flagged")
        .clone();
    assert_eq!(rtfm["range"]["start"], json!({"line": 2, "character": 20}));
    assert_eq!(rtfm["source"], "tonelint");
    assert_eq!(rtfm["severity"], 1);
    // Delete "RTFM." (line 2, characters 20..25) as an editor would, by range.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": u, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": 2, "character": 19}, "end": {"line": 2, "character": 25}}, "text": ""}
        ]}),
    );
    let d = client.diagnostics(&u);
    assert_eq!(d["version"], 2);
    assert!(!codes(&d).contains(&"condescension/rtfm".to_owned()), "{d}");
    assert!(codes(&d).contains(&"dismissal/calm-down".to_owned()), "{d}");
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn utf8_positions_when_the_client_offers_them() {
    let dir = temp_dir("utf8");
    let mut client = Client::start(&dir);
    let init = client.initialize(
        json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}),
        fast(),
    );
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-8");
    let u = uri(&dir.join("reply.txt"));
    client.open(&u, "plaintext", "Hi 😀 Sam,\n\nPlease calm down 😀 RTFM.\n");
    let d = client.diagnostics(&u);
    let rtfm = d["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "condescension/rtfm")
        .unwrap()
        .clone();
    assert_eq!(rtfm["range"]["start"], json!({"line": 2, "character": 22}));
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn a_burst_of_changes_is_linted_once_at_its_last_version() {
    let dir = temp_dir("debounce");
    let mut client = Client::start(&dir);
    client.initialize(json!({}), json!({"debounceMs": 300}));
    let u = uri(&dir.join("reply.txt"));
    client.open(&u, "plaintext", "Hi,\n\n");
    assert_eq!(client.diagnostics(&u)["version"], 1);
    // Typing "RTFM. " one keystroke at a time.
    for (i, c) in "RTFM. ".chars().enumerate() {
        client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": u, "version": 2 + i}, "contentChanges": [
                {"range": {"start": {"line": 2, "character": i}, "end": {"line": 2, "character": i}}, "text": c.to_string()}
            ]}),
        );
    }
    let published: Vec<Value> = client
        .collect(Duration::from_millis(1500))
        .into_iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .collect();
    assert_eq!(published.len(), 1, "{published:#?}");
    assert_eq!(published[0]["params"]["version"], 7);
    assert_eq!(codes(&published[0]["params"]), ["condescension/rtfm"]);
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn a_mail_draft_reads_the_quoted_client_as_context() {
    let dir = temp_dir("mail");
    let mut client = Client::start(&dir);
    client.initialize(json!({}), fast());
    // What mutt opens $EDITOR on: the reply above, the client's message quoted below.
    let draft = "Hi Dana,\n\nThe HDMI cable in room 4 was loose. I replaced it and the projector works.\n\nBest,\nSam\n\nOn Mon, 3 Mar 2025, Dana wrote:\n> The projector died in front of 140 students!!! Third time this term.\n> I felt like a fool. Calm down, they said. RTFM.\n";
    let u = uri(&dir.join("mutt-host-1000-12345-6789"));
    client.open(&u, "mail", draft);
    let d = client.diagnostics(&u);
    assert_eq!(codes(&d), ["empathy/stress-unacknowledged"], "{d}");
    // Nothing points into the quoted text.
    for diagnostic in d["diagnostics"].as_array().unwrap() {
        assert!(diagnostic["range"]["start"]["line"].as_u64().unwrap() < 7);
    }
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn code_actions_offer_each_rewrite_and_fix_all_safe() {
    let dir = temp_dir("actions");
    let mut client = Client::start(&dir);
    client.initialize(json!({}), fast());
    let u = uri(&dir.join("reply.txt"));
    let text = "Hi Sam,\n\nAs I already explained, the export runs nightly!!!\n\nThanks,\nDev\n";
    client.open(&u, "plaintext", text);
    let d = client.diagnostics(&u);
    assert_eq!(
        codes(&d),
        [
            "condescension/as-i-already-said",
            "courtesy/stacked-exclamation-marks"
        ]
    );
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": u}, "range": {"start": {"line": 2, "character": 0},
               "end": {"line": 2, "character": 60}}, "context": {"diagnostics": d["diagnostics"]}}),
    )["result"]
        .as_array()
        .unwrap()
        .clone();
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    // The rewrite to review shows the whole new sentence; the safe fix is preferred.
    let recap = actions
        .iter()
        .find(|a| a["title"].as_str().unwrap().contains("To recap"))
        .unwrap_or_else(|| panic!("{titles:?}"));
    assert_eq!(recap["kind"], "quickfix");
    assert_eq!(recap["isPreferred"], false);
    assert!(
        recap["title"]
            .as_str()
            .unwrap()
            .starts_with("Rewrite as “To recap, the export runs nightly"),
        "{titles:?}"
    );
    let safe = actions
        .iter()
        .find(|a| a["diagnostics"][0]["code"] == "courtesy/stacked-exclamation-marks")
        .unwrap();
    assert_eq!(safe["isPreferred"], true);
    assert_eq!(
        apply(text, &safe["edit"]["changes"][&u][0]),
        text.replace("!!!", "!")
    );
    let fix_all = actions
        .iter()
        .find(|a| a["kind"] == "source.fixAll.tonelint")
        .expect("a fix-all action");
    assert_eq!(
        apply(text, &fix_all["edit"]["changes"][&u][0]),
        text.replace("!!!", "!")
    );
    // Only the fix-all action when the client asks only for it.
    let only = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": u}, "range": {"start": {"line": 0, "character": 0},
               "end": {"line": 0, "character": 0}},
               "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    )["result"]
        .clone();
    assert_eq!(only.as_array().unwrap().len(), 1, "{only}");
    assert_eq!(only[0]["kind"], "source.fixAll.tonelint");
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn hover_explains_the_rule() {
    let dir = temp_dir("hover");
    let mut client = Client::start(&dir);
    client.initialize(json!({}), fast());
    let u = uri(&dir.join("reply.txt"));
    client.open(&u, "plaintext", RUDE);
    client.diagnostics(&u);
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": u}, "position": {"line": 2, "character": 52}}),
    );
    let value = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        value.starts_with("**condescension/rtfm** (error)"),
        "{value}"
    );
    assert!(value.contains("## Why is this bad?"), "{value}");
    assert!(value.contains("## Example"), "{value}");
    let nothing = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": u}, "position": {"line": 0, "character": 1}}),
    );
    assert_eq!(nothing["result"], Value::Null);
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn configuration_files_and_client_settings() {
    let dir = temp_dir("config");
    let config = dir.join("tonelint.toml");
    std::fs::write(&config, "ignore = [\"rtfm\"]\n").unwrap();
    let mut client = Client::start(&dir);
    client.initialize(json!({}), fast());
    let u = uri(&dir.join("reply.txt"));
    client.open(&u, "plaintext", RUDE);
    assert_eq!(
        codes(&client.diagnostics(&u)),
        ["condescension/as-i-already-said"]
    );
    // A broken configuration: reported with its line and column; the last good one stays.
    std::fs::write(&config, "ignore = [\"rtfm\"]\ncolour = true\n").unwrap();
    let change = |client: &mut Client, version: i32| {
        client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": u, "version": version}, "contentChanges": [{"text": RUDE}]}),
        );
    };
    change(&mut client, 2);
    let shown = client.wait(|m| m["method"] == "window/showMessage");
    let message = shown["params"]["message"].as_str().unwrap();
    assert!(
        message.contains("tonelint.toml:2:1: unknown field `colour`"),
        "{message}"
    );
    assert_eq!(shown["params"]["type"], 1);
    assert_eq!(
        codes(&client.diagnostics(&u)),
        ["condescension/as-i-already-said"]
    );
    // Mended: read again.
    std::fs::write(&config, "ignore = [\"condescension/as-i-already-said\"]\n").unwrap();
    change(&mut client, 3);
    assert_eq!(codes(&client.diagnostics(&u)), ["condescension/rtfm"]);
    // The client's settings go over the file's.
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"tonelint": {"select": ["blame"]}}}),
    );
    assert!(codes(&client.diagnostics(&u)).is_empty());
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"tonelint": {"failOn": "error", "minConfidence": 0.0}}}),
    );
    let d = client.diagnostics(&u);
    // Below fail-on a finding shows as a hint; at or above it, at its own severity.
    assert_eq!(codes(&d), ["condescension/rtfm"]);
    assert_eq!(d["diagnostics"][0]["severity"], 1);
    assert_eq!(client.shutdown(), Some(0));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_input_never_stops_the_server() {
    let dir = temp_dir("bad");
    let mut client = Client::start(&dir);
    // Before initialize, requests are refused.
    let early = client.request("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002);
    client.initialize(json!({}), fast());
    // Not JSON, a bad header, an unknown method, params of the wrong shape.
    client.send_raw(b"Content-Length: 9\r\n\r\n{\"id\": 1,");
    assert_eq!(
        client.wait(|m| m.get("error").is_some())["error"]["code"],
        -32700
    );
    client.send_raw(b"Content-Length: nine\r\n\r\n");
    assert_eq!(
        client.wait(|m| m.get("error").is_some())["error"]["code"],
        -32700
    );
    assert_eq!(
        client.request("tonelint/nothing", json!({}))["error"]["code"],
        -32601
    );
    assert_eq!(
        client.request("textDocument/codeAction", json!({"nope": 1}))["error"]["code"],
        -32602
    );
    // A change outside the document: logged, not applied.
    let u = uri(&dir.join("reply.txt"));
    client.open(&u, "plaintext", RUDE);
    client.diagnostics(&u);
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": u, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": 40, "character": 0}, "end": {"line": 41, "character": 0}}, "text": "x"}
        ]}),
    );
    let log = client.wait(|m| m["method"] == "window/logMessage");
    assert!(
        log["params"]["message"]
            .as_str()
            .unwrap()
            .contains("outside the document")
    );
    // A document that is not text: logged, not linted.
    let binary = uri(&dir.join("photo.jpg"));
    client.open(&binary, "plaintext", "\u{0}\u{1}JFIF\u{0}");
    let log = client.wait(|m| m["method"] == "window/logMessage");
    assert!(
        log["params"]["message"]
            .as_str()
            .unwrap()
            .contains("not text")
    );
    // A 10 MB document: the server answers while it is linted (the lint has its own thread),
    // then publishes its findings.
    let big = uri(&dir.join("big.txt"));
    let mut text = String::new();
    while text.len() < 10 << 20 {
        text.push_str("The export runs nightly and the report is in your inbox by seven.\n");
    }
    text.push_str("RTFM.\n");
    client.open(&big, "plaintext", &text);
    assert_eq!(
        client.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": u},
            "position": {"line": 0, "character": 0}})
        )["result"],
        Value::Null
    );
    let published = client.wait_for(Duration::from_secs(300), |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == big
    });
    assert_eq!(codes(&published["params"]), ["condescension/rtfm"]);
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn exit_without_shutdown_is_code_1() {
    let dir = temp_dir("exit");
    let mut client = Client::start(&dir);
    client.initialize(json!({}), fast());
    client.notify("exit", Value::Null);
    assert_eq!(client.exit_code(), Some(1));
}

/// Neovim's own LSP client attaches `tonelint server` to a mail draft (what mutt opens the editor
/// on), shows the diagnostics, applies the code action for the RTFM finding, and the diagnostic goes.
#[test]
fn neovim_shows_diagnostics_and_applies_a_code_action() {
    if !crate::mail_clients::have("nvim") {
        return;
    }
    let dir = temp_dir("neovim");
    let draft = dir.join("mutt-host-1000-4242-1");
    std::fs::write(
        &draft,
        "Hi Dana,\n\nRTFM. The export is under File > Export > CSV.\n\nBest,\nSam\n\nOn Mon, 3 Mar 2025, Dana wrote:\n> The export failed in front of my whole team!!! Third time this week.\n",
    )
    .unwrap();
    let result = dir.join("result.txt");
    let status = Command::new("nvim")
        .args(["--headless", "-u", "NONE", "-i", "NONE", "-n", "-c"])
        .arg(format!(
            "luafile {}",
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/editors/neovim.lua")
                .display()
        ))
        .env("TONELINT", env!("CARGO_BIN_EXE_tonelint"))
        .env("DRAFT", &draft)
        .env("RESULT", &result)
        .current_dir(&dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "{status}");
    let seen = std::fs::read_to_string(&result).unwrap();
    // The client's stress (quoted) and the RTFM (in the reply) are both seen; the quoted text is
    // context, never flagged.
    assert!(seen.contains("diagnostic condescension/rtfm\n"), "{seen}");
    assert!(
        seen.contains("diagnostic empathy/stress-unacknowledged\n"),
        "{seen}"
    );
    assert!(seen.contains("at 2:0\n"), "{seen}");
    assert!(seen.contains("\napplied "), "{seen}");
    assert!(seen.contains("\nrtfm gone\n"), "{seen}");
    assert!(!seen.contains("line RTFM."), "{seen}");
    std::fs::remove_dir_all(&dir).unwrap();
}
