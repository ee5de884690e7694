//! Hover: what a keyword is (signature, where it is allowed, its versions,
//! our description, the manual's page for the target version), where a
//! name is defined, and the effective mode or timeout of a proxy with the
//! section it comes from.

use std::fmt::Write as _;
use std::ops::Bound;

use haplint_keywords::{Context, Entry, Keywords, Version, first_version, history, removed_after};
use haplint_semantic::{Model, Section, Statement};
use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

use crate::features::cursor::section_at;
use crate::features::descriptions::describe;
use crate::features::index::{at, same_symbol};
use crate::snapshot::{Analyzed, Snapshot};

pub fn hover(snapshot: &Snapshot, position: Position) -> Option<Hover> {
    let offset = snapshot.offset(position);
    let text = name_hover(snapshot, offset).or_else(|| keyword_hover(snapshot, offset))?;
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range: None,
    })
}

fn contains(range: haplint_syntax::TextRange, offset: usize) -> bool {
    usize::from(range.start()) <= offset && offset <= usize::from(range.end())
}

/// The first line of `range` in `file`, trimmed, for a code block.
fn line_text(
    snapshot: &Snapshot,
    file: haplint_semantic::FileId,
    range: haplint_syntax::TextRange,
) -> String {
    let text = snapshot.text_of(file);
    let start = usize::from(range.start()).min(text.len());
    let end = usize::from(range.end()).min(text.len());
    text.get(start..end)
        .unwrap_or("")
        .lines()
        .next()
        .unwrap_or("")
        .trim()
        .to_owned()
}

/// A backend, ACL, server or other name: its definition.
fn name_hover(snapshot: &Snapshot, offset: usize) -> Option<String> {
    let occurrences = snapshot.occurrences();
    let target = at(occurrences, snapshot.file, offset)?;
    let mut out = String::new();
    let definitions: Vec<_> = same_symbol(occurrences, target)
        .filter(|occurrence| occurrence.definition)
        .collect();
    let uses = same_symbol(occurrences, target)
        .filter(|occurrence| !occurrence.definition)
        .count();
    let _ = writeln!(out, "{} `{}`\n", target.namespace.describe(), target.name);
    if definitions.is_empty() {
        out.push_str("not defined in this configuration\n");
    }
    for definition in &definitions {
        let line = snapshot
            .position_in(definition.file, definition.line.start().into())
            .line
            + 1;
        let _ = writeln!(
            out,
            "```haproxy\n{}\n```\ndefined on line {line}\n",
            line_text(snapshot, definition.file, definition.line)
        );
    }
    let _ = write!(out, "used {uses} time{}", if uses == 1 { "" } else { "s" });
    Some(out)
}

/// The keyword (or option of `bind`/`server`) under the cursor.
fn keyword_hover(snapshot: &Snapshot, offset: usize) -> Option<String> {
    let (index, section) = section_at(snapshot, offset)?;
    let target = snapshot.applied.options.target;
    let analyzed = snapshot.analyzed();
    if contains(section.keyword_range, offset) {
        let entry = Keywords::for_version(target).get(Context::Section, section.kind.name())?;
        let mut out = keyword_text(entry, Context::Section, target);
        if section.is_proxy() {
            effective_summary(analyzed, index, &mut out);
        }
        return Some(out);
    }
    let statement = section
        .statements
        .iter()
        .find(|statement| statement.file == snapshot.file && contains(statement.range, offset))?;
    let context = section.kind.context()?;
    if contains(statement.keyword_range(), offset) {
        let Some(entry) = statement.keyword else {
            return unknown_keyword(statement, context, target);
        };
        let mut out = keyword_text(entry, context, target);
        if entry.kind == haplint_keywords::Kind::Timeout || entry.keyword == "mode" {
            effective_one(
                &analyzed.analysis.model,
                analyzed,
                index,
                entry.keyword,
                &mut out,
            );
        }
        return Some(out);
    }
    let word = statement
        .args()
        .iter()
        .find(|word| contains(word.range, offset))?;
    let keywords = Keywords::for_version(target);
    let option_context = match statement.head() {
        "bind" => Some(Context::Bind),
        "server" | "default-server" | "server-template" => Some(Context::Server),
        _ => None,
    };
    if let Some(context) = option_context
        && let Some(entry) = keywords.get(context, &word.value)
    {
        return Some(keyword_text(entry, context, target));
    }
    sample_hover(snapshot, word, offset, keywords, target)
}

