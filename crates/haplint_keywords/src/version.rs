//! HAProxy versions, as `major.minor` release lines.

use std::fmt;

/// A release line such as 2.6. Ordered chronologically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    pub major: u8,
    pub minor: u8,
}

impl Version {
    pub const fn new(major: u8, minor: u8) -> Self {
        Self { major, minor }
    }

    /// The oldest line the tables know (facts for it mean "1.8 or older").
    pub const OLDEST: Self = Self::new(1, 8);
    /// The development line the tables include.
    pub const DEVELOPMENT: Self = Self::new(3, 5);
    /// The default target: the newest long-term-support line in the tables.
    pub const DEFAULT: Self = Self::new(3, 2);

    /// Every release line in the tables, oldest first.
    pub const ALL: [Self; 18] = [
        Self::new(1, 8),
        Self::new(1, 9),
        Self::new(2, 0),
        Self::new(2, 1),
        Self::new(2, 2),
        Self::new(2, 3),
        Self::new(2, 4),
        Self::new(2, 5),
        Self::new(2, 6),
        Self::new(2, 7),
        Self::new(2, 8),
        Self::new(2, 9),
        Self::new(3, 0),
        Self::new(3, 1),
        Self::new(3, 2),
        Self::new(3, 3),
        Self::new(3, 4),
        Self::new(3, 5),
    ];

    /// Parses `2.6`, `2.6.12`, `v3.0` or `3.5-dev5` (patch levels are ignored).
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim().trim_start_matches('v');
        let text = text.split('-').next()?;
        let mut parts = text.split('.');
        let major = parts.next()?.parse().ok()?;
        let minor = parts.next()?.parse().ok()?;
        if let Some(patch) = parts.next() {
            patch.parse::<u16>().ok()?;
        }
        if parts.next().is_some() {
            return None;
        }
        Some(Self::new(major, minor))
    }

    /// Whether the tables know this line.
    pub fn is_known(self) -> bool {
        Self::ALL.contains(&self)
    }

    /// Long-term-support lines: 1.8 and every even minor from 2.0.
    pub fn is_lts(self) -> bool {
        self == Self::new(1, 8)
            || (self.major >= 2 && self.minor.is_multiple_of(2) && self != Self::DEVELOPMENT)
    }

    /// The version part of docs.haproxy.org URLs.
    pub fn doc_label(self) -> String {
        if self == Self::DEVELOPMENT {
            "dev".to_owned()
        } else {
            self.to_string()
        }
    }

    /// `https://docs.haproxy.org/<version>/configuration.html#<fragment>`
    pub fn doc_url(self, fragment: &str) -> String {
        format!(
            "https://docs.haproxy.org/{}/configuration.html#{fragment}",
            self.doc_label()
        )
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parsing() {
        assert_eq!(Version::parse("2.6"), Some(Version::new(2, 6)));
        assert_eq!(Version::parse("2.6.12"), Some(Version::new(2, 6)));
        assert_eq!(Version::parse("v3.0"), Some(Version::new(3, 0)));
        assert_eq!(Version::parse("3.5-dev5"), Some(Version::new(3, 5)));
        assert_eq!(Version::parse("2"), None);
        assert_eq!(Version::parse("2.x"), None);
        assert_eq!(Version::parse("2.6.1.1"), None);
    }

    #[test]
    fn ordering_and_lts() {
        assert!(Version::new(1, 9) < Version::new(2, 0));
        assert!(Version::new(2, 10) > Version::new(2, 9));
        assert!(Version::new(2, 6).is_lts());
        assert!(!Version::new(2, 7).is_lts());
        assert!(Version::DEFAULT.is_lts());
        assert_eq!(Version::DEVELOPMENT.doc_label(), "dev");
        assert!(Version::ALL.windows(2).all(|pair| pair[0] < pair[1]));
    }
}
