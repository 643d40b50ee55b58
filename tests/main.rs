//! The integration tests, as one binary (one link on small machines).

mod cli;
mod drafts;
mod properties;
mod rules;
