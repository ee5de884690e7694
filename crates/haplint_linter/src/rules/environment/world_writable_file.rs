//! The configuration, or a file it loads, that anyone may change.

use haplint_probe::files::PathProbe;

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::live::{dangerously_writable, describe, probe_references};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

pub struct WorldWritableFile;

static META: RuleMeta = RuleMeta {
    name: "world-writable-file",
    code: "HAP709",
    category: Category::Environment,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Never,
    input: RuleInput::Machine,
    doc: "\
## What it does
With `--live`, flags the configuration file itself, and every file or
directory it references (certificates, maps, ACL files, error pages, Lua
scripts, the socket and chroot directories), when every user of the
machine may write it. Shared directories with the sticky bit (`/tmp`) are
not flagged.

## Why is this bad
HAProxy runs as root at start. Whoever can write its configuration, a Lua
script it loads or a map it reads can make it route traffic anywhere, leak
requests, or run code: a local account becomes control of the load
balancer.

## Example
```haproxy
global
    lua-load /etc/haproxy/world-writable.lua
```

## Use instead
```haproxy
global
    lua-load /etc/haproxy/owned-by-root.lua
```

## Fix safety
No fix: haplint never changes files other than configurations; run
`chmod o-w FILE`.

## References
- https://docs.haproxy.org/2.6/management.html#13
",
};

impl Rule for WorldWritableFile {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(facts) = context.live() else {
            return;
        };
        for document in &context.set.documents {
            if let Some(PathProbe::Present(file)) = facts.path(&document.path)
                && dangerously_writable(&file)
            {
                out.push(
                    META.diagnostic(
                        Span::new(document.id, haplint_syntax::TextRange::empty(0.into())),
                        format!(
                            "this configuration file is writable by every user (mode {:04o})",
                            file.mode
                        ),
                    )
                    .with_help("remove the write permission of others: `chmod o-w FILE`"),
                );
            }
        }
        for probed in probe_references(context) {
            if let PathProbe::Present(file) = &probed.probe
                && dangerously_writable(file)
            {
                out.push(
                    META.diagnostic(
                        Span::new(probed.reference.statement.file, probed.reference.word.range),
                        format!(
                            "{} `{}` is writable by every user (mode {:04o})",
                            describe(probed.reference.kind),
                            probed.resolved.display(),
                            file.mode
                        ),
                    )
                    .with_help("remove the write permission of others: `chmod o-w PATH`"),
                );
            }
        }
    }
}
