//! Why a file is not formatted: the syntax errors HAProxy would stop at.

use haplint_syntax::{Parse, Severity};

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
    pub(crate) fn from_parse(text: &str, parse: &Parse) -> Self {
        let problems = parse
            .diagnostics()
            .iter()
            .filter(|diagnostic| diagnostic.severity == Severity::Error)
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
