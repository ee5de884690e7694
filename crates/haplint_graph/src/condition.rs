//! The condition of a rule (`if is_api !is_admin || { src 10.0.0.0/8 }`)
//! written out, with the named ACLs it uses.

use std::collections::HashMap;

use haplint_semantic::{Section, Word};

use crate::graph::{Acl, Condition};

/// The `acl` lines of a section: name to criteria, in order.
pub struct AclTable<'a> {
    definitions: HashMap<&'a str, Vec<String>>,
}

impl<'a> AclTable<'a> {
    pub fn of(section: &'a Section) -> Self {
        let mut definitions: HashMap<&'a str, Vec<String>> = HashMap::new();
        for statement in section.statements_of("acl") {
            let Some((name, criteria)) = statement.args().split_first() else {
                continue;
            };
            definitions
                .entry(name.value.as_str())
                .or_default()
                .push(join(criteria));
        }
        Self { definitions }
    }
}

/// Words joined by spaces, as the reader would write them.
pub fn join(words: &[Word]) -> String {
    words
        .iter()
        .map(|word| word.value.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Where `if`/`unless` starts in `args`, if anywhere.
pub fn condition_start(args: &[Word]) -> Option<usize> {
    args.iter()
        .position(|word| matches!(word.value.as_str(), "if" | "unless"))
}

/// The condition that starts at `args[start]` (`if` or `unless`).
pub fn condition(
    args: &[Word],
    start: usize,
    acls: &AclTable<'_>,
    with_definitions: bool,
) -> Option<Condition> {
    let (polarity, terms) = args.get(start..)?.split_first()?;
    let mut names: Vec<Acl> = Vec::new();
    let mut depth = 0usize;
    for term in terms {
        match term.value.as_str() {
            "{" => depth += 1,
            "}" => depth = depth.saturating_sub(1),
            "||" | "or" | "!" => {}
            // Inside braces the words are an anonymous ACL's criteria.
            _ if depth > 0 => {}
            value => {
                let name = value.trim_start_matches('!');
                if name.is_empty() || names.iter().any(|acl| acl.name == name) {
                    continue;
                }
                let definitions = if with_definitions {
                    acls.definitions.get(name).cloned().unwrap_or_default()
                } else {
                    Vec::new()
                };
                names.push(Acl {
                    name: name.to_owned(),
                    definitions,
                });
            }
        }
    }
    Some(Condition {
        polarity: polarity.value.clone(),
        text: join(terms),
        acls: names,
    })
}
