//! TLS towards servers without certificate verification.

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

pub struct ServerVerifyNone;

static META: RuleMeta = RuleMeta {
    name: "server-verify-none",
    code: "HAP404",
    category: Category::Security,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Never,
    input: RuleInput::Config,
    doc: "\
## What it does
Flags `verify none` on `server` and `default-server` lines that use `ssl`,
and `ssl-server-verify none` in `global`.

## Why is this bad
The connection is encrypted but not authenticated: anyone who can reach the
path between HAProxy and the server can impersonate the server and read or
change the traffic.

## Example
```haproxy
defaults
    timeout connect 5s
    timeout server 30s

backend app
    server app1 10.0.0.1:8443 ssl verify none check
```

## Use instead
```haproxy
defaults
    timeout connect 5s
    timeout server 30s

backend app
    server app1 10.0.0.1:8443 ssl verify required ca-file /etc/haproxy/ca.pem check
```

## Fix safety
No fix: the right CA file is known only to the operator.

## References
- https://docs.haproxy.org/3.2/configuration.html#5.2-verify
",
};

impl Rule for ServerVerifyNone {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        if let Some(statement) = context.global("ssl-server-verify")
            && let Some(word) = statement.args().first().filter(|word| word.value == "none")
        {
            out.push(
                META.diagnostic(
                    Span::new(statement.file, word.range),
                    "certificates of TLS servers are never verified",
                )
                .with_help("remove `ssl-server-verify none` and give servers a `ca-file`"),
            );
        }
        for (_, section) in context.proxies() {
            for statement in section
                .statements
                .iter()
                .filter(|statement| matches!(statement.head(), "server" | "default-server"))
            {
                let args = statement.args();
                if !args.iter().any(|word| word.value == "ssl") {
                    continue;
                }
                let verify_none = args
                    .windows(2)
                    .find(|pair| pair[0].value == "verify" && pair[1].value == "none");
                if let Some(pair) = verify_none {
                    out.push(
                        META.diagnostic(
                            Span::new(statement.file, pair[0].range.cover(pair[1].range)),
                            "TLS to this server is not authenticated: its certificate is not verified",
                        )
                        .with_help("use `verify required` with a `ca-file` that signs the server's certificate"),
                    );
                }
            }
        }
    }
}
