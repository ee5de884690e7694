//! A frontend and a backend of the same name: HAProxy 3.3 and later refuse
//! it ("Please rename one or the other"). The fix renames the backend to
//! `<name>-backend` and every `default_backend`/`use_backend` naming it,
//! when those are the only places the name appears. Unsafe: statistics,
//! logs and the runtime API show the new name.

use haplint_keywords::SectionKind;
use haplint_semantic::{Section, Word};

use crate::context::LintContext;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity, Span};

/// Whether `diagnostic` is the refusal of a frontend and a backend sharing
/// a name, which an upgrade to the version that refuses it must resolve.
pub fn is_shared_name_refusal(diagnostic: &Diagnostic) -> bool {
    diagnostic.rule == "duplicate-name"
        && diagnostic.severity == Severity::Error
        && diagnostic.message.contains("share a name")
}

pub fn attach(context: &LintContext<'_>, diagnostics: &mut [Diagnostic]) {
    for diagnostic in diagnostics
        .iter_mut()
        .filter(|diagnostic| is_shared_name_refusal(diagnostic) && diagnostic.fix.is_none())
    {
        diagnostic.fix = rename_backend(context, diagnostic);
    }
}

fn rename_backend(context: &LintContext<'_>, diagnostic: &Diagnostic) -> Option<Fix> {
    let sections = &context.model().sections;
    let named = sections.iter().find(|section| {
        section.file == diagnostic.span.file
            && section
                .name
                .as_ref()
                .is_some_and(|name| usize::from(name.range.start()) == diagnostic.span.start)
    })?;
    let name = named.name_text()?;
    let pair: Vec<&Section> = sections
        .iter()
        .filter(|section| section.is_proxy() && section.name_text() == Some(name))
        .collect();
    // Exactly one pure frontend and one pure backend: a `listen` is both.
    let [first, second] = pair.as_slice() else {
        return None;
    };
    let backend = [first, second]
        .into_iter()
        .find(|section| section.kind == SectionKind::Backend)?;
    if ![first, second]
        .iter()
        .any(|section| section.kind == SectionKind::Frontend)
    {
        return None;
    }
    let new_name = free_name(sections, name)?;
    let backend_name = backend.name.as_ref()?;
    let mut edits = vec![rename(backend.file, backend_name, &new_name)];
    for section in sections {
        for word in section.from.iter().chain(&section.extra_header_words) {
            if mentions(&word.value, name) {
                return None;
            }
        }
        for statement in &section.statements {
            let body = statement.body();
            for (index, word) in body.iter().enumerate() {
                if !mentions(&word.value, name) {
                    continue;
                }
                let head = body.first().map_or("", |head| head.value.as_str());
                // Only a plain reference is known to name the backend;
                // `table`, `nbsrv(...)`, `be/srv` and the rest may mean
                // either proxy: left to the author.
                if index == 1
                    && word.value == name
                    && matches!(head, "default_backend" | "use_backend")
                    && statement.prefix.is_none()
                {
                    edits.push(rename(statement.file, word, &new_name));
                } else {
                    return None;
                }
            }
        }
    }
    let references = edits.len() - 1;
    Some(Fix {
        title: format!(
            "Rename backend `{name}` to `{new_name}` and the {references} `default_backend`/`use_backend` naming it (statistics and logs show the new name)"
        ),
        applicability: Applicability::Unsafe,
        edits,
    })
}

fn rename(file: haplint_semantic::FileId, word: &Word, new_name: &str) -> Edit {
    Edit {
        span: Span {
            file,
            start: usize::from(word.range.start()),
            end: usize::from(word.range.end()),
        },
        content: new_name.to_owned(),
    }
}

/// Whether `name` appears in `text` as a whole name: not inside a longer
/// one (`api` in `api-v2` or `www.api.example`).
fn mentions(text: &str, name: &str) -> bool {
    let is_name_byte =
        |byte: u8| byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b':');
    text.match_indices(name).any(|(at, _)| {
        let before = text.as_bytes().get(at.wrapping_sub(1)).copied();
        let after = text.as_bytes().get(at + name.len()).copied();
        (at == 0 || !before.is_some_and(is_name_byte)) && !after.is_some_and(is_name_byte)
    })
}

/// `<name>-backend`, or with a number when that is taken too.
fn free_name(sections: &[Section], name: &str) -> Option<String> {
    let taken = |candidate: &str| {
        sections
            .iter()
            .any(|section| section.name_text() == Some(candidate))
    };
    std::iter::once(format!("{name}-backend"))
        .chain((2..100).map(|number| format!("{name}-backend-{number}")))
        .find(|candidate| !taken(candidate))
}

#[cfg(test)]
mod tests {
    use super::mentions;

    #[test]
    fn a_name_is_mentioned_only_as_a_whole() {
        assert!(mentions("api", "api"));
        assert!(mentions("nbsrv(api)", "api"));
        assert!(mentions("api/srv1", "api"));
        assert!(!mentions("api-v2", "api"));
        assert!(!mentions("k8s-ingress-https", "k8s-ingress-http"));
        assert!(!mentions("www.api.example", "api"));
    }
}
