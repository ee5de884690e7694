//! Log formats set where nothing is logged.

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

pub struct LogFormatWithoutLog;

static META: RuleMeta = RuleMeta {
    name: "log-format-without-log",
    code: "HAP211",
    category: Category::Suspicious,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Never,
    input: RuleInput::Config,
    doc: "\
## What it does
Flags frontends that set `option httplog`, `option tcplog` or `log-format`
but have no `log` target, directly or through `log global` inherited from
their defaults.

## Why is this bad
HAProxy ignores the format and logs nothing for that proxy; it says so in a
start-up warning that is easy to miss.

## Example
```haproxy
defaults
    mode http
    timeout client 30s
    option httplog

frontend www
    bind :80
    http-request return status 200
```

## Use instead
```haproxy
global
    stats socket /run/haproxy/admin.sock mode 600 level admin
    log /dev/log local0

defaults
    mode http
    timeout client 30s
    log global
    option httplog

frontend www
    bind :80
    http-request return status 200
```

## Fix safety
No fix: the log target depends on the host.

## References
- https://docs.haproxy.org/3.2/configuration.html#4.2-log
",
};

impl Rule for LogFormatWithoutLog {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let model = context.model();
        let global_has_log = context.global("log").is_some();
        for (index, section) in context.proxies() {
            if !section.has_frontend_side() {
                continue;
            }
            let settings = context.inheritance.settings(model, index);
            let Some(format) = [
                "log-format",
                "option httplog",
                "option tcplog",
                "option httpslog",
            ]
            .into_iter()
            .find(|name| settings.contains_key(*name)) else {
                continue;
            };
            let logs = settings
                .iter()
                .filter(|(name, _)| name.starts_with("log#"))
                .any(|(_, setting)| {
                    setting
                        .value
                        .first()
                        .is_some_and(|target| target != "global")
                        || global_has_log
                });
            if !logs {
                out.push(
                    META.diagnostic(
                        context.section_span(section),
                        format!(
                            "{} `{}` sets `{format}` but logs nowhere",
                            section.kind.name(),
                            section.name_text().unwrap_or_default()
                        ),
                    )
                    .with_help("add `log global` to `defaults` and a `log` target to `global`"),
                );
            }
        }
    }
}
