//! Proxy modes: an HTTP frontend cannot hand its traffic to a TCP backend,
//! and HTTP features do nothing in a TCP proxy.

use haplint_keywords::Kind;

use crate::diagnostic::{Rule, SemanticDiagnostic};
use crate::effective::{Inheritance, Mode};
use crate::model::{Model, Statement};

pub fn check(model: &Model, inheritance: &Inheritance, out: &mut Vec<SemanticDiagnostic>) {
    let backends: std::collections::HashMap<&str, usize> = model
        .sections
        .iter()
        .enumerate()
        .filter(|(_, section)| section.has_backend_side())
        .filter_map(|(index, section)| section.name_text().map(|name| (name, index)))
        .collect();
    for (index, section) in model.sections.iter().enumerate() {
        // `mode "${MODE}"`: which mode applies is not in the text.
        if !section.is_proxy() || !inheritance.mode_is_known(model, index) {
            continue;
        }
        let mode = inheritance.mode(model, index);
        // `tcp-request content switch-mode http` upgrades the stream to HTTP.
        let upgrades = section.statements.iter().any(|statement| {
            statement.keyword.and_then(|entry| entry.extra("action")) == Some("switch-mode")
        });
        if mode == Mode::Tcp && !upgrades {
            // HAProxy warns once per proxy and feature, about the proxy:
            // so does this, pointing at the first use.
            let mut reported: Vec<String> = Vec::new();
            let name_range = section
                .name
                .as_ref()
                .map_or(section.keyword_range, |word| word.range);
            for statement in &section.statements {
                let Some(feature) = http_only(statement) else {
                    continue;
                };
                if reported.contains(&feature) {
                    continue;
                }
                // `option httplog` is the one HAProxy reports where it is
                // parsed (on the line after it, a quirk of 2.6).
                let (file, range) = if feature == "`option httplog`" {
                    (statement.file, statement.keyword_range())
                } else {
                    (section.file, name_range)
                };
                out.push(
                    SemanticDiagnostic::warning(
                        Rule::ModeMismatch,
                        file,
                        range,
                        format!(
                            "{feature} {} no effect: {} `{}` is in tcp mode",
                            if feature.ends_with("rules") {
                                "have"
                            } else {
                                "has"
                            },
                            section.kind.name(),
                            section.name_text().unwrap_or_default()
                        ),
                    )
                    .with_related(statement.file, statement.keyword_range(), "used here")
                    .with_help("set `mode http` in this proxy or its defaults if it carries HTTP"),
                );
                reported.push(feature);
            }
            inherited_http_only(model, inheritance, index, &reported, out);
        }
        if mode != Mode::Http || !section.has_frontend_side() {
            continue;
        }
        for keyword in ["use_backend", "default_backend"] {
            for statement in section.statements_of(keyword) {
                let Some(target) = statement.args().first() else {
                    continue;
                };
                let Some(target_index) = backends.get(target.value.as_str()) else {
                    continue;
                };
                if *target_index == index
                    || !inheritance.mode_is_known(model, *target_index)
                    || inheritance.mode(model, *target_index) != Mode::Tcp
                {
                    continue;
                }
                let backend = &model.sections[*target_index];
                let backend_range = backend
                    .name
                    .as_ref()
                    .map_or(backend.keyword_range, |word| word.range);
                out.push(
                    SemanticDiagnostic::error(
                        Rule::ModeMismatch,
                        statement.file,
                        target.range,
                        format!(
                            "http {} `{}` cannot use tcp backend `{}`",
                            section.kind.name(),
                            section.name_text().unwrap_or_default(),
                            target.value
                        ),
                    )
                    .with_related(backend.file, backend_range, "this backend is in tcp mode")
                    .with_help("give both proxies the same `mode`"),
                );
            }
        }
    }
}

/// Settings a TCP proxy inherits from its defaults that HAProxy then drops
/// with a warning: (setting, which side of a proxy it applies to).
const INHERITED_HTTP_ONLY: [(&str, Side); 6] = [
    ("option forwardfor", Side::Both),
    ("option originalto", Side::Both),
    ("option httplog", Side::Frontend),
    ("option httpslog", Side::Frontend),
    ("cookie", Side::Backend),
    ("balance", Side::Backend),
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Frontend,
    Backend,
    Both,
}

/// The log format settings: the last one set wins.
const LOG_FORMATS: [&str; 4] = [
    "option httplog",
    "option httpslog",
    "option tcplog",
    "log-format",
];

