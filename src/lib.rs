//! tonelint's command line, as a library: the commands (one module each), the pieces they share
//! (loading configuration and packs from disk, walking files, reading JSON lines, the threaded
//! runner, atomic writes), the report formats, the baseline and `--changed-since`, and the editor
//! server (`server`). The engine is `tonelint-core`; this crate only adds what a command line
//! needs: files, processes, terminals and exit codes.

pub mod atomic;
pub mod baseline;
pub mod changed;
pub mod commands;
pub mod jsonl;
pub mod load;
pub mod report;
pub mod runner;
pub mod server;
#[cfg(test)]
mod testdir;
pub mod walk;
