//! Proxies without the timeouts HAProxy warns about.

use haplint_semantic::effective::Mode;
use haplint_semantic::values::duration::parse_duration;
use haplint_semantic::{Section, Statement};

use crate::context::LintContext;
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};
use crate::rules::correctness::timeout_branches::{FileBranches, first_gap};
use crate::rules::edit::{indentation_at, insert_after};
use crate::rules::placement::{conditionals, end_of_section};

pub struct MissingTimeout;

static META: RuleMeta = RuleMeta {
    name: "missing-timeout",
    code: "HAP124",
    category: Category::Correctness,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Sometimes(Applicability::Unsafe),
    input: RuleInput::Config,
    doc: "\
## What it does
Flags frontends without `timeout client`, and backends without `timeout
connect` or `timeout server`, after inheritance from their defaults section.
A `listen` section needs all three.

Timeouts set only in some branches of a `.if` block whose condition depends
on the environment (`defined(X)`, `feature(...)`) are reported for the
branches that lack them, as HAProxy warns when started that way; blocks
whose condition the target version decides (`version_atleast(...)`) are
read as that version reads them.

## Why is this bad
Without these timeouts a connection that stops sending stays open forever.
Idle or half-dead clients and servers pile up until `maxconn` is reached and
HAProxy stops accepting traffic. HAProxy itself warns about it at start-up.

## Example
```haproxy
defaults
    mode http
    timeout connect 5s

frontend www
    bind :80
    default_backend app

backend app
    server app1 10.0.0.1:8080 check
```

## Use instead
```haproxy
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s

frontend www
    bind :80
    default_backend app

backend app
    server app1 10.0.0.1:8080 check
```

## Fix safety
The fix adds the missing lines (client and server 30s, connect 5s) to the
defaults section the proxy inherits from, or to the proxy itself, after its
last line outside `.if` blocks so they apply in every branch. A value
moves where the proxy's other timeouts would be out of order: with
`timeout server 2s` the added connect timeout is 2s, not 5s. It is
unsafe: it changes when HAProxy closes idle connections.

## References
- https://docs.haproxy.org/3.2/configuration.html#4.2-timeout%20client
- https://docs.haproxy.org/3.2/configuration.html#4.2-timeout%20connect
- https://docs.haproxy.org/3.2/configuration.html#4.2-timeout%20server
",
};

/// The usual value of each timeout the fix adds.
const CONNECT: u64 = 5_000_000;
const CLIENT_OR_SERVER: u64 = 30_000_000;

/// What the fix writes for `timeout`: the usual value, moved where the
/// proxy's other timeouts would otherwise be out of order (`timeout-order`):
/// a connect timeout no longer than its server timeout (`srvtimeout 1500`
/// gets `timeout connect 1500ms`, not 5s), a server timeout no shorter
/// than its connect timeout, a client timeout no shorter than its
/// keep-alive timeout. `known` gives a timeout the proxy already has, in
/// microseconds.
fn value_for(timeout: &str, known: impl Fn(&str) -> Option<u64>) -> String {
    let (usual, other, other_is_longer) = match timeout {
        "timeout connect" => (CONNECT, "timeout server", true),
        "timeout server" => (CLIENT_OR_SERVER, "timeout connect", false),
        _ => (CLIENT_OR_SERVER, "timeout http-keep-alive", false),
    };
    let value = match known(other) {
        // 0 means no timeout at all: nothing to stay below.
        Some(0) | None => usual,
        Some(other) if other_is_longer => usual.min(other),
        Some(other) => usual.max(other),
    };
    format_duration(value)
}

/// A duration in the largest unit that writes it exactly.
fn format_duration(microseconds: u64) -> String {
    if microseconds.is_multiple_of(1_000_000) {
        format!("{}s", microseconds / 1_000_000)
    } else if microseconds.is_multiple_of(1_000) {
        format!("{}ms", microseconds / 1_000)
    } else {
        format!("{microseconds}us")
    }
}

/// The timeout `name` of the proxy at `index`, in microseconds: its
/// effective setting, or the old form about to be rewritten into it.
fn known_timeout(context: &LintContext<'_>, index: usize, name: &str) -> Option<u64> {
    let settings = context.inheritance.settings(context.model(), index);
    let written = match settings.get(name) {
        Some(setting) => setting.value.first().cloned(),
        None => legacy_value(context, index, name),
    }?;
    parse_duration(&written)
        .ok()
        .map(|duration| duration.microseconds)
}

