//! `nbthread` in `global`: HAProxy refuses a count outside `1..MAX_THREADS`,
//! and before 3.2 more threads than `thread-groups` can hold.

use haplint_keywords::Version;

use crate::diagnostic::{Rule, SemanticDiagnostic};
use crate::model::{Section, Statement};

/// The most threads the packaged builds of each line accept (`MAX_THREADS`,
/// a build setting), as HAProxy 2.6.12, 2.8.25, 3.0.11, 3.2.26 and 3.4.7
/// report it: "value must be between 1 and N".
fn max_threads(version: Version) -> i128 {
    if version < Version::new(2, 7) {
        64
    } else if version < Version::new(3, 2) {
        256
    } else {
        1024
    }
}

/// Threads in one thread group (`LONGBITS` on a 64-bit build).
const THREADS_PER_GROUP: i128 = 64;

/// `after_other_sections`: a section other than `global` came before this
/// one, in which case 2.7 and later refuse thread settings in it.
pub fn check(
    section: &Section,
    version: Version,
    after_other_sections: bool,
    out: &mut Vec<SemanticDiagnostic>,
) {
    let mut groups = None;
    let mut threads = None;
    for statement in &section.statements {
        if statement.prefix.is_some() {
            continue;
        }
        if after_other_sections
            && version >= Version::new(2, 7)
            && matches!(
                statement.head(),
                "nbthread" | "thread-group" | "thread-groups"
            )
        {
            out.push(
                SemanticDiagnostic::error(
                    Rule::KeywordWrongSection,
                    statement.file,
                    statement.keyword_range(),
                    format!(
                        "`{}` must be in the first `global` section, before any other section: HAProxy {version} refuses it here",
                        statement.head()
                    ),
                )
                .with_help("move it to the `global` section at the top of the configuration"),
            );
            continue;
        }
        match statement.head() {
            "nbthread" => threads = check_nbthread(statement, version, out).map(|n| (n, statement)),
            "thread-groups" => {
                groups = statement
                    .args()
                    .first()
                    .filter(|word| !word.has_variables)
                    .and_then(|word| integer(&word.value));
            }
            _ => {}
        }
    }
    // From 2.7 to 3.1, threads beyond one group's worth need `thread-groups`;
    // 3.2 creates the groups itself.
    let Some((threads, statement)) = threads else {
        return;
    };
    if version < Version::new(2, 7) || version >= Version::new(3, 2) {
        return;
    }
    let groups = groups.unwrap_or(1).max(1);
    if threads > groups * THREADS_PER_GROUP {
        out.push(
            SemanticDiagnostic::error(
                Rule::InvalidValue,
                statement.file,
                statement.args().first().map_or(statement.keyword_range(), |word| word.range),
                format!(
                    "{threads} threads do not fit in {groups} thread group{} of {THREADS_PER_GROUP}: HAProxy {version} refuses to start",
                    if groups == 1 { "" } else { "s" }
                ),
            )
            .with_help(format!(
                "add `thread-groups {}` to `global`, or lower `nbthread`",
                (threads + THREADS_PER_GROUP - 1) / THREADS_PER_GROUP
            )),
        );
    }
}

/// The thread count, when it is one HAProxy accepts.
fn check_nbthread(
    statement: &Statement,
    version: Version,
    out: &mut Vec<SemanticDiagnostic>,
) -> Option<i128> {
    let word = statement.args().first()?;
    if word.has_variables {
        return None;
    }
    let max = max_threads(version);
    let problem = match integer(&word.value) {
        None => format!("`nbthread` needs a whole number, not `{}`", word.value),
        Some(count) if !(1..=max).contains(&count) => format!(
            "`nbthread` must be between 1 and {max} in HAProxy {version} (was {})",
            word.value
        ),
        Some(count) => return Some(count),
    };
    out.push(SemanticDiagnostic::error(
        Rule::InvalidValue,
        statement.file,
        word.range,
        problem,
    ));
    None
}

/// A number as C's `strtol` reads a whole word (sign allowed); a value too
/// long for any count is `i128::MAX`, which every range check refuses.
fn integer(text: &str) -> Option<i128> {
    let trimmed = text.trim_start();
    let digits = trimmed.strip_prefix(['+', '-']).unwrap_or(trimmed);
    if digits.is_empty() || !digits.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    Some(trimmed.parse::<i128>().unwrap_or(i128::MAX))
}
