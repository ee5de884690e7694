//! Links the `haplint` executable as a position-dependent (non-PIE) binary
//! on Linux.
//!
//! The keyword tables hold tens of thousands of `&'static str`: in a PIE
//! binary each one is a relocation that the dynamic loader patches, and the
//! pages it patches are copied, at every start. That was about half of a
//! `haplint --version` (1 ms of 2 ms), and `haplint check` on a small file
//! runs in a few milliseconds, so the start-up counts. Without PIE the
//! addresses are fixed at link time and the tables are mapped from the file
//! as they are. What is given up is the randomised load address of the
//! executable itself (libraries, stack and heap stay randomised), which
//! matters little for a short-lived linter that runs no network service
//! (the language server talks only to its editor over stdio).

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    println!("cargo:rerun-if-changed=crates/haplint/build.rs");
}
