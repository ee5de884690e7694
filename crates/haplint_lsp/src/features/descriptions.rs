//! The one-line keyword descriptions of `data/descriptions.tsv`.

use std::collections::HashMap;
use std::sync::OnceLock;

use haplint_keywords::Context;

const DATA: &str = include_str!("../../data/descriptions.tsv");

fn table() -> &'static HashMap<&'static str, &'static str> {
    static TABLE: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| {
        DATA.lines()
            .filter(|line| !line.starts_with('#'))
            .filter_map(|line| line.split_once('\t'))
            .collect()
    })
}

/// The prefix of keys for keywords of `context`, when it has one.
fn prefix(context: Context) -> Option<&'static str> {
    Some(match context {
        Context::Bind => "bind",
        Context::Server => "server",
        Context::Fetch => "fetch",
        Context::Converter => "converter",
        Context::Userlist => "userlist",
        Context::Peers => "peers",
        Context::Resolvers => "resolvers",
        Context::Mailers => "mailers",
        Context::Cache => "cache",
        _ => return None,
    })
}

/// Our description of `keyword` in `context`. Rule actions fall back to
/// their rule set (`http-request set-var` -> `http-request`).
pub fn describe(context: Context, keyword: &str) -> Option<&'static str> {
    let table = table();
    if let Some(prefix) = prefix(context) {
        return table.get(format!("{prefix}:{keyword}").as_str()).copied();
    }
    table.get(keyword).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_least_150_descriptions_and_well_formed() {
        let table = table();
        assert!(table.len() >= 150, "{}", table.len());
        for line in DATA.lines().filter(|line| !line.starts_with('#')) {
            let (keyword, description) = line.split_once('\t').unwrap_or(("", ""));
            assert!(!keyword.is_empty() && !description.is_empty(), "{line:?}");
            assert!(description.ends_with('.'), "{line:?}");
        }
        assert!(describe(Context::Proxy, "timeout client").is_some());
        assert!(describe(Context::Bind, "ssl").is_some());
        assert!(describe(Context::Userlist, "user").is_some());
    }

    #[test]
    fn every_described_keyword_exists() {
        use haplint_keywords::{Context as C, all_entries};
        let contexts = |key: &str| -> Vec<C> {
            match key.split_once(':').map(|(prefix, _)| prefix) {
                Some("bind") => vec![C::Bind],
                Some("server") => vec![C::Server],
                Some("fetch") => vec![C::Fetch],
                Some("converter") => vec![C::Converter],
                Some("userlist") => vec![C::Userlist],
                Some("peers") => vec![C::Peers],
                Some("resolvers") => vec![C::Resolvers],
                Some("mailers") => vec![C::Mailers],
                Some("cache") => vec![C::Cache],
                _ => vec![C::Section, C::Global, C::Proxy],
            }
        };
        let mut unknown: Vec<&str> = table()
            .keys()
            .copied()
            .filter(|key| {
                let keyword = key.split_once(':').map_or(*key, |(_, keyword)| keyword);
                !all_entries().iter().any(|entry| {
                    contexts(key).contains(&entry.context)
                        && (entry.keyword == keyword
                            || entry.keyword.starts_with(&format!("{keyword} ")))
                })
            })
            .collect();
        unknown.sort_unstable();
        assert!(
            unknown.is_empty(),
            "not keywords haplint knows: {unknown:?}"
        );
    }
}
