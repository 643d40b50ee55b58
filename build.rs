//! Links the `tonelint` binary as a position-dependent executable on Linux: a position-independent
//! one makes the loader patch about 20,000 pointers (vtables, panic locations) at every start and
//! copy the pages they sit on, a measurable share of linting one draft. The library and the tests
//! are unaffected.
//!
//! A static build (`cargo dist`, see `.cargo/config.toml`) asks for a position-dependent executable
//! itself (`-C relocation-model=static`); there the flag is left to rustc, since a static
//! position-independent one (`+crt-static` alone) given `-no-pie` as well would not start.

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    let features = std::env::var("CARGO_CFG_TARGET_FEATURE").unwrap_or_default();
    let static_crt = features.split(',').any(|f| f == "crt-static");
    if os == "linux" && env == "gnu" && !static_crt {
        println!("cargo::rustc-link-arg-bins=-no-pie");
    }
}
