//! Certificates past their validity, or not valid yet.

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Severity};
use crate::live::{FindingKind, certificate_diagnostics};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

pub struct CertificateExpired;

static META: RuleMeta = RuleMeta {
    name: "certificate-expired",
    code: "HAP705",
    category: Category::Environment,
    default_severity: Severity::Error,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Never,
    input: RuleInput::Machine,
    doc: "\
## What it does
With `--live`, flags a certificate (of a `crt` file, directory or
`crt-list` entry) whose end of validity (`notAfter`) has passed, or whose
start (`notBefore`) is still to come, at the moment haplint runs.

## Why is this bad
HAProxy loads an expired certificate without a word, and every client then
refuses the connection. A certificate not valid yet is usually a clock
problem or a renewal deployed too early: clients refuse it as well.

## Example
```haproxy
frontend https
    bind :443 ssl crt /etc/haproxy/certs/expired-last-year.pem
    default_backend app
```

## Use instead
```haproxy
frontend https
    bind :443 ssl crt /etc/haproxy/certs/renewed.pem
    default_backend app
```

## Fix safety
No fix: the certificate has to be renewed.

## References
- https://docs.haproxy.org/2.6/configuration.html#5.1-crt
",
};

impl Rule for CertificateExpired {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        out.extend(certificate_diagnostics(
            context,
            &META,
            |kind| kind == FindingKind::Expired,
            Some("renew the certificate and reload HAProxy"),
        ));
    }
}
