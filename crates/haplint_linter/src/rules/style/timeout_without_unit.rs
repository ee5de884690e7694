//! Timeouts and health-check intervals written without a unit.

use haplint_keywords::Kind;
use haplint_semantic::{Statement, Word};

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
Flags `timeout` values, and the health-check intervals of `server` lines
(`inter`, `fastinter`, `downinter`, `agent-inter`), written as a bare
number.

## Why is this bad
A bare number is in milliseconds: `timeout client 30` closes idle clients
after 30 ms, not 30 seconds, and `inter 4` checks a server 250 times a
second. Writing the unit makes the intent visible. From 3.1 HAProxy itself
warns about bare values below 100.

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
                let values: Vec<&Word> = if statement
                    .keyword
                    .is_some_and(|entry| entry.kind == Kind::Timeout)
                {
                    statement.args().first().into_iter().collect()
                } else if matches!(
                    statement.head(),
                    "server" | "default-server" | "server-template"
                ) && statement.prefix.is_none()
                {
                    interval_values(statement.args())
                } else {
                    Vec::new()
                };
                for value in values {
                    report(statement, value, out);
                }
            }
        }
    }
}

/// Server options that take a delay.
const SERVER_INTERVALS: [&str; 4] = ["inter", "fastinter", "downinter", "agent-inter"];

/// The values of the delay options of a server line's arguments.
fn interval_values(args: &[Word]) -> Vec<&Word> {
    args.windows(2)
        .filter(|pair| SERVER_INTERVALS.contains(&pair[0].value.as_str()))
        .map(|pair| &pair[1])
        .collect()
}

fn report(statement: &Statement, value: &Word, out: &mut Vec<Diagnostic>) {
    if value.has_variables
        || value.value.is_empty()
        || !value.value.bytes().all(|byte| byte.is_ascii_digit())
    {
        return;
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
