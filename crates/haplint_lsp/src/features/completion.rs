//! Completion by context: section keywords, the keywords of the current
//! section for the target version, the next word of multi-word keywords
//! (`option`, `timeout`, rule actions), arguments with a fixed set of
//! values, names defined in the configuration, and sample fetches and
//! converters inside `%[...]` and conditions.

use std::collections::BTreeMap;

use haplint_keywords::{Context, Entry, Keywords, SectionKind, first_version};
use haplint_semantic::{Model, Section};
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionItemTag, CompletionParams, CompletionTextEdit,
    Documentation, TextEdit,
};

use crate::features::cursor::{Cursor, section_at};
use crate::features::descriptions::describe;
use crate::snapshot::Snapshot;

const LOG_LEVELS: [&str; 8] = [
    "emerg", "alert", "crit", "err", "warning", "notice", "info", "debug",
];
const MODES: [&str; 3] = ["http", "tcp", "log"];

pub fn completion(snapshot: &Snapshot, params: &CompletionParams) -> Vec<CompletionItem> {
    let offset = snapshot.offset(params.text_document_position.position);
    let cursor = Cursor::at(snapshot, offset);
    let keywords = Keywords::for_version(snapshot.applied.options.target);
    let section = section_at(snapshot, cursor.offset).map(|(_, section)| section);
    let model = &snapshot.analyzed().analysis.model;
    let mut out = Items::new(snapshot, &cursor);

    // `http_auth(` and `http_auth_group(` take a userlist.
    if let Some(open) = ["http_auth(", "http_auth_group("]
        .iter()
        .filter_map(|function| cursor.partial.rfind(function).map(|at| at + function.len()))
        .max()
        .filter(|open| !cursor.partial[*open..].contains(')'))
    {
        out.replace_from(cursor.partial_start + open);
        out.names(sections_named(model, &[SectionKind::Userlist]), "userlist");
        return out.finish();
    }
    if let Some(items) = sample_items(keywords, &cursor, &mut out) {
        return items;
    }
    // On a section header: only `from <defaults>` takes a name.
    let on_header = section.is_some_and(|section| {
        snapshot.line_of(usize::from(section.header_range.start())) == snapshot.line_of(offset)
    });
    if cursor.before.is_empty() {
        for name in keywords.names(Context::Section) {
            if let Some(entry) = keywords.get(Context::Section, name) {
                out.entry(entry, name, CompletionItemKind::MODULE);
            }
        }
        if let Some(section) = section.filter(|_| !on_header) {
            first_words(keywords, section.kind, &mut out);
        }
        return out.finish();
    }
    let previous = cursor.before.last().copied().unwrap_or("");
    if on_header {
        if previous == "from" {
            out.names(sections_named(model, &[SectionKind::Defaults]), "defaults");
        }
        return out.finish();
    }
    let Some(section) = section else {
        return out.finish();
    };
    let words: Vec<&str> = cursor
        .before
        .iter()
        .copied()
        .skip_while(|word| *word == "no" || *word == "default")
        .collect();
    // Inside a condition: ACL names, predefined ACLs and fetches.
    if cursor
        .before
        .iter()
        .any(|word| *word == "if" || *word == "unless")
    {
        out.names(acl_names(section), "acl");
        for entry in keywords.entries(Context::Acl) {
            if entry.kind == haplint_keywords::Kind::PredefinedAcl {
                out.entry(entry, entry.keyword, CompletionItemKind::CONSTANT);
            }
        }
        if previous == "{" {
            fetches(keywords, &mut out);
        }
        return out.finish();
    }
    if let Some(context) = section.kind.context() {
        next_words(keywords, context, section.kind, &words, &mut out);
    }
    let keyword = section
        .kind
        .context()
        .and_then(|context| keywords.longest_match(context, &words))
        .map(|(entry, count)| (entry.keyword, words.len() - count));
    arguments(keywords, model, section, keyword, previous, &mut out);
    out.finish()
}

