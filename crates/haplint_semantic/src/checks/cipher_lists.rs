//! TLS 1.2 cipher lists (`ciphers` on `bind` and `server` lines,
//! `ssl-default-bind-ciphers`, `ssl-default-server-ciphers`). OpenSSL
//! skips the names it does not know, and refuses the list only when nothing
//! in it selects a cipher; HAProxy then stops with "unable to set SSL
//! cipher list". Names are case-sensitive (`aNull` is not `aNULL`).
//!
//! The names known here are those of OpenSSL 3.0 (`openssl ciphers
//! ALL:COMPLEMENTOFALL:@SECLEVEL=0`), the older names OpenSSL 1.x still
//! accepts, and the aliases of the `ciphers(1)` manual. A list is an error
//! only when every name that adds ciphers is unknown to all of them, so a
//! build on an older OpenSSL is never refused for a name it has.

use crate::diagnostic::{Rule, SemanticDiagnostic};
use crate::model::{Model, Statement, Word};

/// Keywords whose first argument is a cipher list.
const GLOBAL_LISTS: [&str; 2] = ["ssl-default-bind-ciphers", "ssl-default-server-ciphers"];

/// Aliases that select groups of ciphers.
const ALIASES: &[&str] = &[
    "DEFAULT",
    "COMPLEMENTOFDEFAULT",
    "ALL",
    "COMPLEMENTOFALL",
    "HIGH",
    "MEDIUM",
    "LOW",
    "eNULL",
    "NULL",
    "aNULL",
    "kRSA",
    "aRSA",
    "RSA",
    "kDHr",
    "kDHd",
    "kDH",
    "kDHE",
    "kEDH",
    "DH",
    "DHE",
    "EDH",
    "ADH",
    "kEECDH",
    "kECDHE",
    "ECDH",
    "ECDHE",
    "EECDH",
    "AECDH",
    "aDSS",
    "DSS",
    "aDH",
    "aECDH",
    "kECDH",
    "aECDSA",
    "ECDSA",
    "TLSv1.2",
    "TLSv1.0",
    "TLSv1",
    "SSLv3",
    "SSLv2",
    "AES128",
    "AES256",
    "AES",
    "AESGCM",
    "AESCCM",
    "AESCCM8",
    "ARIA128",
    "ARIA256",
    "ARIA",
    "ARIAGCM",
    "CAMELLIA128",
    "CAMELLIA256",
    "CAMELLIA",
    "CHACHA20",
    "3DES",
    "DES",
    "RC4",
    "RC2",
    "IDEA",
    "SEED",
    "MD5",
    "SHA1",
    "SHA",
    "SHA256",
    "SHA384",
    "aGOST",
    "aGOST01",
    "aGOST12",
    "kGOST",
    "GOST94",
    "GOST89MAC",
    "GOST12",
    "PSK",
    "kPSK",
    "kECDHEPSK",
    "kDHEPSK",
    "kRSAPSK",
    "aPSK",
    "SUITEB128",
    "SUITEB128ONLY",
    "SUITEB128C2",
    "SUITEB192",
    "CBC",
    "kSRP",
    "SRP",
    "aSRP",
    "EXP",
    "EXPORT",
    "EXPORT40",
    "EXPORT56",
    "FIPS",
    "kFZA",
    "aFZA",
    "eFZA",
    "FZA",
    "aKRB5",
    "kKRB5",
    "KRB5",
    "kECDHr",
    "kECDHe",
    "aNULL",
    "AESGCM8",
];

