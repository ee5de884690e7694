//! Fixes that rewrite a keyword HAProxy removed into its replacement,
//! keeping the user's values: what `upgrade` applies. Each is safe only
//! when HAProxy behaves the same before and after.

use haplint_semantic::effective::Mode;
use haplint_semantic::{Section, Statement, Word};

use crate::context::LintContext;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Span};
use crate::rules::edit::delete_line;

mod denies;
mod rewrites;
mod set_backend;
mod shared_names;

pub use shared_names::is_shared_name_refusal;

/// Adds a migration fix to each `removed-keyword` finding that has one and
/// no fix yet.
pub fn attach(context: &LintContext<'_>, diagnostics: &mut [Diagnostic]) {
    shared_names::attach(context, diagnostics);
    for diagnostic in diagnostics
        .iter_mut()
        .filter(|diagnostic| diagnostic.rule == "removed-keyword" && diagnostic.fix.is_none())
    {
        if let Some((section, statement)) = statement_at(context, diagnostic) {
            diagnostic.fix = migration(context, section, statement);
            if diagnostic.fix.is_none() && is_rewrite(statement) {
                diagnostic.help = Some(format!(
                    "no mechanical replacement: {}",
                    rewrites::why_not(statement)
                ));
            } else if diagnostic.fix.is_none()
                && statement.prefix.is_none()
                && matches!(statement.head(), "reqsetbe" | "reqisetbe")
            {
                diagnostic.help = Some(format!(
                    "no mechanical replacement: {}",
                    set_backend::WHY_NOT
                ));
            }
        } else if let Some(statement) = statement_holding(context, diagnostic) {
            // Findings on a word of the line: `bind ... process 1`,
            // `option httpchk GET / HTTP/1.1\r\nHost:\ x`.
            diagnostic.fix = word_migration(context, statement, diagnostic.span.start);
        }
    }
}

/// The section and statement a diagnostic starts on.
fn statement_at<'a>(
    context: &LintContext<'a>,
    diagnostic: &Diagnostic,
) -> Option<(&'a Section, &'a Statement)> {
    if crate::cap::is_summary(diagnostic) {
        return None;
    }
    context.model().sections.iter().find_map(|section| {
        section
            .statements
            .iter()
            .find(|statement| {
                statement.file == diagnostic.span.file
                    && usize::from(statement.range.start()) == diagnostic.span.start
            })
            .map(|statement| (section, statement))
    })
}

/// The statement whose line holds a diagnostic's start.
fn statement_holding<'a>(
    context: &LintContext<'a>,
    diagnostic: &Diagnostic,
) -> Option<&'a Statement> {
    if crate::cap::is_summary(diagnostic) {
        return None;
    }
    context
        .statements_in(diagnostic.span.file, |statement| {
            usize::from(statement.range.start()) <= diagnostic.span.start
                && diagnostic.span.start < usize::from(statement.range.end())
        })
        .next()
}

/// Fixes for a removed word inside a line.
fn word_migration(context: &LintContext<'_>, statement: &Statement, at: usize) -> Option<Fix> {
    let body = statement.body();
    let index = body
        .iter()
        .position(|word| usize::from(word.range.start()) == at)?;
    let word = &body[index];
    match (body.first()?.value.as_str(), word.value.as_str()) {
        // Threads replace processes: without `process`, the listener is
        // bound on every thread, not pinned to the processes written.
        ("bind" | "stats", "process") => {
            let argument = body.get(index + 1)?;
            let previous = body.get(index.checked_sub(1)?)?;
            Some(Fix {
                title: format!("Remove `process {}` from the line", argument.value),
                applicability: Applicability::Unsafe,
                edits: vec![Edit {
                    span: Span {
                        file: statement.file,
                        start: usize::from(previous.range.end()),
                        end: usize::from(argument.range.end()),
                    },
                    content: String::new(),
                }],
            })
        }
        _ => httpchk_headers(context, statement),
    }
}

