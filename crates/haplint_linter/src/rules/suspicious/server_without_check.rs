//! Servers that are never health-checked.

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

pub struct ServerWithoutCheck;

static META: RuleMeta = RuleMeta {
    name: "server-without-check",
    code: "HAP204",
    category: Category::Suspicious,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Never,
    input: RuleInput::Config,
    doc: "\
## What it does
Flags `server` lines without `check` in backends that have more than one
server, unless `default-server` enables checks or the server `track`s
another one.

## Why is this bad
Without health checks HAProxy only learns that a server is dead from failed
requests: it keeps sending a share of the traffic to it, and clients see the
errors.

## Example
```haproxy
defaults
    timeout connect 5s
    timeout server 30s

backend app
    server app1 10.0.0.1:8080 check
    server app2 10.0.0.2:8080
```

## Use instead
```haproxy
defaults
    timeout connect 5s
    timeout server 30s

backend app
    server app1 10.0.0.1:8080 check
    server app2 10.0.0.2:8080 check
```

## Fix safety
No fix: a check needs the right port and, for HTTP, a health URI.

## References
- https://docs.haproxy.org/3.2/configuration.html#5.2-check
",
};

impl Rule for ServerWithoutCheck {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        for (index, section) in context.proxies() {
            let servers: Vec<_> = section.statements_of("server").collect();
            if servers.len() < 2 || checks_by_default(context, index) {
                continue;
            }
            for server in servers {
                let args = server.args();
                // `"${OPTS[*]}"` may well hold `check`.
                if args.iter().any(|word| {
                    word.has_variables || matches!(word.value.as_str(), "check" | "track")
                }) {
                    continue;
                }
                let Some(name) = args.first() else { continue };
                out.push(
                    META.diagnostic(
                        Span::new(server.file, name.range),
                        format!("server `{}` is never health-checked", name.value),
                    )
                    .with_help("add `check` so HAProxy takes it out of rotation when it fails"),
                );
            }
        }
    }
}

/// Whether `default-server` lines make servers of section `index` checked:
/// those of its defaults chain, oldest first, then its own; the last
/// `check` or `no-check` wins, as HAProxy applies them in that order.
fn checks_by_default(context: &LintContext<'_>, index: usize) -> bool {
    let model = context.model();
    let mut chain = vec![index];
    while let Some(parent) = chain.last().and_then(|last| {
        context
            .inheritance
            .defaults_of
            .get(*last)
            .copied()
            .flatten()
    }) {
        // A cycle of `from` is reported elsewhere; here it only has to end.
        if chain.contains(&parent) || chain.len() > model.sections.len() {
            break;
        }
        chain.push(parent);
    }
    let mut check = false;
    for section in chain
        .iter()
        .rev()
        .filter_map(|position| model.sections.get(*position))
    {
        for statement in section.statements_of("default-server") {
            for word in statement.args() {
                match word.value.as_str() {
                    "check" => check = true,
                    "no-check" => check = false,
                    _ => {}
                }
            }
        }
    }
    check
}
