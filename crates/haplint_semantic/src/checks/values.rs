//! Argument values of the keywords whose syntax is fixed: timeouts, `mode`,
//! `balance`.

use haplint_keywords::{Context, Keywords, Kind, SectionKind, Version};

use crate::diagnostic::{Rule, SemanticDiagnostic};
use crate::model::{Model, Section, Statement};
use crate::suggest::closest;
use crate::values::duration::{DurationError, MAX_MILLISECONDS, parse_duration};

pub fn check(model: &Model, version: Version, out: &mut Vec<SemanticDiagnostic>) {
    let keywords = Keywords::for_version(version);
    let mut after_other_sections = false;
    for section in &model.sections {
        super::health_checks::check(section, out);
        if section.kind == SectionKind::Ring {
            check_ring_sizes(section, version, out);
        }
        if section.kind == SectionKind::Global {
            super::threads::check(section, version, after_other_sections, out);
        } else {
            after_other_sections = true;
        }
        for statement in &section.statements {
            super::http_reply::check(statement, out);
            let Some(entry) = statement.keyword else {
                continue;
            };
            if statement.prefix.is_some() {
                continue;
            }
            // `balance` alone means round robin.
            if !matches!(entry.kind, Kind::Timeout | Kind::Action)
                && entry.keyword != "balance"
                && needs_argument(entry.args())
                && statement.args().is_empty()
            {
                out.push(
                    SemanticDiagnostic::error(
                        Rule::MissingArgument,
                        statement.file,
                        statement.keyword_range(),
                        format!(
                            "`{}` expects an argument: `{}`",
                            entry.keyword, entry.signature
                        ),
                    )
                    .with_url(Some(entry.doc_url(version))),
                );
                continue;
            }
            match (entry.kind, entry.keyword) {
                (Kind::Timeout, _) => check_timeout(statement, entry.keyword, out),
                (_, "mode") if entry.context == Context::Proxy => {
                    check_mode(statement, version, out);
                }
                (_, "balance") => check_balance(statement, keywords, out),
                (_, "stick-table") => check_table_size(statement, out),
                (_, "compression") => check_compression(statement, version, out),
                (_, "option httpchk") => check_httpchk(statement, version, out),
                (_, "filter spoe") => check_filter_spoe(statement, &entry.doc_url(version), out),
                (_, keyword) => {
                    if let Some((_, values)) = ENUMS.iter().find(|(name, _)| *name == keyword) {
                        check_enum(statement, keyword, values, out);
                    } else if let Some(values) = documented_choices(entry.args()) {
                        check_enum(statement, keyword, &values, out);
                    }
                }
            }
        }
    }
}

/// The size of a ring before its `size` lines (HAProxy's default buffer).
const RING_DEFAULT_SIZE: u64 = 16384;

/// A ring's `size` only grows it: HAProxy ignores, with a warning, a size
/// smaller than the current one. Up to 2.6 the value is read as a plain
/// number, so `1M` is 1 byte.
fn check_ring_sizes(section: &Section, version: Version, out: &mut Vec<SemanticDiagnostic>) {
    let mut current = RING_DEFAULT_SIZE;
    for statement in &section.statements {
        if statement.prefix.is_some() || statement.head() != "size" {
            continue;
        }
        let Some(word) = statement.args().first() else {
            continue;
        };
        if word.has_variables {
            return;
        }
        let digits = word.value.bytes().take_while(u8::is_ascii_digit).count();
        let Ok(size) = word.value[..digits].parse::<u64>() else {
            continue;
        };
        let suffix = &word.value[digits..];
        if size == 0 || (!suffix.is_empty() && version > Version::new(2, 6)) {
            continue;
        }
        if size >= current {
            current = size;
            continue;
        }
        let mut diagnostic = SemanticDiagnostic::warning(
            Rule::InvalidValue,
            statement.file,
            word.range,
            format!(
                "HAProxy ignores this ring size: {size} is smaller than the current size ({current} bytes)"
            ),
        );
        diagnostic = if suffix.is_empty() {
            diagnostic.with_help("a ring can only grow: give a size of at least the current one")
        } else {
            diagnostic.with_help(format!(
                "HAProxy {version} reads the size as a plain number of bytes and stops at `{suffix}`: write it in bytes"
            ))
        };
        out.push(diagnostic);
    }
}