/// The first word of every keyword of the section's context.
fn first_words(keywords: &Keywords, kind: SectionKind, out: &mut Items<'_>) {
    let Some(context) = kind.context() else {
        return;
    };
    let mut seen = BTreeMap::new();
    for entry in keywords.entries(context) {
        if !entry.sections.is_empty() && !entry.sections.contains(kind) {
            continue;
        }
        let first = entry.keyword.split(' ').next().unwrap_or(entry.keyword);
        let exact = first == entry.keyword;
        let slot = seen.entry(first).or_insert((entry, exact));
        if exact && !slot.1 {
            *slot = (entry, true);
        }
    }
    for (first, (entry, exact)) in seen {
        if exact {
            out.entry(entry, first, CompletionItemKind::KEYWORD);
        } else {
            out.plain(first, CompletionItemKind::KEYWORD, "keyword family");
        }
    }
}

/// The next word of the multi-word keywords that start with `words`
/// (`option` -> `httplog`, `http-request` -> `set-header`).
fn next_words(
    keywords: &Keywords,
    context: Context,
    kind: SectionKind,
    words: &[&str],
    out: &mut Items<'_>,
) {
    let typed = format!("{} ", words.join(" "));
    for entry in keywords.entries(context) {
        if !entry.sections.is_empty() && !entry.sections.contains(kind) {
            continue;
        }
        let Some(rest) = entry.keyword.strip_prefix(&typed) else {
            continue;
        };
        let next = rest.split(' ').next().unwrap_or(rest);
        let item_kind = match entry.kind {
            haplint_keywords::Kind::Action => CompletionItemKind::FUNCTION,
            _ => CompletionItemKind::KEYWORD,
        };
        out.entry(entry, next, item_kind);
    }
}

/// Values and names for the arguments of `keyword` (with `given`
/// arguments already typed).
fn arguments(
    keywords: &Keywords,
    model: &Model,
    section: &Section,
    keyword: Option<(&str, usize)>,
    previous: &str,
    out: &mut Items<'_>,
) {
    match previous {
        "resolvers" => out.names(
            sections_named(model, &[SectionKind::Resolvers]),
            "resolvers",
        ),
        "peers" => out.names(sections_named(model, &[SectionKind::Peers]), "peers"),
        "cache-use" | "cache-store" | "cache" => {
            out.names(sections_named(model, &[SectionKind::Cache]), "cache");
        }
        _ => {}
    }
    let Some((keyword, given)) = keyword else {
        return;
    };
    match (keyword, given) {
        ("mode", 0) => out.values(&MODES, "proxy mode"),
        ("balance", 0) => {
            for entry in keywords.entries(Context::Balance) {
                out.entry(entry, entry.keyword, CompletionItemKind::ENUM_MEMBER);
            }
        }
        ("log", 2..) | ("log-level", _) => out.values(&LOG_LEVELS, "log level"),
        ("use_backend" | "default_backend", 0) => out.names(
            sections_named(model, &[SectionKind::Backend, SectionKind::Listen]),
            "backend",
        ),
        ("use-server", 0) => out.names(names_of(section, "server"), "server"),
        ("bind", 1..) => {
            for entry in keywords.entries(Context::Bind) {
                out.entry(entry, entry.keyword, CompletionItemKind::PROPERTY);
            }
        }
        ("server" | "default-server", _) if keyword == "default-server" || given >= 2 => {
            for entry in keywords.entries(Context::Server) {
                out.entry(entry, entry.keyword, CompletionItemKind::PROPERTY);
            }
        }
        _ => {}
    }
}

/// Fetches or converters inside `%[...]`; `None` outside.
fn sample_items(
    keywords: &Keywords,
    cursor: &Cursor<'_>,
    out: &mut Items<'_>,
) -> Option<Vec<CompletionItem>> {
    let open = cursor.partial.rfind("%[")?;
    let inside = &cursor.partial[open + 2..];
    if inside.contains(']') {
        return None;
    }
    if let Some(comma) = inside.rfind(',') {
        out.replace_from(cursor.partial_start + open + 2 + comma + 1);
        for entry in keywords.entries(Context::Converter) {
            out.entry(entry, entry.keyword, CompletionItemKind::FUNCTION);
        }
    } else {
        out.replace_from(cursor.partial_start + open + 2);
        fetches(keywords, out);
    }
    Some(std::mem::take(&mut out.collected))
}

