//! Options on `bind`, `server`, `default-server` and `server-template`
//! lines: known for the target version, with their values, and TLS versions
//! spelled the way HAProxy reads them.

use haplint_keywords::{Context, Entry, Keywords, SectionKind, Version, history};

use crate::checks::history::outside_target;
use crate::diagnostic::{Rule, SemanticDiagnostic};
use crate::environment::Environment;
use crate::expand::expand_address;
use crate::model::{Model, Statement, Word};
use crate::suggest::closest;
use crate::values::address::{self, Usage};

const TLS_VERSIONS: [&str; 5] = ["SSLv3", "TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.3"];

pub fn check(
    model: &Model,
    version: Version,
    environment: Option<&Environment>,
    out: &mut Vec<SemanticDiagnostic>,
) {
    let keywords = Keywords::for_version(version);
    for section in &model.sections {
        for statement in &section.statements {
            let Some(entry) = statement.keyword else {
                continue;
            };
            if statement.prefix.is_some() {
                continue;
            }
            let args = statement.args();
            let has_servers = section.kind.is_proxy() || section.kind == SectionKind::Ring;
            if has_servers && matches!(entry.context, Context::Proxy | Context::Ring)
                || (section.kind == SectionKind::Global && entry.keyword == "stats socket")
            {
                check_address(
                    statement,
                    entry.keyword,
                    args,
                    keywords.version(),
                    environment,
                    out,
                );
            }
            match (section.kind.is_proxy(), entry.context, entry.keyword) {
                // Its other options are its own; `process` is the `bind`
                // one, removed with processes (HAProxy 2.7).
                (false, Context::Global, "stats socket") => {
                    if let Some(at) = args.iter().position(|word| word.value == "process") {
                        let end = (at + 2).min(args.len());
                        check_options(statement, args.get(at..end), Context::Bind, keywords, out);
                    }
                }
                (true, Context::Proxy, "bind") => {
                    check_options(statement, args.get(1..), Context::Bind, keywords, out);
                }
                (true, Context::Proxy, "server") => {
                    check_options(statement, args.get(2..), Context::Server, keywords, out);
                }
                (true, Context::Proxy, "default-server") => {
                    check_options(statement, Some(args), Context::Server, keywords, out);
                }
                (true, Context::Proxy, "server-template") => {
                    check_options(statement, args.get(3..), Context::Server, keywords, out);
                }
                (_, Context::Global, "ssl-default-bind-options" | "ssl-default-server-options") => {
                    check_tls_versions(statement, args, out);
                    if version <= Version::new(2, 6) {
                        check_default_tls_options(statement, entry.keyword, args, out);
                    }
                }
                _ => {}
            }
        }
    }
}

/// The option name of a word (`set-proxy-v2-tlv-fmt(0x20)` -> `set-proxy-v2-tlv-fmt`).
fn option_name(word: &str) -> &str {
    word.split('(').next().unwrap_or(word)
}

/// How many value words follow an option, from its documented syntax.
fn value_count(entry: &Entry) -> usize {
    usize::from(!entry.args().is_empty())
}

