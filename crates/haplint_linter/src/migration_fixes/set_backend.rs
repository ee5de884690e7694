//! `reqsetbe`/`reqisetbe <regex> <backend>` (removed in HAProxy 1.6): the
//! old rule matched `<regex>` against the request line and against every
//! header line as a whole (`Name: value`), and switched to `<backend>` on
//! the first match, before any `use_backend` rule ran. Two shapes have an
//! equivalent condition:
//!
//! - one header, `^Host:\ www\.example\.com`: `{ req.fhdr(Host) -m reg
//!   ^www\.example\.com }` (the value as HAProxy stores it, without the
//!   spaces after the colon);
//! - the request line, `^GET\ /static`: `{ method GET } { url_reg ^/static }`.
//!
//! Both are unsafe: the old regex could also match a line of the other
//! kind, a case-sensitive `reqsetbe` matched the header name with case
//! (HAProxy matches names without case today), and the new `use_backend`
//! runs after the section's earlier `use_backend` rules instead of before
//! them. Any other regex is left to a person, with the reason in the help.

use haplint_keywords::SectionKind;
use haplint_semantic::effective::Mode;
use haplint_semantic::{Section, Statement};

use super::rewrites::regex_word;
use super::{is_header_name, mode_of, replace_words};
use crate::context::LintContext;
use crate::diagnostic::{Applicability, Fix};

/// Why a `reqsetbe` has no mechanical replacement.
pub const WHY_NOT: &str = "the regex was matched against the request line and each whole header line (`Name: value`); only `^Name:<value regex>` (one header) or `^METHOD /<path regex>` (the request line) has an equivalent condition: write `use_backend <backend> if <condition>` by hand";

pub fn set_backend(
    context: &LintContext<'_>,
    section: &Section,
    statement: &Statement,
) -> Option<Fix> {
    let body = statement.body();
    if body.len() != 3
        || body
            .iter()
            .any(|word| word.has_variables || word.from_environment)
    {
        return None;
    }
    // `use_backend` is refused in a backend; the old rule needed HTTP.
    if !matches!(section.kind, SectionKind::Frontend | SectionKind::Listen) {
        return None;
    }
    if mode_of(context, section)? != Mode::Http {
        return None;
    }
    let (head, regex, backend) = (&body[0], &body[1].value, &body[2].value);
    let caseless = head.value == "reqisetbe";
    let condition = condition(regex, caseless)?;
    let mut differences = vec!["the old regex was also tried on the request's other lines"];
    if super::earlier_in_section(section, statement, "use_backend") {
        differences.push("it now runs after the earlier `use_backend` rules");
    }
    if !caseless && condition.contains("req.fhdr") {
        differences.push("the header name is matched without case");
    }
    Some(replace_words(
        statement,
        body,
        &format!("use_backend {backend} if {condition}"),
        format!(
            "Replace `{}` with `use_backend {backend} if ...` ({})",
            head.value,
            differences.join("; ")
        ),
        Applicability::Unsafe,
    ))
}

/// The condition equivalent to matching `regex` against one header line or
/// the request line.
fn condition(regex: &str, caseless: bool) -> Option<String> {
    let rest = regex.strip_prefix('^')?;
    if rest.contains(['\n', '\r']) || has_top_level_alternative(rest) {
        return None;
    }
    let flag = if caseless { " -i" } else { "" };
    if let Some((name, value)) = rest.split_once(':')
        && is_header_name(name)
    {
        let value = value.trim_start_matches(' ');
        if value.is_empty() || value == ".*" {
            return Some(format!("{{ req.fhdr({name}) -m found }}"));
        }
        return Some(format!(
            "{{ req.fhdr({name}) -m reg{flag} {} }}",
            regex_word(&format!("^{value}"))
        ));
    }
    // Any method, `^[^ ]* /admin`: the URL alone.
    let any_method = ["[^ ]* ", "[^ ]+ "]
        .iter()
        .find_map(|prefix| rest.strip_prefix(prefix));
    let (method, path) = if let Some(path) = any_method {
        (None, path)
    } else {
        let (method, path) = rest.split_once(' ')?;
        if method.is_empty() || !method.bytes().all(|byte| byte.is_ascii_uppercase()) {
            return None;
        }
        (Some(method), path)
    };
    // A space in the rest would reach the version: not a path any more.
    if !path.starts_with('/') || path.contains(' ') {
        return None;
    }
    let url = format!("{{ url_reg{flag} {} }}", regex_word(&format!("^{path}")));
    Some(match method {
        Some(method) => format!("{{ method{flag} {method} }} {url}"),
        None => url,
    })
}

/// Whether `regex` has a `|` outside any group: `a|b` would need one
/// condition per side.
fn has_top_level_alternative(regex: &str) -> bool {
    let mut depth = 0usize;
    let mut escaped = false;
    for c in regex.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            '|' if depth == 0 => return true,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::condition;

    #[test]
    fn one_header_or_the_request_line_has_a_condition() {
        assert_eq!(
            condition("^Host: www\\.example\\.com", true).as_deref(),
            Some("{ req.fhdr(Host) -m reg -i ^www\\.example\\.com }")
        );
        assert_eq!(
            condition("^X-Debug:", false).as_deref(),
            Some("{ req.fhdr(X-Debug) -m found }")
        );
        assert_eq!(
            condition("^GET /static", false).as_deref(),
            Some("{ method GET } { url_reg ^/static }")
        );
        assert_eq!(
            condition("^[^ ]* /(img|css)/", true).as_deref(),
            Some("{ url_reg -i ^/(img|css)/ }")
        );
        // Not anchored, a name that is a regex, the version reached: no.
        assert_eq!(condition("Host: a", false), None);
        assert_eq!(condition("^(Host|X-Host): a", false), None);
        assert_eq!(condition("^GET /a HTTP/1\\.1", false), None);
        assert_eq!(condition("^Host: a|^Host: b", false), None);
    }
}