/// A sample fetch, converter or ACL match under the cursor, inside a word
/// such as `path_beg`, `%[src,lower]` or `req.hdr(host),lower`.
fn sample_hover(
    snapshot: &Snapshot,
    word: &haplint_semantic::Word,
    offset: usize,
    keywords: &Keywords,
    target: Version,
) -> Option<String> {
    let start = usize::from(word.range.start());
    let source = snapshot.text().get(start..usize::from(word.range.end()))?;
    let cursor = offset.checked_sub(start)?.min(source.len());
    let is_name = |character: char| character.is_ascii_alphanumeric() || "_.-".contains(character);
    // The cursor may sit inside a multi-byte character, and the character
    // that ends the name may be one: never slice at a computed offset.
    let before = source.get(..cursor)?;
    let begin = before
        .char_indices()
        .rev()
        .find(|(_, character)| !is_name(*character))
        .map_or(0, |(at, character)| at + character.len_utf8());
    let end = source[cursor..]
        .find(|character: char| !is_name(character))
        .map_or(source.len(), |at| cursor + at);
    let name = source.get(begin..end).filter(|name| !name.is_empty())?;
    // After a comma, a name is a converter; otherwise a fetch or an ACL match.
    let after_comma = source[..begin].ends_with(',');
    let contexts: &[Context] = if after_comma {
        &[Context::Converter]
    } else {
        &[Context::Fetch, Context::Acl]
    };
    contexts.iter().find_map(|context| {
        keywords
            .get(*context, name)
            .map(|entry| keyword_text(entry, *context, target))
    })
}

fn keyword_text(entry: &Entry, context: Context, target: Version) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "```haproxy\n{}\n```", entry.signature);
    if let Some(description) = describe(context, entry.keyword) {
        let _ = writeln!(out, "{description}\n");
    }
    let mut facts = Vec::new();
    if !entry.sections.is_empty() {
        let sections: Vec<&str> = entry
            .sections
            .iter()
            .map(haplint_keywords::SectionKind::name)
            .collect();
        facts.push(format!("allowed in {}", sections.join(", ")));
    }
    if let Some(since) = first_version(context, entry.keyword) {
        facts.push(format!("since {since}"));
    }
    if entry.is_deprecated() {
        facts.push(format!("deprecated in {target}"));
    }
    if entry.is_experimental() {
        facts.push("experimental".to_owned());
    }
    if !facts.is_empty() {
        let _ = writeln!(out, "{}\n", facts.join(" · "));
    }
    if !entry.fragment.is_empty() {
        let _ = write!(
            out,
            "[HAProxy {} manual]({})",
            target.doc_label(),
            entry.doc_url(target)
        );
    }
    out
}

/// A keyword the target version does not know: when it existed.
fn unknown_keyword(statement: &Statement, context: Context, target: Version) -> Option<String> {
    let (keyword, last) = (1..=statement.body().len().min(4))
        .rev()
        .map(|count| statement.keyword_text(count))
        .find_map(|keyword| {
            let last = history(context, &keyword).last()?;
            Some((keyword, last))
        })?;
    let mut out = format!("```haproxy\n{}\n```\n", last.signature);
    if let Some(removed) = removed_after(context, &keyword, target) {
        let _ = write!(out, "removed in HAProxy {removed} (the target is {target})");
    } else if let Some(since) = first_version(context, &keyword) {
        let _ = write!(out, "added in HAProxy {since} (the target is {target})");
    }
    Some(out)
}

fn source_of(model: &Model, section: usize, own: usize) -> String {
    let Some(from) = model.sections.get(section) else {
        return String::new();
    };
    if section == own {
        return "set here".to_owned();
    }
    format!(
        "from {} `{}`",
        from.kind.name(),
        Section::name_text(from).unwrap_or("(anonymous)")
    )
}

/// The effective value of one setting of section `index`.
fn effective_one(
    model: &Model,
    analyzed: &Analyzed,
    index: usize,
    keyword: &str,
    out: &mut String,
) {
    let settings = analyzed.inheritance.settings(model, index);
    match settings.get(keyword) {
        Some(setting) => {
            let _ = write!(
                out,
                "\n\neffective here: `{}` ({})",
                setting.value.join(" "),
                source_of(model, setting.section, index)
            );
        }
        None if keyword == "mode" => out.push_str("\n\neffective here: `tcp` (HAProxy's default)"),
        None => out.push_str("\n\nnot set here or in the inherited defaults"),
    }
}

/// The effective mode and timeouts of a proxy, on its header.
fn effective_summary(analyzed: &Analyzed, index: usize, out: &mut String) {
    let model = &analyzed.analysis.model;
    let settings = analyzed.inheritance.settings(model, index);
    let mut lines = Vec::new();
    let mode = settings.get("mode").map_or_else(
        || "`tcp` (HAProxy's default)".to_owned(),
        |setting| {
            format!(
                "`{}` ({})",
                setting.value.join(" "),
                source_of(model, setting.section, index)
            )
        },
    );
    lines.push(format!("- mode {mode}"));
    let timeouts = (Bound::Included("timeout "), Bound::Unbounded);
    for (name, setting) in settings.range::<str, _>(timeouts) {
        if !name.starts_with("timeout ") {
            break;
        }
        lines.push(format!(
            "- {name} `{}` ({})",
            setting.value.join(" "),
            source_of(model, setting.section, index)
        ));
    }
    if let Some(defaults) = analyzed
        .inheritance
        .defaults_of
        .get(index)
        .copied()
        .flatten()
    {
        let name = model
            .sections
            .get(defaults)
            .and_then(Section::name_text)
            .unwrap_or("(anonymous)");
        lines.push(format!("- inherits from defaults `{name}`"));
    }
    let _ = write!(out, "\n\n{}", lines.join("\n"));
}
