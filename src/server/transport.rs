//! The wire: JSON-RPC messages framed by `Content-Length` headers on stdin and stdout.
//!
//! Written here rather than taken from `lsp-server` because its stdio reader ends the connection
//! at the first malformed message; here a malformed frame or payload is reported and skipped, and
//! the server goes on. Writes are serialised through one lock, so the lint thread and the main
//! thread can both send.

use std::io::{self, BufRead, Write};
use std::sync::{Arc, Mutex};

use serde_json::Value;

/// The largest message accepted: a document of 10 MB sent whole, JSON-escaped, fits.
const MAX_MESSAGE: usize = 64 << 20;

/// What reading one frame gave.
#[derive(Debug)]
pub(crate) enum Incoming {
    /// A JSON value (request, notification or response).
    Message(Value),
    /// A frame that is not a message: bad headers, a body that is not JSON. Reported, skipped.
    Malformed(String),
    /// The input ended.
    End,
}

/// Reads the next frame from `input`.
///
/// # Errors
///
/// Reading the input failed.
pub(crate) fn read(input: &mut impl BufRead) -> io::Result<Incoming> {
    let mut length: Option<usize> = None;
    let mut line = String::new();
    let mut bad_header = None;
    loop {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            return Ok(Incoming::End);
        }
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            if length.is_some() || bad_header.is_some() {
                break;
            }
            // Stray blank lines between frames are tolerated.
            continue;
        }
        match header.split_once(':') {
            Some((name, value)) if name.eq_ignore_ascii_case("content-length") => {
                match value.trim().parse::<usize>() {
                    Ok(n) => length = Some(n),
                    Err(_) => bad_header = Some(format!("bad Content-Length: {header:?}")),
                }
            }
            Some(_) => {} // Content-Type and others: not needed.
            None => bad_header = Some(format!("not a header: {header:?}")),
        }
    }
    if let Some(problem) = bad_header {
        return Ok(Incoming::Malformed(problem));
    }
    let length = length.expect("the loop ends with a length or a problem");
    if length > MAX_MESSAGE {
        // Read and drop it, so the next frame is found.
        io::copy(
            &mut io::Read::take(&mut *input, length as u64),
            &mut io::sink(),
        )?;
        return Ok(Incoming::Malformed(format!(
            "a message of {length} bytes is over the {} MiB limit",
            MAX_MESSAGE >> 20
        )));
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    Ok(match serde_json::from_slice::<Value>(&body) {
        Ok(value) => Incoming::Message(value),
        Err(e) => Incoming::Malformed(format!("the body is not JSON: {e}")),
    })
}

/// Sends messages; clones share one output.
#[derive(Clone)]
pub(crate) struct Sender {
    out: Arc<Mutex<Box<dyn Write + Send>>>,
}

impl Sender {
    /// A sender writing to `out`.
    pub(crate) fn new(out: Box<dyn Write + Send>) -> Sender {
        Sender {
            out: Arc::new(Mutex::new(out)),
        }
    }

    /// Sends one message. A closed output is ignored: the client is gone, and the read loop
    /// will see the input end.
    pub(crate) fn send(&self, message: &Value) {
        let body = serde_json::to_vec(message).expect("a JSON value serializes");
        let mut out = self
            .out
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let _ = write!(out, "Content-Length: {}\r\n\r\n", body.len())
            .and_then(|()| out.write_all(&body))
            .and_then(|()| out.flush());
    }

    /// A notification.
    pub(crate) fn notify(&self, method: &str, params: impl serde::Serialize) {
        self.send(&serde_json::json!({
            "jsonrpc": "2.0",
            "method": method,
            "params": params,
        }));
    }

    /// A response with a result.
    pub(crate) fn respond(&self, id: &Value, result: impl serde::Serialize) {
        self.send(&serde_json::json!({ "jsonrpc": "2.0", "id": id, "result": result }));
    }

    /// A response with an error.
    pub(crate) fn respond_error(&self, id: &Value, code: i64, message: &str) {
        self.send(&serde_json::json!({
            "jsonrpc": "2.0",
            "id": id,
            "error": { "code": code, "message": message },
        }));
    }

    /// A message in the client's log (`window/logMessage`); `kind` 1 error … 4 log.
    pub(crate) fn log(&self, kind: u8, message: &str) {
        self.notify(
            "window/logMessage",
            serde_json::json!({ "type": kind, "message": message }),
        );
    }

    /// A message shown to the user (`window/showMessage`); `kind` 1 error … 4 log.
    pub(crate) fn show(&self, kind: u8, message: &str) {
        self.notify(
            "window/showMessage",
            serde_json::json!({ "type": kind, "message": message }),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &str) -> Vec<String> {
        let mut reader = io::BufReader::new(input.as_bytes());
        let mut out = Vec::new();
        loop {
            match read(&mut reader).unwrap() {
                Incoming::Message(v) => out.push(format!("ok {v}")),
                Incoming::Malformed(m) => out.push(format!("bad {m}")),
                Incoming::End => return out,
            }
        }
    }

    #[test]
    fn malformed_frames_are_skipped_and_reading_goes_on() {
        let input = "Content-Length: 2\r\n\r\n{}\
                     Content-Length: 5\r\n\r\n{nope\
                     garbage\r\n\r\n\
                     Content-Length: x\r\n\r\n\
                     Content-Type: application/vscode-jsonrpc\r\nContent-Length: 7\r\n\r\n[1,2,3]";
        assert_eq!(
            frames(input),
            [
                "ok {}",
                "bad the body is not JSON: key must be a string at line 1 column 2",
                "bad not a header: \"garbage\"",
                "bad bad Content-Length: \"Content-Length: x\"",
                "ok [1,2,3]",
            ]
        );
    }
}
