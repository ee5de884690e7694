//! Types of sample expressions and the casts HAProxy applies between a step
//! and the next converter (checked at load time: "converter cannot be applied").

/// The type a fetch produces or a converter consumes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SampleType {
    Any,
    Boolean,
    Integer,
    Address,
    Ipv4,
    Ipv6,
    String,
    Binary,
    Method,
}

impl SampleType {
    /// From the tables' type names; unknown or mixed types are `Any`.
    pub fn from_name(name: &str) -> Self {
        match name {
            "boolean" => Self::Boolean,
            "integer" => Self::Integer,
            "address" => Self::Address,
            "ipv4" => Self::Ipv4,
            "ipv6" => Self::Ipv6,
            "string" => Self::String,
            "binary" => Self::Binary,
            "method" => Self::Method,
            _ => Self::Any,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Any => "any",
            Self::Boolean => "boolean",
            Self::Integer => "integer",
            Self::Address => "address",
            Self::Ipv4 => "ipv4",
            Self::Ipv6 => "ipv6",
            Self::String => "string",
            Self::Binary => "binary",
            Self::Method => "method",
        }
    }

    /// Whether HAProxy accepts a `self` sample where `to` is expected.
    /// Verified against HAProxy 2.6 for the refused cases.
    pub fn casts_to(self, to: Self) -> bool {
        use SampleType::{Address, Any, Binary, Boolean, Integer, Ipv4, Ipv6, Method, String};
        matches!(
            (self, to),
            (Any | Address | String, _)
                | (_, Any)
                | (Boolean, Boolean | Integer | String | Binary)
                | (
                    Integer,
                    Boolean | Integer | Address | Ipv4 | Ipv6 | String | Binary
                )
                | (Ipv4, Integer | Address | Ipv4 | Ipv6 | String | Binary)
                | (Ipv6, Address | Ipv4 | Ipv6 | String | Binary)
                | (Binary | Method, String | Binary | Method)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::SampleType::*;

    #[test]
    fn casts_refused_by_haproxy_2_6() {
        assert!(!Boolean.casts_to(Address));
        assert!(!Binary.casts_to(Address));
        assert!(!Binary.casts_to(Integer));
    }

    #[test]
    fn casts_accepted_by_haproxy_2_6() {
        for (from, to) in [
            (Address, String),
            (Address, Integer),
            (String, Address),
            (String, Integer),
            (Integer, String),
            (Binary, String),
            (Boolean, String),
            (Integer, Address),
            (Boolean, Binary),
            (Method, Binary),
            (Boolean, Integer),
        ] {
            assert!(from.casts_to(to), "{from:?} -> {to:?}");
        }
    }
}