/// `option httpchk GET / HTTP/1.1\r\nHost:\ x` to `option httpchk GET /
/// HTTP/1.1` and `http-check send hdr Host x`, as HAProxy 2.2 to 2.6 did
/// by itself when reading the old form.
fn httpchk_headers(context: &LintContext<'_>, statement: &Statement) -> Option<Fix> {
    let body = statement.body();
    if statement.prefix.is_some()
        || body.len() != 5
        || body[0].value != "option"
        || body[1].value != "httpchk"
    {
        return None;
    }
    let version_word = &body[4];
    if version_word.has_variables || version_word.from_environment {
        return None;
    }
    let value = version_word.value.replace("\\r\\n", "\r\n");
    let mut parts = value.split("\r\n");
    let version = parts.next()?;
    let mut lines = Vec::new();
    let indent = crate::rules::edit::indentation_at(
        context.text(statement.file),
        usize::from(statement.range.start()),
    );
    for header in parts.filter(|part| !part.is_empty()) {
        let (name, value) = header.split_once(':')?;
        let name = name.trim();
        if !is_header_name(name) {
            return None;
        }
        lines.push(format!(
            "{indent}http-check send hdr {name} {}",
            quote_log_format(value.trim_start_matches([' ', '\t']))
        ));
    }
    if lines.is_empty() || version.contains([' ', '"', '\'', '\\', '#']) {
        return None;
    }
    let version_only = Edit {
        span: Span {
            file: statement.file,
            start: usize::from(version_word.range.start()),
            end: usize::from(version_word.range.end()),
        },
        content: version.to_owned(),
    };
    // With an `http-check send` of its own, HAProxy 2.2 to 2.6 dropped the
    // headers written after the version: dropping them keeps that.
    if section_of(context, statement).is_some_and(|section| {
        section.statements.iter().any(|other| {
            other.prefix.is_none()
                && other.head() == "http-check"
                && other.body().get(1).is_some_and(|word| word.value == "send")
        })
    }) {
        return Some(Fix {
            title: "Drop the headers after the version of `option httpchk`: the section's `http-check send` replaces them".to_owned(),
            applicability: Applicability::Safe,
            edits: vec![version_only],
        });
    }
    Some(Fix {
        title: "Move the headers of `option httpchk` to `http-check send hdr`".to_owned(),
        applicability: Applicability::Safe,
        edits: vec![
            version_only,
            crate::rules::edit::insert_after(
                context,
                statement.file,
                usize::from(statement.range.end()),
                &lines,
            ),
        ],
    })
}

/// The section holding `statement`.
fn section_of<'a>(context: &LintContext<'a>, statement: &Statement) -> Option<&'a Section> {
    context.model().sections.iter().find(|section| {
        section
            .statements
            .iter()
            .any(|other| other.file == statement.file && other.range == statement.range)
    })
}

