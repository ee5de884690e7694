//! ACLs declared but never used.

use std::collections::HashSet;

use haplint_semantic::Section;

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Severity, Span, Tag};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

pub struct UnusedAcl;

static META: RuleMeta = RuleMeta {
    name: "unused-acl",
    code: "HAP210",
    category: Category::Suspicious,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Never,
    input: RuleInput::Config,
    doc: "\
## What it does
Flags an `acl` of a frontend, listen or backend that no condition of that
section uses.

## Why is this bad
Either it is dead configuration, or the rule meant to use it names another
ACL by mistake (a typo that happens to match a different ACL).

## Example
```haproxy
defaults
    mode http
    timeout client 30s

frontend www
    bind :80
    acl is_api path_beg /api
    acl is_admin path_beg /admin
    http-request deny if is_api
```

## Use instead
```haproxy
defaults
    mode http
    timeout client 30s

frontend www
    bind :80
    acl is_api path_beg /api
    http-request deny if is_api
```

## Fix safety
No fix: the ACL may be meant for a rule still to come.

## References
- https://docs.haproxy.org/3.2/configuration.html#7
",
};

fn used_names(section: &Section) -> HashSet<&str> {
    let mut names = HashSet::new();
    for statement in section
        .statements
        .iter()
        .filter(|statement| statement.head() != "acl")
    {
        let args = statement.args();
        let Some(start) = args
            .iter()
            .position(|word| matches!(word.value.as_str(), "if" | "unless"))
        else {
            continue;
        };
        names.extend(
            args[start + 1..]
                .iter()
                .map(|word| word.value.trim_start_matches('!')),
        );
    }
    names
}

impl Rule for UnusedAcl {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        for (_, section) in context.proxies() {
            let used = used_names(section);
            for statement in section.statements_of("acl") {
                let Some(name) = statement.args().first() else {
                    continue;
                };
                if name.has_variables || used.contains(&name.value.as_str()) {
                    continue;
                }
                out.push(
                    META.diagnostic(
                        Span::new(statement.file, name.range),
                        format!("ACL `{}` is never used", name.value),
                    )
                    .with_tag(Tag::Unnecessary)
                    .with_help("remove it, or check the conditions that should use it"),
                );
            }
        }
    }
}
