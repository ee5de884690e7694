//! Empty words made by the environment (`"$EMPTY"`, `"${X-}"`, an unset
//! variable in 2.6 and 3.3+): every keyword parser stops at the first one,
//! so what follows is ignored. HAProxy 3.2 warns about it; 3.3 and later
//! refuse the configuration ("argument number N at position P is empty and
//! marks the end of the argument list").

use haplint_keywords::Version;

use crate::diagnostic::{Rule, SemanticDiagnostic};
use crate::model::Model;

pub fn check(model: &Model, version: Version, out: &mut Vec<SemanticDiagnostic>) {
    let statements = model
        .sections
        .iter()
        .flat_map(|section| &section.statements)
        .chain(&model.orphans);
    for statement in statements {
        let Some((index, range)) = statement.empty_argument else {
            continue;
        };
        // Numbered as HAProxy numbers them: the keyword is argument 0.
        let message = format!(
            "with this environment, argument {index} is empty: HAProxy ends the line there and ignores the words after it"
        );
        let help = "use `\"${VAR[*]}\"`, which makes no word at all when the variable is empty or unset, or give the variable a value";
        let diagnostic = if version >= Version::new(3, 3) {
            SemanticDiagnostic::error(Rule::InvalidValue, statement.file, range, message)
        } else if version >= Version::new(3, 2) {
            SemanticDiagnostic::warning(Rule::InvalidValue, statement.file, range, message)
        } else {
            // Older versions drop the rest of the line silently; the words
            // it loses may still be worth a note from other checks.
            continue;
        };
        out.push(diagnostic.with_help(help));
    }
}