/// `compression`'s first word and the version that introduced it.
const COMPRESSION_WORDS: [(&str, Version); 10] = [
    ("algo", Version::new(1, 8)),
    ("type", Version::new(1, 8)),
    ("offload", Version::new(1, 8)),
    ("direction", Version::new(2, 8)),
    ("algo-req", Version::new(2, 8)),
    ("algo-res", Version::new(2, 8)),
    ("type-req", Version::new(2, 8)),
    ("type-res", Version::new(2, 8)),
    ("minsize-req", Version::new(3, 2)),
    ("minsize-res", Version::new(3, 2)),
];

fn check_compression(statement: &Statement, version: Version, out: &mut Vec<SemanticDiagnostic>) {
    let Some(word) = statement.args().first() else {
        return;
    };
    if word.has_variables {
        return;
    }
    let known: Vec<&str> = COMPRESSION_WORDS
        .iter()
        .filter(|(_, since)| *since <= version)
        .map(|(name, _)| *name)
        .collect();
    if known.contains(&word.value.as_str()) {
        return;
    }
    let mut diagnostic = SemanticDiagnostic::error(
        Rule::InvalidValue,
        statement.file,
        word.range,
        format!("`compression` does not know `{}`", word.value),
    );
    diagnostic = match COMPRESSION_WORDS
        .iter()
        .find(|(name, _)| *name == word.value)
    {
        Some((name, since)) => diagnostic.with_help(format!(
            "`compression {name}` needs HAProxy {since} or later (the target is {version})"
        )),
        None => diagnostic.with_help(format!(
            "HAProxy {version} expects `{}`",
            known.join("`, `")
        )),
    };
    out.push(diagnostic);
}

/// `filter spoe [engine <name>] config <file>`: HAProxy refuses an unknown
/// word, a word without its value, and a filter without its config file.
fn check_filter_spoe(statement: &Statement, url: &str, out: &mut Vec<SemanticDiagnostic>) {
    let args = statement.args();
    if args.iter().any(|word| word.has_variables) {
        return;
    }
    let mut has_config = false;
    let mut index = 0;
    while let Some(word) = args.get(index) {
        let name = word.value.as_str();
        if !matches!(name, "engine" | "config") {
            out.push(
                SemanticDiagnostic::error(
                    Rule::InvalidValue,
                    statement.file,
                    word.range,
                    format!("`filter spoe` does not know `{name}`"),
                )
                .with_help("`filter spoe` takes `engine <name>` and `config <file>`")
                .with_url(Some(url.to_owned())),
            );
            return;
        }
        if args.get(index + 1).is_none() {
            out.push(
                SemanticDiagnostic::error(
                    Rule::MissingArgument,
                    statement.file,
                    word.range,
                    format!("`{name}` of `filter spoe` expects a value"),
                )
                .with_url(Some(url.to_owned())),
            );
            return;
        }
        has_config |= name == "config";
        index += 2;
    }
    if !has_config {
        out.push(
            SemanticDiagnostic::error(
                Rule::MissingArgument,
                statement.file,
                statement.keyword_range(),
                "`filter spoe` needs its SPOE configuration file: `config <file>`",
            )
            .with_url(Some(url.to_owned())),
        );
    }
}

