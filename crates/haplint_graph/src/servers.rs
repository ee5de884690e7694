//! Servers of a backend with their flags after `default-server`: a
//! `default-server check` in the backend or its defaults makes every
//! server checked unless it says `no-check`.

use haplint_semantic::effective::Inheritance;
use haplint_semantic::{Model, Statement, Word};

use crate::graph::ServerFlags;

/// One `server` or `server-template` line, read.
pub struct ServerLine<'a> {
    pub name: String,
    pub address: String,
    pub flags: ServerFlags,
    /// How many servers the line makes (a template makes several).
    pub count: usize,
    pub statement: &'a Statement,
}

/// The defaults chain of section `index`, oldest first, then the section.
pub fn chain(model: &Model, inheritance: &Inheritance, index: usize) -> Vec<usize> {
    let mut chain = vec![index];
    while let Some(parent) = chain
        .last()
        .and_then(|last| inheritance.defaults_of.get(*last).copied().flatten())
    {
        // A cycle is reported elsewhere; here it only has to end.
        if chain.contains(&parent) || chain.len() > model.sections.len() {
            break;
        }
        chain.push(parent);
    }
    chain.reverse();
    chain
}

/// Applies the server parameters `words` over `flags`.
fn apply(flags: &mut ServerFlags, words: &[Word]) {
    let mut words = words.iter();
    while let Some(word) = words.next() {
        match word.value.as_str() {
            "check" => flags.check = true,
            "no-check" => flags.check = false,
            "backup" => flags.backup = true,
            "no-backup" => flags.backup = false,
            "disabled" => flags.disabled = true,
            "enabled" => flags.disabled = false,
            "weight" => flags.weight = words.next().map(|weight| weight.value.clone()),
            _ => {}
        }
    }
}

/// The servers of section `index`, in order.
pub fn servers<'a>(
    model: &'a Model,
    inheritance: &Inheritance,
    index: usize,
) -> Vec<ServerLine<'a>> {
    let mut defaults = ServerFlags {
        check: false,
        backup: false,
        disabled: false,
        weight: None,
    };
    let mut lines = Vec::new();
    for position in chain(model, inheritance, index) {
        let Some(section) = model.sections.get(position) else {
            continue;
        };
        for statement in &section.statements {
            let keyword = statement.keyword.map(|entry| entry.keyword);
            match keyword {
                Some("default-server") => apply(&mut defaults, statement.args()),
                Some("server") if position == index => {
                    let args = statement.args();
                    let mut flags = defaults.clone();
                    apply(&mut flags, args.get(2..).unwrap_or_default());
                    lines.push(ServerLine {
                        name: word(args, 0),
                        address: word(args, 1),
                        flags,
                        count: 1,
                        statement,
                    });
                }
                Some("server-template") if position == index => {
                    let args = statement.args();
                    let mut flags = defaults.clone();
                    apply(&mut flags, args.get(3..).unwrap_or_default());
                    let range = word(args, 1);
                    lines.push(ServerLine {
                        name: format!("{}[{range}]", word(args, 0)),
                        address: word(args, 2),
                        flags,
                        count: template_count(&range),
                        statement,
                    });
                }
                _ => {}
            }
        }
    }
    lines
}

fn word(args: &[Word], index: usize) -> String {
    args.get(index)
        .map(|word| word.value.clone())
        .unwrap_or_default()
}

/// Servers a template's `<num>` or `<first>-<last>` makes.
fn template_count(range: &str) -> usize {
    match range.split_once('-') {
        Some((first, last)) => match (first.parse::<usize>(), last.parse::<usize>()) {
            (Ok(first), Ok(last)) if last >= first => last - first + 1,
            _ => 1,
        },
        None => range.parse().unwrap_or(1),
    }
}
