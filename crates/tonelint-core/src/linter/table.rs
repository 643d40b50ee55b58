//! The literals of a linter's rules, each with the rules that own it: what [`LiteralIndex`] is
//! built from. Computing it takes most of a linter's build (a third of a 2 KB draft's run), so for
//! the built-in packs it is computed when their snapshot is blessed and read with them
//! ([`crate::pack::builtin_literals`]); a linter of built-in rules (all of them, or those a
//! configuration selects) starts from that, and the rules of the user's own packs after them add
//! their literals to it.

use std::collections::HashMap;

use super::{Owner, add_gates};
use crate::literals::{Fast, LiteralIndex};
use crate::rule::{Matcher, Rule, pattern, phrase};

/// Every literal of some rules, once, with its owners.
#[derive(Debug, PartialEq)]
pub(crate) struct LiteralTable {
    /// How many rules it was computed from.
    pub(super) rules: u32,
    /// The literals, one after the other.
    pub(super) text: String,
    /// Where each literal ends in `text` (and the next starts).
    pub(super) ends: Vec<u32>,
    /// Each literal's owners, literal after literal, each literal's in rule order.
    pub(super) owners: Vec<Owner>,
    /// Literal `i`'s owners are `owners[owner_starts[i]..owner_starts[i + 1]]`.
    pub(super) owner_starts: Vec<u32>,
    /// The literals' group keys in the index ([`LiteralIndex::keys`]).
    pub(super) keys: Vec<u64>,
}

impl LiteralTable {
    /// The table of `rules`: their phrases, and the literals that gate their regexes.
    pub(crate) fn of(rules: &[Rule]) -> LiteralTable {
        LiteralTable {
            rules: 0,
            text: String::new(),
            ends: Vec::new(),
            owners: Vec::new(),
            owner_starts: vec![0],
            keys: Vec::new(),
        }
        .extend(rules)
    }

    /// This table with `more` rules after its own (numbered on from its count): their literals
    /// not in it yet after its own, and their owners after those of its rules.
    pub(crate) fn extend(self, more: &[Rule]) -> LiteralTable {
        if more.is_empty() {
            // Nothing to add: not even the map of the literals here.
            return self;
        }
        let base = self.ends.len();
        let pairs = pairs(more, self.rules);
        // The literals deduplicated (those here keep their ids), with their owners grouped.
        let mut added: Vec<&str> = Vec::new();
        let mut owned: Vec<(u32, Owner)> = Vec::with_capacity(pairs.len());
        {
            let mut ids: HashMap<&str, u32, Fast> =
                HashMap::with_capacity_and_hasher(base + pairs.len(), Fast::default());
            let mut start = 0;
            for (id, &end) in self.ends.iter().enumerate() {
                let id = u32::try_from(id).expect("fewer than 2^32 literals");
                ids.insert(&self.text[start as usize..end as usize], id);
                start = end;
            }
            for (literal, owner) in pairs {
                let id = *ids.entry(literal).or_insert_with(|| {
                    added.push(literal);
                    u32::try_from(base + added.len() - 1).expect("fewer than 2^32 literals")
                });
                owned.push((id, owner));
            }
        }
        // Each literal's owners in rule order, those of the rules here first: counted, then
        // placed (a stable counting sort; the ids are dense).
        let count = base + added.len();
        let mut owner_starts = vec![0; count + 1];
        for id in 0..base {
            owner_starts[id + 1] = self.owner_starts[id + 1] - self.owner_starts[id];
        }
        for (id, _) in &owned {
            owner_starts[*id as usize + 1] += 1;
        }
        for i in 1..owner_starts.len() {
            owner_starts[i] += owner_starts[i - 1];
        }
        let mut next: Vec<u32> = owner_starts[..count].to_vec();
        let mut owners: Vec<Option<Owner>> = vec![None; owner_starts[count] as usize];
        let old = (0..base).flat_map(|id| {
            let range = self.owner_starts[id] as usize..self.owner_starts[id + 1] as usize;
            self.owners[range].iter().map(move |&o| (id, o))
        });
        let new = owned.into_iter().map(|(id, o)| (id as usize, o));
        for (id, owner) in old.chain(new) {
            let slot = &mut next[id];
            owners[*slot as usize] = Some(owner);
            *slot += 1;
        }
        let mut text = self.text;
        let mut ends = self.ends;
        text.reserve(added.iter().map(|l| l.len()).sum());
        ends.reserve(added.len());
        for literal in &added {
            text.push_str(literal);
            ends.push(u32::try_from(text.len()).expect("literals under 4 GiB"));
        }
        LiteralTable {
            rules: self.rules + u32::try_from(more.len()).expect("fewer than 2^32 rules"),
            keys: merged(&self.keys, &LiteralIndex::keys(base, added)),
            text,
            ends,
            owners: owners.into_iter().flatten().collect(),
            owner_starts,
        }
    }

