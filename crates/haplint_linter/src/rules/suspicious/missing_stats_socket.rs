//! No runtime API socket.

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

pub struct MissingStatsSocket;

static META: RuleMeta = RuleMeta {
    name: "missing-stats-socket",
    code: "HAP203",
    category: Category::Suspicious,
    default_severity: Severity::Info,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Never,
    input: RuleInput::Config,
    doc: "\
## What it does
Flags a `global` section without a `stats socket`.

## Why is this bad
The stats socket is HAProxy's runtime API. Without it an operator cannot
drain a server (`set server app/app1 state drain`), put it back (`state
ready`), look at live state (`show servers state`, `show info`) or change
weights and maps without a reload, which is exactly what an incident needs.

## Example
```haproxy
global
    maxconn 1000
```

## Use instead
```haproxy
global
    maxconn 1000
    stats socket /run/haproxy/admin.sock mode 600 level admin
```

## Fix safety
No fix: the path and permissions depend on the host.

## References
- https://docs.haproxy.org/3.2/configuration.html#3.1-stats%20socket
- https://docs.haproxy.org/3.2/management.html#9.3
",
};

impl Rule for MissingStatsSocket {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let model = context.model();
        let Some(global) = model
            .sections_of(haplint_keywords::SectionKind::Global)
            .next()
        else {
            return;
        };
        if context.global("stats socket").is_some() {
            return;
        }
        out.push(
            META.diagnostic(
                haplint_linter_span(global),
                "no `stats socket`: servers cannot be drained or inspected at run time",
            )
            .with_help(
                "add `stats socket /run/haproxy/admin.sock mode 600 level admin` to `global`",
            ),
        );
    }
}

fn haplint_linter_span(section: &haplint_semantic::Section) -> crate::diagnostic::Span {
    crate::diagnostic::Span::new(section.file, section.keyword_range)
}
