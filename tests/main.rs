//! The integration tests, as one binary (one link on small machines).

mod cli;
mod drafts;
mod faults;
mod fixes;
mod formats;
mod jsonl;
mod mail_clients;
mod precommit;
mod properties;
mod rules;
mod server;
mod sources;
