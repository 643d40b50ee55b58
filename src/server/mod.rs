//! `tonelint server`: a Language Server Protocol server on stdin and stdout, so an editor shows
//! findings while the reply is written.
//!
//! The main thread reads messages and answers requests; a lint thread lints documents after they
//! stop changing for a moment (the debounce), and publishes their diagnostics only if the
//! document has not changed meanwhile: a newer version supersedes an older lint, and a lint that
//! finishes late is dropped, not published. Nothing a client sends stops the server: a malformed
//! message or an unknown method gets an error response or a log message, and the server goes on.
//! `exit` ends it with 0 after `shutdown`, 1 otherwise.

mod actions;
mod config;
mod document;
mod position;
mod transport;

use std::collections::{BTreeSet, HashMap};
use std::io::BufRead;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, Diagnostic,
    DiagnosticSeverity, HoverProviderCapability, InitializeResult, NumberOrString,
    PositionEncodingKind, PublishDiagnosticsParams, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
};
use serde_json::{Value, json};
use tonelint_core::{Finding, Linter, Severity};

use config::{ClientSettings, Configs};
use document::Document;
use position::{Encoding, Lines};
use transport::{Incoming, Sender};

/// How long a document must stay unchanged before it is linted, unless the client says.
const DEBOUNCE: Duration = Duration::from_millis(100);

/// JSON-RPC error codes.
mod code {
    pub(super) const PARSE_ERROR: i64 = -32700;
    pub(super) const INVALID_REQUEST: i64 = -32600;
    pub(super) const METHOD_NOT_FOUND: i64 = -32601;
    pub(super) const INVALID_PARAMS: i64 = -32602;
    pub(super) const SERVER_NOT_INITIALIZED: i64 = -32002;
}

/// A document's last lint: what its diagnostics show, and what code actions and hovers read.
#[derive(Clone)]
struct Linted {
    version: i32,
    findings: Vec<Finding>,
    linter: Arc<Linter>,
}

/// What the main thread and the lint thread share.
struct State {
    docs: HashMap<String, Document>,
    linted: HashMap<String, Linted>,
    configs: Configs,
    encoding: Encoding,
}

type Shared = Arc<Mutex<State>>;

fn lock(shared: &Shared) -> MutexGuard<'_, State> {
    // A panic on the other thread must not take the server down with it.
    shared
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// What the lint thread is asked to do.
enum Job {
    /// Lint this document once it stops changing.
    Lint(String),
    /// Lint every open document (the configuration changed).
    All,
}

/// Runs the server on `input` and `output` until `exit` or the end of the input; returns the
/// process's exit code (0 after `shutdown` then `exit`, else 1).
pub fn run(input: &mut impl BufRead, output: Box<dyn std::io::Write + Send>) -> u8 {
    let sender = Sender::new(output);
    let shared: Shared = Arc::new(Mutex::new(State {
        docs: HashMap::new(),
        linted: HashMap::new(),
        configs: Configs::default(),
        encoding: Encoding::Utf16,
    }));
    let (jobs, queue) = mpsc::channel::<Job>();
    let worker = {
        let shared = Arc::clone(&shared);
        let sender = sender.clone();
        std::thread::Builder::new()
            .name("tonelint-lint".to_owned())
            .spawn(move || lint_loop(&queue, &shared, &sender))
            .expect("a thread starts")
    };
    let mut server = Server {
        sender,
        shared,
        jobs,
        initialized: false,
        shutdown: false,
        watch_configuration: false,
    };
    let code = loop {
        match transport::read(input) {
            Ok(Incoming::Message(message)) => {
                if let Some(code) = server.handle(message) {
                    break code;
                }
            }
            Ok(Incoming::Malformed(problem)) => {
                server.sender.respond_error(
                    &Value::Null,
                    code::PARSE_ERROR,
                    &format!("tonelint: {problem}"),
                );
            }
            // The client went away without `exit`.
            Ok(Incoming::End) | Err(_) => break u8::from(!server.shutdown),
        }
    };
    drop(server);
    let _ = worker.join();
    code
}

struct Server {
    sender: Sender,
    shared: Shared,
    jobs: mpsc::Sender<Job>,
    initialized: bool,
    shutdown: bool,
    /// Whether the client can watch files for us (dynamic registration).
    watch_configuration: bool,
}

