//! References to named things other than backends and defaults: servers
//! (`use-server`), stick tables (`table`), peers, resolvers, caches,
//! http-errors, userlists, rings, fcgi applications and mailers.

use std::collections::HashSet;

use haplint_keywords::SectionKind;

use crate::diagnostic::{Rule, SemanticDiagnostic};
use crate::model::{Model, Section, Statement, Word};
use crate::suggest::closest;

/// The names defined in a configuration set.
struct Symbols<'a> {
    tables: HashSet<String>,
    sections: Vec<(SectionKind, &'a str)>,
}

impl<'a> Symbols<'a> {
    fn collect(model: &'a Model) -> Self {
        let mut tables = HashSet::new();
        let mut sections = Vec::new();
        for section in &model.sections {
            let Some(name) = section.name_text() else {
                continue;
            };
            sections.push((section.kind, name));
            if section.is_proxy() && section.statements_of("stick-table").next().is_some() {
                tables.insert(name.to_owned());
            }
            if section.kind == SectionKind::Peers {
                for statement in section.statements_of("table") {
                    if let Some(table) = statement.args().first() {
                        tables.insert(table.value.clone());
                        tables.insert(format!("{name}/{}", table.value));
                    }
                }
            }
        }
        Self { tables, sections }
    }

    fn names_of(&self, kind: SectionKind) -> impl Iterator<Item = &'a str> + '_ {
        self.sections
            .iter()
            .filter(move |(found, _)| *found == kind)
            .map(|(_, name)| *name)
    }

    fn has_backend(&self, name: &str) -> bool {
        self.has(SectionKind::Backend, name) || self.has(SectionKind::Listen, name)
    }

    fn has(&self, kind: SectionKind, name: &str) -> bool {
        self.names_of(kind).any(|found| found == name)
    }
}

fn is_dynamic(word: &Word) -> bool {
    word.has_variables || word.value.contains("%[")
}

pub fn check(model: &Model, out: &mut Vec<SemanticDiagnostic>) {
    let symbols = Symbols::collect(model);
    for section in &model.sections {
        if !section.kind.is_proxy() {
            continue;
        }
        for statement in &section.statements {
            if statement.prefix.is_some() || statement.keyword.is_none() {
                continue;
            }
            check_statement(section, statement, &symbols, out);
        }
    }
}

fn check_statement(
    section: &Section,
    statement: &Statement,
    symbols: &Symbols,
    out: &mut Vec<SemanticDiagnostic>,
) {
    let args = statement.args();
    let keyword = statement.keyword.map_or("", |entry| entry.keyword);
    let action = statement
        .keyword
        .and_then(|entry| entry.extra("action"))
        .unwrap_or_default();
    match keyword {
        "use-server" if section.has_backend_side() => {
            if let Some(server) = args.first() {
                let defined = section.statements_of("server").any(|statement| {
                    statement
                        .args()
                        .first()
                        .is_some_and(|name| name.value == server.value)
                }) || section
                    .statements_of("server-template")
                    .any(|statement| template_defines(statement.args(), &server.value));
                if !defined && !is_dynamic(server) {
                    out.push(undefined(
                        statement,
                        server,
                        "server",
                        section
                            .statements_of("server")
                            .filter_map(|s| s.args().first())
                            .map(|w| w.value.as_str())
                            .collect(),
                    ));
                }
            }
        }
        "stick-table" => after_word(statement, args, "peers", SectionKind::Peers, symbols, out),
        "server" | "default-server" | "server-template" => {
            after_word(
                statement,
                args,
                "resolvers",
                SectionKind::Resolvers,
                symbols,
                out,
            );
        }
        "filter cache" => named(statement, args.first(), SectionKind::Cache, symbols, out),
        "errorfiles" => named(
            statement,
            args.first(),
            SectionKind::HttpErrors,
            symbols,
            out,
        ),
        "use-fcgi-app" => named(statement, args.first(), SectionKind::FcgiApp, symbols, out),
        "email-alert mailers" => named(statement, args.first(), SectionKind::Mailers, symbols, out),
        "log" => {
            if let Some(target) = args.first()
                && let Some(ring) = target.value.strip_prefix("ring@")
                && !symbols.has(SectionKind::Ring, ring)
                && !is_dynamic(target)
            {
                out.push(undefined(
                    statement,
                    target,
                    "ring",
                    symbols.names_of(SectionKind::Ring).collect(),
                ));
            }
        }
        _ => {}
    }
    match action {
        "cache-use" | "cache-store" => {
            named(statement, args.first(), SectionKind::Cache, symbols, out);
        }
        _ => {}
    }
    // `track-sc0 <key> table <t>`, `stick on <key> table <t>`...
    if let Some(position) = args.iter().position(|word| word.value == "table") {
        let uses_table = action.starts_with("track-sc") || keyword.starts_with("stick ");
        if let Some(table) = args.get(position + 1).filter(|_| uses_table)
            && !symbols.tables.contains(&table.value)
            && !is_dynamic(table)
        {
            out.push(undefined(
                statement,
                table,
                "stick table",
                symbols.tables.iter().map(String::as_str).collect(),
            ));
        }
    }
    for word in args {
        check_fetch_arguments(statement, word, symbols, out);
        for (function, kind) in [
            ("http_auth(", SectionKind::Userlist),
            ("http_auth_group(", SectionKind::Userlist),
        ] {
            if let Some(rest) = word.value.strip_prefix(function) {
                let name = rest.split([')', ',']).next().unwrap_or_default();
                if !name.is_empty() && !symbols.has(kind, name) && !is_dynamic(word) {
                    out.push(
                        undefined(
                            statement,
                            word,
                            "userlist",
                            symbols.names_of(kind).collect(),
                        )
                        .with_message_name(name),
                    );
                }
            }
        }
    }
}

