//! Why a file is not formatted: the syntax errors HAProxy would stop at.
//!
//! Only the lines whose errors the tokens cannot tell (see
//! `Line::needs_parser`) are given to the parser, in place, with every
//! other line left empty: the errors of those lines depend only on each
//! other (the `.if` nesting and which branches HAProxy reads), so the
//! parser finds the same errors at the same line numbers as on the whole
//! file, at a fraction of the cost. A file without such lines has no
//! syntax error and is not parsed at all.

use haplint_syntax::{Severity, SyntaxDiagnosticKind};

use crate::lines::Line;

/// One syntax error, by line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line number.
    pub line: usize,
    pub message: String,
}

/// The file has syntax errors; formatting it is left to `--force`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub problems: Vec<Problem>,
}

impl Refusal {
    /// The syntax errors of the file cut into `lines`, if any.
    pub(crate) fn check(lines: &[Line]) -> Option<Self> {
        let text = parser_input(lines)?;
        let refusal = Self::from_text(&text);
        (!refusal.problems.is_empty()).then_some(refusal)
    }

    /// The syntax errors the parser finds in `text`, but for a missing
    /// final newline, which formatting adds (HAProxy reads the last line
    /// the same with it).
    pub(crate) fn from_text(text: &str) -> Self {
        let parse = haplint_syntax::parse(text);
        let problems = parse
            .diagnostics()
            .iter()
            .filter(|diagnostic| {
                diagnostic.severity == Severity::Error
                    && diagnostic.kind != SyntaxDiagnosticKind::MissingFinalNewline
            })
            .map(|diagnostic| {
                let offset = usize::from(diagnostic.range.start()).min(text.len());
                // Pieces between newlines before the offset: the line number.
                let line = text.as_bytes()[..offset]
                    .split(|&byte| byte == b'\n')
                    .count();
                Problem {
                    line,
                    message: diagnostic.message.clone(),
                }
            })
            .collect();
        Self { problems }
    }
}

/// The lines the parser must see, each at its own line number, the others
/// empty; `None` when there is none. The lines from the last one with
/// more than CRs on stay too: the "never closed" message points at it.
fn parser_input(lines: &[Line]) -> Option<String> {
    if !lines.iter().any(|line| line.needs_parser) {
        return None;
    }
    let tail_from = lines
        .iter()
        .rposition(|line| line.text.bytes().any(|byte| byte != b'\r'))
        .unwrap_or(lines.len());
    let mut text = String::new();
    for (index, line) in lines.iter().enumerate() {
        if line.needs_parser || index >= tail_from {
            text.push_str(line.text);
        }
        text.push_str(line.ending);
    }
    Some(text)
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "not formatted: HAProxy rejects its syntax ({} error{}); fix {} or use --force to format the other lines",
            self.problems.len(),
            if self.problems.len() == 1 { "" } else { "s" },
            if self.problems.len() == 1 {
                "it"
            } else {
                "them"
            },
        )?;
        for problem in &self.problems {
            write!(f, "\n  line {}: {}", problem.line, problem.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for Refusal {}