impl Server {
    /// Handles one message; `Some(code)` when the server must exit with it.
    fn handle(&mut self, message: Value) -> Option<u8> {
        let method = message.get("method").and_then(Value::as_str);
        let id = message.get("id").cloned();
        let params = message.get("params").cloned().unwrap_or(Value::Null);
        match (method, id) {
            (Some(method), Some(id)) => self.request(method, &id, params),
            (Some(method), None) => return self.notification(method, params),
            // A response to one of our requests (a capability registration): nothing to do.
            (None, Some(_))
                if message.get("result").is_some() || message.get("error").is_some() => {}
            (None, id) => self.sender.respond_error(
                &id.unwrap_or(Value::Null),
                code::INVALID_REQUEST,
                "tonelint: not a JSON-RPC request, notification or response",
            ),
        }
        None
    }

    fn request(&mut self, method: &str, id: &Value, params: Value) {
        if method == "initialize" {
            return self.initialize(id, &params);
        }
        if !self.initialized {
            return self.sender.respond_error(
                id,
                code::SERVER_NOT_INITIALIZED,
                "tonelint: the server is not initialized",
            );
        }
        if self.shutdown {
            return self.sender.respond_error(
                id,
                code::INVALID_REQUEST,
                "tonelint: the server is shutting down",
            );
        }
        let answer = match method {
            "shutdown" => {
                self.shutdown = true;
                Ok(Value::Null)
            }
            "textDocument/codeAction" => {
                parse(params).map(|p| actions::code_actions(&self.shared, &p))
            }
            "textDocument/hover" => parse(params).map(|p| actions::hover(&self.shared, &p)),
            _ => {
                return self.sender.respond_error(
                    id,
                    code::METHOD_NOT_FOUND,
                    &format!("tonelint: no method `{method}`"),
                );
            }
        };
        match answer {
            Ok(result) => self.sender.respond(id, result),
            Err(e) => self.sender.respond_error(id, code::INVALID_PARAMS, &e),
        }
    }