/// `option httpchk [<method>] <uri> [<version>]`, plus `<host>` later. The
/// documentation says 2.9, but 3.0.11 still refuses a fourth argument
/// ("cannot handle unexpected argument") and 3.2.26 takes it: 3.1, the
/// first release that may have it, so that no accepted line is an error.
fn check_httpchk(statement: &Statement, version: Version, out: &mut Vec<SemanticDiagnostic>) {
    let args = statement.args();
    if args.iter().any(|word| word.has_variables) {
        return;
    }
    let most = if version >= Version::new(3, 1) { 4 } else { 3 };
    if let Some(extra) = args.get(most) {
        out.push(
            SemanticDiagnostic::error(
                Rule::InvalidValue,
                statement.file,
                extra.range,
                format!(
                    "`option httpchk` takes at most {most} arguments in HAProxy {version}: `{}` is one too many",
                    extra.value
                ),
            )
            .with_help("set headers with `http-check send meth GET uri / ver HTTP/1.1 hdr host example.com`"),
        );
        return;
    }
    if version >= Version::new(2, 2)
        && let Some(http_version) = args.get(2)
        && http_version.value.contains(['\r', '\n'])
    {
        let help = "send them with `http-check send hdr <name> <value>` (or `body`)";
        // Deprecated from 2.2, refused from 2.7 on.
        let diagnostic = if version >= Version::new(2, 7) {
            SemanticDiagnostic::error(
                Rule::RemovedKeyword,
                statement.file,
                http_version.range,
                format!(
                    "headers or a body after the version of `option httpchk` are refused by HAProxy {version} (since 2.7)"
                ),
            )
        } else {
            SemanticDiagnostic::warning(
                Rule::DeprecatedKeyword,
                statement.file,
                http_version.range,
                "headers or a body after the version of `option httpchk` are deprecated",
            )
        };
        out.push(diagnostic.with_help(help));
    }
}

fn check_timeout(statement: &Statement, keyword: &str, out: &mut Vec<SemanticDiagnostic>) {
    let Some(value) = statement.args().first() else {
        out.push(SemanticDiagnostic::error(
            Rule::MissingArgument,
            statement.file,
            statement.keyword_range(),
            format!("`{keyword}` expects a duration"),
        ));
        return;
    };
    if value.has_variables {
        return;
    }
    let diagnostic = match parse_duration(&value.value) {
        Ok(_) => return,
        Err(DurationError::NotANumber) => SemanticDiagnostic::error(
            Rule::InvalidValue,
            statement.file,
            value.range,
            format!(
                "`{keyword}` expects a duration such as `30s`, not `{}`",
                value.value
            ),
        ),
        Err(DurationError::BadUnit(at)) => SemanticDiagnostic::error(
            Rule::InvalidValue,
            statement.file,
            value.sub_range(at, value.value.len()),
            format!("unknown time unit in `{}`", value.value),
        )
        .with_help("units are `us`, `ms`, `s`, `m`, `h` and `d`; a bare number is in milliseconds"),
        Err(DurationError::TrailingCharacters { at, .. }) => SemanticDiagnostic::warning(
            Rule::InvalidValue,
            statement.file,
            value.sub_range(at, value.value.len()),
            format!(
                "unexpected characters after the time unit in `{}`",
                value.value
            ),
        )
        .with_help("units are `us`, `ms`, `s`, `m`, `h` and `d`; HAProxy ignores what follows"),
        Err(DurationError::Overflow) => SemanticDiagnostic::error(
            Rule::InvalidValue,
            statement.file,
            value.range,
            format!(
                "`{}` is too large for a timer (at most {MAX_MILLISECONDS} ms, about 24.8 days)",
                value.value
            ),
        ),
    };
    out.push(diagnostic);
}

fn check_mode(statement: &Statement, version: Version, out: &mut Vec<SemanticDiagnostic>) {
    let Some(value) = statement.args().first() else {
        return;
    };
    if value.has_variables {
        return;
    }
    let mut modes = vec!["tcp", "http"];
    if version >= Version::new(3, 0) {
        modes.push("log");
    }
    if version < Version::new(2, 1) {
        modes.push("health");
    }
    if modes.contains(&value.value.as_str()) {
        return;
    }
    let mut diagnostic = SemanticDiagnostic::error(
        Rule::InvalidValue,
        statement.file,
        value.range,
        format!("unknown proxy mode `{}`", value.value),
    )
    .with_help(format!("HAProxy {version} knows `{}`", modes.join("`, `")));
    if let Some(suggestion) = closest(&value.value, modes.iter().copied()) {
        diagnostic = diagnostic.with_help(format!(
            "did you mean `{suggestion}`? HAProxy {version} knows `{}`",
            modes.join("`, `")
        ));
    }
    out.push(diagnostic);
}