fn check_options(
    statement: &Statement,
    options: Option<&[Word]>,
    context: Context,
    keywords: &Keywords,
    out: &mut Vec<SemanticDiagnostic>,
) {
    let Some(options) = options else { return };
    let line = if context == Context::Bind {
        "bind"
    } else {
        "server"
    };
    let mut index = 0;
    while let Some(word) = options.get(index) {
        index += 1;
        if word.has_variables || word.value.is_empty() {
            continue;
        }
        let name = option_name(&word.value);
        let Some(entry) = keywords.get(context, name) else {
            // Without knowing how many values it takes, the rest of the line
            // cannot be split into options (HAProxy stops here too).
            out.push(unknown_option(
                statement, word, name, line, context, keywords,
            ));
            return;
        };
        let values = value_count(entry);
        if (name == "ssl-min-ver" || name == "ssl-max-ver")
            && let Some(value) = options.get(index)
        {
            check_tls_version(statement, name, value, out);
        }
        if context == Context::Server
            && let Some(value) = options.get(index)
        {
            check_server_value(statement, name, value, out);
        }
        if matches!(name, "proto" | "check-proto")
            && let Some(value) = options.get(index)
        {
            check_mux_protocol(statement, name, value, keywords.version(), out);
        }
        if entry.is_deprecated() {
            out.push(
                SemanticDiagnostic::warning(
                    Rule::DeprecatedKeyword,
                    statement.file,
                    word.range,
                    format!(
                        "`{name}` on `{line}` lines is deprecated in HAProxy {}",
                        keywords.version()
                    ),
                )
                .with_url(Some(entry.doc_url(keywords.version()))),
            );
        }
        if values > 0 && options.get(index).is_none() && !value_may_be_missing(context, name) {
            out.push(SemanticDiagnostic::error(
                Rule::MissingArgument,
                statement.file,
                word.range,
                format!("`{name}` expects a value: `{}`", entry.signature),
            ));
        }
        index += values;
        // `source <addr> usesrc <addr2>` takes two more words.
        if name == "source"
            && options
                .get(index)
                .is_some_and(|next| next.value == "usesrc")
        {
            index += 2;
        }
    }
}

/// The multiplexer protocols `proto` may name: those of every build (a
/// build without QUIC still knows the word `quic` from its documentation,
/// so it is accepted), and `qmux` from 3.3.
fn mux_protocols(version: Version) -> &'static [&'static str] {
    if version >= Version::new(3, 3) {
        &["h1", "h2", "fcgi", "none", "quic", "qmux"]
    } else {
        &["h1", "h2", "fcgi", "none", "quic"]
    }
}

fn check_mux_protocol(
    statement: &Statement,
    option: &str,
    value: &Word,
    version: Version,
    out: &mut Vec<SemanticDiagnostic>,
) {
    let known = mux_protocols(version);
    if value.has_variables || known.contains(&value.value.as_str()) {
        return;
    }
    let mut diagnostic = SemanticDiagnostic::error(
        Rule::InvalidValue,
        statement.file,
        value.range,
        format!(
            "unknown multiplexer protocol `{}` for `{option}` in HAProxy {version}",
            value.value
        ),
    );
    diagnostic = match closest(&value.value, known.iter().copied()) {
        Some(suggestion) => diagnostic.with_help(format!("did you mean `{suggestion}`?")),
        None => diagnostic.with_help(format!("protocols are `{}`", known.join("`, `"))),
    };
    out.push(diagnostic);
}

fn unknown_option(
    statement: &Statement,
    word: &Word,
    name: &str,
    line: &str,
    context: Context,
    keywords: &Keywords,
) -> SemanticDiagnostic {
    let version = keywords.version();
    let entries: Vec<&Entry> = history(context, name).collect();
    let subject = format!("`{line}` option `{name}`");
    if let Some(diagnostic) =
        outside_target(&entries, &subject, version, statement.file, word.range)
    {
        return diagnostic;
    }
    let mut diagnostic = SemanticDiagnostic::error(
        Rule::UnknownKeyword,
        statement.file,
        word.range,
        format!("unknown `{line}` option `{name}`"),
    );
    if let Some(suggestion) = closest(name, keywords.names(context).iter().copied()) {
        diagnostic = diagnostic.with_help(format!("did you mean `{suggestion}`?"));
    }
    diagnostic
}

/// What `ssl-default-bind-options` and `ssl-default-server-options` accept
/// (checked against HAProxy 2.6): protocol switches and a few TLS settings,
/// not every `bind` or `server` option.
const DEFAULT_TLS_OPTIONS: [&str; 13] = [
    "no-sslv3",
    "no-tlsv10",
    "no-tlsv11",
    "no-tlsv12",
    "no-tlsv13",
    "force-sslv3",
    "force-tlsv10",
    "force-tlsv11",
    "force-tlsv12",
    "force-tlsv13",
    "no-tls-tickets",
    "ssl-min-ver",
    "ssl-max-ver",
];

