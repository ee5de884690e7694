//! Lookups over the generated tables, for one target version or across all.

use std::sync::OnceLock;

use rustc_hash::FxHashMap as HashMap;

use crate::generated::ENTRIES;
use crate::{Context, Entry, Kind, Version};

/// Every entry of every version.
pub fn all_entries() -> &'static [Entry] {
    &ENTRIES
}

/// Every entry of `keyword` in `context`, across versions, oldest first.
pub fn history(context: Context, keyword: &str) -> impl Iterator<Item = &'static Entry> + '_ {
    all_index()
        .get(&(context, keyword))
        .into_iter()
        .flatten()
        .map(|index| &ENTRIES[*index])
}

fn all_index() -> &'static HashMap<(Context, &'static str), Vec<usize>> {
    static INDEX: OnceLock<HashMap<(Context, &'static str), Vec<usize>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index: HashMap<_, Vec<usize>> = HashMap::default();
        for (position, entry) in ENTRIES.iter().enumerate() {
            index
                .entry((entry.context, entry.keyword))
                .or_default()
                .push(position);
        }
        for positions in index.values_mut() {
            positions.sort_by_key(|position| ENTRIES[*position].from);
        }
        index
    })
}

/// The longest multi-word keyword of the tables, in words.
pub const MAX_KEYWORD_WORDS: usize = 4;

/// The keywords of one HAProxy version.
pub struct Keywords {
    version: Version,
    by_name: HashMap<(Context, &'static str), &'static Entry>,
    /// Context -> names, for suggestions and completion.
    names: HashMap<Context, Vec<&'static str>>,
}

impl Keywords {
    /// The tables of `version` (built once, then shared).
    pub fn for_version(version: Version) -> &'static Self {
        static TABLES: OnceLock<Vec<OnceLock<Keywords>>> = OnceLock::new();
        let tables = TABLES.get_or_init(|| Version::ALL.iter().map(|_| OnceLock::new()).collect());
        let position = Version::ALL
            .iter()
            .position(|known| *known == version)
            .unwrap_or_else(|| {
                // Unknown lines map to the nearest known one below (or the oldest).
                Version::ALL
                    .iter()
                    .rposition(|known| *known <= version)
                    .unwrap_or(0)
            });
        tables[position].get_or_init(|| Self::build(Version::ALL[position]))
    }

    fn build(version: Version) -> Self {
        let mut by_name = HashMap::default();
        let mut names: HashMap<Context, Vec<&'static str>> = HashMap::default();
        for entry in ENTRIES.iter().filter(|entry| entry.covers(version)) {
            if by_name
                .insert((entry.context, entry.keyword), entry)
                .is_none()
            {
                names.entry(entry.context).or_default().push(entry.keyword);
            }
        }
        for list in names.values_mut() {
            list.sort_unstable();
        }
        Self {
            version,
            by_name,
            names,
        }
    }

    pub fn version(&self) -> Version {
        self.version
    }

    /// The entry of `keyword` in `context` for this version.
    pub fn get(&self, context: Context, keyword: &str) -> Option<&'static Entry> {
        self.by_name.get(&(context, keyword)).copied()
    }

    /// The longest keyword made of the first words of `words`, with the
    /// number of words it takes (`timeout client`, `http-request set-header`).
    pub fn longest_match(
        &self,
        context: Context,
        words: &[&str],
    ) -> Option<(&'static Entry, usize)> {
        let mut candidate = String::new();
        let mut best = None;
        for (count, word) in words.iter().take(MAX_KEYWORD_WORDS).enumerate() {
            if count > 0 {
                candidate.push(' ');
            }
            candidate.push_str(word);
            if let Some(entry) = self.get(context, &candidate) {
                best = Some((entry, count + 1));
            }
        }
        best
    }

    /// Every keyword name of `context`, sorted.
    pub fn names(&self, context: Context) -> &[&'static str] {
        self.names.get(&context).map_or(&[], Vec::as_slice)
    }

    /// Entries of one kind in a context (`Kind::Action` with a ruleset...).
    pub fn entries(&self, context: Context) -> impl Iterator<Item = &'static Entry> + '_ {
        self.names(context)
            .iter()
            .filter_map(move |name| self.get(context, name))
    }

    /// The actions of a rule set (`http-request`, `tcp-request content`...).
    pub fn actions<'a>(&'a self, ruleset: &'a str) -> impl Iterator<Item = &'static Entry> + 'a {
        self.entries(Context::Proxy).filter(move |entry| {
            entry.kind == Kind::Action && entry.extra("ruleset") == Some(ruleset)
        })
    }
}

/// The first version where `keyword` exists in `context`, if any.
pub fn first_version(context: Context, keyword: &str) -> Option<Version> {
    history(context, keyword).map(|entry| entry.from).min()
}

/// The first version after `version` without `keyword`, when it was removed.
pub fn removed_after(context: Context, keyword: &str, version: Version) -> Option<Version> {
    let last = history(context, keyword).map(|entry| entry.to).max()?;
    let next = Version::ALL.iter().copied().find(|known| *known > last)?;
    (last < version).then_some(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multi_word_keywords_resolve_to_the_longest_match() {
        let keywords = Keywords::for_version(Version::new(2, 6));
        let (entry, words) = keywords
            .longest_match(Context::Proxy, &["timeout", "client", "30s"])
            .expect("timeout client");
        assert_eq!((entry.keyword, words), ("timeout client", 2));
        let (entry, words) = keywords
            .longest_match(Context::Proxy, &["http-request", "set-header", "X-A", "b"])
            .expect("http-request set-header");
        assert_eq!(
            (entry.keyword, entry.kind, words),
            ("http-request set-header", Kind::Action, 2)
        );
        assert!(
            keywords
                .longest_match(Context::Proxy, &["frobnicate"])
                .is_none()
        );
    }

    #[test]
    fn versions_differ() {
        let old = Keywords::for_version(Version::new(1, 8));
        let new = Keywords::for_version(Version::new(2, 6));
        assert!(old.get(Context::Proxy, "reqadd").is_some());
        assert!(new.get(Context::Proxy, "reqadd").is_none());
        assert_eq!(
            removed_after(Context::Proxy, "reqadd", Version::new(2, 6)),
            Some(Version::new(2, 1))
        );
        assert!(
            new.get(Context::Global, "nbproc").is_none()
                || new.get(Context::Global, "nbproc").is_some()
        );
        assert_eq!(
            first_version(Context::Section, "ring"),
            Some(Version::new(2, 2))
        );
    }

    #[test]
    fn every_version_has_tables() {
        for version in Version::ALL {
            let keywords = Keywords::for_version(version);
            assert!(keywords.names(Context::Global).len() > 100, "{version}");
            assert!(keywords.get(Context::Proxy, "bind").is_some(), "{version}");
        }
    }
}
