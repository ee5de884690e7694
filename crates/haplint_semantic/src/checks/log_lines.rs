//! `log` lines: `log <target> [len <n>] [format <f>] [sample <r:n>]
//! [profile <p>] <facility> [<level> [<minlevel>]]`, or `log global`.

use haplint_keywords::Version;

use crate::diagnostic::{Rule, SemanticDiagnostic};
use crate::model::{Model, Statement, Word};
use crate::suggest::closest;

const FACILITIES: [&str; 24] = [
    "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "auth2",
    "ftp", "ntp", "audit", "alert", "cron2", "local0", "local1", "local2", "local3", "local4",
    "local5", "local6", "local7",
];
const LEVELS: [&str; 8] = [
    "emerg", "alert", "crit", "err", "warning", "notice", "info", "debug",
];
/// Options between the target and the facility, each with one value.
const OPTIONS: [&str; 4] = ["len", "format", "sample", "profile"];

/// Log options and targets with the first version that knows them.
const OPTIONS_SINCE: [(&str, Version); 1] = [("profile", Version::new(3, 1))];
const TARGETS_SINCE: [(&str, Version); 1] = [("backend@", Version::new(3, 0))];

/// Every `log` line, for the target version.
pub fn check(model: &Model, version: Version, out: &mut Vec<SemanticDiagnostic>) {
    for section in &model.sections {
        for statement in section.statements_of("log") {
            if statement.prefix.is_none() {
                check_line(statement, version, out);
            }
        }
    }
}

fn is_option(word: &str, version: Version) -> bool {
    OPTIONS.contains(&word)
        && OPTIONS_SINCE
            .iter()
            .all(|(option, since)| *option != word || *since <= version)
}

fn check_line(statement: &Statement, version: Version, out: &mut Vec<SemanticDiagnostic>) {
    let args = statement.args();
    let Some(target) = args.first() else { return };
    if target.value == "global" || args.iter().any(|word| word.has_variables) {
        return;
    }
    if let Some((prefix, since)) = TARGETS_SINCE
        .iter()
        .find(|(prefix, since)| target.value.starts_with(prefix) && version < *since)
    {
        out.push(SemanticDiagnostic::error(
            Rule::InvalidValue,
            statement.file,
            target.sub_range(0, prefix.len()),
            format!(
                "log target `{prefix}` needs HAProxy {since} or later (the target is {version})"
            ),
        ));
        return;
    }
    // A plain `host:port` target: HAProxy parses it like a server address.
    if !target.value.contains('@')
        && !target.value.starts_with('/')
        && !matches!(target.value.as_str(), "stdout" | "stderr")
        && let Err(problem) = crate::values::address::check(
            &target.value,
            crate::values::address::Usage::Server,
            version,
        )
    {
        out.push(SemanticDiagnostic::error(
            Rule::InvalidValue,
            statement.file,
            target.sub_range(problem.start, problem.end),
            format!(
                "invalid `log` address `{}`: {}",
                target.value, problem.message
            ),
        ));
        return;
    }
    let mut index = 1;
    while args
        .get(index)
        .is_some_and(|word| is_option(&word.value, version))
    {
        index += 2;
    }
    let Some(facility) = args.get(index) else {
        out.push(SemanticDiagnostic::error(
            Rule::MissingArgument,
            statement.file,
            target.range,
            "`log` needs a facility after the target (for example `local0`)",
        ));
        return;
    };
    if !FACILITIES.contains(&facility.value.as_str()) {
        let mut diagnostic = unknown(statement, facility, "log facility", &FACILITIES);
        if let Some((option, since)) = OPTIONS_SINCE
            .iter()
            .find(|(option, _)| *option == facility.value)
        {
            diagnostic = diagnostic.with_help(format!(
                "the `{option}` option of `log` needs HAProxy {since} or later: before, it is read as the facility"
            ));
        }
        out.push(diagnostic);
        return;
    }
    for level in args.iter().skip(index + 1).take(2) {
        if !LEVELS.contains(&level.value.as_str()) {
            out.push(unknown(statement, level, "log level", &LEVELS));
            return;
        }
    }
}

fn unknown(statement: &Statement, word: &Word, what: &str, known: &[&str]) -> SemanticDiagnostic {
    let diagnostic = SemanticDiagnostic::error(
        Rule::InvalidValue,
        statement.file,
        word.range,
        format!("unknown {what} `{}`", word.value),
    );
    match closest(&word.value, known.iter().copied()) {
        Some(suggestion) => diagnostic.with_help(format!("did you mean `{suggestion}`?")),
        None => diagnostic.with_help(format!("known values: `{}`", known.join("`, `"))),
    }
}
