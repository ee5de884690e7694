//! Payload fetches in HTTP proxies.

use haplint_keywords::{Context, Keywords, Version};
use haplint_semantic::effective::Mode;

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

pub struct L6FetchInHttpMode;

static META: RuleMeta = RuleMeta {
    name: "l6-fetch-in-http-mode",
    code: "HAP214",
    category: Category::Suspicious,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    since: Some(Version::new(2, 0)),
    until: None,
    fix: FixAvailability::Never,
    input: RuleInput::Config,
    doc: "\
## What it does
Flags rules of HTTP-mode proxies whose conditions use layer-6 fetches that
read the raw request buffer (`req.len`, `req.payload`, `req_ssl_sni`,
`req.ssl_hello_type`...).

## Why is this bad
Since HAProxy 2.0 HTTP proxies parse messages into an internal
representation (HTX): the raw buffer these fetches read is not the request
as it arrived, so they return unrelated data or nothing, and the rule does
not do what its author tested.

## Example
```haproxy
defaults
    mode http
    timeout client 30s

frontend www
    bind :80
    tcp-request inspect-delay 5s
    tcp-request content reject if { req.len gt 8192 }
    http-request return status 200
```

## Use instead
```haproxy
defaults
    mode http
    timeout client 30s

frontend www
    bind :80
    http-request deny if { req.body_size gt 8192 }
    http-request return status 200
```

## Fix safety
No fix: the HTTP-level equivalent depends on what was meant.

## References
- https://docs.haproxy.org/3.2/configuration.html#7.3.5
",
};

impl Rule for L6FetchInHttpMode {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let keywords = Keywords::for_version(context.target);
        let model = context.model();
        for (index, section) in context.proxies() {
            if context.inheritance.mode(model, index) != Mode::Http {
                continue;
            }
            for statement in &section.statements {
                let args = statement.args();
                let Some(start) = args
                    .iter()
                    .position(|word| matches!(word.value.as_str(), "if" | "unless"))
                else {
                    continue;
                };
                let mut words = args[start + 1..].iter().peekable();
                while let Some(word) = words.next() {
                    if !matches!(word.value.as_str(), "{" | "!{") {
                        continue;
                    }
                    let Some(expression) = words.next() else {
                        break;
                    };
                    let fetch = expression
                        .value
                        .split(['(', ','])
                        .next()
                        .unwrap_or_default();
                    let layer = keywords
                        .get(Context::Fetch, fetch)
                        .or_else(|| keywords.get(Context::Acl, fetch))
                        .and_then(|entry| entry.extra("layer"));
                    if layer == Some("l6") {
                        out.push(
                            META.diagnostic(Span::new(statement.file, expression.range), format!("`{fetch}` reads the raw buffer, which an HTTP proxy does not keep as received"))
                                .with_help("use HTTP fetches (`req.hdr`, `req.body_size`, `ssl_fc_sni`...) in HTTP mode"),
                        );
                    }
                }
            }
        }
    }
}
