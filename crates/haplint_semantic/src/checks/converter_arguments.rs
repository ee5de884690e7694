//! Literal converter arguments HAProxy refuses when it parses the
//! expression, measured on 2.6.12 to 3.4.7:
//!
//! - `bytes(<offset>[,<length>])` from 2.9: the offset must not be
//!   negative, the length must be positive;
//! - `param(<name>[,<delimiter>])`: the delimiter is one character.

use haplint_keywords::Version;
use haplint_syntax::TextRange;

use crate::diagnostic::{Rule, SemanticDiagnostic};
use crate::model::Statement;
use crate::sample::Step;

pub fn check(
    statement: &Statement,
    step: &Step<'_>,
    range: TextRange,
    version: Version,
) -> Option<SemanticDiagnostic> {
    let arguments = step.arguments?;
    // Quoted, escaped or expanded arguments are not read here.
    if arguments.contains(['$', '"', '\'', '\\']) {
        return None;
    }
    let values: Vec<&str> = arguments.split(',').map(str::trim).collect();
    let problem = match step.name {
        "bytes" if version >= Version::new(2, 9) => bytes_problem(&values),
        "param" => param_problem(&values),
        _ => None,
    }?;
    Some(SemanticDiagnostic::error(
        Rule::InvalidValue,
        statement.file,
        range,
        format!("converter `{}`: {problem}", step.name),
    ))
}

fn bytes_problem(values: &[&str]) -> Option<String> {
    let integer = |text: &str| text.parse::<i64>().ok();
    if let Some(offset) = values.first().and_then(|text| integer(text))
        && offset < 0
    {
        return Some(format!("the offset must not be negative, not {offset}"));
    }
    if let Some(length) = values.get(1).and_then(|text| integer(text))
        && length <= 0
    {
        return Some(format!(
            "the length must be a positive integer, not {length}"
        ));
    }
    None
}

fn param_problem(values: &[&str]) -> Option<String> {
    let delimiter = values.get(1)?;
    (delimiter.chars().count() != 1)
        .then(|| format!("the delimiter must be exactly one character, not `{delimiter}`"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_offsets_and_lengths() {
        assert!(bytes_problem(&["-1"]).is_some());
        assert!(bytes_problem(&["0", "0"]).is_some());
        assert!(bytes_problem(&["0", "-1"]).is_some());
        assert!(bytes_problem(&["2", "3"]).is_none());
        assert!(bytes_problem(&["txn.offset"]).is_none());
    }

    #[test]
    fn param_delimiters() {
        assert!(param_problem(&["test", "0x26"]).is_some());
        assert!(param_problem(&["test", "&"]).is_none());
        assert!(param_problem(&["test"]).is_none());
    }
}
