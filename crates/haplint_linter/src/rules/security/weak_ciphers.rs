//! Weak cipher suites in TLS 1.2 cipher lists.

use crate::context::LintContext;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Severity, Span};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

pub struct WeakCiphers;

static META: RuleMeta = RuleMeta {
    name: "weak-ciphers",
    code: "HAP408",
    category: Category::Security,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Sometimes(Applicability::Unsafe),
    input: RuleInput::Config,
    doc: "\
## What it does
Flags cipher lists (`ssl-default-bind-ciphers`,
`ssl-default-server-ciphers`, `ciphers` on `bind` and `server` lines) that
enable RC4, DES or 3DES, NULL or EXPORT suites, MD5, anonymous key exchange
(`aNULL`, `ADH`), or RSA key exchange without forward secrecy
(`AES128-SHA`, `AES256-GCM-SHA384`...). Exclusions (`!RC4`, `-3DES`) are
not flagged. The list of patterns is set with `patterns = [...]` under
`[rules.weak-ciphers]` in `haplint.toml`.

## Why is this bad
These suites are broken (RC4, DES, EXPORT, NULL), deprecated (3DES,
SWEET32), allow impersonation (anonymous), or let anyone who later obtains
the server's private key decrypt recorded traffic (static RSA).

## Example
```haproxy
global
    stats socket /run/haproxy/admin.sock mode 600 level admin
    ssl-default-bind-ciphers ECDHE-RSA-AES128-GCM-SHA256:DES-CBC3-SHA
```

## Use instead
```haproxy
global
    stats socket /run/haproxy/admin.sock mode 600 level admin
    ssl-default-bind-ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384
```

## Fix safety
The fix writes the list without the suites the finding names, and is
unsafe: clients (or servers) that can only use those suites can no longer
connect. A list written with quotes, escapes or variables, or one that would
be left with no suite, gets no fix.

## References
- https://docs.haproxy.org/3.2/configuration.html#3.1-ssl-default-bind-ciphers
- https://ssl-config.mozilla.org/
",
};

/// Substrings that make a suite weak.
pub const DEFAULT_PATTERNS: [&str; 12] = [
    "RC4", "DES", "NULL", "EXPORT", "EXP-", "MD5", "aNULL", "eNULL", "ADH", "AECDH", "PSK", "SEED",
];

/// Suites named without a key exchange use static RSA (no forward secrecy).
fn static_rsa(suite: &str) -> bool {
    ["AES", "CAMELLIA", "ARIA", "kRSA", "RSA+"]
        .iter()
        .any(|prefix| suite.starts_with(prefix))
        || suite.starts_with("RSA-") && !suite.contains("DHE")
}

impl Rule for WeakCiphers {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let custom = context.options.weak_cipher_patterns.as_deref();
        let patterns: Vec<&str> = match custom {
            Some(patterns) => patterns.iter().map(String::as_str).collect(),
            None => DEFAULT_PATTERNS.to_vec(),
        };
        for section in &context.model().sections {
            for statement in &section.statements {
                let keyword = statement.keyword.map_or("", |entry| entry.keyword);
                let lists: Vec<&haplint_semantic::Word> = match keyword {
                    "ssl-default-bind-ciphers" | "ssl-default-server-ciphers" => {
                        statement.args().first().into_iter().collect()
                    }
                    "bind" | "server" | "default-server" => statement
                        .args()
                        .windows(2)
                        .filter(|pair| pair[0].value == "ciphers")
                        .map(|pair| &pair[1])
                        .collect(),
                    _ => continue,
                };
                for list in lists {
                    let weak: Vec<&str> = list
                        .value
                        .split(':')
                        .filter(|suite| !suite.starts_with(['!', '-']))
                        .filter(|suite| {
                            patterns.iter().any(|pattern| suite.contains(pattern))
                                || (custom.is_none() && static_rsa(suite))
                        })
                        .collect();
                    if weak.is_empty() {
                        continue;
                    }
                    let span = Span::new(statement.file, list.range);
                    let mut diagnostic = META
                        .diagnostic(span, format!("weak cipher suites enabled: {}", weak.join(", ")))
                        .with_help("keep ECDHE suites with AES-GCM or ChaCha20 only (see Mozilla's intermediate profile)");
                    let written = context.text(statement.file).get(span.start..span.end);
                    if let Some(kept) = written
                        .filter(|written| *written == list.value)
                        .and_then(|_| without_suites(&list.value, &weak))
                    {
                        diagnostic = diagnostic.with_fix(META.fix(
                            "Remove the weak cipher suites",
                            vec![Edit {
                                span,
                                content: kept,
                            }],
                        ));
                    }
                    out.push(diagnostic);
                }
            }
        }
    }
}

/// `list` without the entries of `weak`; none when no suite would be left
/// (only exclusions such as `!aNULL`), which OpenSSL refuses.
fn without_suites(list: &str, weak: &[&str]) -> Option<String> {
    let kept: Vec<&str> = list
        .split(':')
        .filter(|suite| !suite.is_empty() && !weak.contains(suite))
        .collect();
    kept.iter()
        .any(|suite| !suite.starts_with(['!', '-', '+']))
        .then(|| kept.join(":"))
}
