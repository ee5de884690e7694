//! TLS settings HAProxy checks once the whole file is read: certificates on
//! `ssl` listeners, server certificate verification, and the range of
//! protocol versions a listener or server ends up with.

use haplint_keywords::{SectionKind, Version};

use crate::diagnostic::{Rule, SemanticDiagnostic};
use crate::model::{Model, Section, Statement, Word};

/// Protocol versions in order; indexes are compared.
const VERSIONS: [&str; 5] = ["SSLv3", "TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.3"];
const NO_OPTIONS: [&str; 5] = [
    "no-sslv3",
    "no-tlsv10",
    "no-tlsv11",
    "no-tlsv12",
    "no-tlsv13",
];
const FORCE_OPTIONS: [&str; 5] = [
    "force-sslv3",
    "force-tlsv10",
    "force-tlsv11",
    "force-tlsv12",
    "force-tlsv13",
];

pub fn check(model: &Model, version: Version, out: &mut Vec<SemanticDiagnostic>) {
    let global_option_words = |keyword: &str| -> Vec<String> {
        model
            .sections_of(SectionKind::Global)
            .flat_map(|section| section.statements_of(keyword))
            .flat_map(|statement| statement.args().iter().map(|word| word.value.clone()))
            .collect()
    };
    let bind_defaults = global_option_words("ssl-default-bind-options");
    let server_defaults = global_option_words("ssl-default-server-options");
    let verify_none_globally = model
        .sections_of(SectionKind::Global)
        .flat_map(|section| section.statements_of("ssl-server-verify"))
        .any(|statement| {
            statement
                .args()
                .first()
                .is_some_and(|word| word.value == "none")
        });
    for section in model.proxies() {
        let default_server: Vec<&Word> = section
            .statements_of("default-server")
            .flat_map(|statement| statement.args().iter())
            .collect();
        for statement in &section.statements {
            let Some(entry) = statement.keyword else {
                continue;
            };
            let (options, defaults): (&[Word], &[String]) = match entry.keyword {
                "bind" => (
                    statement.args().get(1..).unwrap_or_default(),
                    &bind_defaults,
                ),
                "server" => (
                    statement.args().get(2..).unwrap_or_default(),
                    &server_defaults,
                ),
                _ => continue,
            };
            let has = |name: &str| {
                options.iter().any(|word| word.value == name)
                    || (entry.keyword == "server"
                        && default_server.iter().any(|word| word.value == name))
            };
            let no_ssl =
                entry.keyword == "server" && options.iter().any(|word| word.value == "no-ssl");
            if !has("ssl") || no_ssl {
                continue;
            }
            if entry.keyword == "bind"
                && !has("crt")
                && !has("crt-list")
                && !has("generate-certificates")
            {
                out.push(
                    SemanticDiagnostic::error(
                        Rule::TlsConfiguration,
                        statement.file,
                        statement.keyword_range(),
                        "`ssl` listener without a certificate",
                    )
                    .with_help("add `crt <file or directory>` or `crt-list <file>`"),
                );
            }
            if entry.keyword == "server" {
                check_verify(
                    statement,
                    options,
                    &default_server,
                    verify_none_globally,
                    out,
                );
            }
            // Since 2.2 listeners refuse anything below TLSv1.2 unless told otherwise.
            let floor = (entry.keyword == "bind" && version >= Version::new(2, 2)).then_some(3);
            check_versions(section, statement, options, defaults, floor, out);
        }
    }
}

fn value_after<'a>(words: impl Iterator<Item = &'a Word>, option: &str) -> Option<&'a str> {
    let mut found = None;
    let mut take_next = false;
    for word in words {
        if take_next {
            found = Some(word.value.as_str());
            take_next = false;
        } else if word.value == option {
            take_next = true;
        }
    }
    found
}

