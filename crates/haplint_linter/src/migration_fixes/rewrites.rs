//! `reqrep`/`reqirep`/`rsprep`/`rspirep <search> <string> [cond]`: the old
//! rules matched `<search>` against the request (or status) line and every
//! header line, and replaced a matching line completely with `<string>`.
//! Two shapes have a mechanical replacement:
//!
//! - the request line with the method kept as it was and the path
//!   rewritten, `^([^ ]*) /old/(.*)` to `\1 /\2`: `http-request
//!   replace-path` (`replace-uri` before HAProxy 2.2);
//! - one header's value, the same header name kept, `^Host: www.(.*)$` to
//!   `Host: \1`: `replace-header`.
//!
//! Anything else (renaming a header, adding a line with `\n`, rewriting the
//! method or the version) is left to a person, with the reason in the help.
//! All are unsafe: the old rules also looked at lines of the other kind,
//! ran after every `http-request` rule, and a `reqirep` ignored case in
//! the value too.

use haplint_semantic::{Section, Statement, Version, Word};

use super::{is_header_name, quote_log_format, replace_words};
use crate::context::LintContext;
use crate::diagnostic::{Applicability, Fix};

/// Why a `reqrep`-style rule has no mechanical replacement.
pub fn why_not(statement: &Statement) -> &'static str {
    let body = statement.body();
    let replacement = body.get(2).map_or("", |word| word.value.as_str());
    if replacement.contains('\n') {
        "it adds a line (`\\n` in the replacement): use `http-request add-header` with a condition"
    } else {
        "only a path rewrite keeping the method, or a value rewrite keeping the header name, is mechanical: rewrite it by hand with `replace-path`, `replace-uri`, `replace-header` or `set-header`"
    }
}

pub fn rewrite(context: &LintContext<'_>, section: &Section, statement: &Statement) -> Option<Fix> {
    let body = statement.body();
    let (head, search, replacement) = (body.first()?, body.get(1)?, body.get(2)?);
    if [search, replacement]
        .iter()
        .any(|word| word.has_variables || word.from_environment)
    {
        return None;
    }
    // A condition, when there is one, is kept as written after the words.
    if body.len() > 3 && !matches!(body[3].value.as_str(), "if" | "unless") {
        return None;
    }
    // A condition naming an ACL the section does not define fails in the
    // new rule as it did in the old: nothing mechanical to gain.
    if body.len() > 3 && !acls_defined(section, &body[4..]) {
        return None;
    }
    let request = head.value.starts_with("req");
    let caseless = head.value.contains("irep");
    let action = if request {
        "http-request"
    } else {
        "http-response"
    };
    let (new, title) = if let Some((regex, format)) =
        path_rewrite(&search.value, &replacement.value).filter(|_| request && !caseless)
    {
        let verb = if context.options.target >= Version::new(2, 2) {
            "replace-path"
        } else {
            "replace-uri"
        };
        (
            format!(
                "{action} {verb} {} {}",
                regex_word(&regex),
                format_word(&format)
            ),
            format!(
                "Replace `{}` with `{action} {verb}` (the old rule also rewrote header lines that matched)",
                head.value
            ),
        )
    } else {
        let (name, regex, format) = header_rewrite(&search.value, &replacement.value)?;
        (
            format!(
                "{action} replace-header {name} {} {}",
                regex_word(&regex),
                format_word(&format)
            ),
            format!(
                "Replace `{}` with `{action} replace-header {name}`{}",
                head.value,
                if caseless {
                    " (the value is now matched with case)"
                } else {
                    " (the header name is now matched without case)"
                }
            ),
        )
    };
    Some(replace_words(
        statement,
        &body[..3],
        &new,
        title,
        Applicability::Unsafe,
    ))
}

/// The ACLs HAProxy defines by itself.
const PREDEFINED_ACLS: [&str; 22] = [
    "FALSE",
    "HTTP",
    "HTTP_1.0",
    "HTTP_1.1",
    "HTTP_2.0",
    "HTTP_3.0",
    "HTTP_CONTENT",
    "HTTP_URL_ABS",
    "HTTP_URL_SLASH",
    "HTTP_URL_STAR",
    "LOCALHOST",
    "METH_CONNECT",
    "METH_DELETE",
    "METH_GET",
    "METH_HEAD",
    "METH_OPTIONS",
    "METH_POST",
    "METH_PUT",
    "METH_TRACE",
    "RDP_COOKIE",
    "REQ_CONTENT",
    "TRUE",
];

/// Whether every ACL name of a condition is defined by an `acl` line of
/// `section`; anonymous `{ ... }` ACLs count as defined.
fn acls_defined(section: &Section, condition: &[Word]) -> bool {
    let mut anonymous = 0usize;
    condition.iter().all(|word| {
        let value = word.value.as_str();
        match value {
            "{" => anonymous += 1,
            "}" => anonymous = anonymous.saturating_sub(1),
            _ => {}
        }
        if anonymous > 0 || matches!(value, "{" | "}" | "||" | "or" | "!") {
            return true;
        }
        let name = value.trim_start_matches('!');
        PREDEFINED_ACLS.contains(&name)
            || section.statements.iter().any(|other| {
                other.prefix.is_none()
                    && other.head() == "acl"
                    && other.body().get(1).is_some_and(|acl| acl.value == name)
            })
    })
}

