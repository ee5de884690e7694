//! A runtime API socket others can reach.

use crate::context::LintContext;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Severity, Span};
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
    fix: FixAvailability::Sometimes(Applicability::Unsafe),
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
For a `mode` that lets every user in, the fix takes the access of other
users away and keeps the owner's and the group's (`mode 666` becomes `mode
660`). It is unsafe: a tool running as another user than HAProxy's, outside
its group, loses the socket. An admin socket on a network address gets no
fix: who needs access is the operator's call.

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
                    let mut diagnostic = META
                        .diagnostic(
                            Span::new(statement.file, mode.range),
                            format!(
                                "`mode {}` lets every local user use the runtime API",
                                mode.value
                            ),
                        )
                        .with_help("use `mode 600` (or 660 with a dedicated `group`)");
                    if let Some(private) = without_others(&mode.value) {
                        diagnostic = diagnostic.with_fix(META.fix(
                            format!("Write `mode {private}`"),
                            vec![Edit {
                                span: Span::new(statement.file, mode.range),
                                content: private,
                            }],
                        ));
                    }
                    out.push(diagnostic);
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

/// An octal mode written plainly with the digit of other users set to 0
/// (`666` to `660`, `0777` to `0770`); none for anything else.
fn without_others(mode: &str) -> Option<String> {
    if mode.len() < 3 || !mode.bytes().all(|byte| (b'0'..=b'7').contains(&byte)) {
        return None;
    }
    Some(format!("{}0", &mode[..mode.len() - 1]))
}