fn check_verify(
    statement: &Statement,
    options: &[Word],
    default_server: &[&Word],
    verify_none_globally: bool,
    out: &mut Vec<SemanticDiagnostic>,
) {
    let all = || default_server.iter().copied().chain(options.iter());
    let verify = value_after(all(), "verify");
    let has_ca = all().any(|word| word.value == "ca-file");
    let verifies = match verify {
        Some(mode) => mode != "none",
        None => !verify_none_globally,
    };
    if verifies && !has_ca {
        out.push(
            SemanticDiagnostic::error(
                Rule::TlsConfiguration,
                statement.file,
                statement.keyword_range(),
                "this TLS server is verified by default, but no `ca-file` says which certificates to trust",
            )
            .with_help("add `ca-file <file>`, or `verify none` if the network is trusted"),
        );
    }
}

/// The protocol versions a line ends up with, from the global defaults then
/// the line: `force-*` pins one version, `ssl-min-ver`/`ssl-max-ver` bound
/// the range, and `no-*` switches single versions off (ignored when a range
/// or a forced version is set).
fn check_versions(
    section: &Section,
    statement: &Statement,
    options: &[Word],
    defaults: &[String],
    floor: Option<usize>,
    out: &mut Vec<SemanticDiagnostic>,
) {
    let words: Vec<&str> = defaults
        .iter()
        .map(String::as_str)
        .chain(options.iter().map(|word| word.value.as_str()))
        .collect();
    let mut min = 0;
    let mut max = VERSIONS.len() - 1;
    let mut bounded = false;
    let mut explicit_min = false;
    let mut disabled = [false; VERSIONS.len()];
    let mut any_no = false;
    for (index, word) in words.iter().enumerate() {
        if let Some(position) = FORCE_OPTIONS.iter().position(|option| option == word) {
            (min, max, bounded, explicit_min) = (position, position, true, true);
        } else if let Some(position) = NO_OPTIONS.iter().position(|option| option == word) {
            disabled[position] = true;
            any_no = true;
        } else if matches!(*word, "ssl-min-ver" | "ssl-max-ver") {
            let Some(position) = words
                .get(index + 1)
                .and_then(|value| VERSIONS.iter().position(|v| v == value))
            else {
                continue;
            };
            bounded = true;
            if *word == "ssl-min-ver" {
                min = position;
                explicit_min = true;
            } else {
                max = position;
            }
        }
    }
    // Without `ssl-min-ver`, a listener's minimum is the default floor
    // (HAProxy 2.2+, `ssl_sock_initial_ctx`), lowered to a maximum below it
    // (HAProxy warns that the range is ambiguous, but serves it). The floor
    // is not a range the `no-*` flags give way to: they still apply, and
    // those below it are merely redundant.
    if !explicit_min && let Some(floor) = floor {
        min = floor.min(max);
    }
    let name = format!(
        "{} `{}`",
        section.kind.name(),
        section.name_text().unwrap_or_default()
    );
    if min > max {
        out.push(SemanticDiagnostic::error(
            Rule::TlsConfiguration,
            statement.file,
            statement.keyword_range(),
            format!("every SSL/TLS version is disabled on this line of {name}: the minimum is above the maximum"),
        ));
        return;
    }
    if any_no && bounded {
        let reason = "a version range or a forced version is set";
        out.push(
            SemanticDiagnostic::warning(
                Rule::TlsConfiguration,
                statement.file,
                statement.keyword_range(),
                format!("`no-sslv3`/`no-tlsv1x` are ignored here because {reason}"),
            )
            .with_help("use only `ssl-min-ver` and `ssl-max-ver`"),
        );
        return;
    }
    if any_no {
        let enabled: Vec<usize> = (min..=max).filter(|version| !disabled[*version]).collect();
        if enabled.is_empty() {
            out.push(SemanticDiagnostic::error(
                Rule::TlsConfiguration,
                statement.file,
                statement.keyword_range(),
                format!("every SSL/TLS version is disabled on this line of {name}"),
            ));
        } else if let Some(hole) =
            (enabled[0]..*enabled.last().unwrap_or(&0)).find(|version| disabled[*version])
        {
            out.push(
                SemanticDiagnostic::warning(
                    Rule::TlsConfiguration,
                    statement.file,
                    statement.keyword_range(),
                    format!("the SSL/TLS versions left on are not contiguous: {} is off between enabled versions", VERSIONS[hole]),
                )
                .with_help("use only `ssl-min-ver` and `ssl-max-ver`"),
            );
        }
    }
}
