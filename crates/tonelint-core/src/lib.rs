//! tonelint-core: the engine of tonelint, a reply-tone linter.
//!
//! It reads a draft reply and reports condescension, blame, dismissal, shouting and missing
//! empathy, each finding with a suggested rewrite. It reads no files, walks no directories and
//! knows no terminal: it takes text (and optionally the client's message and a configuration)
//! and gives findings, fixes and scorecards. The command line, the editor server and the
//! WebAssembly package are front ends around it.
//!
//! The pipeline:
//!
//! 1. **Source** ([`Source`]): the reply's text, verbatim, in a [`Kind`] (plain text, Markdown,
//!    email, HTML, a JSON export of help-desk macros).
//! 2. **Regions** ([`Region`]): byte spans of the text, each in a [`Zone`] (greeting, opening,
//!    body, closing, and the never-linted quoted text and signature).
//! 3. **Rules** ([`Rule`], loaded from TOML [`Pack`]s; the built-in packs come compiled in):
//!    one index of every literal, searched in one pass, gating every regex ([`Linter`]).
//! 4. **Findings** ([`Finding`]): rule, severity, confidence, byte span, message, suggestions.
//! 5. **Fixes** ([`Linter::fix`], [`fix::apply`]): suggestions carry edits with an
//!    [`Applicability`].
//! 6. **Scorecards** ([`scorecard`]): findings by category and a 0–100 warmth score per reply,
//!    with the sentences behind it.
//!
//! Positions are byte offsets into the original text everywhere; lines and columns are computed
//! only where a front end shows them ([`LineIndex`]).
//!
//! # Example
//!
//! A front end builds one [`Linter`] from the built-in packs and a configuration, then lints
//! replies with it:
//!
//! ```
//! use tonelint_core::{Applicability, Config, Kind, Linter, Source};
//!
//! // The text of a `tonelint.toml` (it may define rules inline, as a pack does).
//! let config = Config::parse("tonelint.toml", "ignore = [\"courtesy\"]\n")?;
//! let linter = Linter::with_config(&config)?;
//!
//! let reply = Source::new("reply.txt", "Hi Sam,\n\nRTFM. It's in the manual.\n", Kind::Plain);
//! let findings = linter.check(&reply);
//! assert_eq!(findings[0].code(), "condescension/rtfm");
//!
//! // The client's message, when the reply does not quote it, is context for the empathy rules.
//! let answered = reply.clone().with_context("My export failed three times before my meeting!!!");
//! let codes: Vec<String> = linter.check(&answered).iter().map(|f| f.code()).collect();
//! assert!(codes.contains(&"empathy/stress-unacknowledged".to_owned()));
//!
//! // Apply the rewrites a person would review, and score the reply's warmth.
//! let fixed = linter.fix(&reply, Applicability::Review);
//! assert!(!fixed.text.contains("RTFM"));
//! let cards = tonelint_core::scorecard::scorecards(&reply, &findings);
//! assert!(cards[0].warmth < 50);
//!
//! // What a rule flags and why, as `tonelint explain` shows it.
//! let doc = linter.explain("rtfm").unwrap();
//! assert!(doc.contains("## Why is this bad?"));
//! # Ok::<(), tonelint_core::Error>(())
//! ```

pub mod config;
pub mod error;
pub mod explain;
pub mod finding;
pub mod fix;
mod fold;
pub mod linter;
mod literals;
pub mod pack;
mod regex;
pub mod region;
pub mod rule;
pub mod scorecard;
pub mod source;
pub mod span;
mod text;

pub use config::{Config, Settings};
pub use error::{Error, Location, Result};
pub use finding::Finding;
pub use fix::{Applicability, Edit, Suggestion};
pub use linter::Linter;
pub use pack::Pack;
pub use region::{Region, Zone};
pub use rule::{Matcher, Rule, Severity};
pub use source::{Kind, Source};
pub use span::{LineIndex, Position, Span};
