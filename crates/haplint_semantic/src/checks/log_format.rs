//! Log-format strings (`log-format`, `unique-id-format`, header values of
//! `http-request set-header`...): `%%`, `%{flags}`, `%[expression]` and
//! aliases such as `%ci` must be known to the target version.

use haplint_keywords::{Context, Entry, Keywords, Version};

use crate::diagnostic::{Rule, SemanticDiagnostic};
use crate::model::{Model, Statement, Word};
use crate::suggest::closest;

/// Keywords whose first argument is a log-format string.
const FORMAT_KEYWORDS: [&str; 4] = [
    "log-format",
    "log-format-sd",
    "error-log-format",
    "unique-id-format",
];

pub fn check(model: &Model, version: Version, out: &mut Vec<SemanticDiagnostic>) {
    let keywords = Keywords::for_version(version);
    for section in model
        .proxies()
        .chain(model.sections_of(haplint_keywords::SectionKind::Defaults))
    {
        for statement in &section.statements {
            let Some(entry) = statement.keyword else {
                continue;
            };
            if statement.prefix.is_some() {
                continue;
            }
            for word in format_arguments(statement, entry) {
                if !word.has_variables {
                    check_format(statement, word, keywords, out);
                }
            }
        }
    }
}

/// The arguments of `statement` that HAProxy parses as log-format strings.
fn format_arguments<'a>(statement: &'a Statement, entry: &Entry) -> Vec<&'a Word> {
    let args = statement.args();
    if FORMAT_KEYWORDS.contains(&entry.keyword) {
        return args.first().into_iter().collect();
    }
    if entry.extra("action") == Some("return") {
        let mut found = Vec::new();
        let mut index = 0;
        while index < args.len() {
            match args[index].value.as_str() {
                "lf-string" => found.extend(args.get(index + 1)),
                "hdr" => {
                    found.extend(args.get(index + 2));
                    index += 1;
                }
                "if" | "unless" => break,
                _ => {}
            }
            index += 1;
        }
        return found;
    }
    let mut signature = entry.args();
    if signature.starts_with('(') {
        signature = signature.split_once(')').map_or("", |(_, rest)| rest);
    }
    // Every statement comes here and few take a format: look for the
    // placeholder before splitting the signature.
    if !signature.as_bytes().windows(5).any(|five| five == b"<fmt>") {
        return Vec::new();
    }
    let mut position = None;
    for (index, token) in signature.split_whitespace().enumerate() {
        if token == "<fmt>" {
            position = Some(index);
            break;
        }
        // Only simple signatures (`<name> <fmt>`) map placeholders onto words.
        if !(token.starts_with('<') && token.ends_with('>')) {
            return Vec::new();
        }
    }
    let Some(position) = position else {
        return Vec::new();
    };
    args.get(position).into_iter().collect()
}

fn check_format(
    statement: &Statement,
    word: &Word,
    keywords: &Keywords,
    out: &mut Vec<SemanticDiagnostic>,
) {
    let text = word.value.as_bytes();
    let mut index = 0;
    while index < text.len() {
        if text[index] != b'%' {
            index += 1;
            continue;
        }
        index += 1;
        match text.get(index) {
            None => {
                out.push(
                    SemanticDiagnostic::error(
                        Rule::InvalidValue,
                        statement.file,
                        word.range,
                        format!("log-format string `{}` ends with a lone `%`", word.value),
                    )
                    .with_help("write `%%` for a literal percent sign"),
                );
                return;
            }
            Some(b'%') => {
                index += 1;
                continue;
            }
            Some(b'{') => match word.value[index..].find('}') {
                Some(close) => index += close + 1,
                None => return,
            },
            Some(_) => {}
        }
        if text.get(index) == Some(&b'[') {
            // Expressions are checked with the other sample expressions.
            match word.value[index..].find(']') {
                Some(close) => index += close + 1,
                None => return,
            }
            continue;
        }
        let alias_length = text[index..]
            .iter()
            .take_while(|byte| byte.is_ascii_alphabetic())
            .count();
        let alias = &word.value[index..index + alias_length];
        index += alias_length;
        let name = format!("%{alias}");
        if keywords.get(Context::LogFormat, &name).is_some() {
            continue;
        }
        let mut diagnostic = SemanticDiagnostic::error(
            Rule::InvalidValue,
            statement.file,
            word.range,
            format!("unknown log-format variable `{name}` in `{}`", word.value),
        );
        let known = keywords.names(Context::LogFormat);
        diagnostic = match closest(&name, known.iter().copied()) {
            Some(suggestion) => diagnostic.with_help(format!(
                "did you mean `{suggestion}`? write `%%` for a literal percent sign"
            )),
            None => diagnostic.with_help("write `%%` for a literal percent sign"),
        };
        out.push(diagnostic);
    }
}
