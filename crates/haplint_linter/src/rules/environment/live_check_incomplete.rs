//! What `--live` could not look at, said once instead of guessed.

use haplint_probe::files::PathProbe;

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::live::{
    FindingKind, ReferenceKind, certificate_diagnostics, describe, probe_references,
};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

pub struct LiveCheckIncomplete;

static META: RuleMeta = RuleMeta {
    name: "live-check-incomplete",
    code: "HAP715",
    category: Category::Environment,
    default_severity: Severity::Info,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Never,
    input: RuleInput::Machine,
    doc: "\
## What it does
With `--live`, reports each file, directory or machine fact haplint could
not read (`cannot check: permission denied`), where the configuration
names it. It is information, never an error: HAProxy usually starts as
root and may well read what haplint, run as a user, cannot.

## Why is this bad
It is not bad in itself; it says which live checks did not happen, so
that a clean report is not mistaken for a verified one. Run haplint as
the user HAProxy starts as (often root) for a complete check.

## Example
```haproxy
frontend https
    bind :443 ssl crt /root/private/site.pem
    default_backend app
```

## Use instead
```haproxy
frontend https
    bind :443 ssl crt /etc/haproxy/certs/site.pem
    default_backend app
```

## Fix safety
No fix: nothing is wrong with the configuration.

## References
- https://docs.haproxy.org/2.6/management.html#13
",
};

impl Rule for LiveCheckIncomplete {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(facts) = context.live() else {
            return;
        };
        if let Some(Err(error)) = facts.machine().map(|machine| &machine.sockets)
            && let Some(document) = context.set.documents.first()
        {
            out.push(META.diagnostic(
                Span::new(document.id, haplint_syntax::TextRange::empty(0.into())),
                format!("cannot check listening sockets: {error}"),
            ));
        }
        out.extend(certificate_diagnostics(
            context,
            &META,
            |kind| kind == FindingKind::CannotCheck,
            None,
        ));
        for probed in probe_references(context) {
            // Certificates were covered above, with a finer message.
            if matches!(
                probed.reference.kind,
                ReferenceKind::Certificate
                    | ReferenceKind::CertificateList
                    | ReferenceKind::PrivateKey
            ) {
                continue;
            }
            if let PathProbe::Unknown(why) = &probed.probe {
                out.push(META.diagnostic(
                    Span::new(probed.reference.statement.file, probed.reference.word.range),
                    format!(
                        "cannot check {} `{}`: {why}",
                        describe(probed.reference.kind),
                        probed.resolved.display()
                    ),
                ));
            }
        }
    }
}
