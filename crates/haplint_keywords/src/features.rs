//! Keywords that exist only when HAProxy is built with an option
//! (`USE_OPENSSL`, `USE_LUA`, `USE_QUIC`, device detection modules...).
//! `haproxy -vv` lists the options a binary was built with.

use crate::{Context, Entry};

/// A build option some keywords depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BuildFeature {
    OpenSsl,
    Lua,
    Quic,
    DeviceAtlas,
    FiftyOneDegrees,
    Wurfl,
    Prometheus,
    OpenTracing,
}

impl BuildFeature {
    /// The name `haproxy -vv` prints in its feature list.
    pub fn name(self) -> &'static str {
        match self {
            Self::OpenSsl => "OPENSSL",
            Self::Lua => "LUA",
            Self::Quic => "QUIC",
            Self::DeviceAtlas => "DEVICEATLAS",
            Self::FiftyOneDegrees => "51DEGREES",
            Self::Wurfl => "WURFL",
            Self::Prometheus => "PROMEX",
            Self::OpenTracing => "OT",
        }
    }

    /// Device detection modules: they need a third-party library, and the
    /// packaged builds of HAProxy (Debian, Ubuntu, RHEL, the official
    /// images) leave them out, so their keywords are unknown there.
    pub fn is_device_detection(self) -> bool {
        matches!(
            self,
            Self::DeviceAtlas | Self::FiftyOneDegrees | Self::Wurfl
        )
    }

    /// The module's name as its documentation spells it.
    pub fn module_name(self) -> &'static str {
        match self {
            Self::OpenSsl => "OpenSSL",
            Self::Lua => "Lua",
            Self::Quic => "QUIC",
            Self::DeviceAtlas => "DeviceAtlas",
            Self::FiftyOneDegrees => "51Degrees",
            Self::Wurfl => "WURFL",
            Self::Prometheus => "Prometheus exporter",
            Self::OpenTracing => "OpenTracing",
        }
    }

    /// The prefix of the module's global keywords, for a device detection
    /// module.
    pub fn keyword_prefix(self) -> &'static str {
        match self {
            Self::DeviceAtlas => "deviceatlas-",
            Self::FiftyOneDegrees => "51degrees-",
            Self::Wurfl => "wurfl-",
            _ => "",
        }
    }
}

/// The device detection modules a list of declared extra keywords
/// (`extra-keywords` in haplint.toml) says the build has: any keyword of a
/// module, exact or as a `prefix*` pattern, declares the whole module.
pub fn declared_modules(extra_keywords: &[String]) -> Vec<BuildFeature> {
    let mut modules = Vec::new();
    for extra in extra_keywords {
        let name = extra.trim_end_matches('*');
        let module = if name.starts_with("wurfl-") {
            BuildFeature::Wurfl
        } else if name.starts_with("51degrees-") || name.starts_with("51d.") {
            BuildFeature::FiftyOneDegrees
        } else if name.starts_with("deviceatlas-") || name.starts_with("da-csv-") {
            BuildFeature::DeviceAtlas
        } else {
            continue;
        };
        if !modules.contains(&module) {
            modules.push(module);
        }
    }
    modules
}

/// TLS options of `bind` and `server` lines.
const TLS_OPTIONS: [&str; 47] = [
    "ssl",
    "crt",
    "crt-list",
    "ca-file",
    "ca-verify-file",
    "ca-sign-file",
    "ca-sign-pass",
    "ca-ignore-err",
    "crt-ignore-err",
    "crl-file",
    "ciphers",
    "ciphersuites",
    "curves",
    "ecdhe",
    "sigalgs",
    "client-sigalgs",
    "verify",
    "verifyhost",
    "sni",
    "check-ssl",
    "check-sni",
    "no-check-ssl",
    "npn",
    "alpn",
    "check-alpn",
    "ssl-min-ver",
    "ssl-max-ver",
    "no-sslv3",
    "no-tlsv10",
    "no-tlsv11",
    "no-tlsv12",
    "no-tlsv13",
    "force-sslv3",
    "force-tlsv10",
    "force-tlsv11",
    "force-tlsv12",
    "force-tlsv13",
    "strict-sni",
    "allow-0rtt",
    "generate-certificates",
    "tls-ticket-keys",
    "prefer-client-ciphers",
    "no-tls-tickets",
    "tls-tickets",
    "no-ca-names",
    "ssl-reuse",
    "no-ssl-reuse",
];

