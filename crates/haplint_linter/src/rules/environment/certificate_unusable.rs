//! Certificates, keys, CA files, CRLs and DH parameters HAProxy cannot load.

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Severity};
use crate::live::{FindingKind, certificate_diagnostics};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

pub struct CertificateUnusable;

static META: RuleMeta = RuleMeta {
    name: "certificate-unusable",
    code: "HAP704",
    category: Category::Environment,
    default_severity: Severity::Error,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Never,
    input: RuleInput::Machine,
    doc: "\
## What it does
With `--live`, reads every certificate file the configuration loads
(`crt` on `bind` and `server` lines, each file of a `crt` directory, each
entry of a `crt-list`, `load crt` in a `crt-store`) and flags one that is
missing, not PEM, holds no certificate, has no private key (neither in the
file nor in the `.key` file HAProxy looks for beside it), or whose key does
not belong to its certificate. CA files, CRL files and DH parameter files
that exist but do not parse are flagged too.

## Why is this bad
HAProxy refuses to start, or to reload, when one certificate cannot be
loaded: one bad file on disk takes every site of the load balancer down.
`haproxy -c` finds this only on the machine itself and with every file in
place; haplint reads the files in Rust and can check a copy of them
(`--root`, `path-map`) in CI.

## Example
```haproxy
frontend https
    bind :443 ssl crt /etc/haproxy/certs/missing-site.pem
    default_backend app
```

## Use instead
```haproxy
frontend https
    bind :443 ssl crt /etc/haproxy/certs/site.pem
    default_backend app
```

## Fix safety
No fix: the certificate has to be issued or copied.

## References
- https://docs.haproxy.org/2.6/configuration.html#5.1-crt
- https://docs.haproxy.org/2.6/configuration.html#5.1-crt-list
",
};

impl Rule for CertificateUnusable {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        out.extend(certificate_diagnostics(
            context,
            &META,
            |kind| kind == FindingKind::Unusable,
            None,
        ));
    }
}
