//! `log` lines: `log <target> [len <n>] [format <f>] [sample <r:n>]
//! [profile <p>] <facility> [<level> [<minlevel>]]`, or `log global`.

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

pub fn check(model: &Model, out: &mut Vec<SemanticDiagnostic>) {
    for section in &model.sections {
        for statement in section.statements_of("log") {
            if statement.prefix.is_none() {
                check_line(statement, out);
            }
        }
    }
}

fn check_line(statement: &Statement, out: &mut Vec<SemanticDiagnostic>) {
    let args = statement.args();
    let Some(target) = args.first() else { return };
    if target.value == "global" || args.iter().any(|word| word.has_variables) {
        return;
    }
    let mut index = 1;
    while args
        .get(index)
        .is_some_and(|word| OPTIONS.contains(&word.value.as_str()))
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
        out.push(unknown(statement, facility, "log facility", &FACILITIES));
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