/// The build option `entry` needs, if any.
pub fn required_feature(entry: &Entry) -> Option<BuildFeature> {
    let name = entry.keyword;
    match entry.context {
        Context::Global => global_feature(name),
        Context::Bind | Context::Server => {
            if name.starts_with("quic-") {
                Some(BuildFeature::Quic)
            } else if TLS_OPTIONS.contains(&name)
                || name.starts_with("ssl-")
                || name.starts_with("ocsp-")
            {
                Some(BuildFeature::OpenSsl)
            } else {
                None
            }
        }
        Context::Fetch | Context::Converter | Context::Acl => sample_feature(name),
        Context::Proxy if name == "filter opentracing" => Some(BuildFeature::OpenTracing),
        _ => None,
    }
}

fn global_feature(name: &str) -> Option<BuildFeature> {
    if name.starts_with("ssl-")
        || name.starts_with("tune.ssl.")
        || matches!(name, "ca-base" | "crt-base" | "issuers-chain-path")
    {
        Some(BuildFeature::OpenSsl)
    } else if name.starts_with("lua-") || name.starts_with("tune.lua.") {
        Some(BuildFeature::Lua)
    } else if name.starts_with("tune.quic.") || name.starts_with("quic-") {
        Some(BuildFeature::Quic)
    } else if name.starts_with("51degrees-") {
        Some(BuildFeature::FiftyOneDegrees)
    } else if name.starts_with("deviceatlas-") {
        Some(BuildFeature::DeviceAtlas)
    } else if name.starts_with("wurfl-") {
        Some(BuildFeature::Wurfl)
    } else {
        None
    }
}

fn sample_feature(name: &str) -> Option<BuildFeature> {
    if name.starts_with("ssl_")
        || matches!(
            name,
            "sha2" | "hmac" | "digest" | "aes_gcm_dec" | "aes_gcm_enc" | "jwt_verify"
        )
    {
        Some(BuildFeature::OpenSsl)
    } else if name.starts_with("51d.") {
        Some(BuildFeature::FiftyOneDegrees)
    } else if name.starts_with("da-") {
        Some(BuildFeature::DeviceAtlas)
    } else if name.starts_with("wurfl-") {
        Some(BuildFeature::Wurfl)
    } else if name.starts_with("quic_") {
        Some(BuildFeature::Quic)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Keywords, Version};

    #[test]
    fn features_of_known_keywords() {
        let keywords = Keywords::for_version(Version::new(2, 6));
        let feature = |context, name| keywords.get(context, name).and_then(required_feature);
        assert_eq!(
            feature(Context::Global, "ssl-default-bind-ciphers"),
            Some(BuildFeature::OpenSsl)
        );
        assert_eq!(
            feature(Context::Global, "lua-load"),
            Some(BuildFeature::Lua)
        );
        assert_eq!(feature(Context::Bind, "crt"), Some(BuildFeature::OpenSsl));
        assert_eq!(
            feature(Context::Server, "verify"),
            Some(BuildFeature::OpenSsl)
        );
        assert_eq!(
            feature(Context::Fetch, "ssl_fc"),
            Some(BuildFeature::OpenSsl)
        );
        assert_eq!(feature(Context::Global, "maxconn"), None);
        assert_eq!(feature(Context::Bind, "accept-proxy"), None);
        assert_eq!(BuildFeature::OpenSsl.name(), "OPENSSL");
        assert_eq!(
            feature(Context::Global, "wurfl-data-file"),
            Some(BuildFeature::Wurfl)
        );
    }

    #[test]
    fn modules_declared_by_extra_keywords() {
        let declared = declared_modules(&[
            "wurfl-*".to_owned(),
            "51degrees-data-file".to_owned(),
            "my-setting".to_owned(),
        ]);
        assert_eq!(
            declared,
            vec![BuildFeature::Wurfl, BuildFeature::FiftyOneDegrees]
        );
        assert!(BuildFeature::Wurfl.is_device_detection());
        assert!(!BuildFeature::Lua.is_device_detection());
    }
}
