//! Source parsing: every input kind (email, Markdown, HTML, JSON export, plain) must yield
//! segments whose regions are in bounds, on char boundaries, sorted and disjoint, and whose maps
//! point inside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tonelint_core::source::Kind;
use tonelint_core::Source;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else { return };
    let kind = match selector % 6 {
        0 => Some(Kind::Plain),
        1 => Some(Kind::Markdown),
        2 => Some(Kind::Html),
        3 => Some(Kind::Email),
        4 => Some(Kind::Json),
        _ => None,
    };
    let source = Source::from_bytes("fuzz", bytes.to_vec(), kind);
    assert_eq!(source.text.len(), bytes.len(), "the text keeps the file's offsets");
    for segment in source.segments() {
        let text = &segment.text;
        let mut last = 0;
        for region in &segment.regions {
            assert!(region.span.start >= last, "regions sorted and disjoint");
            assert!(region.span.end <= text.len());
            assert!(text.is_char_boundary(region.span.start) && text.is_char_boundary(region.span.end));
            last = region.span.end;
            let file = segment.map.to_file(region.span);
            assert!(file.end <= source.text.len(), "mapped into the file");
        }
    }
    let _ = source.problem();
});
