//! The guarantees on generated input: every line keeps what HAProxy reads
//! from it, formatting is idempotent, and nothing panics. The input mixes
//! the characters the tokenizer treats specially (backslashes before each
//! kind of whitespace, quotes, `#`, CR, NUL, VT, FF) with section keywords
//! and conditional directives.

use haplint_fmt::{FormatOptions, IndentStyle, LineEnding, format};
use haplint_syntax::SyntaxKind;
use haplint_syntax::lexer::tokenize;

/// A small deterministic generator (xorshift), so failures replay.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const PIECES: &[&str] = &[
    "frontend",
    "backend",
    "global",
    "defaults",
    "listen",
    "server",
    "bind",
    "acl",
    "timeout",
    ".if",
    ".elif",
    ".else",
    ".endif",
    ".diag",
    "defined(X)",
    "1",
    "0",
    "a",
    "b",
    ":80",
    " ",
    "  ",
    "\t",
    "\x0b",
    "\x0c",
    "\\",
    "\\ ",
    "\\\t",
    "\\\x0b",
    "\\\x0c",
    "\\#",
    "\"",
    "'",
    "#",
    "# c",
    "${X}",
    "$X",
    "\\x41",
    "\\x4",
    "\r",
    "\0",
    "\u{feff}",
    "é",
    "[s]",
    "%[src]",
];

fn random_text(rng: &mut Rng) -> String {
    let mut text = String::new();
    let lines = rng.next() % 30;
    for _ in 0..lines {
        let pieces = rng.next() % 8;
        for _ in 0..pieces {
            text.push_str(rng.pick(PIECES));
        }
        text.push_str(rng.pick(&["\n", "\n", "\n", "\r\n", " \n", "\n\n"]));
    }
    if rng.next().is_multiple_of(4) {
        text.push_str(rng.pick(PIECES));
    }
    text
}

fn random_options(rng: &mut Rng) -> FormatOptions {
    FormatOptions {
        indent_width: (rng.next() % 9) as usize,
        indent_style: if rng.next().is_multiple_of(2) {
            IndentStyle::Spaces
        } else {
            IndentStyle::Tabs
        },
        align_arguments: rng.next().is_multiple_of(2),
        max_blank_lines: (rng.next() % 3) as usize,
        blank_lines_between_sections: (rng.next() % 3) as usize,
        indent_conditional_blocks: rng.next().is_multiple_of(2),
        line_ending: if rng.next().is_multiple_of(2) {
            LineEnding::Keep
        } else {
            LineEnding::Lf
        },
    }
}

/// What HAProxy reads from each non-blank line: its words and comment.
fn meaning(text: &str) -> Vec<(Vec<String>, Option<String>, bool)> {
    let mut lines = Vec::new();
    let mut words = Vec::new();
    let mut word = String::new();
    let mut comment = None;
    let mut tail = false;
    for token in tokenize(text) {
        let piece = token.text(text);
        match token.kind {
            SyntaxKind::WHITESPACE
            | SyntaxKind::NEWLINE
            | SyntaxKind::COMMENT
            | SyntaxKind::BOM
            | SyntaxKind::CR_TAIL
            | SyntaxKind::NUL_TAIL => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
                match token.kind {
                    SyntaxKind::COMMENT => comment = Some(piece.to_owned()),
                    SyntaxKind::CR_TAIL | SyntaxKind::NUL_TAIL => tail = true,
                    _ => {}
                }
                if token.kind == SyntaxKind::NEWLINE
                    && (!words.is_empty() || comment.is_some() || tail)
                {
                    lines.push((std::mem::take(&mut words), comment.take(), tail));
                    tail = false;
                }
            }
            _ => word.push_str(piece),
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    if !words.is_empty() || comment.is_some() || tail {
        lines.push((words, comment, tail));
    }
    lines
}

#[test]
fn generated_input_keeps_its_meaning_and_is_idempotent() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for case in 0..10_000 {
        let text = random_text(&mut rng);
        let options = random_options(&mut rng);
        let Ok(once) = format(&text, &options, true) else {
            panic!("forced formatting refused case {case}");
        };
        let (before, after) = (meaning(&text), meaning(&once.text));
        if before != after {
            let first = before.iter().zip(&after).position(|(a, b)| a != b);
            panic!(
                "case {case}: meaning changed at line {first:?} ({:?} vs {:?}) for {text:?}\ngot {:?}",
                first.and_then(|i| before.get(i)),
                first.and_then(|i| after.get(i)),
                once.text
            );
        }
        let twice = format(&once.text, &options, true).map(|formatted| formatted.text);
        assert_eq!(
            twice.as_ref(),
            Ok(&once.text),
            "case {case}: not idempotent for {text:?}"
        );
    }
}