/// Suite names of OpenSSL 3.0 (TLS 1.2 and below, and the TLS 1.3 names,
/// which the TLS 1.2 list ignores but does not refuse).
const SUITES: &[&str] = &[
    "ADH-AES128-GCM-SHA256",
    "ADH-AES128-SHA",
    "ADH-AES128-SHA256",
    "ADH-AES256-GCM-SHA384",
    "ADH-AES256-SHA",
    "ADH-AES256-SHA256",
    "ADH-CAMELLIA128-SHA",
    "ADH-CAMELLIA128-SHA256",
    "ADH-CAMELLIA256-SHA",
    "ADH-CAMELLIA256-SHA256",
    "AECDH-AES128-SHA",
    "AECDH-AES256-SHA",
    "AECDH-NULL-SHA",
    "AES128-CCM",
    "AES128-CCM8",
    "AES128-GCM-SHA256",
    "AES128-SHA",
    "AES128-SHA256",
    "AES256-CCM",
    "AES256-CCM8",
    "AES256-GCM-SHA384",
    "AES256-SHA",
    "AES256-SHA256",
    "ARIA128-GCM-SHA256",
    "ARIA256-GCM-SHA384",
    "CAMELLIA128-SHA",
    "CAMELLIA128-SHA256",
    "CAMELLIA256-SHA",
    "CAMELLIA256-SHA256",
    "DHE-DSS-AES128-GCM-SHA256",
    "DHE-DSS-AES128-SHA",
    "DHE-DSS-AES128-SHA256",
    "DHE-DSS-AES256-GCM-SHA384",
    "DHE-DSS-AES256-SHA",
    "DHE-DSS-AES256-SHA256",
    "DHE-DSS-ARIA128-GCM-SHA256",
    "DHE-DSS-ARIA256-GCM-SHA384",
    "DHE-DSS-CAMELLIA128-SHA",
    "DHE-DSS-CAMELLIA128-SHA256",
    "DHE-DSS-CAMELLIA256-SHA",
    "DHE-DSS-CAMELLIA256-SHA256",
    "DHE-PSK-AES128-CBC-SHA",
    "DHE-PSK-AES128-CBC-SHA256",
    "DHE-PSK-AES128-CCM",
    "DHE-PSK-AES128-CCM8",
    "DHE-PSK-AES128-GCM-SHA256",
    "DHE-PSK-AES256-CBC-SHA",
    "DHE-PSK-AES256-CBC-SHA384",
    "DHE-PSK-AES256-CCM",
    "DHE-PSK-AES256-CCM8",
    "DHE-PSK-AES256-GCM-SHA384",
    "DHE-PSK-ARIA128-GCM-SHA256",
    "DHE-PSK-ARIA256-GCM-SHA384",
    "DHE-PSK-CAMELLIA128-SHA256",
    "DHE-PSK-CAMELLIA256-SHA384",
    "DHE-PSK-CHACHA20-POLY1305",
    "DHE-PSK-NULL-SHA",
    "DHE-PSK-NULL-SHA256",
    "DHE-PSK-NULL-SHA384",
    "DHE-RSA-AES128-CCM",
    "DHE-RSA-AES128-CCM8",
    "DHE-RSA-AES128-GCM-SHA256",
    "DHE-RSA-AES128-SHA",
    "DHE-RSA-AES128-SHA256",
    "DHE-RSA-AES256-CCM",
    "DHE-RSA-AES256-CCM8",
    "DHE-RSA-AES256-GCM-SHA384",
    "DHE-RSA-AES256-SHA",
    "DHE-RSA-AES256-SHA256",
    "DHE-RSA-ARIA128-GCM-SHA256",
    "DHE-RSA-ARIA256-GCM-SHA384",
    "DHE-RSA-CAMELLIA128-SHA",
    "DHE-RSA-CAMELLIA128-SHA256",
    "DHE-RSA-CAMELLIA256-SHA",
    "DHE-RSA-CAMELLIA256-SHA256",
    "DHE-RSA-CHACHA20-POLY1305",
    "ECDHE-ARIA128-GCM-SHA256",
    "ECDHE-ARIA256-GCM-SHA384",
    "ECDHE-ECDSA-AES128-CCM",
    "ECDHE-ECDSA-AES128-CCM8",
    "ECDHE-ECDSA-AES128-GCM-SHA256",
    "ECDHE-ECDSA-AES128-SHA",
    "ECDHE-ECDSA-AES128-SHA256",
    "ECDHE-ECDSA-AES256-CCM",
    "ECDHE-ECDSA-AES256-CCM8",
    "ECDHE-ECDSA-AES256-GCM-SHA384",
    "ECDHE-ECDSA-AES256-SHA",
    "ECDHE-ECDSA-AES256-SHA384",
    "ECDHE-ECDSA-ARIA128-GCM-SHA256",
    "ECDHE-ECDSA-ARIA256-GCM-SHA384",
    "ECDHE-ECDSA-CAMELLIA128-SHA256",
    "ECDHE-ECDSA-CAMELLIA256-SHA384",
    "ECDHE-ECDSA-CHACHA20-POLY1305",
    "ECDHE-ECDSA-NULL-SHA",
    "ECDHE-PSK-AES128-CBC-SHA",
    "ECDHE-PSK-AES128-CBC-SHA256",
    "ECDHE-PSK-AES256-CBC-SHA",
    "ECDHE-PSK-AES256-CBC-SHA384",
    "ECDHE-PSK-CAMELLIA128-SHA256",
    "ECDHE-PSK-CAMELLIA256-SHA384",
    "ECDHE-PSK-CHACHA20-POLY1305",
    "ECDHE-PSK-NULL-SHA",
    "ECDHE-PSK-NULL-SHA256",
    "ECDHE-PSK-NULL-SHA384",
    "ECDHE-RSA-AES128-GCM-SHA256",
    "ECDHE-RSA-AES128-SHA",
    "ECDHE-RSA-AES128-SHA256",
    "ECDHE-RSA-AES256-GCM-SHA384",
    "ECDHE-RSA-AES256-SHA",
    "ECDHE-RSA-AES256-SHA384",
    "ECDHE-RSA-CAMELLIA128-SHA256",
    "ECDHE-RSA-CAMELLIA256-SHA384",
    "ECDHE-RSA-CHACHA20-POLY1305",
    "ECDHE-RSA-NULL-SHA",
    "NULL-MD5",
    "NULL-SHA",
    "NULL-SHA256",
    "PSK-AES128-CBC-SHA",
    "PSK-AES128-CBC-SHA256",
    "PSK-AES128-CCM",
    "PSK-AES128-CCM8",
    "PSK-AES128-GCM-SHA256",
    "PSK-AES256-CBC-SHA",
    "PSK-AES256-CBC-SHA384",
    "PSK-AES256-CCM",
    "PSK-AES256-CCM8",
    "PSK-AES256-GCM-SHA384",
    "PSK-ARIA128-GCM-SHA256",
    "PSK-ARIA256-GCM-SHA384",
    "PSK-CAMELLIA128-SHA256",
    "PSK-CAMELLIA256-SHA384",
    "PSK-CHACHA20-POLY1305",
    "PSK-NULL-SHA",
    "PSK-NULL-SHA256",
    "PSK-NULL-SHA384",
    "RSA-PSK-AES128-CBC-SHA",
    "RSA-PSK-AES128-CBC-SHA256",
    "RSA-PSK-AES128-GCM-SHA256",
    "RSA-PSK-AES256-CBC-SHA",
    "RSA-PSK-AES256-CBC-SHA384",
    "RSA-PSK-AES256-GCM-SHA384",
    "RSA-PSK-ARIA128-GCM-SHA256",
    "RSA-PSK-ARIA256-GCM-SHA384",
    "RSA-PSK-CAMELLIA128-SHA256",
    "RSA-PSK-CAMELLIA256-SHA384",
    "RSA-PSK-CHACHA20-POLY1305",
    "RSA-PSK-NULL-SHA",
    "RSA-PSK-NULL-SHA256",
    "RSA-PSK-NULL-SHA384",
    "SRP-AES-128-CBC-SHA",
    "SRP-AES-256-CBC-SHA",
    "SRP-DSS-AES-128-CBC-SHA",
    "SRP-DSS-AES-256-CBC-SHA",
    "SRP-RSA-AES-128-CBC-SHA",
    "SRP-RSA-AES-256-CBC-SHA",
    "TLS_AES_128_GCM_SHA256",
    "TLS_AES_256_GCM_SHA384",
    "TLS_CHACHA20_POLY1305_SHA256",
    "TLS_AES_128_CCM_SHA256",
    "TLS_AES_128_CCM_8_SHA256",
];