    /// The table in bytes, little-endian: five counts (rules, literals, owners, keys, bytes of
    /// text) as `u32`; the literals' ends and the owners' starts as `u32`; the keys as `u64`; the
    /// owners, eight bytes each (rule, `u16` swap, gate, cue, start; `u16::MAX` or 255 for none);
    /// the text. Read back with a copy of each array, not a decoding of each number (postcard
    /// took 1.2M instructions, a sixth of a draft's run).
    #[cfg(test)]
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        let count = |n: usize| u32::try_from(n).expect("fewer than 2^32");
        for n in [
            self.rules,
            count(self.ends.len()),
            count(self.owners.len()),
            count(self.keys.len()),
            count(self.text.len()),
        ] {
            out.extend(n.to_le_bytes());
        }
        for n in self.ends.iter().chain(&self.owner_starts) {
            out.extend(n.to_le_bytes());
        }
        for key in &self.keys {
            out.extend(key.to_le_bytes());
        }
        for o in &self.owners {
            let swap = o.swap.map_or(u16::MAX, |k| {
                u16::try_from(k)
                    .ok()
                    .filter(|&k| k < u16::MAX)
                    .expect("fewer than 65,535 phrases in a built-in rule")
            });
            out.extend(o.rule.to_le_bytes());
            out.extend(swap.to_le_bytes());
            out.push(o.gate.unwrap_or(u8::MAX));
            let cue = o.cue.map_or(0x7f, |k| {
                assert!(k < 0x7f, "fewer than 127 cues in a built-in rule");
                k
            });
            out.push(cue | u8::from(o.start) << 7);
        }
        out.extend(self.text.as_bytes());
        out
    }

    /// The table [`to_bytes`](Self::to_bytes) wrote; `None` if `bytes` are not such a table.
    pub(crate) fn from_bytes(bytes: &[u8]) -> Option<LiteralTable> {
        fn take<'a>(bytes: &mut &'a [u8], len: usize) -> Option<&'a [u8]> {
            let (head, rest) = bytes.split_at_checked(len)?;
            *bytes = rest;
            Some(head)
        }
        fn words(bytes: &mut &[u8], count: usize) -> Option<Vec<u32>> {
            let array = take(bytes, count.checked_mul(4)?)?;
            Some(
                array
                    .chunks_exact(4)
                    .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                    .collect(),
            )
        }
        let mut rest = bytes;
        let counts = words(&mut rest, 5)?;
        let [rules, literals, owners, keys, text] = counts[..] else {
            return None;
        };
        let (literals, owners, keys) = (literals as usize, owners as usize, keys as usize);
        let ends = words(&mut rest, literals)?;
        let owner_starts = words(&mut rest, literals.checked_add(1)?)?;
        let keys: Vec<u64> = take(&mut rest, keys.checked_mul(8)?)?
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes(c.try_into().expect("eight bytes")))
            .collect();
        let owners: Vec<Owner> = take(&mut rest, owners.checked_mul(8)?)?
            .chunks_exact(8)
            .map(|c| {
                let swap = u16::from_le_bytes([c[4], c[5]]);
                let cue = c[7] & 0x7f;
                Owner {
                    rule: u32::from_le_bytes([c[0], c[1], c[2], c[3]]),
                    swap: (swap != u16::MAX).then_some(u32::from(swap)),
                    gate: (c[6] != u8::MAX).then_some(c[6]),
                    cue: (cue != 0x7f).then_some(cue),
                    start: c[7] & 0x80 != 0,
                }
            })
            .collect();
        let text = std::str::from_utf8(take(&mut rest, text as usize)?).ok()?;
        // Whole, and consistent: each literal's end within the text, in order, and each owner
        // range within the owners.
        let consistent = rest.is_empty()
            && ends.last().is_none_or(|&end| end as usize == text.len())
            && ends.windows(2).all(|w| w[0] <= w[1])
            && owner_starts.first() == Some(&0)
            && owner_starts.windows(2).all(|w| w[0] <= w[1])
            && owner_starts
                .last()
                .is_some_and(|&o| o as usize == owners.len())
            && ends.iter().all(|&e| text.is_char_boundary(e as usize))
            && owners.iter().all(|o: &Owner| o.rule < rules)
            && keys.iter().all(|&k| (k & 0xff_ffff) < literals as u64);
        consistent.then(|| LiteralTable {
            rules,
            text: text.to_owned(),
            ends,
            owners,
            owner_starts,
            keys,
        })
    }

    /// The table of some of its rules: `kept`, the indices of those rules in its own, in order
    /// (they are numbered anew from 0). The literals stay, those of the other rules without
    /// owners now: found in a text, they start nothing.
    pub(crate) fn select(mut self, kept: &[u32]) -> LiteralTable {
        let mut renumber = vec![None; self.rules as usize];
        for (new, &old) in kept.iter().enumerate() {
            renumber[old as usize] = Some(u32::try_from(new).expect("fewer than 2^32 rules"));
        }
        let mut owners = Vec::with_capacity(self.owners.len());
        let mut from = 0;
        for start in &mut self.owner_starts[1..] {
            let end = *start as usize;
            owners.extend(self.owners[from..end].iter().filter_map(|o| {
                Some(Owner {
                    rule: renumber[o.rule as usize]?,
                    ..*o
                })
            }));
            from = end;
            *start = u32::try_from(owners.len()).expect("fewer than 2^32 owners");
        }
        self.owners = owners;
        self.rules = u32::try_from(kept.len()).expect("fewer than 2^32 rules");
        self
    }
}

