//! Proxies without the timeouts HAProxy warns about.

use haplint_semantic::Section;
use haplint_semantic::effective::Mode;

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
last line outside `.if` blocks so they apply in every branch. It is
unsafe: it changes when HAProxy closes idle connections.

## References
- https://docs.haproxy.org/3.2/configuration.html#4.2-timeout%20client
- https://docs.haproxy.org/3.2/configuration.html#4.2-timeout%20connect
- https://docs.haproxy.org/3.2/configuration.html#4.2-timeout%20server
",
};

fn default_value(timeout: &str) -> &'static str {
    if timeout == "timeout connect" {
        "5s"
    } else {
        "30s"
    }
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
            out.push(diagnostic.with_fix(add_timeouts(context, host, &missing, &list)));
        }
    }
}

/// Whether the proxy at `index` or its defaults section has the old form
/// of `timeout` (`clitimeout`, `timeout clitimeout`...), which HAProxy refuses
/// and the migration fix rewrites.
fn legacy_sets(context: &LintContext<'_>, index: usize, timeout: &str) -> bool {
    let old = match timeout {
        "timeout connect" => "contimeout",
        "timeout client" => "clitimeout",
        "timeout server" => "srvtimeout",
        _ => return false,
    };
    let model = context.model();
    [Some(index), context.inheritance.defaults_of[index]]
        .into_iter()
        .flatten()
        .filter_map(|at| model.sections.get(at))
        .flat_map(|section| section.statements.iter())
        .any(|statement| {
            let body = statement.body();
            statement.prefix.is_none()
                && match body {
                    [head, ..] if head.value == old => true,
                    [head, name, ..] => head.value == "timeout" && name.value == old,
                    _ => false,
                }
        })
}

/// Adds the `missing` lines at the top level of `host`, after its last line
/// outside any `.if` block of its own: a line inside a branch would set the
/// timeout only when that branch is taken.
fn add_timeouts(context: &LintContext<'_>, host: &Section, missing: &[&str], list: &str) -> Fix {
    let text = context.text(host.file);
    let indent = host.statements.first().map_or_else(
        || "    ".to_owned(),
        |statement| indentation_at(text, usize::from(statement.range.start())),
    );
    let lines: Vec<String> = missing
        .iter()
        .map(|timeout| format!("{indent}{timeout} {}", default_value(timeout)))
        .collect();
    let anchor = end_of_section(&conditionals(context, host.file), host);
    META.fix(
        format!("Add {list} to `{}`", host.kind.name()),
        vec![insert_after(context, host.file, anchor, &lines)],
    )
}
