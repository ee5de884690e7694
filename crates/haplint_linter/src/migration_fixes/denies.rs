//! `rspdeny`/`rspideny` (and `reqdeny`/`reqideny`) `^Name: value-regex`:
//! the old rules denied a message with a header line matching the regex.
//! The replacement tests the same header's value: `http-response deny if {
//! res.fhdr(Name) -m reg ^value-regex }`. Unsafe: the old rule ran after
//! every `http-response` rule, and a case-sensitive one matched the name
//! with case.

use haplint_semantic::Statement;

use super::{is_header_name, replace_words};
use crate::diagnostic::{Applicability, Fix};

pub fn deny(statement: &Statement) -> Option<Fix> {
    let body = statement.body();
    let (head, search) = (body.first()?, body.get(1)?);
    // With a condition of its own the two would have to be joined: left to
    // the author.
    if body.len() != 2 || search.has_variables || search.from_environment {
        return None;
    }
    let (action, fetch) = if head.value.starts_with("rsp") {
        ("http-response", "res.fhdr")
    } else {
        ("http-request", "req.fhdr")
    };
    let caseless = head.value.contains("ideny");
    let (name, value) = search.value.strip_prefix('^')?.split_once(':')?;
    if !is_header_name(name) {
        return None;
    }
    // HAProxy keeps values without the spaces after the colon.
    let value = ["[ ]*", " *", " "]
        .iter()
        .find_map(|spaces| value.strip_prefix(spaces))
        .unwrap_or(value);
    if value.is_empty() || value.contains([' ', '"', '\'', '#', '\\', '$', '{', '}']) {
        return None;
    }
    let flag = if caseless { " -i" } else { "" };
    Some(replace_words(
        statement,
        &body[..2],
        &format!("{action} deny if {{ {fetch}({name}) -m reg{flag} ^{value} }}"),
        format!(
            "Replace `{}` with `{action} deny` on the `{name}` header",
            head.value
        ),
        Applicability::Unsafe,
    ))
}
