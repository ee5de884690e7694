//! Sorts HAProxy's messages into categories, and tells the ones caused by
//! the machine HAProxy ran on (a missing certificate, no DNS, a feature not
//! compiled in) from the ones caused by the configuration text.
//!
//! Everything here is read from the message itself: the harness must give
//! the same answer for a config it has never seen.

/// A category of HAProxy message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Category {
    pub name: &'static str,
    /// Caused by the environment, not by the configuration text.
    pub environment: bool,
}

const fn config(name: &'static str) -> Category {
    Category {
        name,
        environment: false,
    }
}

const fn environment(name: &'static str) -> Category {
    Category::environment(name)
}

impl Category {
    pub const fn environment(name: &'static str) -> Self {
        Self {
            name,
            environment: true,
        }
    }
}

/// First match wins, so the more specific patterns come first.
const CONFIG_CATEGORIES: &[(&[&str], Category)] = &[
    (
        &[
            "not supported anymore",
            "not supported any more",
            "no longer supported",
            "has been removed",
            // `'monitor-net' doesn't exist anymore. Please use ...`
            "doesn't exist anymore",
        ],
        config("removed keyword"),
    ),
    (&["deprecated"], config("deprecated keyword")),
    (&["missing timeouts"], config("missing timeouts")),
    (
        &["will still be processed before", "placed after"],
        config("rule order"),
    ),
    (
        &["cannot inherit", "anonymous"],
        config("defaults inheritance"),
    ),
    (
        &[
            "out of section",
            "not allowed in",
            "only allowed in",
            "only supported in",
            "please use the 'bind' keyword",
        ],
        config("wrong section"),
    ),
    (
        &["unknown keyword", "unknown option", "Registered keywords"],
        config("unknown keyword"),
    ),
    (
        &[
            "fetch method",
            "converter",
            "sample expression",
            "sample fetch",
            "no such ACL",
        ],
        config("sample or ACL expression"),
    ),
    (
        &[
            "unable to find",
            "no such",
            "unknown backend",
            "undefined",
            "does not exist",
            "unknown service name",
        ],
        config("undefined reference"),
    ),
    (
        &[
            "HTTP mode",
            "require HTTP",
            "needs 'mode http'",
            "not usable with",
            "proxy mode",
        ],
        config("mode mismatch"),
    ),
    (
        &["has no 'bind'", "nothing to listen"],
        config("no listener"),
    ),
    (
        &[
            "same name",
            "already defined",
            "already declared",
            "duplicate",
            "conflicts with",
        ],
        config("duplicate name"),
    ),
    (
        &["ssl", "SSL", "TLS", "cipher", "'crt'", "ocsp"],
        config("TLS"),
    ),
    (
        &["invalid address", "missing port", "port range", "address"],
        config("address"),
    ),
    (&["incomplete section", "peer"], config("peers")),
    (
        &["log format", "log address", "facility"],
        config("logging"),
    ),
    (
        &[
            "expects",
            "expected",
            "invalid",
            "unexpected",
            "unknown",
            "must",
            "missing",
            "requires",
        ],
        config("invalid argument"),
    ),
];

/// Phrases of a file that could not be opened or read.
const MISSING_FILE: &[&str] = &[
    "unable to stat",
    "unable to load",
    "cannot open",
    "can't open",
    "couldn't open",
    "unable to open",
    "error opening",
    "failed to open",
    "unable to read",
    "No such file or directory",
    "Permission denied",
    "unable to access",
    "can't connect",
    "cannot connect",
    "expects a directory path",
];

/// Phrases of a feature this HAProxy build does not have.
const NOT_COMPILED: &[&str] = &[
    "not compiled",
    "compiled without",
    "built without",
    "not built with",
    "not supported by this build",
];

/// Filters that exist only in builds made with their option (`USE_OT=1`
/// for `opentracing`); a build without them lists the filters it has.
const OPTIONAL_FILTERS: &[&str] = &["opentracing", "opentelemetry"];

fn is_optional_filter(text: &str) -> bool {
    OPTIONAL_FILTERS
        .iter()
        .any(|filter| text.contains(&format!("'filter' : unknown keyword '{filter}'")))
}

/// Phrases of an account the machine does not have.
const ACCOUNTS: &[&str] = &["cannot find user id", "cannot find group id"];

/// Phrases that depend on how HAProxy was started, not on the file
/// (`program` sections need `-W`/`-Ws` or `master-worker`).
const START_MODE: &[&str] = &["without master worker mode"];

/// Phrases of a failed name resolution.
const DNS: &[&str] = &[
    "could not resolve",
    "Name or service not known",
    "name resolution",
    "unable to resolve",
];

