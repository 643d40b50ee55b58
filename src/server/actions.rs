//! Code actions and hovers: each suggestion of a finding as a quick fix (the safe ones preferred,
//! a rewrite shown as its whole new sentence), a "fix all safe" source action, and what
//! `tonelint explain` says of a finding's rule when the pointer rests on it.

use std::collections::HashMap;
use std::sync::Arc;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, Diagnostic, Hover,
    HoverContents, HoverParams, MarkupContent, MarkupKind, Range, TextEdit, WorkspaceEdit,
};
use serde_json::Value;
use tonelint_core::{Applicability, Finding, Linter, Span};

use super::position::{Encoding, Lines};
use super::{Linted, Shared, lock, shown_path};

/// The kind of the "fix all safe" source action.
pub(crate) const FIX_ALL: &str = "source.fixAll.tonelint";

/// A document's text with its findings for exactly that text: the last lint when it is current,
/// else a lint now.
fn current(
    shared: &Shared,
    uri: &str,
) -> Option<(String, Linted, Encoding, tonelint_core::Kind, String)> {
    let mut state = lock(shared);
    let doc = state.docs.get(uri)?;
    if doc.unlintable().is_some() {
        return None;
    }
    let (text, version, kind, dir, path) = (
        doc.text.clone(),
        doc.version,
        doc.kind(),
        doc.dir(),
        doc.path.clone(),
    );
    let encoding = state.encoding;
    if let Some(linted) = state.linted.get(uri).filter(|l| l.version == version) {
        let linted = linted.clone();
        let shown = shown_path(path.as_ref(), None, uri);
        return Some((text, linted, encoding, kind, shown));
    }
    let resolved = state.configs.resolve(dir.as_deref());
    drop(state);
    let shown = shown_path(path.as_ref(), resolved.base.as_ref(), uri);
    let source = tonelint_core::Source::new(shown.as_str(), text.as_str(), kind)
        .with_options(resolved.linter.settings().source.clone());
    let findings = resolved.linter.check(&source);
    let linted = Linted {
        version,
        findings,
        linter: Arc::clone(&resolved.linter),
    };
    Some((text, linted, encoding, kind, shown))
}

fn overlaps(a: Range, b: Range) -> bool {
    let key = |p: lsp_types::Position| (p.line, p.character);
    key(a.start) <= key(b.end) && key(b.start) <= key(a.end)
}

/// One line of a sentence, white space collapsed.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The code actions for `params`: a quick fix per suggestion of each finding in its range, and
/// the "fix all safe" action.
pub(crate) fn code_actions(shared: &Shared, params: &CodeActionParams) -> Value {
    let uri = params.text_document.uri.as_str();
    let Some((text, linted, encoding, kind, shown)) = current(shared, uri) else {
        return Value::Null;
    };
    let lines = Lines::new(&text, encoding);
    let only = params.context.only.as_ref();
    let wants = |kind: &CodeActionKind| {
        only.is_none_or(|only| {
            only.iter().any(|o| {
                kind.as_str() == o.as_str()
                    || kind.as_str().starts_with(&format!("{}.", o.as_str()))
            })
        })
    };
    let edit = |edits: Vec<TextEdit>| WorkspaceEdit {
        changes: Some(HashMap::from([(params.text_document.uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    };
    let mut actions: Vec<CodeActionOrCommand> = Vec::new();
    if wants(&CodeActionKind::QUICKFIX) {
        for finding in &linted.findings {
            let range = lines.range(finding.span);
            if !overlaps(range, params.range) {
                continue;
            }
            let diagnostic = Diagnostic {
                range,
                code: Some(lsp_types::NumberOrString::String(finding.code())),
                source: Some("tonelint".to_owned()),
                message: finding.message.clone(),
                ..Diagnostic::default()
            };
            for suggestion in &finding.suggestions {
                if suggestion.edits.is_empty() {
                    continue;
                }
                let title = match suggestion.rewritten_sentence(&text) {
                    Some((before, after)) if suggestion.applicability == Applicability::Review => {
                        if after.trim().is_empty() {
                            format!("Remove “{}”", one_line(&before))
                        } else {
                            format!("Rewrite as “{}”", one_line(&after))
                        }
                    }
                    // An insertion: what it inserts, where the title does not already say.
                    _ => match suggestion.edits.as_slice() {
                        [e] if e.span.is_empty()
                            && !suggestion.title.contains(e.replacement.trim()) =>
                        {
                            format!(
                                "{}: insert “{}”",
                                suggestion.title,
                                one_line(&e.replacement)
                            )
                        }
                        _ => suggestion.title.clone(),
                    },
                };
                let edits = suggestion
                    .edits
                    .iter()
                    .map(|e| TextEdit {
                        range: lines.range(e.span),
                        new_text: e.replacement.clone(),
                    })
                    .collect();
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: format!("{title} ({})", finding.code()),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![diagnostic.clone()]),
                    edit: Some(edit(edits)),
                    is_preferred: Some(suggestion.applicability == Applicability::Safe),
                    ..CodeAction::default()
                }));
            }
        }
    }
    let fix_all = CodeActionKind::new(FIX_ALL);
    if wants(&fix_all)
        && let Some(edits) = fix_all_edits(&linted.linter, &text, kind, &shown, &lines)
    {
        actions.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: "Fix all safe tonelint problems".to_owned(),
            kind: Some(fix_all),
            edit: Some(edit(edits)),
            ..CodeAction::default()
        }));
    }
    serde_json::to_value(actions).expect("code actions serialize")
}

