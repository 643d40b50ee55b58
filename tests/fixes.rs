//! Fixes: every applied edit stays in the reply's own text, the fixed text is valid and settles,
//! and quoted text, signatures and placeholders come out byte for byte.

use std::sync::LazyLock;

use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use tonelint_core::{Applicability, Linter, Source, pack};

static LINTER: LazyLock<Linter> = LazyLock::new(|| {
    Linter::new(pack::builtin().into_iter().flat_map(|p| p.rules).collect()).unwrap()
});

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Zéøß ’'!?.,]{0,25}",
        Just("As I already explained, ".to_owned()),
        Just("Obviously, you ".to_owned()),
        Just("this is user error. ".to_owned()),
        Just("Calm down!!! ".to_owned()),
        Just("Per my last email, ".to_owned()),
        Just("RTFM?! ".to_owned()),
        Just("{{ticket.requester.first_name}} ".to_owned()),
        Just("[INVOICE_URL] ".to_owned()),
        Just("not our problem. ".to_owned()),
        Just("PLEASE READ THE FAQ BEFORE WRITING IN. ".to_owned()),
        Just("Unfortunately, unfortunately, unfortunately. ".to_owned()),
    ]
}

fn paragraph() -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 1..6).prop_map(|p| p.concat())
}

/// A draft or an email with a greeting, reply paragraphs, a sign-off, a signature and a quote.
fn draft() -> impl Strategy<Value = (String, bool)> {
    (
        proptest::collection::vec(paragraph(), 1..4),
        paragraph(),
        paragraph(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(reply, quote, sig, crlf, bom, eml)| {
            let body = format!(
                "Hi Jo,\n\n{}\n\nBest,\nSam\n-- \n{sig}\n\nOn Mon, 3 Mar 2025, Jo wrote:\n> {quote}\n",
                reply.join("\n\n")
            );
            let mut text = if eml {
                format!("From: s@example.com\nTo: j@example.com\nSubject: Re: help\nContent-Type: text/plain; charset=utf-8\n\n{body}")
            } else {
                body
            };
            if crlf {
                text = text.replace('\n', "\r\n");
            }
            if bom && !eml {
                text.insert(0, '\u{feff}');
            }
            (text, eml)
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("regressions"))), ..ProptestConfig::default() })]

    #[test]
    fn fixes_keep_everything_outside_the_reply((text, eml) in draft()) {
        let source = Source::from_bytes(if eml { "d.eml" } else { "d.txt" }, text.clone().into_bytes(), None);
        let protected: Vec<&str> = source
            .regions()
            .into_iter()
            .filter(|r| !r.zone.is_target())
            .map(|r| &text[r.span.range()])
            .collect();

        // One pass by hand: every edit lies inside the reply (its target regions, and the blank
        // lines between them that a removed paragraph takes with it) and away from placeholders.
        let regions = source.regions();
        let findings = LINTER.check(&source);
        for f in &findings {
            for s in &f.suggestions {
                for e in &s.edits {
                    let in_reply = |at: usize| regions.iter().any(|r| r.zone.is_target() && r.span.start <= at && at < r.span.end);
                    prop_assert!(
                        (e.span.start..e.span.end).all(|at| in_reply(at) || text.as_bytes()[at].is_ascii_whitespace())
                            && (e.span.is_empty() || in_reply(e.span.start) || e.span.end > e.span.start && in_reply(e.span.end - 1))
                            && (!e.span.is_empty() || regions.iter().any(|r| r.zone.is_target() && r.span.start <= e.span.start && e.span.end <= r.span.end)),
                        "edit {:?} of {} outside the reply", e, f.rule);
                    let touched = &text[e.span.range()];
                    prop_assert!(!touched.contains("{{") && !touched.contains("[INVOICE_URL]"), "edit of {} touches a placeholder: {touched:?}", f.rule);
                }
            }
        }

        // The whole fix, then once more: the second run changes nothing.
        let fixed = LINTER.fix(&source, Applicability::Review);
        prop_assert!(!fixed.unsettled, "fixes did not settle on {text:?}");
        for p in &protected {
            prop_assert!(fixed.text.contains(p), "protected text changed: {p:?}");
        }
        prop_assert_eq!(fixed.text.matches("{{ticket.requester.first_name}}").count(), text.matches("{{ticket.requester.first_name}}").count());
        prop_assert_eq!(fixed.text.matches("[INVOICE_URL]").count(), text.matches("[INVOICE_URL]").count());
        prop_assert_eq!(fixed.text.starts_with('\u{feff}'), text.starts_with('\u{feff}'));
        prop_assert_eq!(fixed.text.matches("\r\n").count() > 0, text.contains("\r\n"));
        let again = LINTER.fix(&Source { text: fixed.text.clone(), ..source }, Applicability::Review);
        prop_assert_eq!(again.text, fixed.text);
    }
}

#[test]
fn fixes_read_well() {
    let cases = [
        (
            "Obviously, you need to restart it.",
            "You need to restart it.",
        ),
        (
            "Clearly you missed the last step.",
            "The last step is easy to miss.",
        ),
        (
            "Thanks for writing in. No offense, but this is covered in the setup video.",
            "Thanks for writing in. This is covered in the setup video.",
        ),
        ("Calm down!!! It ships Friday.", "It ships Friday."),
    ];
    for (before, after) in cases {
        let source = Source::plain("-", before);
        let fixed = LINTER.fix(&source, Applicability::Review);
        assert_eq!(fixed.text, after, "from {before:?}");
    }
}

#[test]
fn encoded_parts_are_not_fixed() {
    let qp = "From: a@example.com\nSubject: x\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\nAs I already explained, it=E2=80=99s fine!!!\n";
    let source = Source::from_bytes("q.eml", qp.as_bytes().to_vec(), None);
    assert!(!source.is_fixable());
    assert!(!LINTER.check(&source).is_empty());
    assert_eq!(LINTER.fix(&source, Applicability::Review).text, qp);
}

/// Insertions at the reply's anchors: after the greeting, and before the closing.
#[test]
fn insertions_at_greeting_and_closing() {
    let pack = tonelint_core::Pack::parse(
        "team.toml",
        r#"[pack]
name = "team"

[[rule]]
id = "refund-refusal"
kind = "phrase"
phrases = ["cannot refund"]
message = "“{match}” refuses without an alternative"
summary = "Flags a bare refusal"
why = "A refusal with nothing offered reads as a closed door."
[[rule.suggestion]]
insert = "I'm sorry this isn't the answer you hoped for. "
at = "after-greeting"
[[rule.suggestion]]
insert = "I'm still here for anything else.\n\n"
at = "before-closing"
[[rule.example]]
bad = "We cannot refund it."
"#,
    )
    .unwrap();
    let linter = Linter::new(pack.rules).unwrap();
    let text = "Hi Dana,\n\nWe cannot refund it.\n\nBest,\nSam\n";
    let findings = linter.check_text(text);
    let apply = |i: usize| tonelint_core::fix::apply(text, &findings[0].suggestions[i].edits).0;
    assert_eq!(
        apply(0),
        "Hi Dana,\n\nI'm sorry this isn't the answer you hoped for. We cannot refund it.\n\nBest,\nSam\n"
    );
    assert_eq!(
        apply(1),
        "Hi Dana,\n\nWe cannot refund it.\n\nI'm still here for anything else.\n\nBest,\nSam\n"
    );
}
