//! `.notice`, `.warning`, `.alert` and `.diag` take one word. With a known
//! environment, `"${LIST[*]}"` in the message may make several, which
//! HAProxy refuses: "Unexpected argument 'b' for '.notice'. Use quotes if
//! the message should contain spaces." (Without one, the syntax layer
//! only warns that it may happen.)

use haplint_syntax::TextRange;
use haplint_syntax::ast::{AstNode, Line, MessageLine};

use crate::build::Expansion;
use crate::conditions::is_skipped;
use crate::diagnostic::{Rule, SemanticDiagnostic};
use crate::document::ConfigSet;
use crate::expand::expand_words;

pub fn check(
    set: &ConfigSet,
    inactive: &[Vec<TextRange>],
    expansion: Expansion<'_>,
    out: &mut Vec<SemanticDiagnostic>,
) {
    let Some(environment) = expansion.environment else {
        return;
    };
    for document in &set.documents {
        let skipped = inactive
            .get(document.id.0 as usize)
            .map_or(&[][..], Vec::as_slice);
        for line in document.parse.tree().lines() {
            let Line::Message(message) = line else {
                continue;
            };
            if is_skipped(skipped, message.syntax().text_range()) || !has_word_expansion(&message) {
                continue;
            }
            let words = expand_words(message.words(), environment, expansion.dialect);
            // An empty third word ends the line for HAProxy: no complaint.
            let (Some(keyword), Some(extra)) = (
                words.first(),
                words.get(2).filter(|word| !word.value.is_empty()),
            ) else {
                continue;
            };
            out.push(
                SemanticDiagnostic::error(
                    Rule::InvalidValue,
                    document.id,
                    extra.range,
                    format!(
                        "with this environment the message is several words: HAProxy refuses the unexpected argument `{}` of `{}`",
                        extra.value, keyword.value
                    ),
                )
                .with_help("drop `[*]` to insert the value as a single word"),
            );
        }
    }
}

fn has_word_expansion(message: &MessageLine) -> bool {
    message
        .words()
        .flat_map(|word| word.variables().collect::<Vec<_>>())
        .any(|token| {
            haplint_syntax::ast::variable_of(&token).is_some_and(|parts| parts.word_expansion)
        })
}