fn fetches(keywords: &Keywords, out: &mut Items<'_>) {
    for entry in keywords.entries(Context::Fetch) {
        out.entry(entry, entry.keyword, CompletionItemKind::FUNCTION);
    }
}

fn sections_named<'a>(model: &'a Model, kinds: &[SectionKind]) -> Vec<&'a str> {
    model
        .sections
        .iter()
        .filter(|section| kinds.contains(&section.kind))
        .filter_map(Section::name_text)
        .collect()
}

/// The first argument of every `keyword` statement of a section.
fn names_of<'a>(section: &'a Section, keyword: &str) -> Vec<&'a str> {
    section
        .statements
        .iter()
        .filter(|statement| statement.head() == keyword)
        .filter_map(|statement| statement.body().get(1))
        .map(|word| word.value.as_str())
        .collect()
}

fn acl_names(section: &Section) -> Vec<&str> {
    names_of(section, "acl")
}

/// Completion items being collected, all replacing the same text.
struct Items<'a> {
    snapshot: &'a Snapshot,
    replace_start: usize,
    cursor: usize,
    collected: Vec<CompletionItem>,
}

impl<'a> Items<'a> {
    fn new(snapshot: &'a Snapshot, cursor: &Cursor<'_>) -> Self {
        Self {
            snapshot,
            replace_start: cursor.partial_start,
            cursor: cursor.offset,
            collected: Vec::new(),
        }
    }

    fn replace_from(&mut self, start: usize) {
        self.replace_start = start.min(self.cursor);
    }

    fn push(&mut self, mut item: CompletionItem) {
        if self.collected.iter().any(|other| other.label == item.label) {
            return;
        }
        // An explicit range: clients disagree on what a word is, and
        // keywords hold `-`, `.` and `_`.
        item.text_edit = Some(CompletionTextEdit::Edit(TextEdit {
            range: self.snapshot.range(self.replace_start, self.cursor),
            new_text: item.label.clone(),
        }));
        self.collected.push(item);
    }

    fn entry(&mut self, entry: &'static Entry, label: &str, kind: CompletionItemKind) {
        let since = first_version(entry.context, entry.keyword)
            .map(|version| format!("since {version}"))
            .unwrap_or_default();
        let args = entry.args();
        let detail = match (args.is_empty(), since.is_empty()) {
            (true, _) => since,
            (false, true) => args.to_owned(),
            (false, false) => format!("{args} ({since})"),
        };
        let deprecated = entry.is_deprecated();
        let documentation = describe(entry.context, entry.keyword)
            .map(|text| Documentation::String(text.to_owned()));
        self.push(CompletionItem {
            label: label.to_owned(),
            kind: Some(kind),
            detail: (!detail.is_empty()).then_some(detail),
            documentation,
            tags: deprecated.then(|| vec![CompletionItemTag::DEPRECATED]),
            ..CompletionItem::default()
        });
    }

    fn plain(&mut self, label: &str, kind: CompletionItemKind, detail: &str) {
        self.push(CompletionItem {
            label: label.to_owned(),
            kind: Some(kind),
            detail: Some(detail.to_owned()),
            ..CompletionItem::default()
        });
    }

    fn values(&mut self, values: &[&str], detail: &str) {
        for value in values {
            self.plain(value, CompletionItemKind::ENUM_MEMBER, detail);
        }
    }

    fn names(&mut self, names: Vec<&str>, what: &str) {
        for name in names {
            self.plain(
                name,
                CompletionItemKind::REFERENCE,
                &format!("{what} defined in the configuration"),
            );
        }
    }

    fn finish(self) -> Vec<CompletionItem> {
        self.collected
    }
}
