//! With an environment given, some words of the model hold the values of
//! variables, not the text of the file. A fix computed from such a value
//! would write the value of one deployment into the configuration in place
//! of its `"${VAR}"`, so fixes that touch those words are withheld; the
//! finding stays.

use haplint_semantic::{Analysis, FileId, Word};

use crate::diagnostic::Diagnostic;

pub(crate) fn withhold_fixes_on_expanded_words(
    analysis: &Analysis,
    diagnostics: &mut [Diagnostic],
) {
    let model = &analysis.model;
    let statement_words =
        model
            .sections
            .iter()
            .flat_map(|section| {
                let header = section
                    .name
                    .iter()
                    .chain(&section.from)
                    .chain(&section.extra_header_words)
                    .map(move |word| (section.file, word));
                let body = section.statements.iter().flat_map(|statement| {
                    statement.words.iter().map(|word| (statement.file, word))
                });
                header.chain(body)
            })
            .chain(
                model.orphans.iter().flat_map(|statement| {
                    statement.words.iter().map(|word| (statement.file, word))
                }),
            );
    let expanded: Vec<(FileId, usize, usize)> = statement_words
        .filter(|(_, word)| word.from_environment)
        .map(|(file, word): (FileId, &Word)| {
            (
                file,
                usize::from(word.range.start()),
                usize::from(word.range.end()),
            )
        })
        .collect();
    if expanded.is_empty() {
        return;
    }
    for diagnostic in diagnostics {
        let touches = diagnostic.fix.as_ref().is_some_and(|fix| {
            fix.edits.iter().any(|edit| {
                expanded.iter().any(|(file, start, end)| {
                    edit.span.file == *file && edit.span.start <= *end && *start <= edit.span.end
                })
            })
        });
        if touches {
            diagnostic.fix = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use haplint_semantic::{ConfigSet, Environment};

    use crate::{LintOptions, lint};

    #[test]
    fn no_fix_writes_a_value_over_its_variable() {
        let text = "defaults\n    mode http\n    timeout client \"${T}\"\n    timeout server 30\n    timeout connect 5s\n";
        let set = ConfigSet::single(Path::new("t.cfg"), text.as_bytes());
        let options = LintOptions {
            environment: Some([("T", "30")].into_iter().collect::<Environment>()),
            ..LintOptions::default()
        };
        let found: Vec<(usize, bool)> = lint(&set, &options)
            .into_iter()
            .filter(|diagnostic| diagnostic.rule == "timeout-without-unit")
            .map(|diagnostic| (diagnostic.span.start, diagnostic.fix.is_some()))
            .collect();
        let variable = text.find("\"${T}\"").unwrap_or_default();
        let literal = text.find("30\n").unwrap_or_default();
        assert_eq!(found, vec![(variable, false), (literal, true)]);
    }
}
