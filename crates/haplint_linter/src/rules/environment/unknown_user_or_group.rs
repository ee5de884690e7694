//! `user`, `group`, `uid`, `gid` naming an account the machine lacks.

use haplint_probe::accounts::{gid_exists, group_exists, uid_exists, user_exists};

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

pub struct UnknownUserOrGroup;

static META: RuleMeta = RuleMeta {
    name: "unknown-user-or-group",
    code: "HAP714",
    category: Category::Environment,
    default_severity: Severity::Error,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Never,
    input: RuleInput::Machine,
    doc: "\
## What it does
With `--live`, looks up the `user`, `group`, `uid` and `gid` of the
`global` section in the machine's account databases (`/etc/passwd`,
`/etc/group`, or whatever NSS is configured with) and flags one that does
not exist.

## Why is this bad
HAProxy refuses to start when it cannot find the user or group to drop its
privileges to. The Debian and RHEL packages create `haproxy`; a container
image or a hand-built host may not.

## Example
```haproxy
global
    user haplint-no-such-user
    group haplint-no-such-group
```

## Use instead
```haproxy
global
    user root
    group root
```

## Fix safety
No fix: create the account (`useradd --system haproxy`) or name an
existing one.

## References
- https://docs.haproxy.org/2.6/configuration.html#3.1-user
- https://docs.haproxy.org/2.6/configuration.html#3.1-group
",
};

impl Rule for UnknownUserOrGroup {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        // Account lookups are reads of the machine too: frozen editor
        // facts must not trigger them.
        if context
            .live()
            .and_then(crate::live::LiveFacts::machine)
            .is_none()
        {
            return;
        }
        for keyword in ["user", "group", "uid", "gid"] {
            let Some(line) = context.global(keyword) else {
                continue;
            };
            let Some(word) = line.args().first().filter(|word| !word.has_variables) else {
                continue;
            };
            let value = word.value.as_str();
            let found = match keyword {
                "user" => user_exists(value),
                "group" => group_exists(value),
                "uid" => value
                    .parse()
                    .map_err(|_| String::new())
                    .and_then(uid_exists),
                _ => value
                    .parse()
                    .map_err(|_| String::new())
                    .and_then(gid_exists),
            };
            // Lookup failures and malformed numbers are other rules' concern.
            if found == Ok(false) {
                let what = if matches!(keyword, "user" | "uid") {
                    "user"
                } else {
                    "group"
                };
                out.push(
                    META.diagnostic(
                        crate::diagnostic::Span::new(line.file, word.range),
                        format!("no {what} `{value}` on this machine: HAProxy cannot drop its privileges to it"),
                    )
                    .with_help(format!("create the {what}, or name an existing one")),
                );
            }
        }
    }
}
