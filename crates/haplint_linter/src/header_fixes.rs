//! `listen NAME ADDRESS` and `frontend NAME ADDRESS`: the address on the
//! header line is the syntax of HAProxy 1.x, which today's HAProxy
//! refuses, and with it every line of the section. The fix writes the
//! address as a `bind` line, what the header meant, and is attached to
//! the header's finding and to each line refused because of it.

use haplint_keywords::SectionKind;
use haplint_semantic::Section;

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Edit, Fix, Span};
use crate::rule::{FixAvailability, fix_with};
use crate::rules::edit::{indentation_at, insert_after};

/// Adds the fix to `invalid-name` on a header address and to the
/// `keyword-out-of-section` findings it causes.
pub fn attach(
    context: &LintContext<'_>,
    diagnostics: &mut [Diagnostic],
    availability: impl Fn(&str) -> FixAvailability,
) {
    let model = context.model();
    for diagnostic in diagnostics.iter_mut() {
        if diagnostic.fix.is_some() {
            continue;
        }
        let section = match diagnostic.rule {
            "invalid-name" if diagnostic.message.starts_with("listening addresses on the") => model
                .sections
                .iter()
                .find(|section| header_address_span(section) == Some(diagnostic.span)),
            "keyword-out-of-section" if diagnostic.message.ends_with("header above is invalid") => {
                diagnostic.labels.first().and_then(|label| {
                    model.sections.iter().find(|section| {
                        section.file == label.span.file
                            && usize::from(section.header_range.start()) == label.span.start
                            && usize::from(section.header_range.end()) == label.span.end
                    })
                })
            }
            _ => continue,
        };
        if let Some(fix) = section
            .and_then(|section| address_to_bind(context, section, availability(diagnostic.rule)))
        {
            diagnostic.fix = Some(fix);
        }
    }
}

/// Where the header's extra words are, as the finding reports them.
fn header_address_span(section: &Section) -> Option<Span> {
    let first = section.extra_header_words.first()?;
    let last = section.extra_header_words.last()?;
    Some(Span::new(section.file, first.range.cover(last.range)))
}

/// The header without its address, and `bind ADDRESS` as the section's
/// first line. Only for a `listen` or `frontend` with a name and one
/// address word (HAProxy 1.x took one, commas separating addresses, as
/// `bind` still does), without `from`.
fn address_to_bind(
    context: &LintContext<'_>,
    section: &Section,
    availability: FixAvailability,
) -> Option<Fix> {
    if !matches!(section.kind, SectionKind::Listen | SectionKind::Frontend)
        || section.from.is_some()
        || section.extra_header_words.len() != 1
    {
        return None;
    }
    let name = section.name.as_ref()?;
    let address = section.extra_header_words.first()?;
    let text = context.text(section.file);
    let written = text.get(usize::from(address.range.start())..usize::from(address.range.end()))?;
    let indent = section.statements.first().map_or_else(
        || "    ".to_owned(),
        |first| indentation_at(text, usize::from(first.range.start())),
    );
    Some(fix_with(
        availability,
        format!("Move `{written}` to a `bind` line"),
        vec![
            Edit {
                span: Span {
                    file: section.file,
                    start: usize::from(name.range.end()),
                    end: usize::from(address.range.end()),
                },
                content: String::new(),
            },
            insert_after(
                context,
                section.file,
                usize::from(section.header_range.end()),
                &[format!("{indent}bind {written}")],
            ),
        ],
    ))
}
