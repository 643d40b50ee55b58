//! tonelint: a reply-tone linter.
//!
//! It reads a draft reply and reports condescension, blame, dismissal and shouting, each finding
//! with a suggested rewrite. The pipeline:
//!
//! 1. **Source** ([`Source`]): the file's text, verbatim.
//! 2. **Regions** ([`Region`]): byte spans of the text, each in a [`Zone`] (greeting, opening,
//!    body, closing, and the never-linted quoted text and signature).
//! 3. **Rules** ([`Rule`], loaded from TOML [`Pack`]s; the built-in packs come compiled in the
//!    binary): one index of every literal, searched in one pass, gating every regex ([`Linter`]).
//! 4. **Findings** ([`Finding`]): rule, severity, confidence, byte span, message, suggestions.
//! 5. **Fixes** ([`fix::apply`]): suggestions carry edits with an [`Applicability`].
//! 6. **Reports**: rendered by the binary in several formats; with `--statistics`, a
//!    [`scorecard`] per reply: findings by category and a 0–100 warmth score, with the sentences
//!    behind it.
//!
//! Positions are byte offsets into the original text everywhere; lines and columns are computed
//! only when printing ([`LineIndex`]).
//!
//! ```
//! use tonelint::{Linter, pack};
//! let rules = pack::builtin().into_iter().flat_map(|p| p.rules).collect();
//! let linter = Linter::new(rules).unwrap();
//! let findings = linter.check_text("Hi Sam,\n\nRTFM.\n");
//! assert_eq!(findings[0].rule, "rtfm");
//! ```

pub mod baseline;
pub mod changed;
pub mod config;
pub mod error;
pub mod finding;
pub mod fix;
pub mod linter;
mod literals;
pub mod pack;
mod precompiled;
pub mod region;
pub mod report;
pub mod rule;
pub mod scorecard;
pub mod source;
pub mod span;
mod text;

pub use config::Settings;
pub use error::{Error, Location, Result};
pub use finding::{Finding, Severity};
pub use fix::{Applicability, Edit, Suggestion};
pub use linter::Linter;
pub use pack::Pack;
pub use region::{Region, Zone};
pub use rule::{Matcher, Rule};
pub use source::Source;
pub use span::{LineIndex, Position, Span};
