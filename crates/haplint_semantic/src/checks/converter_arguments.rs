//! Literal converter arguments HAProxy refuses when it parses the
//! expression, measured on 2.6.12 to 3.4.7:
//!
//! - `bytes(<offset>[,<length>])` from 2.9: the offset must not be
//!   negative, the length must be positive;
//! - `param(<name>[,<delimiter>])`: the delimiter is one character;
//! - `has_ctl([<mask>])` (3.2.26 and 3.4.7, backported): `any`, `http` or
//!   an integer as C's `strtoll(.., 0)` reads it (decimal, `0x` hex, `0`
//!   octal) using only the 33 low bits.

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
        "has_ctl" => has_ctl_problem(&values),
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

fn has_ctl_problem(values: &[&str]) -> Option<String> {
    let mask = values.first().filter(|mask| !mask.is_empty())?;
    if matches!(*mask, "any" | "http") {
        return None;
    }
    match c_integer(mask) {
        Err(position) => Some(format!(
            "cannot read `{mask}` as a mask (an integer, decimal or hex with `0x`): problem at position {position}"
        )),
        Ok(value) => {
            let excess = value & !0x1_FFFF_FFFF;
            (excess != 0)
                .then(|| format!("mask `{mask}` sets bits beyond the 33 it uses (0x{excess:x})"))
        }
    }
}

/// An integer the way `strtoll(text, &end, 0)` reads it, saturated like
/// it; the byte position where reading stopped when text remains.
fn c_integer(text: &str) -> Result<i64, usize> {
    let bytes = text.as_bytes();
    let mut at = bytes
        .iter()
        .take_while(|byte| byte.is_ascii_whitespace())
        .count();
    let negative = bytes.get(at) == Some(&b'-');
    if matches!(bytes.get(at), Some(b'-' | b'+')) {
        at += 1;
    }
    let hex_digit_follows = bytes.get(at + 2).is_some_and(u8::is_ascii_hexdigit);
    let radix = if bytes.get(at) == Some(&b'0')
        && matches!(bytes.get(at + 1), Some(b'x' | b'X'))
        && hex_digit_follows
    {
        at += 2;
        16
    } else if bytes.get(at) == Some(&b'0') {
        8
    } else {
        10
    };
    let digits_start = at;
    let mut value: i64 = 0;
    while let Some(digit) = bytes
        .get(at)
        .and_then(|byte| char::from(*byte).to_digit(radix))
    {
        value = value
            .saturating_mul(i64::from(radix))
            .saturating_add(i64::from(digit));
        at += 1;
    }
    if at == digits_start && radix != 8 {
        // No digits at all: strtoll leaves the end at the very start.
        return Err(0);
    }
    if at < bytes.len() {
        return Err(at);
    }
    Ok(if negative {
        value.saturating_neg()
    } else {
        value
    })
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

    #[test]
    fn has_ctl_masks() {
        assert!(has_ctl_problem(&["bogus"]).is_some());
        assert!(has_ctl_problem(&["0x400000000"]).is_some());
        assert!(has_ctl_problem(&["0x1FFFFFFFF"]).is_none());
        assert!(has_ctl_problem(&["0x200"]).is_none());
        assert!(has_ctl_problem(&["512"]).is_none());
        assert!(has_ctl_problem(&["any"]).is_none());
        assert!(has_ctl_problem(&["http"]).is_none());
        assert!(has_ctl_problem(&[""]).is_none());
        assert!(has_ctl_problem(&["0x"]).is_some());
        assert!(has_ctl_problem(&["-1"]).is_some());
        assert_eq!(c_integer("017"), Ok(15));
        assert_eq!(c_integer("0"), Ok(0));
        assert_eq!(c_integer("12ab"), Err(2));
    }
}
