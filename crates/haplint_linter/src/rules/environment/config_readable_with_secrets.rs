//! A configuration holding passwords that every user may read.

use haplint_probe::files::PathProbe;

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

pub struct ConfigReadableWithSecrets;

static META: RuleMeta = RuleMeta {
    name: "config-readable-with-secrets",
    code: "HAP710",
    category: Category::Environment,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Never,
    input: RuleInput::Machine,
    doc: "\
## What it does
With `--live`, flags a configuration file that every user of the machine
can read (the `o+r` bit) while it holds credentials: `stats auth`, a
`userlist` `user` with `password` or `insecure-password`, or a `password`
line. The finding points at the first such line of the file.

## Why is this bad
Credentials of the statistics page or of HTTP basic authentication grant
access to the admin interface and to protected applications. Any local
account, or a service compromised on the same machine, can read them from
a world-readable file.

## Example
```haproxy
listen stats
    bind 127.0.0.1:8404
    stats enable
    stats auth admin:world-readable-secret
```

## Use instead
```haproxy
listen stats
    bind 127.0.0.1:8404
    stats enable
    stats auth admin:kept-in-a-mode-0640-file
```

## Fix safety
No fix: haplint never changes file modes; run `chmod o-r FILE` (HAProxy
reads its configuration as root).

## References
- https://docs.haproxy.org/2.6/configuration.html#4.2-stats%20auth
- https://docs.haproxy.org/2.6/configuration.html#3.4
",
};

impl Rule for ConfigReadableWithSecrets {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(facts) = context.live() else {
            return;
        };
        for document in &context.set.documents {
            let Some(PathProbe::Present(file)) = facts.path(&document.path) else {
                continue;
            };
            if !file.readable_by_others() {
                continue;
            }
            let secret = context
                .model()
                .sections
                .iter()
                .filter(|section| section.file == document.id)
                .flat_map(|section| &section.statements)
                .find(|statement| holds_secret(statement));
            if let Some(statement) = secret {
                out.push(
                    META.diagnostic(
                        Span::new(statement.file, statement.keyword_range()),
                        format!(
                            "`{}` is readable by every user (mode {:04o}) and holds this password",
                            document.path.display(),
                            file.mode
                        ),
                    )
                    .with_help("remove the read permission of others: `chmod o-r FILE`"),
                );
            }
        }
    }
}

fn holds_secret(statement: &haplint_semantic::Statement) -> bool {
    // The body, not the arguments: `stats auth` is one two-word keyword.
    let args = statement.body().get(1..).unwrap_or_default();
    match statement.head() {
        "stats" => args.first().is_some_and(|word| word.value == "auth"),
        "user" => args
            .iter()
            .any(|word| matches!(word.value.as_str(), "password" | "insecure-password")),
        "password" | "insecure-password" => true,
        _ => false,
    }
}