/// Every (literal, owner) pair of `rules`, numbered from `first`: their phrases, and the
/// literals that gate their regexes.
fn pairs(rules: &[Rule], first: u32) -> Vec<(&str, Owner)> {
    let mut pairs: Vec<(&str, Owner)> = Vec::with_capacity(64 * rules.len());
    for (i, rule) in rules.iter().enumerate() {
        let owner = Owner {
            rule: first + u32::try_from(i).expect("fewer than 2^32 rules"),
            swap: None,
            gate: None,
            cue: None,
            start: false,
        };
        for (literal, swap) in phrase::phrases(rule) {
            let swap = swap.map(|k| u32::try_from(k).expect("fewer than 2^32 phrases"));
            pairs.push((literal, Owner { swap, ..owner }));
        }
        if let Some(regex) = pattern::regex_of(rule) {
            add_gates(&mut pairs, regex, owner);
        }
        match &rule.matcher {
            Matcher::Requires {
                trigger,
                requirements,
            } => {
                let cues =
                    std::iter::once(&trigger.regex).chain(requirements.iter().map(|r| &r.regex));
                for (k, regex) in cues.enumerate() {
                    let cue = Some(u8::try_from(k).expect("fewer than 255 requirements"));
                    add_gates(&mut pairs, regex, Owner { cue, ..owner });
                }
            }
            Matcher::Metric { conditions } => {
                for (k, condition) in conditions.iter().enumerate() {
                    if let Some(regex) = &condition.regex {
                        let cue = Some(u8::try_from(k).expect("fewer than 256 conditions"));
                        add_gates(&mut pairs, regex, Owner { cue, ..owner });
                    }
                }
            }
            Matcher::Cold { cues, .. } => {
                for (k, c) in cues.iter().enumerate() {
                    if let Some(regex) = c.gated_regex() {
                        let cue = Some(u8::try_from(k).expect("fewer than 256 cues"));
                        add_gates(&mut pairs, regex, Owner { cue, ..owner });
                    }
                }
            }
            _ => {}
        }
    }
    pairs
}