impl Rule for MissingTimeout {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let model = context.model();
        // Read only when some file has `.if` blocks: most have none.
        let branches = context
            .set
            .documents
            .iter()
            .any(|document| document.parse.has_conditionals())
            .then(|| FileBranches::of(context));
        for (index, section) in context.proxies() {
            // An unknown `from` is reported by the model; HAProxy stops there.
            let unresolved_from =
                section.from.is_some() && context.inheritance.defaults_of[index].is_none();
            // HAProxy creates no proxy for a header with extra words (the
            // model reports it): nothing there can miss a timeout.
            let no_proxy = !section.extra_header_words.is_empty();
            if unresolved_from || no_proxy || context.inheritance.mode(model, index) == Mode::Log {
                continue;
            }
            let settings = context.inheritance.settings(model, index);
            let mut needed: Vec<&'static str> = Vec::new();
            if section.has_frontend_side() {
                needed.push("timeout client");
            }
            if section.has_backend_side() {
                needed.extend(["timeout connect", "timeout server"]);
            }
            let missing: Vec<&'static str> = needed
                .iter()
                .copied()
                .filter(|timeout| !settings.contains_key(*timeout))
                // `clitimeout 50000` is about to become `timeout client
                // 50000` by its own fix (`removed-keyword`): adding a
                // default next to it would override the user's value.
                .filter(|timeout| !legacy_sets(context, index, timeout))
                .collect();
            let name = section.name_text().unwrap_or_default();
            let kind = section.kind.name();
            let (missing, when, host) = if missing.is_empty() {
                // Set as the model sees it, with every environment-dependent
                // branch kept: it may still be missing in some combination.
                let Some(gap) = branches
                    .as_ref()
                    .and_then(|branches| first_gap(context, branches, index, &needed))
                else {
                    continue;
                };
                (gap.missing, format!(" when {}", gap.when), gap.host)
            } else {
                // Add the lines where the proxy gets its settings from.
                let host = context.inheritance.defaults_of[index].unwrap_or(index);
                (missing, String::new(), host)
            };
            let list = missing
                .iter()
                .map(|timeout| format!("`{timeout}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let diagnostic = META
                .diagnostic(
                    context.section_span(section),
                    format!("{kind} `{name}` has no {list}{when}"),
                )
                .with_help("set them in `defaults` so every proxy gets them: client and server around 30s, connect around 5s");
            let host = &model.sections[host];
            let values: Vec<String> = missing
                .iter()
                .map(|timeout| value_for(timeout, |other| known_timeout(context, index, other)))
                .collect();
            out.push(diagnostic.with_fix(add_timeouts(context, host, &missing, &values, &list)));
        }
    }
}

/// Whether the proxy at `index` or its defaults section has the old form
/// of `timeout` (`clitimeout`, `timeout clitimeout`...), which HAProxy refuses
/// and the migration fix rewrites.
fn legacy_sets(context: &LintContext<'_>, index: usize, timeout: &str) -> bool {
    legacy_statement(context, index, timeout).is_some()
}

/// The value of the old form of `timeout` the proxy at `index` has, the
/// proxy's own line over its defaults' (the last one of each wins).
fn legacy_value(context: &LintContext<'_>, index: usize, timeout: &str) -> Option<String> {
    let (statement, value_at) = legacy_statement(context, index, timeout)?;
    statement
        .body()
        .get(value_at)
        .map(|word| word.value.clone())
}

/// The last line with the old form of `timeout`, and where its value is.
fn legacy_statement<'a>(
    context: &'a LintContext<'_>,
    index: usize,
    timeout: &str,
) -> Option<(&'a Statement, usize)> {
    let old = match timeout {
        "timeout connect" => "contimeout",
        "timeout client" => "clitimeout",
        "timeout server" => "srvtimeout",
        _ => return None,
    };
    let model = context.model();
    [Some(index), context.inheritance.defaults_of[index]]
        .into_iter()
        .flatten()
        .filter_map(|at| model.sections.get(at))
        .find_map(|section| {
            section.statements.iter().rev().find_map(|statement| {
                if statement.prefix.is_some() {
                    return None;
                }
                match statement.body() {
                    [head, ..] if head.value == old => Some((statement, 1)),
                    [head, name, ..] if head.value == "timeout" && name.value == old => {
                        Some((statement, 2))
                    }
                    _ => None,
                }
            })
        })
}

/// Adds the `missing` lines at the top level of `host`, after its last line
/// outside any `.if` block of its own: a line inside a branch would set the
/// timeout only when that branch is taken.
fn add_timeouts(
    context: &LintContext<'_>,
    host: &Section,
    missing: &[&str],
    values: &[String],
    list: &str,
) -> Fix {
    let text = context.text(host.file);
    let indent = host.statements.first().map_or_else(
        || "    ".to_owned(),
        |statement| indentation_at(text, usize::from(statement.range.start())),
    );
    let lines: Vec<String> = missing
        .iter()
        .zip(values)
        .map(|(timeout, value)| format!("{indent}{timeout} {value}"))
        .collect();
    let anchor = end_of_section(&conditionals(context, host.file), host);
    META.fix(
        format!("Add {list} to `{}`", host.kind.name()),
        vec![insert_after(context, host.file, anchor, &lines)],
    )
}

#[cfg(test)]
mod tests {
    use super::{format_duration, value_for};

    #[test]
    fn usual_values_when_nothing_else_is_known() {
        assert_eq!(value_for("timeout connect", |_| None), "5s");
        assert_eq!(value_for("timeout server", |_| None), "30s");
        assert_eq!(value_for("timeout client", |_| None), "30s");
    }

    #[test]
    fn added_values_keep_the_timeouts_in_order() {
        let server_1500ms = |name: &str| (name == "timeout server").then_some(1_500_000);
        assert_eq!(value_for("timeout connect", server_1500ms), "1500ms");
        let connect_60s = |name: &str| (name == "timeout connect").then_some(60_000_000);
        assert_eq!(value_for("timeout server", connect_60s), "60s");
        let keep_alive_2m = |name: &str| (name == "timeout http-keep-alive").then_some(120_000_000);
        assert_eq!(value_for("timeout client", keep_alive_2m), "120s");
        // Shorter or longer the other way round changes nothing.
        let server_1m = |name: &str| (name == "timeout server").then_some(60_000_000);
        assert_eq!(value_for("timeout connect", server_1m), "5s");
        // 0 is no timeout: nothing to stay below.
        let server_none = |name: &str| (name == "timeout server").then_some(0);
        assert_eq!(value_for("timeout connect", server_none), "5s");
    }

    #[test]
    fn durations_are_written_in_the_largest_exact_unit() {
        assert_eq!(format_duration(5_000_000), "5s");
        assert_eq!(format_duration(1_500_000), "1500ms");
        assert_eq!(format_duration(1_500), "1500us");
    }
}
