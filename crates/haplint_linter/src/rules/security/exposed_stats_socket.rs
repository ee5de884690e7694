//! A runtime API socket others can reach.

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

pub struct ExposedStatsSocket;

static META: RuleMeta = RuleMeta {
    name: "exposed-stats-socket",
    code: "HAP409",
    category: Category::Security,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Never,
    input: RuleInput::Config,
    doc: "\
## What it does
Flags a `stats socket` that every local user may open (`mode 666`, `mode
777`...), and a `level admin` socket on a TCP address or an abstract
(`abns@`) socket, which has no permissions at all.

## Why is this bad
The runtime API at `level admin` can disable servers, change weights and
maps, and shut down listeners. On a world-writable UNIX socket any local
process may do so; on a TCP address anyone who can reach the port may, since
the API has no authentication.

## Example
```haproxy
global
    stats socket /run/haproxy/admin.sock mode 666 level admin
```

## Use instead
```haproxy
global
    stats socket /run/haproxy/admin.sock mode 600 level admin
```

## Fix safety
No fix: who needs access is the operator's call.

## References
- https://docs.haproxy.org/3.2/configuration.html#3.1-stats%20socket
",
};

impl Rule for ExposedStatsSocket {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        for statement in context
            .global_statements()
            .filter(|statement| statement.keyword_text(2) == "stats socket")
        {
            let args = statement.args();
            let Some(address) = args.first() else {
                continue;
            };
            let value_of = |option: &str| {
                args.windows(2)
                    .find(|pair| pair[0].value == option)
                    .map(|pair| &pair[1])
            };
            if let Some(mode) = value_of("mode") {
                let others = mode
                    .value
                    .chars()
                    .last()
                    .and_then(|digit| digit.to_digit(8))
                    .unwrap_or(0);
                if others & 0b110 != 0 {
                    out.push(
                        META.diagnostic(
                            Span::new(statement.file, mode.range),
                            format!(
                                "`mode {}` lets every local user use the runtime API",
                                mode.value
                            ),
                        )
                        .with_help("use `mode 600` (or 660 with a dedicated `group`)"),
                    );
                }
            }
            let admin = value_of("level").is_none_or(|level| level.value == "admin");
            let unix = address.value.starts_with('/')
                || address.value.starts_with("unix@")
                || address.value.starts_with("abns@");
            if admin && !unix && !address.has_variables {
                out.push(
                    META.diagnostic(Span::new(statement.file, address.range), "the admin runtime API listens on a network address, without authentication")
                        .with_help("use a UNIX socket, or `level user`/`operator` behind a firewall"),
                );
            }
        }
    }
}
