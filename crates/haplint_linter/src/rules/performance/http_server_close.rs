//! `option http-server-close` / `option httpclose`.

use crate::context::LintContext;
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};
use crate::rules::edit::delete_line;

pub struct HttpServerClose;

static META: RuleMeta = RuleMeta {
    name: "http-server-close",
    code: "HAP501",
    category: Category::Performance,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Always(Applicability::Unsafe),
    input: RuleInput::Config,
    doc: "\
## What it does
Flags `option http-server-close` and `option httpclose`, and mentions
`option http-pretend-keepalive` when it accompanies them.

## Why is this bad
Both close the connection to the server after every request, so each request
pays a new TCP (and often TLS) handshake to the server. Since 1.9 HAProxy
keeps server connections alive and shares them between requests
(`http-reuse`), which is faster and lighter on the servers. These options
were workarounds for old servers; `http-pretend-keepalive` only existed to
make such servers behave under `http-server-close`.

## Example
```haproxy
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
    option http-server-close
```

## Use instead
```haproxy
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
    http-reuse safe
```

## Fix safety
The fix removes the line (and `option http-pretend-keepalive` beside it),
and is unsafe: HAProxy then keeps server connections open and reuses them,
which is the point, but a server that mishandles keep-alive may be the
reason the option was written.

## References
- https://docs.haproxy.org/3.2/configuration.html#4.2-option%20http-server-close
- https://docs.haproxy.org/3.2/configuration.html#4.2-http-reuse
",
};

impl Rule for HttpServerClose {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        for section in context
            .model()
            .sections
            .iter()
            .filter(|section| section.kind.is_proxy())
        {
            let pretend = section
                .statements_of("option http-pretend-keepalive")
                .find(|statement| statement.prefix.is_none());
            for keyword in ["option http-server-close", "option httpclose"] {
                for statement in section
                    .statements_of(keyword)
                    .filter(|statement| statement.prefix.is_none())
                {
                    let mut diagnostic = META
                        .diagnostic(context.keyword_span(statement), format!("`{keyword}` opens a new server connection for every request"))
                        .with_help("remove it and let HAProxy keep and reuse server connections (`http-reuse safe`, the default)");
                    let mut edits = vec![delete_line(context, statement)];
                    if let Some(pretend) = pretend {
                        diagnostic = diagnostic.with_label(
                            context.keyword_span(pretend),
                            "only useful with the option above; remove it too",
                        );
                        edits.push(delete_line(context, pretend));
                    }
                    out.push(diagnostic.with_fix(META.fix(format!("Remove `{keyword}`"), edits)));
                }
            }
        }
    }
}
