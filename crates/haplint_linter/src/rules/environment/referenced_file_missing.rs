//! Files and directories the configuration needs that are not there.

use haplint_probe::files::{FileKind, PathProbe};

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::live::{ReferenceKind, describe, probe_references};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

pub struct ReferencedFileMissing;

static META: RuleMeta = RuleMeta {
    name: "referenced-file-missing",
    code: "HAP708",
    category: Category::Environment,
    default_severity: Severity::Error,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Never,
    input: RuleInput::Machine,
    doc: "\
## What it does
With `--live`, flags a file the configuration loads at start that does not
exist: `errorfile` pages, `http-request return ... file`, `lua-load`
scripts, ACL pattern files (`-f`), map files of `map*` converters,
`ca-file`, `crl-file`, `ssl-dh-param-file`; and a directory that must
exist: `chroot`, the directory of a UNIX `stats socket` and of `pidfile`.
A missing `server-state-file` is a warning: HAProxy starts without it.
Missing certificates are `certificate-unusable`'s findings.

## Why is this bad
HAProxy stops at the first file it cannot open, so a deployment that forgot
one error page or map file fails on start or reload. A missing socket
directory fails the `stats socket` line, and with it the runtime API that
reloads and health scripts use.

## Example
```haproxy
frontend web
    bind :80
    errorfile 503 /etc/haproxy/errors/missing-503.http
    default_backend app
```

## Use instead
```haproxy
frontend web
    bind :80
    errorfile 503 /etc/haproxy/errors/503.http
    default_backend app
```

## Fix safety
No fix: the file has to be deployed, or the path corrected.

## References
- https://docs.haproxy.org/2.6/configuration.html#4.2-errorfile
- https://docs.haproxy.org/2.6/configuration.html#3.1-chroot
",
};

impl Rule for ReferencedFileMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        for probed in probe_references(context) {
            let kind = probed.reference.kind;
            if matches!(
                kind,
                ReferenceKind::Certificate
                    | ReferenceKind::CertificateList
                    | ReferenceKind::PrivateKey
            ) {
                continue;
            }
            let span = Span::new(probed.reference.statement.file, probed.reference.word.range);
            let shown = probed.resolved.display();
            let keyword = probed.reference.keyword;
            let what = describe(kind);
            match (&probed.probe, kind) {
                (PathProbe::Missing, ReferenceKind::StateFile) => {
                    let mut diagnostic = META.diagnostic(
                        span,
                        format!("{what} `{shown}` does not exist: HAProxy starts with every server in its configured state"),
                    );
                    diagnostic.severity = Severity::Warning;
                    out.push(diagnostic);
                }
                (PathProbe::Missing, ReferenceKind::Directory) => out.push(META.diagnostic(
                    span,
                    format!("directory `{shown}` (for `{keyword}`) does not exist"),
                )),
                (PathProbe::Missing, _) => out.push(META.diagnostic(
                    span,
                    format!("{what} `{shown}` (for `{keyword}`) does not exist"),
                )),
                (PathProbe::Present(facts), ReferenceKind::Directory)
                    if facts.kind != FileKind::Directory =>
                {
                    out.push(META.diagnostic(
                        span,
                        format!("`{shown}` (for `{keyword}`) is not a directory"),
                    ));
                }
                (PathProbe::Present(facts), _)
                    if facts.kind == FileKind::Directory && kind != ReferenceKind::Directory =>
                {
                    out.push(META.diagnostic(
                        span,
                        format!("{what} `{shown}` (for `{keyword}`) is a directory, not a file"),
                    ));
                }
                _ => {}
            }
        }
    }
}
