//! Private keys every user of the machine can read.

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Severity};
use crate::live::{FindingKind, certificate_diagnostics};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

pub struct PrivateKeyExposed;

static META: RuleMeta = RuleMeta {
    name: "private-key-exposed",
    code: "HAP707",
    category: Category::Environment,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Never,
    input: RuleInput::Machine,
    doc: "\
## What it does
With `--live`, flags a private key that the configuration loads (inside a
certificate file, in the `.key` file beside it, or a `crt-store` `key`)
when its file can be read by every user of the machine (the `o+r` bit).
Keys readable by a group (such as Debian's `ssl-cert`) are not flagged.

## Why is this bad
Anyone with a shell on the machine, or any compromised service running
there, can copy the key and impersonate the site until the certificate is
revoked. HAProxy reads its keys at start, as root, before dropping
privileges: nobody else needs to read them.

## Example
```haproxy
frontend https
    bind :443 ssl crt /etc/haproxy/certs/world-readable.pem
    default_backend app
```

## Use instead
```haproxy
frontend https
    bind :443 ssl crt /etc/haproxy/certs/mode-0600.pem
    default_backend app
```

## Fix safety
No fix: haplint never changes files other than configurations; run
`chmod 600` (or `640` with a dedicated group) on the key file.

## References
- https://docs.haproxy.org/2.6/configuration.html#5.1-crt
",
};

impl Rule for PrivateKeyExposed {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        out.extend(certificate_diagnostics(
            context,
            &META,
            |kind| kind == FindingKind::KeyExposed,
            Some("make the key readable by its owner only: `chmod 600 FILE`"),
        ));
    }
}
