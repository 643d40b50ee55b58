//! Links the `tonelint` binary as a position-dependent executable on Linux: a position-independent
//! one makes the loader patch about 20,000 pointers (vtables, panic locations) at every start and
//! copy the pages they sit on, a measurable share of linting one draft. The library and the tests
//! are unaffected.

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo::rustc-link-arg-bins=-no-pie");
    }
}
