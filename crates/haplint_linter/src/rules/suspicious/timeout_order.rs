//! Timeouts whose values contradict each other.

use haplint_semantic::values::duration::parse_duration;

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

pub struct TimeoutOrder;

static META: RuleMeta = RuleMeta {
    name: "timeout-order",
    code: "HAP209",
    category: Category::Suspicious,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Never,
    input: RuleInput::Config,
    doc: "\
## What it does
Flags, after inheritance, a `timeout connect` longer than `timeout server`,
and a `timeout http-keep-alive` longer than `timeout client`.

## Why is this bad
A connection attempt that may last longer than the whole server timeout
means the server timeout is probably in the wrong unit or swapped. An idle
keep-alive connection is closed by `timeout client` anyway, so a longer
keep-alive timeout never applies.

## Example
```haproxy
defaults
    mode http
    timeout connect 30s
    timeout client 30s
    timeout server 5s
```

## Use instead
```haproxy
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
```

## Fix safety
No fix: which value is wrong is unknown.

## References
- https://docs.haproxy.org/3.2/configuration.html#4.2-timeout%20connect
- https://docs.haproxy.org/3.2/configuration.html#4.2-timeout%20http-keep-alive
",
};

impl Rule for TimeoutOrder {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let model = context.model();
        let mut reported = std::collections::HashSet::new();
        for (index, section) in model.sections.iter().enumerate() {
            if !section.kind.is_proxy() {
                continue;
            }
            let settings = context.inheritance.settings(model, index);
            let value = |name: &str| {
                settings
                    .get(name)
                    .and_then(|setting| setting.value.first())
                    .and_then(|text| parse_duration(text).ok())
                    .map(|duration| (duration.microseconds, &settings[name]))
            };
            for (longer, shorter) in [
                ("timeout connect", "timeout server"),
                ("timeout http-keep-alive", "timeout client"),
            ] {
                let (Some((long, long_setting)), Some((short, short_setting))) =
                    (value(longer), value(shorter))
                else {
                    continue;
                };
                if long <= short
                    || !reported.insert((long_setting.file, long_setting.range.start(), shorter))
                {
                    continue;
                }
                out.push(
                    META.diagnostic(
                        Span::new(long_setting.file, long_setting.range),
                        format!("`{longer}` is longer than `{shorter}`"),
                    )
                    .with_label(Span::new(short_setting.file, short_setting.range), format!("`{shorter}` is set here"))
                    .with_help("check the units; usually connect is a few seconds and server tens of seconds"),
                );
            }
        }
    }
}