fn check_default_tls_options(
    statement: &Statement,
    keyword: &str,
    args: &[Word],
    out: &mut Vec<SemanticDiagnostic>,
) {
    let bind = keyword == "ssl-default-bind-options";
    let mut index = 0;
    while let Some(word) = args.get(index) {
        index += 1;
        let name = word.value.as_str();
        if word.has_variables {
            continue;
        }
        if matches!(name, "ssl-min-ver" | "ssl-max-ver") {
            index += 1;
            continue;
        }
        if DEFAULT_TLS_OPTIONS.contains(&name) || (bind && name == "prefer-client-ciphers") {
            continue;
        }
        let mut diagnostic = SemanticDiagnostic::error(
            Rule::InvalidValue,
            statement.file,
            word.range,
            format!("`{keyword}` does not accept `{name}`"),
        );
        diagnostic = if name == "prefer-client-ciphers" {
            diagnostic.with_help(
                "`prefer-client-ciphers` is for listeners: it belongs in `ssl-default-bind-options`",
            )
        } else if TLS_OPTIONS_OF_LINES.contains(&name) {
            diagnostic.with_help(format!(
                "`{name}` is not a default: write it on the `bind` or `server` lines that need it"
            ))
        } else {
            diagnostic.with_help(format!(
                "it takes `{}`{}",
                DEFAULT_TLS_OPTIONS.join("`, `"),
                if bind {
                    " and `prefer-client-ciphers`"
                } else {
                    ""
                }
            ))
        };
        out.push(diagnostic);
        return;
    }
}

/// TLS options that belong on `bind` or `server` lines only.
const TLS_OPTIONS_OF_LINES: [&str; 6] = [
    "strict-sni",
    "allow-0rtt",
    "no-ca-names",
    "ssl-reuse",
    "no-ssl-reuse",
    "generate-certificates",
];

fn check_tls_versions(statement: &Statement, args: &[Word], out: &mut Vec<SemanticDiagnostic>) {
    for (index, word) in args.iter().enumerate() {
        if matches!(word.value.as_str(), "ssl-min-ver" | "ssl-max-ver")
            && let Some(value) = args.get(index + 1)
        {
            check_tls_version(statement, &word.value, value, out);
        }
    }
}

fn check_tls_version(
    statement: &Statement,
    option: &str,
    value: &Word,
    out: &mut Vec<SemanticDiagnostic>,
) {
    if value.has_variables || TLS_VERSIONS.contains(&value.value.as_str()) {
        return;
    }
    let mut diagnostic = SemanticDiagnostic::error(
        Rule::InvalidValue,
        statement.file,
        value.range,
        format!("unknown SSL/TLS version `{}` for `{option}`", value.value),
    );
    diagnostic = match closest(&value.value, TLS_VERSIONS) {
        Some(suggestion) => diagnostic.with_help(format!("did you mean `{suggestion}`?")),
        None => diagnostic.with_help(format!("versions are `{}`", TLS_VERSIONS.join("`, `"))),
    };
    out.push(diagnostic);
}

