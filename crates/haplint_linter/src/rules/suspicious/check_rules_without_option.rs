//! `http-check` / `tcp-check` rules that never run.

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

pub struct CheckRulesWithoutOption;

static META: RuleMeta = RuleMeta {
    name: "check-rules-without-option",
    code: "HAP208",
    category: Category::Suspicious,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Never,
    input: RuleInput::Config,
    doc: "\
## What it does
Flags `http-check` rules in a backend without `option httpchk`, and
`tcp-check` rules without `option tcp-check`, after inheritance.

## Why is this bad
The rules describe a health check that never runs: the servers are checked
with a plain TCP connection instead, and a server that answers errors stays
in rotation.

## Example
```haproxy
defaults
    mode http
    timeout connect 5s
    timeout server 30s

backend app
    http-check expect status 200
    server app1 10.0.0.1:8080 check
```

## Use instead
```haproxy
defaults
    mode http
    timeout connect 5s
    timeout server 30s

backend app
    option httpchk GET /health
    http-check expect status 200
    server app1 10.0.0.1:8080 check
```

## Fix safety
No fix: the check request is unknown.

## References
- https://docs.haproxy.org/3.2/configuration.html#4.2-option%20httpchk
- https://docs.haproxy.org/3.2/configuration.html#4.2-option%20tcp-check
",
};

impl Rule for CheckRulesWithoutOption {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let model = context.model();
        // `option "${OPT}"` anywhere may be the option that is looked for.
        let variable_option = model
            .sections
            .iter()
            .flat_map(|section| &section.statements)
            .any(|statement| {
                statement.head() == "option"
                    && statement
                        .body()
                        .get(1)
                        .is_some_and(|word| word.has_variables)
            });
        if variable_option {
            return;
        }
        for (index, section) in context.proxies() {
            if !section.has_backend_side() {
                continue;
            }
            let settings = context.inheritance.settings(model, index);
            for (rules, option) in [
                ("http-check", "option httpchk"),
                ("tcp-check", "option tcp-check"),
            ] {
                if settings.contains_key(option) {
                    continue;
                }
                let first = section.statements.iter().find(|statement| {
                    statement.head() == rules
                        && statement
                            .body()
                            .get(1)
                            .is_some_and(|word| word.value != "disable-on-404")
                });
                if let Some(statement) = first {
                    out.push(
                        META.diagnostic(
                            context.keyword_span(statement),
                            format!("`{rules}` rules do nothing without `{option}`"),
                        )
                        .with_help(format!("add `{option}` to this backend or its defaults")),
                    );
                }
            }
        }
    }
}
