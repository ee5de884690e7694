//! Invariants shared by the fuzz targets.
//!
//! `crates/haplint_syntax/tests/fuzz_regressions.rs` checks the same things
//! on the inputs the fuzzer found; keep the two in step.

use haplint_syntax::{TextRange, decode, lexer::tokenize, parse};

/// Decodes `bytes` the way the linter reads a file, then checks the text.
pub fn check_bytes(bytes: &[u8]) {
    let decoded = decode(bytes);
    let text: &str = &decoded.text;
    for diagnostic in &decoded.diagnostics {
        check_range(text, diagnostic.range, "decode diagnostic");
    }
    check_text(text);
}

/// Lexer coverage, lossless tree and in-bounds diagnostics for `text`.
pub fn check_text(text: &str) {
    // Tokens cover the text from 0 to len, contiguously, none empty.
    let tokens = tokenize(text);
    let mut offset = 0u32;
    for token in &tokens {
        assert_eq!(token.start, offset, "gap or overlap before {token:?}");
        assert!(token.end > token.start, "empty token {token:?}");
        assert!(
            text.is_char_boundary(token.end as usize),
            "token {token:?} ends inside a character"
        );
        offset = token.end;
    }
    assert_eq!(offset as usize, text.len(), "tokens stop before the end");

    // The tree keeps every byte.
    let parse = parse(text);
    let round_trip = parse.syntax().to_string();
    assert_eq!(round_trip, text, "tree text differs from the input");

    // Every diagnostic (and related span) is inside the text, on char boundaries.
    for diagnostic in parse.diagnostics() {
        check_range(text, diagnostic.range, diagnostic.kind.name());
        for related in &diagnostic.related {
            check_range(text, related.range, diagnostic.kind.name());
        }
    }
    for range in parse.inactive_lines() {
        check_range(text, *range, "inactive line");
    }
}

fn check_range(text: &str, range: TextRange, what: &str) {
    let (start, end) = (usize::from(range.start()), usize::from(range.end()));
    assert!(
        start <= end && end <= text.len(),
        "{what}: range {range:?} outside text of length {}",
        text.len()
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what}: range {range:?} not on char boundaries"
    );
}

/// Fragments `parse_lines` picks from; bytes >= 0x80 select one.
#[rustfmt::skip]
pub const FRAGMENTS: &[&str] = &[
    "global", "frontend", "backend", "defaults", "bind", ":80",
    ".if", ".elif", ".else", ".endif", ".diag", ".notice", ".warning", ".alert", ".bogus",
    "\"", "'", "\\x4", "\\x41", "\\x00", "\\x", "\\", "\\\"", "\\#", "\\$", "\\ ", "\\t",
    "${", "$", "${A}", "$A", "${A[*]}", "${A-", "${.LINE}", "${.NOPE}", "[*]", "[",  "]",
    "#", "\r", "\n", "\r\n", "\0", "-", "}", "{", " ", "\t", "\x0b", "\x0c",
    "(", ")", ",", "&&", "||", "!", "&", "|", "0", "1", "0x1f", "-07", "08",
    "defined(", "feature(", "streq(", "version_atleast(", "fips_mode", "unknown(",
    "[scope]", "[bad name]", "\u{FEFF}", "\u{FFFD}", "é", "\u{2028}", "日本",
];

/// Builds config-like text: bytes below 0x80 are copied as they are,
/// bytes from 0x80 pick a fragment.
pub fn assemble(data: &[u8]) -> String {
    let mut text = String::with_capacity(data.len() * 4);
    for &byte in data {
        if byte < 0x80 {
            text.push(char::from(byte));
        } else {
            text.push_str(FRAGMENTS[usize::from(byte - 0x80) % FRAGMENTS.len()]);
        }
    }
    text
}