/// The category of `text`, a message without its location, in an output
/// where `lua_failed` tells whether a Lua script could not be loaded.
pub fn classify_in(text: &str, lua_failed: bool) -> Category {
    // HAProxy 2.6 names a service of a script that did not load after the
    // rule's second word (`'content' unknown service name` for
    // `tcp-request content use-service lua.x`), so the `lua.` prefix is
    // not in the message; the failed load earlier in the output is.
    if lua_failed && text.contains("unknown service name") {
        return environment("Lua object of a script not loaded (environment)");
    }
    classify(text)
}

/// Whether `text` says a Lua script could not be loaded.
pub fn is_lua_load_failure(text: &str) -> bool {
    text.contains("error in Lua file") && contains_any(text, MISSING_FILE)
}

/// The category of `text`, a message without its location.
pub fn classify(text: &str) -> Category {
    if contains_any(text, MISSING_FILE) {
        return environment("missing file (environment)");
    }
    if contains_any(text, NOT_COMPILED) || is_optional_filter(text) {
        return environment("feature not compiled in (environment)");
    }
    if contains_any(text, START_MODE) {
        return environment("command line of HAProxy (environment)");
    }
    if contains_any(text, ACCOUNTS) {
        return environment("user or group not on this machine (environment)");
    }
    if contains_any(text, DNS) || unresolved_host_name(text) {
        return environment("DNS (environment)");
    }
    if text.contains("environment variable") || text.contains("${") {
        // HAProxy quotes the word as written: a `${VAR}` in it means the
        // value came from the environment HAProxy ran with (empty here).
        return environment("value of an environment variable (environment)");
    }
    if names_lua_object(text) {
        // Lua services, fetches and actions exist only once their script
        // loaded; without the script HAProxy reports them as unknown.
        return environment("Lua object of a script not loaded (environment)");
    }
    CONFIG_CATEGORIES
        .iter()
        .find(|(patterns, _)| contains_any(text, patterns))
        .map_or(config("other"), |(_, category)| *category)
}

fn contains_any(text: &str, patterns: &[&str]) -> bool {
    patterns.iter().any(|pattern| text.contains(pattern))
}

/// `invalid address: 'loghost' in 'loghost:514'`: HAProxy 2.6 says
/// "invalid address" for a host name it could not resolve. A name made of
/// letters, digits, dots and dashes with a letter in it is a DNS name;
/// anything else (`quic+1.2.3.4`, `fd@`, an empty variable) is the text's
/// fault.
fn unresolved_host_name(text: &str) -> bool {
    let Some(rest) = text.split("invalid address: '").nth(1) else {
        return false;
    };
    let Some((host, _)) = rest.split_once('\'') else {
        return false;
    };
    !host.is_empty()
        && host.chars().any(|c| c.is_ascii_alphabetic())
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        && !host.contains("..")
}

/// A quoted `lua.name` (or `<lua.name`) in the message.
fn names_lua_object(text: &str) -> bool {
    text.contains("'lua.") || text.contains("<lua.") || text.contains("\"lua.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_causes_are_read_from_the_message() {
        for text in [
            "'bind 127.0.0.1:443' in section 'frontend' : unable to stat SSL certificate from file '/x/a.pem' : No such file or directory.",
            "error in Lua file '/x/a.lua': cannot open /x/a.lua: No such file or directory",
            "'ca-file' : unable to load /x/ca.crt.",
            "log : invalid address: 'loghost' in 'loghost'",
            "error detected in backend 'b' while parsing 'http-request' rule : 'lua.svc' unknown service name.",
            "'bind' : missing port specification in '*:${MQTT_PORT}'",
            "'server b/s' : '${SRV}' resolves to an empty address (environment variable missing?)",
        ] {
            assert!(classify(text).environment, "{text}");
        }
    }

    #[test]
    fn services_of_a_script_that_did_not_load_are_environment() {
        let text = "'content' unknown service name.";
        assert!(!classify_in(text, false).environment);
        assert!(classify_in(text, true).environment);
        assert!(is_lua_load_failure(
            "error in Lua file '/x/a.lua': cannot open /x/a.lua: No such file or directory"
        ));
    }

    #[test]
    fn configuration_causes_get_their_category() {
        let cases = [
            (
                "unknown keyword 'foo' in 'global' section",
                "unknown keyword",
            ),
            (
                "'bind' : invalid address: 'quic+127.0.0.1' in 'quic+127.0.0.1:1'",
                "address",
            ),
            ("missing timeouts for frontend 'fe'.", "missing timeouts"),
            (
                "the 'reqadd' directive is not supported anymore since HAProxy 2.1.",
                "removed keyword",
            ),
            (
                "'monitor-net' doesn't exist anymore. Please use 'http-request return status 200 if { src 10.0.0.0/8 }' instead.",
                "removed keyword",
            ),
            ("unknown keyword 'server' out of section.", "wrong section"),
            ("something nobody has seen", "other"),
        ];
        for (text, name) in cases {
            let category = classify(text);
            assert!(!category.environment, "{text}");
            assert_eq!(category.name, name, "{text}");
        }
    }
}
