//! Certificates that expire within the warning window.

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Severity};
use crate::live::{FindingKind, certificate_diagnostics};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

pub struct CertificateExpiring;

static META: RuleMeta = RuleMeta {
    name: "certificate-expiring",
    code: "HAP706",
    category: Category::Environment,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Never,
    input: RuleInput::Machine,
    doc: "\
## What it does
With `--live`, flags a certificate that is valid now but expires within
the next 30 days (the same window as `openssl x509 -checkend 2592000`).
Change the window with `[rules.certificate-expiring] days = N` in
`haplint.toml` or `--certificate-expiry-days N`.

## Why is this bad
Renewal that silently failed (an ACME client stopped, a manual process
forgotten) shows up only when clients start refusing the site. A warning a
few weeks ahead leaves time to act.

## Example
```haproxy
frontend https
    bind :443 ssl crt /etc/haproxy/certs/ends-next-week.pem
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

impl Rule for CertificateExpiring {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        out.extend(certificate_diagnostics(
            context,
            &META,
            |kind| matches!(kind, FindingKind::Expiring { .. }),
            Some("renew the certificate before it expires"),
        ));
    }
}
