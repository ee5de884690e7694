//! A deliberate failure, for the tests that prove a panicking check or rule
//! costs only its own findings: `HAPLINT_FAIL_CHECK=symbols` (a check of
//! the model) or `HAPLINT_FAIL_CHECK=missing-timeout` (a rule) makes that
//! one panic. Nothing else reads the variable.

use std::sync::OnceLock;

/// The environment variable naming the check or rule to fail.
pub const FAIL_CHECK_VARIABLE: &str = "HAPLINT_FAIL_CHECK";

/// Panics when `name` is the check or rule the environment asks to fail.
pub fn fail_if_asked(name: &str) {
    static ASKED: OnceLock<Option<String>> = OnceLock::new();
    let asked = ASKED.get_or_init(|| std::env::var(FAIL_CHECK_VARIABLE).ok());
    assert!(
        asked.as_deref() != Some(name),
        "{name} failed on purpose ({FAIL_CHECK_VARIABLE})"
    );
}