#[test]
fn files_with_syntax_errors_are_refused_with_the_lines() {
    let refusal = format(
        "frontend f\n    acl a \"open\n",
        &FormatOptions::default(),
        false,
    )
    .expect_err("refused");
    assert_eq!(refusal.problems.len(), 1);
    assert_eq!(refusal.problems[0].line, 2);
    let message = refusal.to_string();
    assert!(message.contains("--force"), "{message}");
    assert!(message.contains("line 2"), "{message}");
}

#[test]
fn forced_formatting_keeps_error_lines_as_written() {
    let text = "frontend  f\n   acl a   \"open\n  bind   :80\n";
    let out = format(text, &FormatOptions::default(), true).expect("forced");
    assert_eq!(out.text, "frontend f\n   acl a   \"open\n    bind :80\n");
    assert!(out.kept_lines.is_empty());
}

#[test]
fn empty_and_blank_files() {
    let options = FormatOptions::default();
    assert_eq!(
        format("", &options, false).map(|out| out.text),
        Ok(String::new())
    );
    assert_eq!(
        format("\n\n  \n", &options, false).map(|out| out.text),
        Ok(String::new())
    );
}

/// The refusal from the lines that need the parser is the refusal the
/// parse of the whole file gives (a missing final newline aside).
#[test]
fn refusals_match_the_parse_of_the_whole_file() {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let options = FormatOptions::default();
    for case in 0..10_000 {
        let text = random_text(&mut rng);
        let parse = haplint_syntax::parse(&text);
        let expected: Vec<(usize, String)> = parse
            .diagnostics()
            .iter()
            .filter(|diagnostic| {
                diagnostic.severity == haplint_syntax::Severity::Error
                    && diagnostic.kind != haplint_syntax::SyntaxDiagnosticKind::MissingFinalNewline
            })
            .map(|diagnostic| {
                let offset = usize::from(diagnostic.range.start());
                let line = text[..offset].matches('\n').count() + 1;
                (line, diagnostic.message.clone())
            })
            .collect();
        let found: Vec<(usize, String)> = match format(&text, &options, false) {
            Ok(_) => Vec::new(),
            Err(refusal) => refusal
                .problems
                .into_iter()
                .map(|problem| (problem.line, problem.message))
                .collect(),
        };
        assert_eq!(found, expected, "case {case}: {text:?}");
    }
}

#[test]
fn a_missing_final_newline_is_added() {
    let out =
        format("frontend f\n  bind :80", &FormatOptions::default(), false).expect("formatted");
    assert_eq!(out.text, "frontend f\n    bind :80\n");
    let crlf =
        format("frontend f\r\n  bind :80", &FormatOptions::default(), false).expect("formatted");
    assert_eq!(crlf.text, "frontend f\r\n    bind :80\r\n");
}

#[test]
fn a_byte_order_mark_is_refused() {
    let refusal = format(
        "\u{feff}global\n    maxconn 1\n",
        &FormatOptions::default(),
        false,
    )
    .expect_err("refused");
    assert_eq!(refusal.problems.len(), 1);
    assert_eq!(refusal.problems[0].line, 1);
    assert!(
        refusal.problems[0].message.contains("byte order mark"),
        "{refusal}"
    );
}
