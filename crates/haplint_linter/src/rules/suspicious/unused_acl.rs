//! ACLs declared but never used.

use std::collections::HashSet;

use haplint_semantic::Section;

use crate::context::LintContext;
use crate::diagnostic::{Applicability, Diagnostic, Severity, Span, Tag};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};
use crate::rules::edit::delete_line;

pub struct UnusedAcl;

static META: RuleMeta = RuleMeta {
    name: "unused-acl",
    code: "HAP210",
    category: Category::Suspicious,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Sometimes(Applicability::Unsafe),
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
The fix removes the `acl` line. An ACL nothing names is never evaluated,
so HAProxy does the same without it; the fix is still unsafe, because the
ACL may be meant for a rule still to come, and because a use haplint does
not see (a Lua script, a file outside the check) would lose its ACL. No
fix in a proxy that names an ACL it does not declare: the unused one may be
what a misspelled name meant, and the did-you-mean fix of that name
would then point at nothing.

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
    // The `acl(NAME,...)` sample fetch (HAProxy 2.9) names ACLs in any
    // expression, `acl` lines and log formats included.
    for word in section
        .statements
        .iter()
        .flat_map(|statement| statement.words.iter())
    {
        // A byte scan first: setting up the substring search for every
        // word of every proxy cost a tenth of a whole run.
        if word.value.as_bytes().windows(4).any(|four| four == b"acl(") {
            names.extend(acl_fetch_names(&word.value));
        }
    }
    names
}

/// The names in each `acl(...)` of `text`: `acl(A,!B)` names `A` and `B`.
fn acl_fetch_names(text: &str) -> impl Iterator<Item = &str> {
    text.match_indices("acl(").flat_map(move |(at, open)| {
        let inside = &text[at + open.len()..];
        let inside = &inside[..inside.find(')').unwrap_or(inside.len())];
        inside
            .split(',')
            .map(|name| name.trim().trim_start_matches('!'))
    })
}

impl Rule for UnusedAcl {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        for (_, section) in context.proxies() {
            let used = used_names(section);
            let declared: HashSet<&str> = section
                .statements_of("acl")
                .filter_map(|statement| statement.args().first())
                .map(|name| name.value.as_str())
                .collect();
            // Built-in ACLs (`TRUE`, `METH_GET`...) count as undeclared here:
            // withholding a removal costs less than a wrong one.
            let names_undeclared = used.iter().any(|name| !declared.contains(name));
            for statement in section.statements_of("acl") {
                let Some(name) = statement.args().first() else {
                    continue;
                };
                if name.has_variables || used.contains(&name.value.as_str()) {
                    continue;
                }
                let mut diagnostic = META
                    .diagnostic(
                        Span::new(statement.file, name.range),
                        format!("ACL `{}` is never used", name.value),
                    )
                    .with_tag(Tag::Unnecessary)
                    .with_help("remove it, or check the conditions that should use it");
                if !names_undeclared {
                    diagnostic = diagnostic.with_fix(META.fix(
                        format!("Remove ACL `{}`", name.value),
                        vec![delete_line(context, statement)],
                    ));
                }
                out.push(diagnostic);
            }
        }
    }
}
