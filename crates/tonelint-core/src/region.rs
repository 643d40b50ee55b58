//! Regions: the parts of a reply, as byte spans into the source text, each in a zone.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::span::Span;

/// A part of a reply. Rules choose the zones they apply to; `quoted` and `signature` are never
/// targets, only context.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Zone {
    /// The Subject header of an email.
    Subject,
    /// The salutation line ("Hi Sam,").
    Greeting,
    /// The first paragraph after the greeting.
    Opening,
    /// Everything between the opening and the closing.
    Body,
    /// The sign-off and the paragraph before it.
    Closing,
    /// After a `-- ` line: never linted.
    Signature,
    /// The client's text: `>` lines, attributions and everything under a top-posted reply.
    Quoted,
}

impl Zone {
    /// Every zone a rule may target.
    pub const TARGETS: [Zone; 5] = [
        Zone::Subject,
        Zone::Greeting,
        Zone::Opening,
        Zone::Body,
        Zone::Closing,
    ];

    /// Whether findings may point into this zone.
    #[must_use]
    pub fn is_target(self) -> bool {
        !matches!(self, Zone::Signature | Zone::Quoted)
    }

    /// The zone's name as written in rule packs.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Zone::Subject => "subject",
            Zone::Greeting => "greeting",
            Zone::Opening => "opening",
            Zone::Body => "body",
            Zone::Closing => "closing",
            Zone::Signature => "signature",
            Zone::Quoted => "quoted",
        }
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A span of the source text in one zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    /// Where the region is in the source text.
    pub span: Span,
    /// Which part of the reply it is.
    pub zone: Zone,
}
