//! `use_backend %[req.hdr(host),lower,map(hosts.map)]`: a target chosen at
//! run time. With a readable map the backends it can choose are known.

use haplint_semantic::Word;

/// Whether a `use_backend` target is computed at run time.
pub fn is_dynamic(target: &Word) -> bool {
    target.has_variables || target.value.contains("%[")
}

pub struct DynamicTargets;

impl DynamicTargets {
    /// The backend names the maps of `expression` hold (their values and
    /// the default value of `map(file,default)`), deduplicated in order.
    pub fn from_maps(expression: &str, read: &dyn Fn(&str) -> Option<String>) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        let mut add = |name: &str| {
            if !name.is_empty() && !names.iter().any(|known| known == name) {
                names.push(name.to_owned());
            }
        };
        for (file, default) in map_calls(expression) {
            if let Some(text) = read(&file) {
                for line in text.lines() {
                    let line = line.trim();
                    if line.is_empty() || line.starts_with('#') {
                        continue;
                    }
                    // `key value`: the value is the backend name.
                    if let Some(value) = line.split_whitespace().nth(1) {
                        add(value);
                    }
                }
            }
            if let Some(default) = default {
                add(&default);
            }
        }
        names
    }
}

/// The `map*(file[,default])` converters of an expression.
fn map_calls(expression: &str) -> Vec<(String, Option<String>)> {
    let mut calls = Vec::new();
    let mut rest = expression;
    while let Some(position) = rest.find("map") {
        let after = &rest[position + 3..];
        // `map(`, `map_str(`, `map_beg(`...: skip the match suffix.
        let open = after.find('(').filter(|open| {
            after[..*open]
                .chars()
                .all(|c| c == '_' || c.is_ascii_alphanumeric())
        });
        let Some(open) = open else {
            rest = after;
            continue;
        };
        let inside = &after[open + 1..];
        let Some(close) = inside.find(')') else {
            break;
        };
        let mut arguments = inside[..close].split(',').map(str::trim);
        if let Some(file) = arguments.next().filter(|file| !file.is_empty()) {
            calls.push((file.to_owned(), arguments.next().map(str::to_owned)));
        }
        rest = &inside[close..];
    }
    calls
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_map_files_and_defaults() {
        assert_eq!(
            map_calls("%[req.hdr(host),lower,map_dom(/etc/hosts.map,be_default)]"),
            [("/etc/hosts.map".to_owned(), Some("be_default".to_owned()))]
        );
        assert_eq!(map_calls("%[req.hdr(host)]"), []);
        assert_eq!(map_calls("%[src,map(a.map"), []);
    }
}
