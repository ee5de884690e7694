//! Inputs that broke the parser while fuzzing (`fuzz/`), one test each.
//!
//! Every test checks what the fuzz targets check (`fuzz/src/lib.rs`): no
//! panic, a lossless tree, tokens that cover the text, and diagnostics inside
//! the text on char boundaries.

use std::process::Command;

use haplint_syntax::{TextRange, decode, lexer::tokenize, parse};

fn check_bytes(bytes: &[u8]) {
    let decoded = decode(bytes);
    let text: &str = &decoded.text;
    for diagnostic in &decoded.diagnostics {
        check_range(text, diagnostic.range, "decode diagnostic");
    }

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

    let parse = parse(text);
    assert!(
        parse.syntax().to_string() == text,
        "tree text differs from the input"
    );
    for diagnostic in parse.diagnostics() {
        check_range(text, diagnostic.range, diagnostic.kind.name());
        for related in &diagnostic.related {
            check_range(text, related.range, diagnostic.kind.name());
        }
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

/// Runs the ignored test `name` of this binary in a child process: a stack
/// overflow aborts the whole process, which would hide every other result.
fn run_in_child(name: &str) {
    let exe = std::env::current_exe().expect("path of the test binary");
    let output = Command::new(exe)
        .args([
            name,
            "--exact",
            "--ignored",
            "--test-threads=1",
            "--nocapture",
        ])
        .output()
        .expect("run the test binary");
    assert!(
        output.status.success(),
        "`{name}` failed in the child process ({}):\n{}{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
}

/// Checks `input` on a thread with the 8 MiB stack of a program's main thread,
/// the stack the `haplint` binary parses on.
fn check_on_main_sized_stack(input: Vec<u8>) {
    std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || check_bytes(&input))
        .expect("spawn the parsing thread")
        .join()
        .expect("parsing thread panicked");
}

/// `.if` followed by 200 000 `(`: `CondParser` recursed `term -> expr -> and
/// -> term` once per `(` and overflowed the stack (commit d8e7d56; under
/// `ASan` 8 000 `(` were enough, just past libFuzzer's default 4096-byte
/// inputs). Fixed by the `MAX_NESTING` bound in `cond.rs`; this keeps it
/// fixed. The input is built rather than written as a literal: it is large.
#[test]
fn deeply_nested_parentheses_in_condition() {
    run_in_child("deeply_nested_parentheses_in_condition_child");
}

#[test]
#[ignore = "run in a child process by `deeply_nested_parentheses_in_condition`"]
fn deeply_nested_parentheses_in_condition_child() {
    let mut input = b".if ".to_vec();
    input.resize(input.len() + 200_000, b'(');
    input.push(b'\n');
    check_on_main_sized_stack(input);
}

/// `.if` followed by 200 000 `!`: `term` recurses once per `!`.
#[test]
fn deeply_nested_negations_in_condition() {
    run_in_child("deeply_nested_negations_in_condition_child");
}

#[test]
#[ignore = "run in a child process by `deeply_nested_negations_in_condition`"]
fn deeply_nested_negations_in_condition_child() {
    let mut input = b".if ".to_vec();
    input.resize(input.len() + 200_000, b'!');
    input.extend_from_slice(b"1\n");
    check_on_main_sized_stack(input);
}
