//! TLS below 1.2 accepted by a listener or used towards a server.

use haplint_keywords::Version;
use haplint_semantic::Word;

use super::{FORCE_FLAGS, NO_FLAGS, TLS_VERSIONS};
use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

pub struct WeakTlsVersion;

static META: RuleMeta = RuleMeta {
    name: "weak-tls-version",
    code: "HAP401",
    category: Category::Security,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Never,
    input: RuleInput::Config,
    doc: "\
## What it does
Flags settings that let TLS 1.1, TLS 1.0 or SSLv3 be negotiated:
`ssl-min-ver` below `TLSv1.2`, a `force-*` flag for an old version, and
before HAProxy 2.2, TLS listeners that rely on the default minimum, which
was TLSv1.0.

## Why is this bad
SSLv3, TLS 1.0 and TLS 1.1 have known weaknesses (POODLE, BEAST, weak
hashes) and are deprecated by RFC 8996; PCI DSS and current browser
baselines require TLS 1.2 or later.

## Example
```haproxy
global
    stats socket /run/haproxy/admin.sock mode 600 level admin
    ssl-default-bind-options ssl-min-ver TLSv1.0
```

## Use instead
```haproxy
global
    stats socket /run/haproxy/admin.sock mode 600 level admin
    ssl-default-bind-options ssl-min-ver TLSv1.2
```

## Fix safety
No fix: raising the minimum version cuts off old clients, which only the
operator can decide.

## References
- https://docs.haproxy.org/3.2/configuration.html#3.1-ssl-default-bind-options
- https://www.rfc-editor.org/rfc/rfc8996
",
};

/// The weakest version a list of options allows, and the word that says so.
fn explicit_minimum(options: &[Word]) -> Option<(usize, &Word)> {
    let mut found = None;
    for (index, word) in options.iter().enumerate() {
        if word.value == "ssl-min-ver" {
            if let Some(value) = options.get(index + 1)
                && let Some(version) = TLS_VERSIONS.iter().position(|known| *known == value.value)
            {
                found = Some((version, value));
            }
        } else if let Some(version) = FORCE_FLAGS.iter().position(|flag| *flag == word.value) {
            found = Some((version, word));
        }
    }
    found
}

impl Rule for WeakTlsVersion {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let tls12 = 3;
        let global_bind = context.global("ssl-default-bind-options");
        for keyword in ["ssl-default-bind-options", "ssl-default-server-options"] {
            let Some(statement) = context.global(keyword) else {
                continue;
            };
            if let Some((version, word)) =
                explicit_minimum(statement.args()).filter(|(version, _)| *version < tls12)
            {
                out.push(weak(statement.file, word, TLS_VERSIONS[version]));
            }
        }
        let global_sets_minimum = global_bind.is_some_and(|statement| {
            explicit_minimum(statement.args()).is_some()
                || statement
                    .args()
                    .iter()
                    .any(|word| word.value == NO_FLAGS[2])
        });
        for (_, section) in context.proxies() {
            // Servers: only explicit settings, the library decides otherwise.
            for statement in section
                .statements
                .iter()
                .filter(|statement| matches!(statement.head(), "server" | "default-server"))
            {
                if let Some((version, word)) =
                    explicit_minimum(statement.args()).filter(|(version, _)| *version < tls12)
                {
                    out.push(weak(statement.file, word, TLS_VERSIONS[version]));
                }
            }
            for statement in section.statements_of("bind") {
                let options = statement.args().get(1..).unwrap_or_default();
                if !options.iter().any(|word| word.value == "ssl") {
                    continue;
                }
                match explicit_minimum(options) {
                    Some((version, word)) if version < tls12 => {
                        out.push(weak(statement.file, word, TLS_VERSIONS[version]));
                    }
                    Some(_) => {}
                    None => {
                        let disables_old = options.iter().any(|word| word.value == NO_FLAGS[2]);
                        if context.target < Version::new(2, 2)
                            && !global_sets_minimum
                            && !disables_old
                        {
                            out.push(
                                META.diagnostic(
                                    context.keyword_span(statement),
                                    format!("HAProxy {} accepts TLSv1.0 on this listener: no minimum version is set", context.target),
                                )
                                .with_help("add `ssl-min-ver TLSv1.2` to the line or to `ssl-default-bind-options`"),
                            );
                        }
                    }
                }
            }
        }
    }
}

fn weak(file: haplint_semantic::FileId, word: &Word, version: &str) -> Diagnostic {
    META.diagnostic(
        Span::new(file, word.range),
        format!("{version} is allowed: versions below TLSv1.2 are weak"),
    )
    .with_help("use `ssl-min-ver TLSv1.2`")
}
