//! Where the runtime rules put their findings in the configuration.

use haplint_semantic::{Section, Statement};
use haplint_syntax::TextRange;

use crate::context::LintContext;
use crate::diagnostic::Span;

/// The proxy section named `name` that has a backend side.
pub fn backend<'a>(context: &LintContext<'a>, name: &str) -> Option<&'a Section> {
    context
        .model()
        .proxies()
        .find(|section| section.has_backend_side() && section.name_text() == Some(name))
}

/// The `server NAME` line of a backend.
pub fn server<'a>(section: &'a Section, name: &str) -> Option<&'a Statement> {
    section.statements.iter().find(|statement| {
        statement.head() == "server"
            && statement
                .args()
                .first()
                .is_some_and(|word| word.value == name)
    })
}

/// The start of the first file: for what has no line of its own.
pub fn start_of_set(context: &LintContext<'_>) -> Option<Span> {
    let document = context.set.documents.first()?;
    // The first section header, else the first byte.
    let range = context
        .model()
        .sections
        .iter()
        .find(|section| section.file == document.id)
        .map_or(TextRange::empty(0.into()), |section| section.keyword_range);
    Some(Span::new(document.id, range))
}
