//! An open-file limit too low for `maxconn`.

use haplint_probe::limits::LimitSource;

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Severity};
use crate::listeners::listeners;
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

pub struct FileDescriptorLimit;

static META: RuleMeta = RuleMeta {
    name: "file-descriptor-limit",
    code: "HAP711",
    category: Category::Environment,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Never,
    input: RuleInput::Machine,
    doc: "\
## What it does
With `--live`, estimates the file descriptors the global `maxconn` needs
(two per connection, one per listener and per server, and a small margin
for logs and the pollers) and compares it with `ulimit-n` when the
configuration sets it, otherwise with the open-file limit of the running
HAProxy (read from `/proc/PID/limits`), or, when none runs and haplint is
not root, with haplint's own hard limit.

## Why is this bad
When descriptors run out, HAProxy stops accepting connections while it
still has `maxconn` to spare: clients wait or fail while the load balancer
looks idle. HAProxy warns about it at start (`FD limit too low`), in a log
nobody reads until the peak.

## Example
```haproxy
global
    maxconn 100000
    ulimit-n 65536
```

## Use instead
```haproxy
global
    maxconn 100000
```

## Fix safety
No fix: remove `ulimit-n` (HAProxy computes what it needs when started as
root) or raise it, or raise `LimitNOFILE` of the service.

## References
- https://docs.haproxy.org/2.6/configuration.html#3.2-maxconn
- https://docs.haproxy.org/2.6/configuration.html#3.1-ulimit-n
",
};

/// Descriptors besides connections and listeners: logs, pollers, the
/// master socket, DNS.
const MARGIN: u64 = 20;

impl Rule for FileDescriptorLimit {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(maxconn_line) = context.global("maxconn") else {
            return;
        };
        let Some(maxconn) = number(maxconn_line) else {
            return;
        };
        let listener_count = listeners(context.model()).len() as u64;
        let server_count = context
            .proxies()
            .flat_map(|(_, section)| &section.statements)
            .filter(|statement| statement.head() == "server")
            .count() as u64;
        let needed = maxconn
            .saturating_mul(2)
            .saturating_add(listener_count + server_count + MARGIN);
        let explain = format!(
            "about {needed} descriptors (2 × maxconn {maxconn}, {listener_count} listener(s), {server_count} server(s), {MARGIN} more)"
        );
        if let Some(line) = context.global("ulimit-n") {
            if let Some(limit) = number(line).filter(|limit| *limit < needed) {
                out.push(
                    META.diagnostic(
                        context.span(line),
                        format!(
                            "`ulimit-n {limit}` is below what this configuration needs: {explain}"
                        ),
                    )
                    .with_help("remove `ulimit-n` to let HAProxy compute it, or raise it"),
                );
            }
            return;
        }
        let Some(machine) = context.live().and_then(crate::live::LiveFacts::machine) else {
            return;
        };
        let Some((limit, source)) = &machine.limits.open_files else {
            return;
        };
        let (value, whose) = match source {
            LimitSource::RunningHaproxy { pid } => (
                limit.soft,
                format!("the running HAProxy (pid {pid}) may open"),
            ),
            // Started as root, HAProxy raises its own limit.
            LimitSource::ThisProcess if is_root() => return,
            LimitSource::ThisProcess => (
                limit.hard,
                "a process started like haplint may open (hard limit)".to_owned(),
            ),
        };
        if let Some(value) = value.filter(|value| *value < needed) {
            out.push(
                META.diagnostic(
                    context.span(maxconn_line),
                    format!("{whose} {value} files, below what `maxconn {maxconn}` needs: {explain}"),
                )
                .with_help("raise the service's open-file limit (systemd `LimitNOFILE=`), or lower `maxconn`"),
            );
        }
    }
}

fn number(statement: &haplint_semantic::Statement) -> Option<u64> {
    statement.args().first()?.value.parse().ok()
}

fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status").is_ok_and(|status| {
        status
            .lines()
            .find_map(|line| line.strip_prefix("Uid:"))
            .and_then(|ids| ids.split_whitespace().nth(1))
            == Some("0")
    })
}