fn check_balance(statement: &Statement, keywords: &Keywords, out: &mut Vec<SemanticDiagnostic>) {
    let Some(value) = statement.args().first() else {
        return;
    };
    if value.has_variables {
        return;
    }
    let algorithm = value.value.split('(').next().unwrap_or_default();
    let known = keywords.names(Context::Balance);
    if known.is_empty() || known.contains(&algorithm) {
        return;
    }
    let mut diagnostic = SemanticDiagnostic::error(
        Rule::InvalidValue,
        statement.file,
        value.range,
        format!("unknown load-balancing algorithm `{algorithm}`"),
    );
    if let Some(suggestion) = closest(algorithm, known.iter().copied()) {
        diagnostic = diagnostic.with_help(format!("did you mean `{suggestion}`?"));
    } else {
        diagnostic = diagnostic.with_help(format!(
            "HAProxy {} knows `{}`",
            keywords.version(),
            known.join("`, `")
        ));
    }
    out.push(diagnostic);
}

/// Keywords whose first argument is one of a fixed set of words.
const ENUMS: [(&str, &[&str]); 2] = [
    ("http-reuse", &["never", "safe", "aggressive", "always"]),
    ("hash-type", &["map-based", "consistent"]),
];

fn check_enum(
    statement: &Statement,
    keyword: &str,
    values: &[&str],
    out: &mut Vec<SemanticDiagnostic>,
) {
    let Some(value) = statement.args().first() else {
        return;
    };
    if value.has_variables || values.contains(&value.value.as_str()) {
        return;
    }
    let mut diagnostic = SemanticDiagnostic::error(
        Rule::InvalidValue,
        statement.file,
        value.range,
        format!("`{keyword}` does not accept `{}`", value.value),
    );
    let known = values.join("`, `");
    diagnostic = match closest(&value.value, values.iter().copied()) {
        Some(suggestion) => {
            diagnostic.with_help(format!("did you mean `{suggestion}`? it accepts `{known}`"))
        }
        None => diagnostic.with_help(format!("it accepts `{known}`")),
    };
    out.push(diagnostic);
}

/// The words of a signature that is exactly one choice: `{ on | off }`.
fn documented_choices(args: &str) -> Option<Vec<&str>> {
    let inner = args.strip_prefix('{')?.strip_suffix('}')?;
    let choices: Vec<&str> = inner.split('|').map(str::trim).collect();
    let literal = |choice: &&str| {
        !choice.is_empty()
            && choice
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    };
    (choices.len() > 1 && choices.iter().all(literal)).then_some(choices)
}

/// `stick-table ... size <size>` takes a size with an optional k/m/g unit.
fn check_table_size(statement: &Statement, out: &mut Vec<SemanticDiagnostic>) {
    let args = statement.args();
    let Some(position) = args.iter().position(|word| word.value == "size") else {
        return;
    };
    let Some(value) = args.get(position + 1) else {
        out.push(SemanticDiagnostic::error(
            Rule::MissingArgument,
            statement.file,
            args[position].range,
            "`size` expects a number of entries such as `100k`",
        ));
        return;
    };
    if value.has_variables {
        return;
    }
    if let Err(error) = crate::values::size::parse_size(&value.value) {
        let message = match error {
            crate::values::size::SizeError::BadUnit(_) => "units are `k`, `m` and `g`",
            crate::values::size::SizeError::NotANumber => "it must start with a number",
            crate::values::size::SizeError::Overflow => "it is too large",
        };
        out.push(SemanticDiagnostic::error(
            Rule::InvalidValue,
            statement.file,
            value.range,
            format!("invalid stick-table size `{}`: {message}", value.value),
        ));
    }
}

/// Whether a documented signature starts with a mandatory argument (`<n>`),
/// as opposed to nothing, an optional `[...]` or a choice `{...}`.
fn needs_argument(args: &str) -> bool {
    args.starts_with('<') && !args.contains(" | ") && !args.starts_with("<...>")
}