    fn initialize(&mut self, id: &Value, params: &Value) {
        if self.initialized {
            return self.sender.respond_error(
                id,
                code::INVALID_REQUEST,
                "tonelint: the server is already initialized",
            );
        }
        // UTF-8 positions when the client offers them; UTF-16, the protocol's default, otherwise.
        let offers_utf8 = params
            .pointer("/capabilities/general/positionEncodings")
            .and_then(Value::as_array)
            .is_some_and(|a| a.iter().any(|e| e == "utf-8"));
        let encoding = if offers_utf8 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        };
        let options = params.get("initializationOptions").unwrap_or(&Value::Null);
        {
            let mut state = lock(&self.shared);
            state.encoding = encoding;
            match ClientSettings::from_json(options) {
                Ok(settings) => state.configs.set_client(settings),
                Err(e) => self
                    .sender
                    .show(1, &format!("tonelint: initializationOptions: {e}")),
            }
        }
        self.watch_configuration = params
            .pointer("/capabilities/workspace/didChangeWatchedFiles/dynamicRegistration")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let capabilities = ServerCapabilities {
            position_encoding: Some(match encoding {
                Encoding::Utf8 => PositionEncodingKind::UTF8,
                Encoding::Utf16 => PositionEncodingKind::UTF16,
            }),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![
                    CodeActionKind::QUICKFIX,
                    CodeActionKind::new(actions::FIX_ALL),
                ]),
                ..CodeActionOptions::default()
            })),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            ..ServerCapabilities::default()
        };
        let result = InitializeResult {
            capabilities,
            server_info: Some(ServerInfo {
                name: "tonelint".to_owned(),
                version: Some(env!("CARGO_PKG_VERSION").to_owned()),
            }),
        };
        self.initialized = true;
        self.sender.respond(id, result);
    }

    fn notification(&mut self, method: &str, params: Value) -> Option<u8> {
        if method == "exit" {
            return Some(u8::from(!self.shutdown));
        }
        if !self.initialized {
            return None;
        }
        match method {
            "initialized" => self.register_watchers(),
            "textDocument/didOpen" => self.did_open(&params),
            "textDocument/didChange" => self.did_change(&params),
            "textDocument/didClose" => self.did_close(&params),
            "workspace/didChangeConfiguration" => {
                let settings = params.get("settings").unwrap_or(&Value::Null);
                match ClientSettings::from_json(settings) {
                    Ok(settings) => {
                        lock(&self.shared).configs.set_client(settings);
                        let _ = self.jobs.send(Job::All);
                    }
                    Err(e) => self.sender.show(1, &format!("tonelint: settings: {e}")),
                }
            }
            "workspace/didChangeWatchedFiles" => {
                lock(&self.shared).configs.invalidate();
                let _ = self.jobs.send(Job::All);
            }
            // Saving changes nothing the lint has not seen; cancellation and tracing have nothing
            // to act on; other notifications are not ours to answer.
            _ => {}
        }
        None
    }

    /// Asks the client to tell us when a configuration file changes, when it can.
    fn register_watchers(&self) {
        if !self.watch_configuration {
            return;
        }
        self.sender.send(&json!({
            "jsonrpc": "2.0",
            "id": "tonelint-watch-configuration",
            "method": "client/registerCapability",
            "params": {"registrations": [{
                "id": "tonelint-configuration",
                "method": "workspace/didChangeWatchedFiles",
                "registerOptions": {"watchers": [
                    {"globPattern": "**/tonelint.toml"},
                    {"globPattern": "**/.tonelint.toml"},
                    {"globPattern": "**/*.toml"},
                ]},
            }]},
        }));
    }

    fn did_open(&mut self, params: &Value) {
        let Some(doc) = params.get("textDocument") else {
            return self
                .sender
                .log(1, "tonelint: didOpen without a textDocument");
        };
        let (Some(uri), Some(text)) = (
            doc.get("uri").and_then(Value::as_str),
            doc.get("text").and_then(Value::as_str),
        ) else {
            return self
                .sender
                .log(1, "tonelint: didOpen without a uri or text");
        };
        let version = doc
            .get("version")
            .and_then(Value::as_i64)
            .and_then(|v| i32::try_from(v).ok())
            .unwrap_or(0);
        let language = doc.get("languageId").and_then(Value::as_str).unwrap_or("");
        let document = Document::new(uri, text.to_owned(), version, language);
        if let Some(why) = document.unlintable() {
            self.sender
                .log(2, &format!("tonelint: {uri}: {why}; not linted"));
        }
        lock(&self.shared).docs.insert(uri.to_owned(), document);
        let _ = self.jobs.send(Job::Lint(uri.to_owned()));
    }

    fn did_change(&mut self, params: &Value) {
        let Some(uri) = params.pointer("/textDocument/uri").and_then(Value::as_str) else {
            return self.sender.log(1, "tonelint: didChange without a uri");
        };
        let version = params
            .pointer("/textDocument/version")
            .and_then(Value::as_i64)
            .and_then(|v| i32::try_from(v).ok());
        let changes = params
            .get("contentChanges")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let mut state = lock(&self.shared);
        let encoding = state.encoding;
        let Some(doc) = state.docs.get_mut(uri) else {
            drop(state);
            return self.sender.log(
                2,
                &format!("tonelint: didChange for {uri}, which is not open"),
            );
        };
        for change in &changes {
            if let Err(why) = doc.apply(change, encoding) {
                self.sender.log(
                    1,
                    &format!("tonelint: {uri}: a change was not applied: {why}"),
                );
            }
        }
        doc.version = version.unwrap_or(doc.version + 1);
        drop(state);
        let _ = self.jobs.send(Job::Lint(uri.to_owned()));
    }

    fn did_close(&mut self, params: &Value) {
        let Some(uri) = params.pointer("/textDocument/uri").and_then(Value::as_str) else {
            return;
        };
        let mut state = lock(&self.shared);
        state.docs.remove(uri);
        state.linted.remove(uri);
        drop(state);
        publish(&self.sender, uri, None, Vec::new());
    }
}

/// Reads a request's params as `T`.
fn parse<T: serde::de::DeserializeOwned>(params: Value) -> Result<T, String> {
    serde_json::from_value(params).map_err(|e| format!("tonelint: invalid params: {e}"))
}

