//! TLS towards servers without certificate verification.

use crate::context::LintContext;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Severity, Span};
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
    fix: FixAvailability::Sometimes(Applicability::Unsafe),
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
On a `server` or `default-server` line, for HAProxy 2.6 and later, the fix
writes `verify required ca-file @system-ca` (or only `verify required` when
the line names a `ca-file`): the server's certificate must then be signed
by an authority of the machine's trust store. It is unsafe: a server with a
self-signed or private-CA certificate fails its connections until the line
names the right `ca-file`. `ssl-server-verify none` in `global` gets no
fix.

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
                    let span = Span::new(statement.file, pair[0].range.cover(pair[1].range));
                    let mut diagnostic = META
                        .diagnostic(
                            span,
                            "TLS to this server is not authenticated: its certificate is not verified",
                        )
                        .with_help("use `verify required` with a `ca-file` that signs the server's certificate");
                    // `@system-ca` (the machine's trust store) exists from 2.6.
                    if context.target >= haplint_keywords::Version::new(2, 6) {
                        let has_ca = args.iter().any(|word| word.value == "ca-file");
                        let content = if has_ca {
                            "verify required"
                        } else {
                            "verify required ca-file @system-ca"
                        };
                        diagnostic = diagnostic.with_fix(META.fix(
                            format!("Write `{content}`"),
                            vec![Edit {
                                span,
                                content: content.to_owned(),
                            }],
                        ));
                    }
                    out.push(diagnostic);
                }
            }
        }
    }
}