/// `^([^ ]*) /old/(.*)` with `\1 /new/\2` (or `^([^ ]* /)old(.*)` with
/// `\1new\2`): the path regex and its replacement, the method group gone.
fn path_rewrite(search: &str, replacement: &str) -> Option<(String, String)> {
    let (path, tail_in_group) = ["^([^ ]*) ", "^([^ :]*) "]
        .iter()
        .find_map(|prefix| search.strip_prefix(prefix).map(|rest| (rest, false)))
        .or_else(|| {
            ["^([^ ]* /)", "^([^ :]* /)"]
                .iter()
                .find_map(|prefix| search.strip_prefix(prefix).map(|rest| (rest, true)))
        })?;
    // The rest of the line (the path's end, the query and ` HTTP/1.1`) is
    // the last group, put back at the end: only then the version survives
    // the old rewrite, and the new one leaves it alone.
    let literal = path.strip_suffix("(.*)")?;
    let literal = if tail_in_group {
        format!("/{literal}")
    } else {
        literal.to_owned()
    };
    if !literal.starts_with('/') || !is_plain_path_regex(&literal) {
        return None;
    }
    let kept = if tail_in_group {
        format!("/{}", replacement.strip_prefix("\\1")?)
    } else {
        replacement.strip_prefix("\\1 ")?.to_owned()
    };
    let new_path = kept.strip_suffix("\\2")?;
    if !new_path.starts_with('/') || new_path.contains(['\\', ' ', '%']) {
        return None;
    }
    Some((format!("^{literal}(.*)"), format!("{new_path}\\1")))
}

/// Path characters, `\.`, and `[/]`-style classes with an optional `?`:
/// nothing that can reach past the path into the rest of the line.
fn is_plain_path_regex(regex: &str) -> bool {
    let mut chars = regex.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '/' | '-' | '_' | '~' | '?' => {}
            '\\' => {
                if chars.next() != Some('.') {
                    return false;
                }
            }
            '[' => {
                let mut class = String::new();
                for inner in chars.by_ref() {
                    if inner == ']' {
                        break;
                    }
                    class.push(inner);
                }
                if class.is_empty() || class.contains(['^', ' ', '\\', '[']) {
                    return false;
                }
            }
            _ => return false,
        }
    }
    true
}

/// `^Name: value-regex` with `Name: new-value`: the header name and the
/// regex and format for its value.
fn header_rewrite(search: &str, replacement: &str) -> Option<(String, String, String)> {
    let (name, value_regex) = search.strip_prefix('^')?.split_once(':')?;
    if !is_header_name(name) {
        return None;
    }
    let (new_name, new_value) = replacement.split_once(':')?;
    if !new_name.eq_ignore_ascii_case(name) {
        return None;
    }
    // HAProxy stores values without the spaces after the colon.
    let value_regex = value_regex.trim_start_matches(' ');
    let value_regex = if value_regex.is_empty() {
        ".*".to_owned()
    } else {
        format!("^{value_regex}")
    };
    let new_value = new_value.trim_start_matches(' ').trim_end_matches(' ');
    if new_value.contains(['\n', '\r']) || value_regex.contains(['\n', '\r']) {
        return None;
    }
    Some((name.to_owned(), value_regex, new_value.to_owned()))
}

/// A regex as one word: bare when HAProxy reads it back the same.
pub(super) fn regex_word(regex: &str) -> String {
    if is_bare(regex) {
        return regex.to_owned();
    }
    let mut out = String::from("\"");
    for c in regex.chars() {
        if matches!(c, '"' | '\\' | '$') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// A log-format replacement as one word: `\1` group references kept,
/// `%` doubled.
fn format_word(format: &str) -> String {
    if is_bare(format) && !format.contains('%') {
        format.to_owned()
    } else {
        quote_log_format(format)
    }
}

/// No space, quote, comment or escape HAProxy would resolve: only
/// backslashes before a digit or a dot, which it keeps as written.
fn is_bare(word: &str) -> bool {
    let bytes = word.as_bytes();
    !word.is_empty()
        && bytes.iter().enumerate().all(|(index, &byte)| match byte {
            b' ' | b'\t' | b'"' | b'\'' | b'#' => false,
            b'\\' => bytes
                .get(index + 1)
                .is_some_and(|next| next.is_ascii_digit() || *next == b'.'),
            _ => byte.is_ascii_graphic(),
        })
}

#[cfg(test)]
mod tests {
    use super::{header_rewrite, path_rewrite};

    #[test]
    fn path_rewrites_keep_the_rest_of_the_line() {
        assert_eq!(
            path_rewrite("^([^ ]* /)web2[/]?(.*)", "\\1\\2"),
            Some(("^/web2[/]?(.*)".to_owned(), "/\\1".to_owned()))
        );
        assert_eq!(
            path_rewrite("^([^ ]*) /2028/(.*)", "\\1 /\\2"),
            Some(("^/2028/(.*)".to_owned(), "/\\1".to_owned()))
        );
        // The version would be lost, or the method rewritten: no.
        assert_eq!(path_rewrite("^([^ ]*) /a/(.*)", "\\1 /b/"), None);
        assert_eq!(path_rewrite("^OPTIONS /.*HTTP/1\\.[01]$", "x"), None);
        assert_eq!(path_rewrite("^([^ ]*) /a.*(.*)", "\\1 /\\2"), None);
    }

    #[test]
    fn header_rewrites_keep_the_name() {
        assert_eq!(
            header_rewrite("^Host: www.(.*)$", "Host: \\1"),
            Some(("Host".to_owned(), "^www.(.*)$".to_owned(), "\\1".to_owned()))
        );
        assert_eq!(
            header_rewrite("^Host:", "Host: example.com"),
            Some(("Host".to_owned(), ".*".to_owned(), "example.com".to_owned()))
        );
        assert_eq!(
            header_rewrite("^(X-Forwarded-For:)(.*)", "X-Forwarded-For2:\\2"),
            None
        );
        assert_eq!(header_rewrite("^X-A:", "X-B: y"), None);
    }
}
