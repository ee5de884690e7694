//! `peers` sections that do not declare the local peer.

use haplint_keywords::SectionKind;
use haplint_semantic::Section;

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

pub struct PeersWithoutLocalPeer;

static META: RuleMeta = RuleMeta {
    name: "peers-without-local-peer",
    code: "HAP701",
    category: Category::Environment,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Never,
    input: RuleInput::Config,
    doc: "\
## What it does
Flags a `peers` section where no `peer` (or `server`) line carries the name
of the local peer. That name is the `localpeer` of the `global` section when
there is one; otherwise the host name of the machine haplint runs on, which
is what HAProxy uses when it is started without `-L`.

## Why is this bad
A process only takes part in a `peers` section that names it. HAProxy drops
any other `peers` section at load time with a warning: stick tables pointing
at it are no longer synchronised, and their entries are lost on reload.

The finding depends on where haplint runs: lint on the load balancer itself,
or set `localpeer` in `global` (HAProxy's `-L` option takes precedence over
both, and haplint cannot see it: ignore the rule in that case).

## Example
```haproxy
global
    localpeer lb1
    stats socket /run/haproxy/admin.sock mode 600 level admin

peers cluster
    peer lb2 192.0.2.2:10000
    peer lb3 192.0.2.3:10000
```

## Use instead
```haproxy
global
    localpeer lb1
    stats socket /run/haproxy/admin.sock mode 600 level admin

peers cluster
    peer lb1 192.0.2.1:10000
    peer lb2 192.0.2.2:10000
```

## Fix safety
No fix: only you know this machine's address in the cluster.

## References
- https://docs.haproxy.org/2.6/configuration.html#3.5
- https://docs.haproxy.org/2.6/configuration.html#3.1-localpeer
",
};

impl Rule for PeersWithoutLocalPeer {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let declared = context
            .global("localpeer")
            .and_then(|statement| statement.args().first())
            .map(|word| word.value.clone());
        let Some(local) = declared.or_else(host_name) else {
            return;
        };
        // A section without a name is refused for that already.
        let named = context
            .model()
            .sections_of(SectionKind::Peers)
            .filter(|section| section.name.is_some());
        for section in named {
            if let Some(message) = missing_local_peer(section, &local) {
                out.push(META.diagnostic(context.section_span(section), message).with_help(
                    "add a `peer` line named after this machine, or set `localpeer` in `global`",
                ));
            }
        }
    }
}

/// What is wrong with `section` when `local` is the local peer's name.
fn missing_local_peer(section: &Section, local: &str) -> Option<String> {
    let mut named = false;
    for statement in &section.statements {
        match statement.head() {
            "disabled" => return None,
            "peer" | "server" => {
                let Some(name) = statement.args().first() else {
                    continue;
                };
                // A name known only at load time may well be this machine.
                if name.value == local || name.has_variables {
                    named = true;
                }
            }
            _ => {}
        }
    }
    (!named).then(|| {
        format!(
            "no peer of `{}` is named `{local}` (the local peer): HAProxy removes this section",
            section.name_text().unwrap_or_default()
        )
    })
}

/// The host name HAProxy takes as the local peer's name without `-L` or
/// `localpeer` (`gethostname()`, which Linux exposes under `/proc`).
fn host_name() -> Option<String> {
    ["/proc/sys/kernel/hostname", "/etc/hostname"]
        .iter()
        .find_map(|path| std::fs::read_to_string(path).ok())
        .map(|text| text.trim().to_owned())
        .filter(|name| !name.is_empty())
}

#[cfg(test)]
mod tests {
    use haplint_semantic::{ConfigSet, Options, analyze};

    use super::missing_local_peer;

    fn first_peers(text: &str, local: &str) -> Option<String> {
        let set = ConfigSet::single(std::path::Path::new("t.cfg"), text.as_bytes());
        let analysis = analyze(&set, &Options::default());
        let section = analysis
            .model
            .sections_of(haplint_keywords::SectionKind::Peers)
            .next()
            .expect("a peers section");
        missing_local_peer(section, local)
    }

    #[test]
    fn the_host_name_must_be_a_peer_or_a_server() {
        let peers = "peers p\n    peer vm 127.0.0.1:1000\n    peer b 127.0.0.2:1000\n";
        assert_eq!(first_peers(peers, "vm"), None);
        assert!(first_peers(peers, "other").is_some());
        let servers = "peers p\n    bind :1000\n    server vm\n    server b 127.0.0.2:1000\n";
        assert_eq!(first_peers(servers, "vm"), None);
        assert!(first_peers("peers p\n", "vm").is_some());
    }

    #[test]
    fn disabled_sections_are_left_alone() {
        assert_eq!(
            first_peers("peers p\n    disabled\n    peer b 127.0.0.2:1000\n", "vm"),
            None
        );
    }
}
