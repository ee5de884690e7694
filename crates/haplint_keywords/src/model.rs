//! The shape of one keyword fact.

use crate::Version;

/// What a record describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Section,
    Global,
    Proxy,
    Option,
    Timeout,
    Action,
    Balance,
    Filter,
    Bind,
    Server,
    Fetch,
    Converter,
    AclKeyword,
    PredefinedAcl,
    LogformatVar,
    /// A keyword of one of the smaller sections (userlist, peers, ...).
    Keyword,
    LoadOption,
}

/// Where a keyword lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Section,
    Global,
    /// defaults, frontend, listen and backend.
    Proxy,
    Balance,
    Bind,
    Server,
    Fetch,
    Converter,
    Acl,
    LogFormat,
    Userlist,
    Peers,
    Mailers,
    Resolvers,
    Cache,
    Program,
    HttpErrors,
    Ring,
    LogForward,
    FcgiApp,
    CrtStore,
    CrtStoreLoad,
    Traces,
    Acme,
    Healthcheck,
}

/// A configuration section kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SectionKind {
    Global,
    Defaults,
    Frontend,
    Listen,
    Backend,
    Userlist,
    Peers,
    Mailers,
    Resolvers,
    Cache,
    Program,
    HttpErrors,
    Ring,
    LogForward,
    FcgiApp,
    CrtStore,
    Traces,
    Acme,
    Healthcheck,
    LogProfile,
    NamespaceList,
    SpoeAgent,
    SpoeGroup,
    SpoeMessage,
}

impl SectionKind {
    pub const ALL: [Self; 24] = [
        Self::Global,
        Self::Defaults,
        Self::Frontend,
        Self::Listen,
        Self::Backend,
        Self::Userlist,
        Self::Peers,
        Self::Mailers,
        Self::Resolvers,
        Self::Cache,
        Self::Program,
        Self::HttpErrors,
        Self::Ring,
        Self::LogForward,
        Self::FcgiApp,
        Self::CrtStore,
        Self::Traces,
        Self::Acme,
        Self::Healthcheck,
        Self::LogProfile,
        Self::NamespaceList,
        Self::SpoeAgent,
        Self::SpoeGroup,
        Self::SpoeMessage,
    ];

    /// The keyword that opens the section.
    pub fn name(self) -> &'static str {
        match self {
            Self::Global => "global",
            Self::Defaults => "defaults",
            Self::Frontend => "frontend",
            Self::Listen => "listen",
            Self::Backend => "backend",
            Self::Userlist => "userlist",
            Self::Peers => "peers",
            Self::Mailers => "mailers",
            Self::Resolvers => "resolvers",
            Self::Cache => "cache",
            Self::Program => "program",
            Self::HttpErrors => "http-errors",
            Self::Ring => "ring",
            Self::LogForward => "log-forward",
            Self::FcgiApp => "fcgi-app",
            Self::CrtStore => "crt-store",
            Self::Traces => "traces",
            Self::Acme => "acme",
            Self::Healthcheck => "healthcheck",
            Self::LogProfile => "log-profile",
            Self::NamespaceList => "namespace_list",
            Self::SpoeAgent => "spoe-agent",
            Self::SpoeGroup => "spoe-group",
            Self::SpoeMessage => "spoe-message",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.name() == name)
    }

    /// defaults, frontend, listen or backend.
    pub fn is_proxy(self) -> bool {
        matches!(
            self,
            Self::Defaults | Self::Frontend | Self::Listen | Self::Backend
        )
    }

    /// The context whose keywords are valid inside this section.
    pub fn context(self) -> Option<Context> {
        Some(match self {
            Self::Global => Context::Global,
            Self::Defaults | Self::Frontend | Self::Listen | Self::Backend => Context::Proxy,
            Self::Userlist => Context::Userlist,
            Self::Peers => Context::Peers,
            Self::Mailers => Context::Mailers,
            Self::Resolvers => Context::Resolvers,
            Self::Cache => Context::Cache,
            Self::Program => Context::Program,
            Self::HttpErrors => Context::HttpErrors,
            Self::Ring => Context::Ring,
            Self::LogForward => Context::LogForward,
            Self::FcgiApp => Context::FcgiApp,
            Self::CrtStore => Context::CrtStore,
            Self::Traces => Context::Traces,
            Self::Acme => Context::Acme,
            Self::Healthcheck => Context::Healthcheck,
            Self::LogProfile
            | Self::NamespaceList
            | Self::SpoeAgent
            | Self::SpoeGroup
            | Self::SpoeMessage => {
                return None;
            }
        })
    }
}

