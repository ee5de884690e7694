//! Section keywords. A line whose first word is one of these opens a new
//! section, even when indented: section names are reserved words.

/// A section keyword and the HAProxy versions that register it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SectionKeyword {
    pub name: &'static str,
    /// First version (`"1.8"` stands for "1.8 or older").
    pub since: &'static str,
    /// First version without it, if it was removed.
    pub removed: Option<&'static str>,
}

const fn section(name: &'static str, since: &'static str) -> SectionKeyword {
    SectionKeyword {
        name,
        since,
        removed: None,
    }
}

/// Every section keyword of HAProxy 1.8 to 3.4, plus the SPOE sections that
/// open the files loaded by `filter spoe config <file>`.
pub const SECTION_KEYWORDS: [SectionKeyword; 24] = [
    section("global", "1.8"),
    section("defaults", "1.8"),
    section("frontend", "1.8"),
    section("backend", "1.8"),
    section("listen", "1.8"),
    section("userlist", "1.8"),
    section("peers", "1.8"),
    section("resolvers", "1.8"),
    section("mailers", "1.8"),
    section("namespace_list", "1.8"),
    section("cache", "1.8"),
    section("spoe-agent", "1.8"),
    section("spoe-group", "1.8"),
    section("spoe-message", "1.8"),
    SectionKeyword {
        name: "program",
        since: "2.0",
        removed: Some("3.3"),
    },
    section("fcgi-app", "2.1"),
    section("http-errors", "2.2"),
    section("ring", "2.2"),
    section("log-forward", "2.3"),
    section("crt-store", "3.0"),
    section("log-profile", "3.1"),
    section("traces", "3.1"),
    section("acme", "3.2"),
    section("healthcheck", "3.4"),
];

/// The section keyword named `word`, if any.
pub fn find_section_keyword(word: &str) -> Option<&'static SectionKeyword> {
    SECTION_KEYWORDS.iter().find(|keyword| keyword.name == word)
}