/// The fix for one removed statement, when its replacement is mechanical.
fn migration(context: &LintContext<'_>, section: &Section, statement: &Statement) -> Option<Fix> {
    // A `no` or `default` prefix on a removed keyword has no clear meaning
    // after the rewrite: left to the author.
    if statement.prefix.is_some() {
        return None;
    }
    let body = statement.body();
    let head = body.first()?;
    match head.value.as_str() {
        "contimeout" | "clitimeout" | "srvtimeout" => {
            let new = timeout_name(&head.value)?;
            if let Some(fix) = already_set(context, section, statement, 1, &["timeout", new]) {
                return Some(fix);
            }
            // A bare number is milliseconds for both forms: same value.
            Some(replace_words(
                statement,
                &body[..1],
                &format!("timeout {new}"),
                format!("Replace `{}` with `timeout {new}`", head.value),
                Applicability::Safe,
            ))
        }
        "timeout" => {
            let old = body.get(1)?;
            let new = timeout_name(&old.value)?;
            if let Some(fix) = already_set(context, section, statement, 2, &["timeout", new]) {
                return Some(fix);
            }
            Some(replace_words(
                statement,
                &body[1..2],
                new,
                format!("Replace `timeout {}` with `timeout {new}`", old.value),
                Applicability::Safe,
            ))
        }
        "redispatch" | "redisp" if body.len() == 1 => {
            already_set(context, section, statement, 1, &["option", "redispatch"]).or_else(|| {
                Some(replace_words(
                    statement,
                    &body[..1],
                    "option redispatch",
                    format!("Replace `{}` with `option redispatch`", head.value),
                    Applicability::Safe,
                ))
            })
        }
        "block" => {
            // HAProxy ran `block` rules before every `http-request` rule:
            // in place, the order is the same only when none comes before.
            let safe = !earlier_in_section(section, statement, "http-request");
            Some(replace_words(
                statement,
                &body[..1],
                "http-request deny",
                "Replace `block` with `http-request deny`".to_owned(),
                if safe {
                    Applicability::Safe
                } else {
                    Applicability::Unsafe
                },
            ))
        }
        "reqadd" | "rspadd" => add_header(section, statement),
        "reqrep" | "reqirep" | "rsprep" | "rspirep" => {
            rewrites::rewrite(context, section, statement)
        }
        "rspdeny" | "rspideny" | "reqdeny" | "reqideny" => denies::deny(statement),
        "monitor-net" => monitor_net(context, section, statement),
        "reqsetbe" | "reqisetbe" => set_backend::set_backend(context, section, statement),
        // One process of threads replaces the processes written.
        "bind-process" => Some(Fix {
            title: "Remove `bind-process`".to_owned(),
            applicability: Applicability::Unsafe,
            edits: vec![delete_line(context, statement)],
        }),
        "reqdel" | "reqidel" | "rspdel" | "rspidel" => del_header(
            context.options.target >= haplint_semantic::Version::new(2, 6),
            statement,
        ),
        "option" => {
            option_migration(context, statement).or_else(|| httpchk_headers(context, statement))
        }
        "tune.ssl.capture-cipherlist-size" => Some(replace_words(
            statement,
            &body[..1],
            "tune.ssl.capture-buffer-size",
            "Rename to `tune.ssl.capture-buffer-size`".to_owned(),
            Applicability::Safe,
        )),
        _ => None,
    }
}

/// When `section` already has the directive the old line would become
/// (`words`, as written; the old keyword is `old_words` words long), the fix removes the old line instead of making a
/// duplicate. HAProxy kept the last of the two: removing the old line keeps
/// the behaviour when it comes first, or when both say the same.
fn already_set(
    context: &LintContext<'_>,
    section: &Section,
    statement: &Statement,
    old_words: usize,
    words: &[&str],
) -> Option<Fix> {
    let existing = section.statements.iter().find(|other| {
        other.prefix.is_none()
            && other.body().len() >= words.len()
            && other
                .body()
                .iter()
                .zip(words)
                .all(|(word, expected)| word.value == *expected)
    })?;
    let old_args: Vec<&str> = statement
        .body()
        .get(old_words..)
        .unwrap_or_default()
        .iter()
        .map(|word| word.value.as_str())
        .collect();
    let new_args: Vec<&str> = existing.body()[words.len()..]
        .iter()
        .map(|word| word.value.as_str())
        .collect();
    let first = existing.file == statement.file && statement.range.start() < existing.range.start();
    let safe = first || old_args == new_args;
    let keyword = statement.keyword_text(old_words);
    Some(Fix {
        title: format!(
            "Remove `{keyword}`: the section already has `{}`",
            words.join(" ")
        ),
        applicability: if safe {
            Applicability::Safe
        } else {
            Applicability::Unsafe
        },
        edits: vec![delete_line(context, statement)],
    })
}

