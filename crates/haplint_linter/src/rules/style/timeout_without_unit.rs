//! Timeouts written without a unit.

use haplint_keywords::Kind;

use crate::context::LintContext;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Severity, Span};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

pub struct TimeoutWithoutUnit;

static META: RuleMeta = RuleMeta {
    name: "timeout-without-unit",
    code: "HAP601",
    category: Category::Style,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Always(Applicability::Safe),
    input: RuleInput::Config,
    doc: "\
## What it does
Flags `timeout` values written as a bare number.

## Why is this bad
A bare number is in milliseconds: `timeout client 30` closes idle clients
after 30 ms, not 30 seconds. Writing the unit makes the intent visible.

## Example
```haproxy
defaults
    mode http
    timeout connect 5000
    timeout client 30s
    timeout server 30s
```

## Use instead
```haproxy
defaults
    mode http
    timeout connect 5000ms
    timeout client 30s
    timeout server 30s
```

## Fix safety
The fix appends `ms`, which keeps the value HAProxy uses: safe.

## References
- https://docs.haproxy.org/3.2/configuration.html#2.5
",
};

impl Rule for TimeoutWithoutUnit {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        for section in &context.model().sections {
            for statement in &section.statements {
                if statement
                    .keyword
                    .is_none_or(|entry| entry.kind != Kind::Timeout)
                {
                    continue;
                }
                let Some(value) = statement.args().first() else {
                    continue;
                };
                if value.has_variables
                    || value.value.is_empty()
                    || !value.value.bytes().all(|byte| byte.is_ascii_digit())
                {
                    continue;
                }
                let end = Span {
                    file: statement.file,
                    start: usize::from(value.range.end()),
                    end: usize::from(value.range.end()),
                };
                out.push(
                    META.diagnostic(
                        Span::new(statement.file, value.range),
                        format!(
                            "`{}` without a unit means {} milliseconds",
                            value.value, value.value
                        ),
                    )
                    .with_help("write the unit: `ms`, `s`, `m`, `h` or `d`")
                    .with_fix(META.fix(
                        "Write the unit `ms`",
                        vec![Edit {
                            span: end,
                            content: "ms".to_owned(),
                        }],
                    )),
                );
            }
        }
    }
}
