//! Suppression comments that suppress nothing. The engine reports these
//! after the other rules have run; this file holds the rule's identity.

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

pub struct UnusedSuppression;

pub static META: RuleMeta = RuleMeta {
    name: "unused-suppression",
    code: "HAP205",
    category: Category::Suspicious,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Never,
    input: RuleInput::Config,
    doc: "\
## What it does
Flags `# haplint: ignore[...]` and `# haplint: file-ignore[...]` comments,
or names inside them, that suppress no diagnostic.

## Why is this bad
A suppression that no longer matches anything hides nothing today but will
silently hide a real problem the day one appears on that line. It is usually
left over from a fixed finding or a misspelt rule name.

## Example
```haproxy
defaults
    timeout connect 5s
    timeout server 30s

backend app
    server app1 10.0.0.1:8080 check # haplint: ignore[server-without-check]
```

## Use instead
```haproxy
defaults
    timeout connect 5s
    timeout server 30s

backend app
    server app1 10.0.0.1:8080 check
```

## Fix safety
No fix yet: removing the comment is left to the reader, who may want to keep
its explanation.

## References
- `haplint explain <rule>` for the rules named in suppressions
",
};

impl Rule for UnusedSuppression {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, _context: &LintContext<'_>, _out: &mut Vec<Diagnostic>) {
        // Reported by the engine once every other rule has run.
    }
}
