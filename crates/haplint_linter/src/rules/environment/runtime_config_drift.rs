//! Frontends and backends that differ between the file and what runs.

use std::collections::BTreeSet;

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

use super::runtime_support::start_of_set;

pub struct RuntimeConfigDrift;

static META: RuleMeta = RuleMeta {
    name: "runtime-config-drift",
    code: "HAP723",
    category: Category::Environment,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Never,
    input: RuleInput::RuntimeApi,
    doc: "\
## What it does
With `--runtime SOCKET`, compares the frontends and backends of the file
with those of the running HAProxy (`show stat`) and reports each one
present on one side only: on its section header when the file has it,
at the top of the file when only the running process has it.

## Why is this bad
The file is not what runs: it was edited without a reload, a reload
failed silently, or the file is not the one the service loads. The next
reload will change more than the operator expects.

## Example
```haproxy
backend app_v2
    server app1 192.0.2.10:8080 check
```

## Use instead
```haproxy
backend app
    server app1 192.0.2.10:8080 check
```

## Fix safety
No fix: reload HAProxy, or find out why the file changed.

## References
- https://docs.haproxy.org/2.6/management.html#9.3-show%20stat
- https://docs.haproxy.org/2.6/management.html#4
",
};

impl Rule for RuntimeConfigDrift {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(Ok(state)) = context.live().and_then(crate::live::LiveFacts::runtime) else {
            return;
        };
        for (side, running) in [("frontend", &state.frontends), ("backend", &state.backends)] {
            let running: BTreeSet<&str> = running.iter().map(String::as_str).collect();
            let mut in_file = BTreeSet::new();
            for section in context.model().proxies() {
                let has_side = if side == "frontend" {
                    section.has_frontend_side()
                } else {
                    section.has_backend_side()
                };
                let Some(name) = section.name_text().filter(|_| has_side) else {
                    continue;
                };
                in_file.insert(name);
                if !running.contains(name) {
                    out.push(META.diagnostic(
                        context.section_span(section),
                        format!("{side} {name} is in the file but not in the running HAProxy: it was added since the last reload"),
                    ));
                }
            }
            let Some(span) = start_of_set(context) else {
                continue;
            };
            for name in running.difference(&in_file) {
                out.push(META.diagnostic(
                    span,
                    format!("{side} {name} runs in HAProxy but is not in this configuration: the next reload removes it"),
                ));
            }
        }
    }
}