/// Fetches whose first argument names a backend, a `backend/server`, or a
/// stick table (`be_conn(app)`, `srv_is_up(app/s1)`, `table_cnt(t)`).
const BACKEND_FETCHES: [&str; 9] = [
    "be_conn",
    "be_conn_free",
    "be_sess_rate",
    "nbsrv",
    "queue",
    "avg_queue",
    "connslots",
    "be_server_timeout",
    "be_tunnel_timeout",
];
const SERVER_FETCHES: [&str; 6] = [
    "srv_conn",
    "srv_conn_free",
    "srv_is_up",
    "srv_queue",
    "srv_sess_rate",
    "srv_iweight",
];
const TABLE_FETCHES: [&str; 2] = ["table_avl", "table_cnt"];

fn check_fetch_arguments(
    statement: &Statement,
    word: &Word,
    symbols: &Symbols,
    out: &mut Vec<SemanticDiagnostic>,
) {
    if word.has_variables || !word.value.contains('(') {
        return;
    }
    let text = word.value.as_str();
    for (open, _) in text.match_indices('(') {
        // The fetch name is the run of name characters just before `(`;
        // the character that ends it may be several bytes long (`ü`).
        let start = text[..open]
            .char_indices()
            .rev()
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '.'))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let name = &text[start..open];
        let argument = text[open + 1..]
            .split([')', ','])
            .next()
            .unwrap_or_default()
            .trim();
        if argument.is_empty() {
            continue;
        }
        let missing = if BACKEND_FETCHES.contains(&name) {
            (!symbols.has_backend(argument)).then_some("backend")
        } else if SERVER_FETCHES.contains(&name) {
            match argument.split_once('/') {
                Some((backend, _)) if !symbols.has_backend(backend) => Some("backend"),
                _ => None,
            }
        } else if TABLE_FETCHES.contains(&name) {
            (!symbols.tables.contains(argument)).then_some("stick table")
        } else {
            None
        };
        if let Some(what) = missing {
            out.push(SemanticDiagnostic::error(
                Rule::UndefinedReference,
                statement.file,
                word.range,
                format!("`{name}` names {what} `{argument}`, which is not defined"),
            ));
        }
    }
}

/// Whether `server-template <prefix> <num | range>` defines `name`
/// (`web` with `1-3` defines `web1`, `web2`, `web3`).
fn template_defines(args: &[Word], name: &str) -> bool {
    let (Some(prefix), Some(count)) = (args.first(), args.get(1)) else {
        return false;
    };
    let Some(number) = name
        .strip_prefix(prefix.value.as_str())
        .and_then(|rest| rest.parse::<u32>().ok())
    else {
        return false;
    };
    let (low, high) = match count.value.split_once('-') {
        Some((low, high)) => (low.parse().unwrap_or(1), high.parse().unwrap_or(0)),
        None => (1, count.value.parse().unwrap_or(0)),
    };
    (low..=high).contains(&number)
}

fn after_word(
    statement: &Statement,
    args: &[Word],
    marker: &str,
    kind: SectionKind,
    symbols: &Symbols,
    out: &mut Vec<SemanticDiagnostic>,
) {
    if let Some(position) = args.iter().position(|word| word.value == marker) {
        named(statement, args.get(position + 1), kind, symbols, out);
    }
}

fn named(
    statement: &Statement,
    word: Option<&Word>,
    kind: SectionKind,
    symbols: &Symbols,
    out: &mut Vec<SemanticDiagnostic>,
) {
    let Some(word) = word else { return };
    if is_dynamic(word) || symbols.has(kind, &word.value) {
        return;
    }
    out.push(undefined(
        statement,
        word,
        kind.name(),
        symbols.names_of(kind).collect(),
    ));
}

fn undefined(
    statement: &Statement,
    word: &Word,
    what: &str,
    candidates: Vec<&str>,
) -> SemanticDiagnostic {
    let mut diagnostic = SemanticDiagnostic::error(
        Rule::UndefinedReference,
        statement.file,
        word.range,
        format!("{what} `{}` is not defined", word.value),
    );
    if let Some(suggestion) = closest(&word.value, candidates) {
        diagnostic = diagnostic.with_help(format!("did you mean `{suggestion}`?"));
    }
    diagnostic
}

trait WithMessageName {
    fn with_message_name(self, name: &str) -> Self;
}

impl WithMessageName for SemanticDiagnostic {
    /// For references inside a word (`http_auth(users)`), name only the reference.
    fn with_message_name(mut self, name: &str) -> Self {
        if let Some(kind) = self.message.split(' ').next().map(str::to_owned) {
            self.message = format!("{kind} `{name}` is not defined");
        }
        self
    }
}