/// HTTP-only settings proxy `index` (in tcp mode) inherits from `defaults`.
/// HAProxy reports `option httplog` at the line that set it, the others
/// about the proxy; so does this.
fn inherited_http_only(
    model: &Model,
    inheritance: &Inheritance,
    index: usize,
    reported: &[String],
    out: &mut Vec<SemanticDiagnostic>,
) {
    let section = &model.sections[index];
    let settings = inheritance.settings(model, index);
    // The log format written last (a later section, or later in one).
    let log_format = LOG_FORMATS
        .iter()
        .filter_map(|key| settings.get(*key).map(|setting| (*key, setting)))
        .max_by_key(|(_, setting)| (setting.section, setting.file, setting.range.start()))
        .map(|(key, _)| key);
    let name_range = section
        .name
        .as_ref()
        .map_or(section.keyword_range, |word| word.range);
    for (key, side) in INHERITED_HTTP_ONLY {
        let Some(setting) = settings.get(key) else {
            continue;
        };
        let applies = match side {
            Side::Frontend => section.has_frontend_side(),
            Side::Backend => section.has_backend_side(),
            Side::Both => true,
        };
        let feature = format!("`{key}`");
        if setting.section == index || !applies || reported.contains(&feature) {
            continue;
        }
        if key.ends_with("log") && log_format != Some(key) {
            continue;
        }
        if key == "balance"
            && !setting.value.first().is_some_and(|algorithm| {
                matches!(
                    algorithm.split('(').next(),
                    Some("uri" | "url_param" | "hdr")
                )
            })
        {
            continue;
        }
        let (file, range) = if key.ends_with("log") {
            (setting.file, setting.range)
        } else {
            (section.file, name_range)
        };
        out.push(
            SemanticDiagnostic::warning(
                Rule::ModeMismatch,
                file,
                range,
                format!(
                    "{feature}, inherited from `defaults`, has no effect: {} `{}` is in tcp mode",
                    section.kind.name(),
                    section.name_text().unwrap_or_default()
                ),
            )
            .with_related(setting.file, setting.range, "set here")
            .with_help(inherited_help(key)),
        );
    }
}

/// The remedy for an HTTP-only setting a tcp proxy inherits. HAProxy
/// refuses `no option forwardfor` (and `originalto`, `httplog`,
/// `httpslog`): "negation/default is not supported", so the advice names
/// what it accepts instead.
fn inherited_help(key: &str) -> String {
    match key {
        "option httplog" | "option httpslog" => {
            "set `mode http` in this proxy if it carries HTTP, else `option tcplog` in it (the format HAProxy falls back to)".to_owned()
        }
        "option forwardfor" | "option originalto" => format!(
            "set `mode http` in this proxy if it carries HTTP, else move `{key}` out of `defaults` into the HTTP proxies (HAProxy refuses to negate it)"
        ),
        _ => format!("set `mode http` in this proxy if it carries HTTP, else its own `{key}`"),
    }
}

/// Keywords that only work in HTTP mode.
const HTTP_ONLY_KEYWORDS: [&str; 13] = [
    "http-request",
    "http-response",
    "http-after-response",
    "redirect",
    "cookie",
    "option httplog",
    "option forwardfor",
    "option http-server-close",
    "option httpclose",
    "option http-keep-alive",
    "stats enable",
    "stats uri",
    "stats auth",
];

/// What HTTP-only feature a statement uses, if any.
fn http_only(statement: &Statement) -> Option<String> {
    let entry = statement.keyword?;
    if statement.prefix.is_some() {
        return None;
    }
    let keyword = entry.keyword;
    let ruleset = entry.extra("ruleset");
    let described = match (entry.kind, keyword) {
        (Kind::Action, _)
            if matches!(
                ruleset,
                Some("http-request" | "http-response" | "http-after-response")
            ) =>
        {
            format!("`{}` rules", ruleset.unwrap_or(keyword))
        }
        (_, keyword) if HTTP_ONLY_KEYWORDS.contains(&keyword) => format!("`{keyword}`"),
        (_, "balance") => {
            let algorithm = statement
                .args()
                .first()?
                .value
                .split('(')
                .next()?
                .to_owned();
            if matches!(algorithm.as_str(), "uri" | "url_param" | "hdr") {
                format!("`balance {algorithm}`")
            } else {
                return None;
            }
        }
        _ => return None,
    };
    Some(described)
}
