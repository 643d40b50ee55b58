//! Git commit, merge and tag messages (`COMMIT_EDITMSG`): the prose is everything but git's
//! comment lines (`#`, git's default comment character) and what follows the scissors line of
//! `git commit --verbose`. Those become spaces, so offsets stay the file's.

/// The scissors line: below it, `git commit --verbose` shows the diff.
const SCISSORS: &str = "------------------------ >8 ------------------------";

/// Masks the comment lines, and everything from the scissors line on, of a commit message.
pub(crate) fn mask(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest_masked = false;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        if !rest_masked && body.starts_with('#') && body.contains(SCISSORS) {
            rest_masked = true;
        }
        if rest_masked || body.starts_with('#') {
            // Spaces byte for byte, so offsets stay the file's; the line break stays.
            out.push_str(&" ".repeat(body.len()));
            out.push_str(&line[body.len()..]);
        } else {
            out.push_str(line);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_the_diff_are_not_prose() {
        let text = "Fix the export\n\nRTFM, it's in the docs.\n# Please enter the commit message.\n# Änderungen:\n# ------------------------ >8 ------------------------\ndiff --git a/x b/x\n+RTFM\n";
        let masked = mask(text);
        assert_eq!(masked.len(), text.len());
        assert!(masked.starts_with("Fix the export\n\nRTFM, it's in the docs.\n"));
        assert!(!masked.contains('#') && !masked.contains("diff") && !masked.contains("+RTFM"));
        assert_eq!(masked.matches('\n').count(), text.matches('\n').count());
    }
}
