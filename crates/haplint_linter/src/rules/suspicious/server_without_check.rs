//! Servers that are never health-checked.

use crate::context::LintContext;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Severity, Span};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

pub struct ServerWithoutCheck;

static META: RuleMeta = RuleMeta {
    name: "server-without-check",
    code: "HAP204",
    category: Category::Suspicious,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Sometimes(Applicability::Unsafe),
    input: RuleInput::Config,
    doc: "\
## What it does
Flags `server` lines without `check` in backends that have more than one
server, unless `default-server` enables checks or the server `track`s
another one.

## Why is this bad
Without health checks HAProxy only learns that a server is dead from failed
requests: it keeps sending a share of the traffic to it, and clients see the
errors.

## Example
```haproxy
defaults
    timeout connect 5s
    timeout server 30s

backend app
    server app1 10.0.0.1:8080 check
    server app2 10.0.0.2:8080
```

## Use instead
```haproxy
defaults
    timeout connect 5s
    timeout server 30s

backend app
    server app1 10.0.0.1:8080 check
    server app2 10.0.0.2:8080 check
```

## Fix safety
The fix adds `check` at the end of the line, and is unsafe: HAProxy starts
probing the server (a TCP connect, or the `option httpchk` request of the
backend) and takes it out of rotation when the probe fails, which is the
point, but a server that refuses the probe goes down. Only servers whose
address has a port, or with a `port` setting, or on a UNIX socket, get the
fix: HAProxy refuses a check with no port to probe on a TCP address.

## References
- https://docs.haproxy.org/3.2/configuration.html#5.2-check
",
};

impl Rule for ServerWithoutCheck {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        for (index, section) in context.proxies() {
            let servers: Vec<_> = section.statements_of("server").collect();
            if servers.len() < 2 || checks_by_default(context, index) {
                continue;
            }
            for server in servers {
                let args = server.args();
                // `"${OPTS[*]}"` may well hold `check`.
                if args.iter().any(|word| {
                    word.has_variables || matches!(word.value.as_str(), "check" | "track")
                }) {
                    continue;
                }
                let Some(name) = args.first() else { continue };
                let mut diagnostic = META
                    .diagnostic(
                        Span::new(server.file, name.range),
                        format!("server `{}` is never health-checked", name.value),
                    )
                    .with_help("add `check` so HAProxy takes it out of rotation when it fails");
                if let Some(last) = args.last().filter(|_| has_check_port(args)) {
                    let end = usize::from(last.range.end());
                    diagnostic = diagnostic.with_fix(META.fix(
                        "Add `check`",
                        vec![Edit {
                            span: Span {
                                file: server.file,
                                start: end,
                                end,
                            },
                            content: " check".to_owned(),
                        }],
                    ));
                }
                out.push(diagnostic);
            }
        }
    }
}

/// Whether a check of the server has something to probe: a UNIX socket
/// (HAProxy 2.6 and 3.2 accept `check` on one), an address ending in a
/// port number, or a `port` setting. Without either HAProxy refuses
/// `check` on a TCP address ("has neither service port nor check port"),
/// so no fix is offered.
fn has_check_port(args: &[haplint_semantic::Word]) -> bool {
    let unix = args.get(1).is_some_and(|address| {
        ["/", "unix@", "abns@"]
            .iter()
            .any(|prefix| address.value.starts_with(prefix))
    });
    let address_port = args.get(1).and_then(|address| {
        let (_, port) = address.value.rsplit_once(':')?;
        Some(!port.is_empty() && port.bytes().all(|byte| byte.is_ascii_digit()))
    });
    let port_setting = args.windows(2).any(|pair| {
        pair[0].value == "port" && pair[1].value.bytes().all(|byte| byte.is_ascii_digit())
    });
    unix || address_port == Some(true) || port_setting
}

/// Whether `default-server` lines make servers of section `index` checked:
/// those of its defaults chain, oldest first, then its own; the last
/// `check` or `no-check` wins, as HAProxy applies them in that order.
fn checks_by_default(context: &LintContext<'_>, index: usize) -> bool {
    let model = context.model();
    let mut chain = vec![index];
    while let Some(parent) = chain.last().and_then(|last| {
        context
            .inheritance
            .defaults_of
            .get(*last)
            .copied()
            .flatten()
    }) {
        // A cycle of `from` is reported elsewhere; here it only has to end.
        if chain.contains(&parent) || chain.len() > model.sections.len() {
            break;
        }
        chain.push(parent);
    }
    let mut check = false;
    for section in chain
        .iter()
        .rev()
        .filter_map(|position| model.sections.get(*position))
    {
        for statement in section.statements_of("default-server") {
            for word in statement.args() {
                match word.value.as_str() {
                    "check" => check = true,
                    "no-check" => check = false,
                    _ => {}
                }
            }
        }
    }
    check
}
