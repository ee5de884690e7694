//! Every named thing of the configuration set and every place that names
//! it: what definition, references, highlights, rename and hover share.

use haplint_keywords::SectionKind;
use haplint_semantic::{FileId, Model, Section, Statement, Word};
use haplint_syntax::TextRange;

/// The kinds of names that live apart (a backend and an ACL may share a name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Namespace {
    /// Backends and listens: what `use_backend` may name.
    Backend,
    Frontend,
    Defaults,
    Userlist,
    Resolvers,
    Peers,
    Cache,
    /// ACLs of one section (by index in the model).
    Acl(usize),
    /// Servers of one section.
    Server(usize),
}

impl Namespace {
    pub fn describe(self) -> &'static str {
        match self {
            Self::Backend => "backend",
            Self::Frontend => "frontend",
            Self::Defaults => "defaults section",
            Self::Userlist => "userlist",
            Self::Resolvers => "resolvers section",
            Self::Peers => "peers section",
            Self::Cache => "cache",
            Self::Acl(_) => "ACL",
            Self::Server(_) => "server",
        }
    }
}

/// One place a name is written.
#[derive(Debug, Clone)]
pub struct Occurrence {
    pub namespace: Namespace,
    pub name: String,
    pub file: FileId,
    /// The name's own text (inside its word when the word holds more).
    pub range: TextRange,
    pub definition: bool,
    /// The line that defines it (section header or statement), for hover.
    pub line: TextRange,
}

fn section_namespace(kind: SectionKind) -> Option<Namespace> {
    Some(match kind {
        SectionKind::Backend | SectionKind::Listen => Namespace::Backend,
        SectionKind::Frontend => Namespace::Frontend,
        SectionKind::Defaults => Namespace::Defaults,
        SectionKind::Userlist => Namespace::Userlist,
        SectionKind::Resolvers => Namespace::Resolvers,
        SectionKind::Peers => Namespace::Peers,
        SectionKind::Cache => Namespace::Cache,
        _ => return None,
    })
}

/// A name written plainly: quoted or built names (from variables, known
/// or not) are left alone, as their text is not the name.
fn plain(word: &Word) -> bool {
    !word.has_variables
        && !word.from_environment
        && !word.value.contains("%[")
        && u32::from(word.range.len()) as usize == word.value.len()
}

/// Every occurrence of every name in the model.
pub fn occurrences(model: &Model) -> Vec<Occurrence> {
    let mut found = Vec::new();
    for (index, section) in model.sections.iter().enumerate() {
        if let (Some(namespace), Some(name)) = (section_namespace(section.kind), &section.name)
            && plain(name)
        {
            found.push(occurrence(
                namespace,
                name,
                section.file,
                true,
                section.header_range,
            ));
        }
        if let Some(from) = &section.from
            && plain(from)
        {
            found.push(occurrence(
                Namespace::Defaults,
                from,
                section.file,
                false,
                section.header_range,
            ));
        }
        for statement in &section.statements {
            statement_occurrences(index, section, statement, &mut found);
        }
    }
    // Conditions may name an ACL defined further down: link them once every
    // definition is known.
    let acls: Vec<(usize, String)> = found
        .iter()
        .filter(|occurrence| occurrence.definition)
        .filter_map(|occurrence| match occurrence.namespace {
            Namespace::Acl(section) => Some((section, occurrence.name.clone())),
            _ => None,
        })
        .collect();
    for (index, section) in model.sections.iter().enumerate() {
        for statement in &section.statements {
            for word in condition_words(statement) {
                let (name, range) = match word.value.strip_prefix('!') {
                    Some(rest) => (rest, word.sub_range(1, word.value.len())),
                    None => (word.value.as_str(), word.range),
                };
                if plain(word) && acls.iter().any(|(at, acl)| *at == index && acl == name) {
                    found.push(Occurrence {
                        namespace: Namespace::Acl(index),
                        name: name.to_owned(),
                        file: statement.file,
                        range,
                        definition: false,
                        line: statement.range,
                    });
                }
            }
        }
    }
    found
}

fn occurrence(
    namespace: Namespace,
    word: &Word,
    file: FileId,
    definition: bool,
    line: TextRange,
) -> Occurrence {
    Occurrence {
        namespace,
        name: word.value.clone(),
        file,
        range: word.range,
        definition,
        line,
    }
}

/// The words of a statement's condition (after `if` or `unless`).
fn condition_words(statement: &Statement) -> impl Iterator<Item = &Word> {
    statement
        .words
        .iter()
        .skip_while(|word| word.value != "if" && word.value != "unless")
        .skip(1)
}

fn statement_occurrences(
    index: usize,
    section: &Section,
    statement: &Statement,
    found: &mut Vec<Occurrence>,
) {
    let body = statement.body();
    let head = statement.head();
    let mut push = |namespace: Namespace, word: &Word, definition: bool| {
        if plain(word) {
            found.push(occurrence(
                namespace,
                word,
                statement.file,
                definition,
                statement.range,
            ));
        }
    };
    match (head, body.get(1)) {
        ("acl", Some(name)) => push(Namespace::Acl(index), name, true),
        ("server", Some(name)) if section.kind != SectionKind::Peers => {
            push(Namespace::Server(index), name, true);
        }
        ("use_backend" | "default_backend", Some(target)) => {
            push(Namespace::Backend, target, false);
        }
        ("use-server", Some(target)) => push(Namespace::Server(index), target, false),
        _ => {}
    }
    // Options naming other sections, anywhere on the line.
    for pair in body.windows(2) {
        let namespace = match pair[0].value.as_str() {
            "resolvers"
                if head == "server" || head == "default-server" || head == "server-template" =>
            {
                Namespace::Resolvers
            }
            "peers" if head == "stick-table" || head == "table" => Namespace::Peers,
            "cache-use" | "cache-store" => Namespace::Cache,
            "cache" if head == "filter" => Namespace::Cache,
            _ => continue,
        };
        push(namespace, &pair[1], false);
    }
    // `http_auth(list)` and `http_auth_group(list)` name a userlist.
    for word in body {
        for function in ["http_auth(", "http_auth_group("] {
            let mut from = 0;
            while let Some(at) = word.value[from..].find(function) {
                let start = from + at + function.len();
                let Some(length) = word.value[start..].find(')') else {
                    break;
                };
                let name = &word.value[start..start + length];
                if !name.is_empty() && plain(word) {
                    found.push(Occurrence {
                        namespace: Namespace::Userlist,
                        name: name.to_owned(),
                        file: statement.file,
                        range: word.sub_range(start, start + length),
                        definition: false,
                        line: statement.range,
                    });
                }
                from = start + length;
            }
        }
    }
}

/// The occurrence under `offset` of `file`, if any.
pub fn at(occurrences: &[Occurrence], file: FileId, offset: usize) -> Option<&Occurrence> {
    occurrences.iter().find(|occurrence| {
        occurrence.file == file
            && usize::from(occurrence.range.start()) <= offset
            && offset <= usize::from(occurrence.range.end())
    })
}

/// Every occurrence of the same name as `target`.
pub fn same_symbol<'a>(
    occurrences: &'a [Occurrence],
    target: &'a Occurrence,
) -> impl Iterator<Item = &'a Occurrence> + 'a {
    occurrences.iter().filter(move |occurrence| {
        occurrence.namespace == target.namespace && occurrence.name == target.name
    })
}