/// A set of section kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct SectionSet(u32);

impl SectionSet {
    pub const EMPTY: Self = Self(0);

    #[must_use]
    pub const fn with(self, kind: SectionKind) -> Self {
        Self(self.0 | (1 << kind as u32))
    }

    pub const fn contains(self, kind: SectionKind) -> bool {
        self.0 & (1 << kind as u32) != 0
    }

    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn iter(self) -> impl Iterator<Item = SectionKind> {
        SectionKind::ALL
            .into_iter()
            .filter(move |kind| self.contains(*kind))
    }
}

/// Boolean facts of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Flags(u8);

impl Flags {
    pub const DEPRECATED: u8 = 1;
    pub const NAMED_DEFAULTS_ONLY: u8 = 2;
    pub const EXPERIMENTAL: u8 = 4;
    pub const NEGATABLE: u8 = 8;
    pub const UNDOCUMENTED: u8 = 16;

    pub const fn from_bits(bits: u8) -> Self {
        Self(bits)
    }

    pub const fn has(self, bit: u8) -> bool {
        self.0 & bit != 0
    }
}

/// One keyword over a range of versions where its facts do not change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub kind: Kind,
    pub context: Context,
    /// As written in a config, several words for multi-word keywords.
    pub keyword: &'static str,
    pub from: Version,
    /// Last version with these facts (inclusive).
    pub to: Version,
    pub sections: SectionSet,
    pub flags: Flags,
    /// The docs.haproxy.org fragment for these versions.
    pub fragment: &'static str,
    /// The documented syntax line.
    pub signature: &'static str,
    /// `(key, value)` facts; see [`Entry::extra`].
    pub extra: &'static [(&'static str, &'static str)],
}

impl Entry {
    pub fn covers(&self, version: Version) -> bool {
        self.from <= version && version <= self.to
    }

    pub fn is_deprecated(&self) -> bool {
        self.flags.has(Flags::DEPRECATED)
    }

    pub fn named_defaults_only(&self) -> bool {
        self.flags.has(Flags::NAMED_DEFAULTS_ONLY)
    }

    pub fn is_experimental(&self) -> bool {
        self.flags.has(Flags::EXPERIMENTAL)
    }

    pub fn is_negatable(&self) -> bool {
        self.flags.has(Flags::NEGATABLE)
    }

    /// One of the extra facts: `ruleset`, `action`, `in`, `out`, `layer`,
    /// `usable` (`|`-separated), `match`, `fetch`, `equivalent`, `line`,
    /// `modes`, `category`, `fetch-equivalent`, `subkeywords`.
    pub fn extra(&self, key: &str) -> Option<&'static str> {
        self.extra
            .iter()
            .find(|(name, _)| *name == key)
            .map(|(_, value)| *value)
    }

    /// The documented arguments: the signature without the keyword.
    pub fn args(&self) -> &'static str {
        self.signature
            .strip_prefix(self.keyword)
            .unwrap_or(self.signature)
            .trim_start()
    }

    pub fn doc_url(&self, version: Version) -> String {
        version.doc_url(self.fragment)
    }
}

#[cfg(test)]
mod tests {
    use crate::generated::ENTRIES;

    /// Each fact of an entry is read back by its key, including keys
    /// that are prefixes of others (`fetch` and `fetch-equivalent`), and
    /// no key is written twice.
    #[test]
    fn extra_reads_every_fact_as_written() {
        let mut checked = 0;
        for entry in &ENTRIES {
            for (index, (key, value)) in entry.extra.iter().enumerate() {
                assert_eq!(entry.extra(key), Some(*value), "{key} of {}", entry.keyword);
                assert!(
                    entry.extra[index + 1..]
                        .iter()
                        .all(|(other, _)| other != key),
                    "{key} twice in {}",
                    entry.keyword
                );
                checked += 1;
            }
            assert_eq!(entry.extra("nothing"), None);
            assert_eq!(entry.extra(""), None);
        }
        assert!(checked > ENTRIES.len());
    }
}
