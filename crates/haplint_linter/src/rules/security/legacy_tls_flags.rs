//! `no-sslv3 no-tlsv10 no-tlsv11` instead of `ssl-min-ver`.

use haplint_keywords::Version;
use haplint_semantic::{Statement, Word};

use super::{FORCE_FLAGS, NO_FLAGS, TLS_VERSIONS};
use crate::context::LintContext;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Severity, Span};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

pub struct LegacyTlsFlags;

static META: RuleMeta = RuleMeta {
    name: "legacy-tls-flags",
    code: "HAP402",
    category: Category::Security,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Sometimes(Applicability::Safe),
    input: RuleInput::Config,
    doc: "\
## What it does
Flags `no-sslv3`, `no-tlsv10`, `no-tlsv11`... on `bind`, `server` and
`default-server` lines and in `ssl-default-bind-options` /
`ssl-default-server-options`.

## Why is this bad
Each flag switches off one protocol version, so the list must grow with every
new version and a forgotten one leaves a hole. HAProxy ignores these flags
entirely as soon as `ssl-min-ver`, `ssl-max-ver` or a `force-*` flag applies
to the same line, including one inherited from the global defaults.
`ssl-min-ver` says what is meant in one word.

## Example
```haproxy
global
    stats socket /run/haproxy/admin.sock mode 600 level admin
    ssl-default-bind-options no-sslv3 no-tlsv10 no-tlsv11
```

## Use instead
```haproxy
global
    stats socket /run/haproxy/admin.sock mode 600 level admin
    ssl-default-bind-options ssl-min-ver TLSv1.2
```

## Fix safety
When the flags switch off every version below some version and nothing
else, and the line inherits no other version setting, the fix replaces them
with `ssl-min-ver` of that version, which enables exactly the same
protocols: it is safe. On a listener (`bind`, `ssl-default-bind-options`)
HAProxy 2.2 and later already keep everything below TLSv1.2 off, so there
`no-sslv3` alone becomes `ssl-min-ver TLSv1.2`, the versions it serves
today, and never a lower minimum. Where the flags leave TLSv1.0 or TLSv1.1
on (on a `server` line, or a listener before 2.2), there is no fix: the
same protocols in one word would only trade this warning for
`weak-tls-version`, and raising the minimum is the operator's call.

## References
- https://docs.haproxy.org/3.2/configuration.html#5.1-ssl-min-ver
",
};

/// Where the TLS options of a statement start.
fn tls_options(statement: &Statement) -> Option<&[Word]> {
    let keyword = statement.keyword?.keyword;
    let args = statement.args();
    match keyword {
        "ssl-default-bind-options" | "ssl-default-server-options" | "default-server" => Some(args),
        "bind" => args.get(1..),
        "server" => args.get(2..),
        _ => None,
    }
}