/// The address of a `bind`, `server` or `server-template` line.
fn check_address(
    statement: &Statement,
    keyword: &str,
    args: &[Word],
    version: Version,
    environment: Option<&Environment>,
    out: &mut Vec<SemanticDiagnostic>,
) {
    let (position, usage) = match keyword {
        // A `stats socket` is a listener like `bind`: a path must start
        // with `/` (or `unix@`), anything else is read as `host:port`.
        "bind" | "stats socket" => (0, Usage::Bind),
        "server" => (1, Usage::Server),
        "server-template" => (2, Usage::Server),
        _ => return,
    };
    let Some(word) = args.get(position) else {
        out.push(SemanticDiagnostic::error(
            Rule::MissingArgument,
            statement.file,
            statement.keyword_range(),
            format!("`{keyword}` expects an address"),
        ));
        return;
    };
    if word.has_variables {
        return;
    }
    // `str2sa_range()` replaces `$NAME` and `${NAME}` itself, quoted or
    // not: the address is known only with the environment.
    let expanded;
    let word = if word.value.contains('$') {
        let Some(environment) = environment else {
            return;
        };
        let Some(value) = expand_address(&word.value, environment) else {
            return;
        };
        expanded = Word {
            value,
            from_environment: true,
            ..word.clone()
        };
        &expanded
    } else {
        word
    };
    if keyword == "server" && !address::server_has_port(&word.value) {
        let options = &args[position + 1..];
        let checks = options.iter().any(|option| option.value == "check");
        let check_port = options
            .iter()
            .any(|option| matches!(option.value.as_str(), "port" | "addr"));
        if checks && !check_port {
            out.push(
                SemanticDiagnostic::error(
                    Rule::MissingArgument,
                    statement.file,
                    word.range,
                    format!(
                        "server address `{}` has no port, so `check` has no port to probe",
                        word.value
                    ),
                )
                .with_help("add the port to the address or `port <port>` to the server line"),
            );
        }
    }
    if let Err(problem) = address::check(&word.value, usage, version) {
        let range = word.sub_range(problem.start, problem.end);
        out.push(SemanticDiagnostic::error(
            Rule::InvalidValue,
            statement.file,
            range,
            format!(
                "invalid `{keyword}` address `{}`: {}",
                word.value, problem.message
            ),
        ));
    }
}

/// Numeric values of server options, with HAProxy's bounds.
fn check_server_value(
    statement: &Statement,
    option: &str,
    value: &Word,
    out: &mut Vec<SemanticDiagnostic>,
) {
    if value.has_variables {
        return;
    }
    let problem = match option {
        "weight" => match value.value.parse::<u32>() {
            Ok(weight) if weight <= 256 => None,
            Ok(_) => Some("a server weight is between 0 and 256".to_owned()),
            Err(_) => Some("a server weight is a number between 0 and 256".to_owned()),
        },
        "port" | "agent-port" => match value.value.parse::<u32>() {
            Ok(port) if (1..=65535).contains(&port) => None,
            _ => Some("a port is a number from 1 to 65535".to_owned()),
        },
        "rise" | "fall" => match value.value.parse::<u32>() {
            Ok(count) if count > 0 => None,
            _ => Some(format!("`{option}` expects a positive number of checks")),
        },
        "inter" | "fastinter" | "downinter" | "agent-inter" | "slowstart" => {
            match crate::values::duration::parse_duration(&value.value) {
                Ok(duration) if duration.milliseconds() > 0 || option == "slowstart" => None,
                Ok(_) => Some(format!("`{option}` must be greater than zero")),
                Err(crate::values::duration::DurationError::TrailingCharacters { .. }) => None,
                Err(_) => Some(format!("`{option}` expects a duration such as `2s`")),
            }
        }
        _ => None,
    };
    if let Some(problem) = problem {
        out.push(SemanticDiagnostic::error(
            Rule::InvalidValue,
            statement.file,
            value.range,
            format!("invalid `{option}` value `{}`: {problem}", value.value),
        ));
    }
}

/// Options whose HAProxy parser reads a missing value as an empty one
/// instead of refusing the line: `set-proxy-v2-tlv-fmt(<id>)` at the end of
/// a `server` line sends an empty TLV (2.9 to 3.4 accept it).
fn value_may_be_missing(context: Context, name: &str) -> bool {
    context == Context::Server && name.starts_with("set-proxy-v2-tlv-fmt")
}
