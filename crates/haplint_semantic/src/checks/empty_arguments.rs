//! Empty words (`''`, `""`, `"$EMPTY"`, `"${X-}"`, an unset variable in
//! 2.6 and 3.3+): every keyword parser stops at the first one, so what
//! follows is ignored. Measured on the binaries of each version:
//!
//! - before 3.2 the rest of the line is dropped silently (haplint warns
//!   when words are lost);
//! - 3.2 warns ("argument number N at position P is empty and marks the
//!   end of the argument list");
//! - 3.3 and later refuse the configuration and skip the line, which the
//!   model has already set aside (`Model::skipped`).

use haplint_keywords::Version;

use crate::diagnostic::{Rule, SemanticDiagnostic};
use crate::model::{EmptyArgument, Model, Statement};

pub fn check(model: &Model, version: Version, out: &mut Vec<SemanticDiagnostic>) {
    let statements = model
        .sections
        .iter()
        .flat_map(|section| &section.statements)
        .chain(&model.orphans)
        .chain(&model.skipped);
    for statement in statements {
        if let Some(empty) = statement.empty_argument {
            out.extend(diagnostic(statement, empty, version));
        }
    }
}

fn diagnostic(
    statement: &Statement,
    empty: EmptyArgument,
    version: Version,
) -> Option<SemanticDiagnostic> {
    let EmptyArgument {
        index,
        range,
        from_environment,
        words_after,
    } = empty;
    let origin = if from_environment {
        "with this environment, "
    } else {
        ""
    };
    let help = if from_environment {
        "use `\"${VAR[*]}\"`, which makes no word at all when the variable is empty or unset, or give the variable a value"
    } else {
        "remove the empty word, or write the value it stands for"
    };
    // Numbered as HAProxy numbers them: the keyword is argument 0.
    let diagnostic = if version >= Version::new(3, 3) {
        SemanticDiagnostic::error(
            Rule::InvalidValue,
            statement.file,
            range,
            format!(
                "{origin}argument {index} is empty: HAProxy {}.{} refuses empty arguments and skips the line",
                version.major, version.minor
            ),
        )
    } else if version >= Version::new(3, 2) {
        SemanticDiagnostic::warning(
            Rule::InvalidValue,
            statement.file,
            range,
            format!(
                "{origin}argument {index} is empty: HAProxy ends the line there and ignores the words after it"
            ),
        )
    } else if words_after > 0 {
        // Older versions drop the rest of the line without a word.
        let lost = if words_after == 1 {
            "the word".to_string()
        } else {
            format!("the {words_after} words")
        };
        SemanticDiagnostic::warning(
            Rule::InvalidValue,
            statement.file,
            range,
            format!(
                "{origin}argument {index} is empty: HAProxy ends the line there and silently ignores {lost} after it"
            ),
        )
    } else {
        return None;
    };
    Some(diagnostic.with_help(help))
}