/// `monitor-net <network>` in an HTTP proxy to `http-request return status
/// 200 if { src <network> }`, as HAProxy's alert advises; in a TCP one to
/// `tcp-request connection reject if { src <network> }`. Unsafe: the old
/// keyword answered before any rule ran and logged nothing; the new rule
/// runs in its place among the `http-request` rules and is logged.
fn monitor_net(context: &LintContext<'_>, section: &Section, statement: &Statement) -> Option<Fix> {
    let body = statement.body();
    let network = body.get(1)?;
    if body.len() != 2 || network.has_variables || network.from_environment {
        return None;
    }
    if !network
        .value
        .bytes()
        .all(|byte| byte.is_ascii_hexdigit() || matches!(byte, b'.' | b':' | b'/'))
    {
        return None;
    }
    let mode = mode_of(context, section)?;
    if mode == Mode::Log {
        return None;
    }
    if mode == Mode::Tcp {
        // TCP: the old keyword closed the connection at once, logging
        // nothing; `reject` does too, but counts it as denied.
        return Some(replace_words(
            statement,
            &body[..2],
            &format!(
                "tcp-request connection reject if {{ src {} }}",
                network.value
            ),
            "Replace `monitor-net` with `tcp-request connection reject if { src ... }` (counted as denied connections)".to_owned(),
            Applicability::Unsafe,
        ));
    }
    Some(replace_words(
        statement,
        &body[..2],
        &format!(
            "http-request return status 200 if {{ src {} }}",
            network.value
        ),
        "Replace `monitor-net` with `http-request return status 200 if { src ... }`".to_owned(),
        Applicability::Unsafe,
    ))
}

/// `option forceclose` and `option http-tunnel`, as HAProxy's alerts advise.
fn option_migration(context: &LintContext<'_>, statement: &Statement) -> Option<Fix> {
    let body = statement.body();
    let name = body.get(1)?;
    if body.len() != 2 {
        return None;
    }
    match name.value.as_str() {
        // HAProxy 2.0: "use 'option httpclose' instead"; with HTX it closes
        // both sides too, but the server side is closed at the end of the
        // response rather than actively: unsafe.
        "forceclose" => Some(replace_words(
            statement,
            &body[1..2],
            "httpclose",
            "Replace `option forceclose` with `option httpclose`".to_owned(),
            Applicability::Unsafe,
        )),
        // HTX handles tunnels (WebSocket, CONNECT) by itself; without the
        // option, HAProxy keeps analysing the requests after the first.
        // HAProxy 2.5: "This option stopped working in HAProxy 2.0";
        // from 2.0 to 2.4 it was read and ignored. Forwarding to the
        // address in the request needs `http-request set-dst` rules,
        // which only the author can write for their traffic.
        "http_proxy" => Some(Fix {
            title: "Remove `option http_proxy`, ignored since HAProxy 2.0 (to forward to the request's host, add `http-request set-dst` rules)".to_owned(),
            applicability: Applicability::Unsafe,
            edits: vec![delete_line(context, statement)],
        }),
        "http-tunnel" => Some(Fix {
            title: "Remove `option http-tunnel`".to_owned(),
            applicability: Applicability::Unsafe,
            edits: vec![delete_line(context, statement)],
        }),
        _ => None,
    }
}

/// Whether `statement` is one of the old line-rewriting rules.
fn is_rewrite(statement: &Statement) -> bool {
    statement.prefix.is_none()
        && matches!(
            statement.head(),
            "reqrep" | "reqirep" | "rsprep" | "rspirep"
        )
}

/// The `timeout` name an old timeout keyword became.
fn timeout_name(old: &str) -> Option<&'static str> {
    Some(match old {
        "contimeout" => "connect",
        "clitimeout" => "client",
        "srvtimeout" => "server",
        _ => return None,
    })
}

/// `reqadd Name:\ value [cond]` to `http-request add-header Name "value" [cond]`.
fn add_header(section: &Section, statement: &Statement) -> Option<Fix> {
    let body = statement.body();
    let (head, line) = (body.first()?, body.get(1)?);
    if line.has_variables || line.from_environment {
        return None;
    }
    let (name, value) = line.value.split_once(':')?;
    let name = name.trim();
    if !is_header_name(name) {
        return None;
    }
    let value = value.trim_start_matches([' ', '\t']);
    let (action, side) = if head.value == "reqadd" {
        ("http-request", "http-request")
    } else {
        ("http-response", "http-response")
    };
    // The old `req*`/`rsp*` rules ran after every `http-request` /
    // `http-response` rule: in place, the order holds only without them.
    let safe = !section
        .statements
        .iter()
        .any(|other| other.head() == side && other.range != statement.range);
    Some(replace_words(
        statement,
        &body[..2],
        &format!("{action} add-header {name} {}", quote_log_format(value)),
        format!("Replace `{}` with `{action} add-header {name}`", head.value),
        if safe {
            Applicability::Safe
        } else {
            Applicability::Unsafe
        },
    ))
}

