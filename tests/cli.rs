//! Golden tests of the command line (trycmd): `tests/cmd/*.toml`, with `*.in/` as the working
//! directory. Bless changes with `TRYCMD=overwrite cargo test cli`.

#[test]
fn cli() {
    trycmd::TestCases::new()
        .env("NO_COLOR", "1")
        .case("tests/cmd/*.toml");
}
