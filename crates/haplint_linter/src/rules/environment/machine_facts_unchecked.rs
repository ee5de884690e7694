//! Files and host names are facts of the machine HAProxy runs on, which the
//! text alone cannot settle: without `--live` they are never errors, and
//! this says once, at the first of them, that they were not looked at.

use haplint_semantic::{FileId, Model, Word};

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::live::{ReferenceKind, file_references};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

pub struct MachineFactsUnchecked;

static META: RuleMeta = RuleMeta {
    name: "machine-facts-unchecked",
    code: "HAP717",
    category: Category::Environment,
    default_severity: Severity::Hint,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Never,
    input: RuleInput::Config,
    doc: "\
## What it does
Says once per configuration, at the first one, that the files it names
(certificates, CA files, error files, maps, Lua scripts...) and the host
names of its servers were not checked, because they belong to the machine
HAProxy runs on and haplint was not asked to look there. It is a hint,
never an error: a missing certificate on this machine says nothing about
the server the configuration is for.

## Why is this bad
It is not bad in itself; it says which checks did not happen, so that a
clean report is not mistaken for a complete one. Run `haplint check --live`
on the machine HAProxy runs on (read-only: it opens the files and resolves
nothing it does not have to) to check them there.

## Example
```haproxy
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
frontend https
    bind :443 ssl crt /etc/haproxy/certs/site.pem
    default_backend app
backend app
    server app1 app.internal:8080 check
```

## Use instead
The same configuration, checked on its machine with `haplint check --live`;
or, where the addresses are fixed, written with them (no file, no name to
look up):
```haproxy
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
frontend http
    bind :80
    default_backend app
backend app
    server app1 10.0.0.11:8080 check
```

## Fix safety
No fix: nothing is wrong with the configuration.

## References
- https://docs.haproxy.org/3.2/configuration.html#5.1-crt
- https://docs.haproxy.org/3.2/configuration.html#5.2
",
};

impl Rule for MachineFactsUnchecked {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        if context.options.live.is_some() {
            return;
        }
        let model = context.model();
        // What the configuration reads at start; not the directories and
        // state files HAProxy creates or may find missing.
        let files: Vec<_> = file_references(model)
            .into_iter()
            .filter(|reference| {
                !matches!(
                    reference.kind,
                    ReferenceKind::Directory | ReferenceKind::StateFile
                )
            })
            .collect();
        let hosts: Vec<(FileId, &Word)> = server_host_names(model).collect();
        let first_file = files
            .iter()
            .map(|reference| (reference.statement.file, reference.word));
        let Some((file, first)) = first_file
            .chain(hosts.iter().copied())
            .min_by_key(|(file, word)| (file.0, word.range.start()))
        else {
            return;
        };
        let mut parts = Vec::new();
        if !files.is_empty() {
            parts.push(count(files.len(), "file", "files"));
        }
        if !hosts.is_empty() {
            parts.push(count(hosts.len(), "server host name", "server host names"));
        }
        let message = format!(
            "{} not checked: they are facts of the machine HAProxy runs on",
            parts.join(" and ")
        );
        out.push(
            META.diagnostic(Span::new(file, first.range), message)
                .with_help("run `haplint check --live` on that machine to check them there"),
        );
    }
}

fn count(number: usize, one: &str, several: &str) -> String {
    if number == 1 {
        format!("1 {one}")
    } else {
        format!("{number} {several}")
    }
}

/// The address words of `server` lines that name a host rather than an
/// IP address or a socket: HAProxy resolves them at start.
fn server_host_names(model: &Model) -> impl Iterator<Item = (FileId, &Word)> {
    model
        .proxies()
        .flat_map(|section| &section.statements)
        .filter(|statement| statement.prefix.is_none() && statement.head() == "server")
        .filter_map(|statement| {
            let address = statement.args().get(1)?;
            (!address.has_variables && is_host_name(&address.value))
                .then_some((statement.file, address))
        })
}

/// `app.internal:8080`, `ipv4@db:5432`: a name, not an IPv4 or IPv6
/// address, a UNIX socket or an `fd@`/`sockpair@` address.
fn is_host_name(address: &str) -> bool {
    let rest = match address.split_once('@') {
        Some((prefix, rest)) if !prefix.contains([':', '/', '[']) => {
            if !matches!(prefix, "ipv4" | "ipv6" | "tcp" | "tcp4" | "tcp6") {
                return false;
            }
            rest
        }
        _ => address,
    };
    if rest.starts_with(['/', '[']) || rest.matches(':').count() > 1 {
        return false;
    }
    let host = rest.split(':').next().unwrap_or(rest);
    host.bytes().any(|byte| byte.is_ascii_alphabetic())
        && host
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'.' | b'-' | b'_'))
}

#[cfg(test)]
mod tests {
    use super::is_host_name;

    #[test]
    fn host_names_and_addresses() {
        assert!(is_host_name("app.internal:8080"));
        assert!(is_host_name("localhost"));
        assert!(is_host_name("ipv4@db:5432"));
        assert!(!is_host_name("10.0.0.1:80"));
        assert!(!is_host_name("[::1]:80"));
        assert!(!is_host_name("fe80::1"));
        assert!(!is_host_name("/run/app.sock"));
        assert!(!is_host_name("unix@/run/app.sock"));
        assert!(!is_host_name("*:80"));
    }
}