/// `reqidel ^X-Foo:` to `http-request del-header X-Foo`; a regex that is not
/// a plain name gets `-m reg` (HAProxy 2.6 and later).
fn del_header(has_match_method: bool, statement: &Statement) -> Option<Fix> {
    let body = statement.body();
    let (head, pattern) = (body.first()?, body.get(1)?);
    // A condition would need to be kept too; only the plain form is handled.
    if body.len() != 2 || pattern.has_variables || pattern.from_environment {
        return None;
    }
    let inner = pattern.value.strip_prefix('^')?;
    let inner = inner
        .strip_suffix(":.*")
        .or_else(|| inner.strip_suffix(":.*$"))
        .or_else(|| inner.strip_suffix(':'))?;
    let action = if head.value.starts_with("req") {
        "http-request"
    } else {
        "http-response"
    };
    let caseless = head.value.contains("idel");
    let (replacement, plain) = if is_header_name(inner) {
        (format!("{action} del-header {inner}"), true)
    } else if has_match_method && !inner.contains([' ', '"', '\'', '\\', '#']) {
        let regex = if caseless {
            format!("(?i)^{inner}$")
        } else {
            format!("^{inner}$")
        };
        (format!("{action} del-header {regex} -m reg"), false)
    } else {
        return None;
    };
    // Header names do not depend on case in HAProxy today: the old
    // case-sensitive `reqdel` matched fewer headers.
    let safe = caseless && plain;
    Some(replace_words(
        statement,
        &body[..2],
        &replacement,
        format!("Replace `{}` with `{action} del-header`", head.value),
        if safe {
            Applicability::Safe
        } else {
            Applicability::Unsafe
        },
    ))
}

/// Whether `name` is a header name as written, with no regex characters.
fn is_header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_')
}

/// `value` as one double-quoted log-format word that HAProxy reads back as
/// the same text: `%` is doubled, `"`, `\` and `$` are escaped.
fn quote_log_format(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '%' => out.push_str("%%"),
            '"' | '\\' | '$' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether a statement with `head` comes before `statement` in `section`.
fn earlier_in_section(section: &Section, statement: &Statement, head: &str) -> bool {
    section
        .statements
        .iter()
        .take_while(|other| other.range != statement.range || other.file != statement.file)
        .any(|other| other.head() == head)
}

/// Replaces `words` (contiguous words of `statement`) with `text`.
fn replace_words(
    statement: &Statement,
    words: &[Word],
    text: &str,
    title: String,
    applicability: Applicability,
) -> Fix {
    let start = words
        .first()
        .map_or(statement.range.start(), |word| word.range.start());
    let end = words
        .last()
        .map_or(statement.range.end(), |word| word.range.end());
    Fix {
        title,
        applicability,
        edits: vec![Edit {
            span: Span {
                file: statement.file,
                start: usize::from(start),
                end: usize::from(end),
            },
            content: text.to_owned(),
        }],
    }
}

/// The mode `section` ends up in, its own or inherited.
fn mode_of(context: &LintContext<'_>, section: &Section) -> Option<Mode> {
    let model = context.model();
    let index = model
        .sections
        .iter()
        .position(|other| std::ptr::eq(other, section))?;
    Some(context.inheritance.mode(model, index))
}

#[cfg(test)]
mod tests {
    use super::{is_header_name, quote_log_format};

    #[test]
    fn values_are_quoted_for_log_format() {
        assert_eq!(quote_log_format("b c"), "\"b c\"");
        assert_eq!(quote_log_format("50% \"x\" $y"), "\"50%% \\\"x\\\" \\$y\"");
    }

    #[test]
    fn header_names_have_no_regex_characters() {
        assert!(is_header_name("X-Foo"));
        assert!(!is_header_name("X-(Foo|Bar)"));
        assert!(!is_header_name(""));
    }
}
