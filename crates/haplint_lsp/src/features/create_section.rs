//! "Create userlist `X`" (and resolvers, cache, mailers, http-errors,
//! ring): on a reference to a section that is not defined, a new section
//! of that name with the smallest body HAProxy 2.6 to 3.2 accept without
//! a warning of its own (checked with those versions), after the last
//! section of its kind or at the end of the file. Peers and fcgi-app
//! sections are left out: a peers section needs this machine's host name,
//! and an `fcgi-app` is of no use without the servers a person names.

use haplint_keywords::SectionKind;
use haplint_linter::Diagnostic;
use haplint_semantic::Section;
use lsp_types::CodeAction;

use super::code_action::extra_quick_fix;
use super::create_backend::{indentation, is_plain_name, newline_of, section_edit};
use crate::snapshot::Snapshot;

/// A kind of section the action creates: the word the finding names it
/// by, its kind, its body lines (unindented), and what the title asks the
/// author to review.
struct Creatable {
    what: &'static str,
    kind: SectionKind,
    body: &'static [&'static str],
    review: Option<&'static str>,
}

const CREATABLE: [Creatable; 6] = [
    // An empty userlist is valid: `http_auth` then lets nobody in.
    Creatable {
        what: "userlist",
        kind: SectionKind::Userlist,
        body: &[],
        review: Some("add its users"),
    },
    // The name servers of the machine, read when HAProxy starts.
    Creatable {
        what: "resolvers",
        kind: SectionKind::Resolvers,
        body: &["parse-resolv-conf"],
        review: None,
    },
    // HAProxy refuses a cache without a size ("Size not specified").
    Creatable {
        what: "cache",
        kind: SectionKind::Cache,
        body: &["total-max-size 4"],
        review: Some("review its size, in megabytes"),
    },
    Creatable {
        what: "mailers",
        kind: SectionKind::Mailers,
        body: &[],
        review: Some("add its mail servers"),
    },
    Creatable {
        what: "http-errors",
        kind: SectionKind::HttpErrors,
        body: &[],
        review: Some("add its error files"),
    },
    // HAProxy's default ring size applies.
    Creatable {
        what: "ring",
        kind: SectionKind::Ring,
        body: &[],
        review: None,
    },
];

pub fn create_section_action(snapshot: &Snapshot, diagnostic: &Diagnostic) -> Option<CodeAction> {
    if diagnostic.rule != "undefined-reference" || diagnostic.span.file != snapshot.file {
        return None;
    }
    // "<what> `<name>` is not defined"
    let (what, rest) = diagnostic.message.split_once(" `")?;
    let name = rest.strip_suffix("` is not defined")?;
    let creatable = CREATABLE.iter().find(|creatable| creatable.what == what)?;
    let name = if creatable.kind == SectionKind::Ring {
        name.strip_prefix("ring@")?
    } else {
        name
    };
    if !is_plain_name(name) {
        return None;
    }
    let text = snapshot.text();
    let model = &snapshot.analyzed().analysis.model;
    let same_kind: Vec<&Section> = model
        .sections_of(creatable.kind)
        .filter(|section| section.file == snapshot.file)
        .collect();
    let newline = newline_of(text);
    // The indentation the file's sections use, from the first statement.
    let indent = model
        .sections
        .iter()
        .filter(|section| section.file == snapshot.file)
        .find_map(|section| section.statements.first())
        .map_or_else(
            || "    ".to_owned(),
            |first| indentation(text, first.range.start().into()),
        );
    let mut section = format!("{} {name}{newline}", creatable.kind.name());
    for line in creatable.body {
        section.push_str(&indent);
        section.push_str(line);
        section.push_str(newline);
    }
    let title = match creatable.review {
        Some(review) => format!("Create {what} `{name}` ({review})"),
        None => format!("Create {what} `{name}`"),
    };
    Some(extra_quick_fix(
        snapshot,
        diagnostic,
        title,
        vec![section_edit(snapshot, same_kind.last().copied(), section)],
    ))
}