/// Two sorted lists in one.
fn merged(a: &[u64], b: &[u64]) -> Vec<u64> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i] <= b[j] {
            out.push(a[i]);
            i += 1;
        } else {
            out.push(b[j]);
            j += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// The table of `rules`: when they start with rules read from the built-in packs' snapshot, in
/// its order (all of them, or the ones a configuration selects), the table computed ahead for
/// those with the rest's literals added; else computed whole.
pub(super) fn table(rules: &[Rule]) -> LiteralTable {
    prebuilt(rules).unwrap_or_else(|| LiteralTable::of(rules))
}

/// [`table`] when it starts from the table computed ahead; `None` when not.
fn prebuilt(rules: &[Rule]) -> Option<LiteralTable> {
    let builtin = rules
        .iter()
        .take_while(|r| r.snapshot_index().is_some())
        .count();
    let (ours, theirs) = rules.split_at(builtin);
    let kept: Vec<u32> = ours.iter().filter_map(Rule::snapshot_index).collect();
    if kept.is_empty()
        || !kept.windows(2).all(|w| w[0] < w[1])
        || theirs.iter().any(|r| r.snapshot_index().is_some())
    {
        return None;
    }
    let table = crate::pack::builtin_literals()?;
    if kept.last().is_some_and(|&last| last >= table.rules) {
        return None;
    }
    let table = if kept.len() == table.rules as usize {
        table
    } else {
        table.select(&kept)
    };
    Some(table.extend(theirs))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The built-in rules as read from the snapshot, and each text of their examples.
    fn builtin() -> (Vec<Rule>, Vec<String>) {
        let rules: Vec<Rule> = crate::pack::builtin()
            .into_iter()
            .flat_map(|p| p.rules)
            .collect();
        let texts = rules
            .iter()
            .flat_map(|r| &r.examples)
            .map(|(e, _)| e.text().to_owned())
            .collect();
        (rules, texts)
    }

    /// The findings of `linter` on each text, in one string.
    fn findings(linter: &crate::Linter, texts: &[String]) -> String {
        texts
            .iter()
            .map(|t| format!("{:?}\n", linter.check_text(t)))
            .collect()
    }

    /// Rules not from the snapshot: some built-in rules parsed anew under other ids (their
    /// literals are the snapshot's too), and a pack's phrase and pattern rules of literals of
    /// their own; with texts for them.
    fn users() -> (Vec<Rule>, Vec<String>) {
        let mut rules: Vec<Rule> = crate::pack::builtin_from_toml()
            .into_iter()
            .flat_map(|p| p.rules)
            .step_by(7)
            .map(|mut r| {
                r.id.push_str("-team");
                r
            })
            .collect();
        let pack = crate::Pack::parse(
            "team.toml",
            r#"[pack]
name = "team"

[[rule]]
id = "team-kindly"
kind = "phrase"
phrases = ["kindly revert", "as per my last email"]
message = "“{match}” is stiff"
summary = "Flags stiff phrases"
why = "It reads cold"
[[rule.example]]
bad = "Kindly revert by Monday."

[[rule]]
id = "team-ticket"
kind = "pattern"
pattern = '(?i)\bticket (?:closed|resolved) without\b'
message = "“{match}” dismisses"
summary = "Flags closing without"
why = "It dismisses"
[[rule.example]]
bad = "Ticket closed without a reply."
"#,
        )
        .unwrap();
        rules.extend(pack.rules);
        let texts = vec![
            "Kindly revert by Monday, as per my last email. Ticket closed without a fix.".into(),
            "As I already said, kindly revert: you should have read the manual.".into(),
        ];
        (rules, texts)
    }

    /// A linter of built-in rules (all, or those a configuration keeps), with or without rules of
    /// the user's after them, finds what one computed from the same rules' literals finds: the
    /// table read ahead and extended is theirs.
    #[test]
    fn a_linter_of_builtin_rules_finds_what_one_computed_afresh_finds() {
        let (rules, mut texts) = builtin();
        assert!(texts.len() > 300, "{}", texts.len());
        let (users, more) = users();
        texts.extend(more);
        let afresh = |rules: &[Rule]| {
            let rules: Vec<Rule> = rules
                .iter()
                .cloned()
                .map(|mut r| {
                    r.snapshot = None;
                    r
                })
                .collect();
            assert!(prebuilt(&rules).is_none());
            crate::Linter::new(rules).unwrap()
        };
        let every_third: Vec<Rule> = rules.iter().step_by(3).cloned().collect();
        let but_the_last: Vec<Rule> = rules[..rules.len() - 1].to_vec();
        let with = |kept: &[Rule]| [kept, &users].concat();
        for kept in [
            rules.clone(),
            every_third.clone(),
            but_the_last,
            with(&rules),
            with(&every_third),
        ] {
            assert!(prebuilt(&kept).is_some());
            let ahead = crate::Linter::new(kept.clone()).unwrap();
            let found = findings(&ahead, &texts);
            assert!(found.matches("rule").count() > 100, "{found}");
            assert_eq!(found, findings(&afresh(&kept), &texts));
            assert_eq!(ahead.literals(), afresh(&kept).literals());
        }
        // All of them and the user's: the very table computed afresh (literals in rule order).
        assert_eq!(
            prebuilt(&with(&rules)),
            Some(LiteralTable::of(&with(&rules)))
        );
        let found = findings(&crate::Linter::new(with(&rules)).unwrap(), &texts);
        for id in ["team-kindly", "team-ticket", "-team"] {
            assert!(found.contains(id), "{id}");
        }
        // Out of order, or with the user's rule first: computed afresh.
        let mut reversed = rules.clone();
        reversed.reverse();
        assert!(prebuilt(&reversed).is_none());
        assert!(prebuilt(&[&users, &rules[..]].concat()).is_none());
    }

    /// Bytes that are not a whole table read as none (the linter then computes its own), never
    /// as a wrong one.
    #[test]
    fn a_damaged_table_reads_as_none() {
        let (rules, _) = builtin();
        let bytes = LiteralTable::of(&rules).to_bytes();
        assert_eq!(
            LiteralTable::from_bytes(&bytes),
            Some(LiteralTable::of(&rules))
        );
        for cut in (0..bytes.len()).step_by(997) {
            assert_eq!(
                LiteralTable::from_bytes(&bytes[..cut]),
                None,
                "cut at {cut}"
            );
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(LiteralTable::from_bytes(&longer), None);
        // A literal count one too many, an owner of a rule past the count.
        let mut count = bytes.clone();
        count[4] += 1;
        assert_eq!(LiteralTable::from_bytes(&count), None);
        let mut owner = bytes.clone();
        let owners_at = 20
            + 4 * (2 * LiteralTable::of(&rules).ends.len() + 1)
            + 8 * LiteralTable::of(&rules).keys.len();
        owner[owners_at..owners_at + 4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(LiteralTable::from_bytes(&owner), None);
    }
}