/// The safe fixes of the whole document as one edit of the part that changes; none when nothing
/// changes.
fn fix_all_edits(
    linter: &Linter,
    text: &str,
    kind: tonelint_core::Kind,
    shown: &str,
    lines: &Lines<'_>,
) -> Option<Vec<TextEdit>> {
    let source = tonelint_core::Source::new(shown, text, kind)
        .with_options(linter.settings().source.clone());
    let fixed = linter.fix(&source, Applicability::Safe).text;
    if fixed == text {
        return None;
    }
    // The part that differs: the common head and tail stay.
    let head = text
        .char_indices()
        .zip(fixed.chars())
        .find(|((_, a), b)| a != b)
        .map_or(text.len().min(fixed.len()), |((i, _), _)| i);
    let tail = text[head..]
        .chars()
        .rev()
        .zip(fixed[head..].chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum::<usize>();
    let span = Span::new(head, text.len() - tail);
    Some(vec![TextEdit {
        range: lines.range(span),
        new_text: fixed[head..fixed.len() - tail].to_owned(),
    }])
}

/// What the pointer rests on: each finding there, its message and what `tonelint explain` says
/// of its rule.
pub(crate) fn hover(shared: &Shared, params: &HoverParams) -> Value {
    let uri = params
        .text_document_position_params
        .text_document
        .uri
        .as_str();
    let Some((text, linted, encoding, _, _)) = current(shared, uri) else {
        return Value::Null;
    };
    let lines = Lines::new(&text, encoding);
    let Some(at) = lines.offset(params.text_document_position_params.position) else {
        return Value::Null;
    };
    let here: Vec<&Finding> = linted
        .findings
        .iter()
        .filter(|f| f.span.start <= at && at <= f.span.end)
        .collect();
    if here.is_empty() {
        return Value::Null;
    }
    let mut markdown = String::new();
    for f in &here {
        markdown.push_str(&format!(
            "**{}** ({}): {}\n\n",
            f.code(),
            f.severity,
            f.message
        ));
        if let Some(doc) = linted.linter.explain(&f.rule) {
            // The rule's own heading is the code just shown.
            let body = doc.split_once('\n').map_or(doc.as_str(), |(_, rest)| rest);
            markdown.push_str(body.trim());
            markdown.push_str("\n\n---\n\n");
        }
    }
    let first = here[0].span;
    let range = here.iter().fold(first, |s, f| {
        Span::new(s.start.min(f.span.start), s.end.max(f.span.end))
    });
    serde_json::to_value(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: markdown.trim_end_matches(['\n', '-']).trim_end().to_owned(),
        }),
        range: Some(lines.range(range)),
    })
    .expect("a hover serializes")
}
