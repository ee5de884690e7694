//! Servers the running HAProxy does not see UP.

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

use super::runtime_support::{backend, server, start_of_set};

pub struct RuntimeServerNotUp;

static META: RuleMeta = RuleMeta {
    name: "runtime-server-not-up",
    code: "HAP720",
    category: Category::Environment,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Never,
    input: RuleInput::RuntimeApi,
    doc: "\
## What it does
With `--runtime SOCKET`, asks the running HAProxy for the state of every
server (`show stat`, `show servers state`) and reports each one that is
not UP (DOWN, in maintenance, draining, going down), on its `server` line,
with its state and for how long it has been in it.

## Why is this bad
A server that is DOWN takes no traffic: the others carry its share, and
one more failure may leave the backend empty. In maintenance it may have
been forgotten there after an intervention.

## Example
```haproxy
backend app
    server app1 192.0.2.10:8080 check
    server app2 192.0.2.11:8080 check
```

## Use instead
```haproxy
backend app
    server app1 192.0.2.10:8080 check
    server app2 192.0.2.11:8080 check
```

## Fix safety
No fix: the finding is about the servers, not the configuration.

## References
- https://docs.haproxy.org/2.6/management.html#9.3-show%20stat
- https://docs.haproxy.org/2.6/management.html#9.3-show%20servers%20state
",
};

impl Rule for RuntimeServerNotUp {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(Ok(state)) = context.live().and_then(crate::live::LiveFacts::runtime) else {
            return;
        };
        for status in state.servers.iter().filter(|status| !status.is_up()) {
            let section = backend(context, &status.backend);
            let span = section
                .and_then(|section| server(section, &status.server))
                .map(|statement| Span::new(statement.file, statement.keyword_range()))
                .or_else(|| section.map(|section| context.section_span(section)))
                .or_else(|| start_of_set(context));
            let Some(span) = span else {
                continue;
            };
            let since = status
                .since_seconds
                .map(|seconds| format!(" for {}", duration(seconds)))
                .unwrap_or_default();
            out.push(META.diagnostic(
                span,
                format!(
                    "server {}/{} is {}{since}",
                    status.backend, status.server, status.status
                ),
            ));
        }
    }
}

/// `42s`, `5m12s`, `3h05m`, `2d4h`.
pub fn duration(seconds: u64) -> String {
    match seconds {
        0..60 => format!("{seconds}s"),
        60..3600 => format!("{}m{:02}s", seconds / 60, seconds % 60),
        3600..86_400 => format!("{}h{:02}m", seconds / 3600, seconds % 3600 / 60),
        _ => format!("{}d{}h", seconds / 86_400, seconds % 86_400 / 3600),
    }
}

#[cfg(test)]
mod tests {
    use super::duration;

    #[test]
    fn durations() {
        assert_eq!(duration(42), "42s");
        assert_eq!(duration(312), "5m12s");
        assert_eq!(duration(3 * 3600 + 5 * 60), "3h05m");
        assert_eq!(duration(2 * 86_400 + 4 * 3600 + 9), "2d4h");
    }
}