/// Names OpenSSL 3.0 dropped that 1.0/1.1 builds still accept.
const OLDER_SUITES: &[&str] = &[
    "DES-CBC3-SHA",
    "DES-CBC-SHA",
    "EDH-RSA-DES-CBC3-SHA",
    "EDH-DSS-DES-CBC3-SHA",
    "EDH-RSA-DES-CBC-SHA",
    "EDH-DSS-DES-CBC-SHA",
    "ECDHE-RSA-DES-CBC3-SHA",
    "ECDHE-ECDSA-DES-CBC3-SHA",
    "ECDH-RSA-DES-CBC3-SHA",
    "ECDH-ECDSA-DES-CBC3-SHA",
    "ADH-DES-CBC3-SHA",
    "ADH-DES-CBC-SHA",
    "AECDH-DES-CBC3-SHA",
    "RC4-SHA",
    "RC4-MD5",
    "ECDHE-RSA-RC4-SHA",
    "ECDHE-ECDSA-RC4-SHA",
    "ECDH-RSA-RC4-SHA",
    "ECDH-ECDSA-RC4-SHA",
    "ADH-RC4-MD5",
    "AECDH-RC4-SHA",
    "PSK-RC4-SHA",
    "IDEA-CBC-SHA",
    "SEED-SHA",
    "DHE-RSA-SEED-SHA",
    "DHE-DSS-SEED-SHA",
    "ADH-SEED-SHA",
    "EXP-RC4-MD5",
    "EXP-RC2-CBC-MD5",
    "EXP-DES-CBC-SHA",
    "EXP-EDH-RSA-DES-CBC-SHA",
    "EXP-EDH-DSS-DES-CBC-SHA",
    "EXP-ADH-DES-CBC-SHA",
    "EXP-ADH-RC4-MD5",
    "ECDH-RSA-AES128-SHA",
    "ECDH-RSA-AES256-SHA",
    "ECDH-ECDSA-AES128-SHA",
    "ECDH-ECDSA-AES256-SHA",
    "ECDH-RSA-AES128-SHA256",
    "ECDH-RSA-AES256-SHA384",
    "ECDH-ECDSA-AES128-SHA256",
    "ECDH-ECDSA-AES256-SHA384",
    "ECDH-RSA-AES128-GCM-SHA256",
    "ECDH-RSA-AES256-GCM-SHA384",
    "ECDH-ECDSA-AES128-GCM-SHA256",
    "ECDH-ECDSA-AES256-GCM-SHA384",
    "ECDH-RSA-NULL-SHA",
    "ECDH-ECDSA-NULL-SHA",
    "DHE-DSS-RC4-SHA",
    "GOST2001-GOST89-GOST89",
    "GOST94-GOST89-GOST89",
    "GOST2012256-GOST89-GOST89",
];

