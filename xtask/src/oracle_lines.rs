//! `xtask oracle-lines DIR`: compares haplint with HAProxy 2.6 on the oracle
//! cases, using the expected lines kept in `xtask/oracle-2.6-lines.tsv`.
//!
//! Every line HAProxy reports must get a haplint diagnostic on the same line
//! (an error when HAProxy refused the file), unless the table marks it as a
//! known gap; cases HAProxy accepts cleanly must get no error.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

use haplint_linter::Severity;
use haplint_semantic::Version;

use crate::oracle::Findings;

const TABLE: &str = include_str!("../oracle-2.6-lines.tsv");

/// What haplint reports on one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Found {
    Warning,
    Error,
}

struct Expectation<'a> {
    line: Option<usize>,
    level: &'a str,
    haproxy_exit: &'a str,
    note: Option<&'a str>,
}

pub fn run(args: &[String]) -> ExitCode {
    let Some(dir) = args.first() else {
        eprintln!("usage: cargo run -p xtask -- oracle-lines DIR");
        return ExitCode::from(2);
    };
    let mut cases: BTreeMap<&str, Vec<Expectation>> = BTreeMap::new();
    for row in TABLE
        .lines()
        .filter(|row| !row.starts_with('#') && !row.is_empty())
    {
        let fields: Vec<&str> = row.split('\t').collect();
        let [case, line, level, haproxy_exit, rest @ ..] = fields.as_slice() else {
            continue;
        };
        cases.entry(case).or_default().push(Expectation {
            line: line.parse().ok(),
            level,
            haproxy_exit,
            note: rest.first().copied(),
        });
    }
    let mut checked = 0;
    let mut matched = 0;
    let mut gaps = 0;
    let mut failures = Vec::new();
    for (case, expectations) in &cases {
        let path = Path::new(dir).join(case);
        let found = match lines_reported(&path) {
            Ok(found) => found,
            Err(error) => {
                failures.push(format!("{case}: {error}"));
                continue;
            }
        };
        for expectation in expectations {
            match expectation.line {
                None => {
                    if let Some((line, _)) = found.iter().find(|(_, found)| **found == Found::Error)
                    {
                        failures.push(format!(
                            "{case}: HAProxy accepts it, haplint reports an error on line {line}"
                        ));
                    }
                }
                Some(line) => {
                    checked += 1;
                    let needs_error =
                        expectation.level == "alert" && expectation.haproxy_exit == "1";
                    let ok = match (found.get(&line), expectation.note) {
                        (_, Some("gap")) => {
                            gaps += 1;
                            continue;
                        }
                        (Some(Found::Error), _) => true,
                        (Some(Found::Warning), note) => !needs_error || note == Some("env"),
                        (None, _) => false,
                    };
                    if ok {
                        matched += 1;
                    } else {
                        let wanted = if needs_error {
                            "an error"
                        } else {
                            "a diagnostic"
                        };
                        failures.push(format!(
                            "{case}:{line}: HAProxy reports an {}, haplint gives no {wanted}",
                            expectation.level
                        ));
                    }
                }
            }
        }
    }
    for failure in &failures {
        eprintln!("{failure}");
    }
    println!(
        "oracle-lines: {} cases, {checked} HAProxy lines, {matched} matched, {gaps} known gaps, {} failures",
        cases.len(),
        failures.len()
    );
    if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The 1-based lines where haplint (the whole linter, as `haplint check`
/// runs it) reports something, with the worst severity.
fn lines_reported(path: &Path) -> Result<BTreeMap<usize, Found>, String> {
    let findings = Findings::lint(
        &[path.to_path_buf()],
        Version::new(2, 6),
        &crate::oracle::environment(path),
    )?;
    let name = path.to_string_lossy();
    Ok(findings
        .lines_of(&name)
        .map(|(line, severity)| {
            let found = if severity == Severity::Error {
                Found::Error
            } else {
                Found::Warning
            };
            (line, found)
        })
        .collect())
}
