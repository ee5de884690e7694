//! Backends no rule routes to.

use std::collections::HashSet;

use haplint_keywords::SectionKind;

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Severity, Tag};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

pub struct UnusedBackend;

static META: RuleMeta = RuleMeta {
    name: "unused-backend",
    code: "HAP207",
    category: Category::Suspicious,
    default_severity: Severity::Hint,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Never,
    input: RuleInput::Config,
    doc: "\
## What it does
Points out a `backend` that no `use_backend` or `default_backend` names,
when every routing rule of the set uses a fixed name.

## Why is this bad
It may be dead configuration left behind, or a backend whose routing rule
was lost. It still runs health checks against its servers.

## Example
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

backend old
    server old1 10.0.0.9:8080 check
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
No fix: the backend may be used by a file that is not part of this check,
or through the runtime API.

## References
- https://docs.haproxy.org/3.2/configuration.html#4.2-use_backend
",
};

impl Rule for UnusedBackend {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let model = context.model();
        let mut used = HashSet::new();
        let mut any_routing = false;
        for section in &model.sections {
            for keyword in ["use_backend", "default_backend"] {
                for statement in section.statements_of(keyword) {
                    any_routing = true;
                    let Some(target) = statement.args().first() else {
                        continue;
                    };
                    if target.has_variables || target.value.contains("%[") {
                        return;
                    }
                    used.insert(target.value.as_str());
                }
            }
        }
        if !any_routing {
            return;
        }
        for section in model.sections_of(SectionKind::Backend) {
            let Some(name) = section.name_text() else {
                continue;
            };
            // A backend with a stick table and no servers holds the table
            // that `track-sc*`, `sc_*` and `table` arguments name.
            let holds_table = section.statements_of("stick-table").next().is_some()
                && section.statements_of("server").next().is_none()
                && section.statements_of("server-template").next().is_none();
            if !used.contains(name) && !holds_table {
                out.push(
                    META.diagnostic(
                        context.section_span(section),
                        format!("backend `{name}` is never routed to"),
                    )
                    .with_tag(Tag::Unnecessary)
                    .with_help("remove it, or add the `use_backend` rule that should reach it"),
                );
            }
        }
    }
}