fn is_known(name: &str) -> bool {
    // `PROFILE=SYSTEM` (Fedora's crypto policies) and other `KEY=VALUE`
    // forms belong to patched builds; they are never judged here.
    name.contains('=')
        || ALIASES.contains(&name)
        || SUITES.contains(&name)
        || OLDER_SUITES.contains(&name)
}

/// The names of `list` that add ciphers (`!X`, `-X`, `+X` only remove or
/// move them, `@STRENGTH` is a command) and are unknown, or `None` when
/// the list selects something or adds nothing at all.
fn unknown_names(list: &str) -> Option<Vec<&str>> {
    let adding: Vec<&str> = list
        .split([':', ',', ' '])
        .filter(|name| !name.is_empty())
        .filter(|name| !name.starts_with(['!', '-', '+', '@']))
        .collect();
    // `ECDH+AESGCM` selects what both parts select: known when each is.
    let selects = |name: &str| name.split('+').all(is_known);
    if adding.is_empty() || adding.iter().any(|name| selects(name)) {
        return None;
    }
    Some(adding)
}

pub fn check(model: &Model, out: &mut Vec<SemanticDiagnostic>) {
    for statement in model
        .sections
        .iter()
        .flat_map(|section| &section.statements)
    {
        if statement.keyword.is_none() {
            continue;
        }
        let keyword = statement.head();
        let args = statement.args();
        let (list, used_here) = if GLOBAL_LISTS.contains(&keyword) {
            let Some(list) = args.first() else { continue };
            (list, false)
        } else if matches!(keyword, "bind" | "server" | "default-server") {
            let Some(position) = args.iter().position(|word| word.value == "ciphers") else {
                continue;
            };
            let Some(list) = args.get(position + 1) else {
                continue;
            };
            // HAProxy builds the TLS context, and sets the list, only for
            // a line that turns TLS on.
            let ssl_here =
                keyword != "default-server" && args.iter().any(|word| word.value == "ssl");
            (list, ssl_here)
        } else {
            continue;
        };
        out.extend(report(statement, list, used_here));
    }
}

fn report(statement: &Statement, list: &Word, used_here: bool) -> Option<SemanticDiagnostic> {
    if list.has_variables {
        return None;
    }
    let unknown = unknown_names(&list.value)?;
    let names = unknown
        .iter()
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let help =
        "cipher names are case-sensitive; `openssl ciphers -v 'LIST'` shows what a list selects";
    let diagnostic = if used_here {
        SemanticDiagnostic::error(
            Rule::InvalidValue,
            statement.file,
            list.range,
            format!(
                "OpenSSL knows no cipher named {names}: the list selects nothing and HAProxy refuses it"
            ),
        )
    } else {
        SemanticDiagnostic::warning(
            Rule::InvalidValue,
            statement.file,
            list.range,
            format!(
                "OpenSSL knows no cipher named {names}: the list selects nothing, and HAProxy refuses it on the TLS lines that use it"
            ),
        )
    };
    Some(diagnostic.with_help(help))
}

#[cfg(test)]
mod tests {
    use super::unknown_names;

    #[test]
    fn lists_that_select_something() {
        for list in [
            "ECDHE-RSA-AES128-GCM-SHA256:NOSUCH",
            "HIGH:!aNULL:!MD5",
            "ECDH+AESGCM:DH+AESGCM",
            "PROFILE=SYSTEM",
            "DES-CBC3-SHA",
            "!RC4",
            "",
        ] {
            assert_eq!(unknown_names(list), None, "{list}");
        }
    }

    #[test]
    fn lists_that_select_nothing() {
        assert_eq!(unknown_names("NOSUCHCIPHER"), Some(vec!["NOSUCHCIPHER"]));
        assert_eq!(unknown_names("anull:high"), Some(vec!["anull", "high"]));
        assert_eq!(unknown_names("ECDHE+FOO:!MD5"), Some(vec!["ECDHE+FOO"]));
    }
}