impl Rule for LegacyTlsFlags {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let global_words = |keyword: &str| -> Vec<String> {
            context
                .global(keyword)
                .map(|statement| {
                    statement
                        .args()
                        .iter()
                        .map(|word| word.value.clone())
                        .collect()
                })
                .unwrap_or_default()
        };
        let bind_defaults = global_words("ssl-default-bind-options");
        let server_defaults = global_words("ssl-default-server-options");
        for section in &context.model().sections {
            let default_server: Vec<String> = section
                .statements_of("default-server")
                .flat_map(|statement| statement.args().iter().map(|word| word.value.clone()))
                .collect();
            for statement in &section.statements {
                let Some(options) = tls_options(statement) else {
                    continue;
                };
                // Version settings the line inherits (global defaults, default-server).
                let inherited: Vec<&str> = match statement.head() {
                    "bind" => bind_defaults.iter().map(String::as_str).collect(),
                    "server" => default_server
                        .iter()
                        .chain(&server_defaults)
                        .map(String::as_str)
                        .collect(),
                    "default-server" => server_defaults.iter().map(String::as_str).collect(),
                    _ => Vec::new(),
                };
                let version_word = |word: &str| {
                    matches!(word, "ssl-min-ver" | "ssl-max-ver")
                        || FORCE_FLAGS.contains(&word)
                        || NO_FLAGS.contains(&word)
                };
                let inherits_versions = inherited.iter().any(|word| version_word(word));
                let inherits_range = inherited.iter().any(|word| {
                    matches!(*word, "ssl-min-ver" | "ssl-max-ver") || FORCE_FLAGS.contains(word)
                });
                let flags: Vec<&Word> = options
                    .iter()
                    .filter(|word| NO_FLAGS.contains(&word.value.as_str()))
                    .collect();
                let Some(first) = flags.first() else { continue };
                let bounded = inherits_range
                    || options.iter().any(|word| {
                        matches!(word.value.as_str(), "ssl-min-ver" | "ssl-max-ver")
                            || FORCE_FLAGS.contains(&word.value.as_str())
                    });
                let written = flags
                    .iter()
                    .map(|word| word.value.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                let mut diagnostic = META
                    .diagnostic(
                        Span::new(
                            statement.file,
                            first.range.cover(flags[flags.len() - 1].range),
                        ),
                        format!("`{written}` switches protocol versions off one by one"),
                    )
                    .with_help("use `ssl-min-ver` (and `ssl-max-ver` if needed) instead");
                if bounded {
                    diagnostic = diagnostic.with_note("HAProxy ignores these flags here, because a version range or a forced version also applies to this line");
                } else if inherits_versions {
                    diagnostic = diagnostic.with_note("this line also inherits version flags (global defaults or `default-server`); combine them into one `ssl-min-ver`");
                } else if let Some(minimum) =
                    contiguous_minimum(&flags, listener_floor(context, statement))
                    && is_weak(minimum)
                {
                    // The same protocols in one word would be flagged by
                    // `weak-tls-version`; raising the minimum is the
                    // operator's call, as that rule says.
                    diagnostic = diagnostic.with_note(format!(
                        "these flags leave {minimum} on: `ssl-min-ver {minimum}` says the same, `ssl-min-ver TLSv1.2` also turns the weak versions off"
                    ));
                } else if let Some(minimum) =
                    contiguous_minimum(&flags, listener_floor(context, statement))
                {
                    let mut edits = vec![Edit {
                        span: Span::new(statement.file, first.range),
                        content: format!("ssl-min-ver {minimum}"),
                    }];
                    edits.extend(
                        flags[1..]
                            .iter()
                            .map(|word| remove_word(context, statement, word)),
                    );
                    diagnostic = diagnostic
                        .with_fix(META.fix(format!("Replace with `ssl-min-ver {minimum}`"), edits));
                }
                out.push(diagnostic);
            }
        }
    }
}

/// The minimum version HAProxy gives a listener that sets none: TLSv1.2
/// since 2.2 (`ssl_sock_initial_ctx`), on top of the `no-*` flags, which it
/// keeps. Servers get no such floor: the TLS library decides.
fn listener_floor(context: &LintContext<'_>, statement: &Statement) -> usize {
    let listener = matches!(statement.head(), "bind" | "ssl-default-bind-options");
    if listener && context.target >= Version::new(2, 2) {
        TLSV12
    } else {
        0
    }
}

/// The index of TLSv1.2 in `TLS_VERSIONS`.
const TLSV12: usize = 3;

/// Whether a minimum lets a version below TLSv1.2 be negotiated.
fn is_weak(minimum: &str) -> bool {
    TLS_VERSIONS
        .iter()
        .position(|version| *version == minimum)
        .is_some_and(|index| index < TLSV12)
}

/// The lowest version left on when the flags, with the versions below
/// `floor` already off, switch off exactly the versions below it. With
/// the floor, `no-sslv3` alone becomes `ssl-min-ver TLSv1.2` (what the
/// listener already serves), never `TLSv1.0`, which would open versions
/// HAProxy keeps closed.
fn contiguous_minimum(flags: &[&Word], floor: usize) -> Option<&'static str> {
    let off: Vec<usize> = flags
        .iter()
        .filter_map(|word| NO_FLAGS.iter().position(|flag| *flag == word.value))
        .chain(0..floor)
        .collect();
    let lowest_on = (0..TLS_VERSIONS.len()).find(|version| !off.contains(version))?;
    let contiguous = (lowest_on..TLS_VERSIONS.len()).all(|version| !off.contains(&version));
    contiguous.then(|| TLS_VERSIONS[lowest_on])
}

/// Removes a word and the blank before it.
fn remove_word(context: &LintContext<'_>, statement: &Statement, word: &Word) -> Edit {
    let text = context.text(statement.file);
    let start = usize::from(word.range.start());
    let blank_start = text[..start].trim_end_matches([' ', '\t']).len();
    Edit {
        span: Span {
            file: statement.file,
            start: blank_start,
            end: usize::from(word.range.end()),
        },
        content: String::new(),
    }
}