/// The lint thread: waits for documents to stop changing, lints them, publishes what is current.
fn lint_loop(queue: &Receiver<Job>, shared: &Shared, sender: &Sender) {
    while let Ok(first) = queue.recv() {
        let mut pending: BTreeSet<String> = BTreeSet::new();
        let mut all = false;
        let mut take = |job: Job, pending: &mut BTreeSet<String>| match job {
            Job::Lint(uri) => {
                pending.insert(uri);
            }
            Job::All => all = true,
        };
        take(first, &mut pending);
        let debounce = lock(shared)
            .configs
            .client()
            .debounce_ms
            .map_or(DEBOUNCE, Duration::from_millis);
        // The debounce: more changes within it join this round.
        loop {
            match queue.recv_timeout(debounce) {
                Ok(job) => take(job, &mut pending),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        if all {
            pending.extend(lock(shared).docs.keys().cloned());
        }
        for uri in pending {
            lint_one(shared, sender, &uri);
        }
    }
}

/// Lints one document's current version and publishes its diagnostics, unless a newer version
/// arrived meanwhile.
fn lint_one(shared: &Shared, sender: &Sender, uri: &str) {
    let mut state = lock(shared);
    let Some(doc) = state.docs.get(uri) else {
        return;
    };
    if doc.unlintable().is_some() {
        return;
    }
    let (text, version, kind, dir, path) = (
        doc.text.clone(),
        doc.version,
        doc.kind(),
        doc.dir(),
        doc.path.clone(),
    );
    let resolved = state.configs.resolve(dir.as_deref());
    let encoding = state.encoding;
    drop(state);
    if let Some(error) = &resolved.new_error {
        sender.show(
            1,
            &format!("tonelint: {error} (the last good configuration stays in use)"),
        );
    }
    let linter = resolved.linter;
    let shown = shown_path(path.as_ref(), resolved.base.as_ref(), uri);
    let source = tonelint_core::Source::new(shown, text.as_str(), kind)
        .with_options(linter.settings().source.clone());
    let findings = linter.check(&source);
    let mut state = lock(shared);
    // Superseded: a newer version is on its way to this thread; publishing this would be late.
    if state.docs.get(uri).is_none_or(|d| d.version != version) {
        return;
    }
    let diagnostics = diagnostics(&findings, &text, encoding, &linter);
    state.linted.insert(
        uri.to_owned(),
        Linted {
            version,
            findings,
            linter: Arc::clone(&linter),
        },
    );
    drop(state);
    publish(sender, uri, Some(version), diagnostics);
}

/// The path findings are reported for: relative to the configuration's directory (which per-file
/// overrides' globs are relative to), else the file's name, else the URI.
fn shown_path(path: Option<&PathBuf>, base: Option<&PathBuf>, uri: &str) -> String {
    match (path, base) {
        (Some(p), Some(b)) => p.strip_prefix(b).unwrap_or(p).display().to_string(),
        (Some(p), None) => p.file_name().map_or_else(
            || p.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ),
        (None, _) => uri.to_owned(),
    }
}

/// Each finding as a diagnostic; findings below the fail-on level show as hints.
fn diagnostics(
    findings: &[Finding],
    text: &str,
    encoding: Encoding,
    linter: &Linter,
) -> Vec<Diagnostic> {
    let lines = Lines::new(text, encoding);
    let fail_on = linter.settings().fail_on;
    findings
        .iter()
        .map(|f| Diagnostic {
            range: lines.range(f.span),
            severity: Some(if f.severity < fail_on {
                DiagnosticSeverity::HINT
            } else {
                match f.severity {
                    Severity::Error => DiagnosticSeverity::ERROR,
                    Severity::Warning => DiagnosticSeverity::WARNING,
                    Severity::Info => DiagnosticSeverity::INFORMATION,
                }
            }),
            code: Some(NumberOrString::String(f.code())),
            code_description: linter
                .rules()
                .iter()
                .find(|r| r.id == f.rule)
                .and_then(|r| r.link.as_deref())
                .and_then(|l| l.parse().ok())
                .map(|href| lsp_types::CodeDescription { href }),
            source: Some("tonelint".to_owned()),
            message: f.message.clone(),
            ..Diagnostic::default()
        })
        .collect()
}

fn publish(sender: &Sender, uri: &str, version: Option<i32>, diagnostics: Vec<Diagnostic>) {
    let Ok(uri) = uri.parse() else {
        return sender.log(1, &format!("tonelint: {uri} is not a URI; no diagnostics"));
    };
    sender.notify(
        "textDocument/publishDiagnostics",
        PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        },
    );
}
