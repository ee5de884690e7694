//! `haplint.toml`: project settings, with problems located in the file.
//!
//! ```toml
//! target-version = "2.6"
//! select = ["correctness", "security", "HAP601"]
//! ignore = ["server-without-check"]
//! extend-select = ["missing-http-request-timeout"]
//! extra-keywords = ["my-module-setting"]
//!
//! [severity]
//! missing-timeout = "error"
//!
//! # Directories are searched for files matching `include` (default
//! # `*.cfg`) and not matching `exclude`, relative to this file.
//! include = ["*.cfg", "conf.d/*.conf"]
//! exclude = ["vendor/**"]
//! # Files HAProxy loads together: a file of a set is checked with the
//! # others, by `haplint check` and the language server.
//! config-sets = [["haproxy.cfg", "conf.d"]]
//!
//! [per-file-ignores]
//! "legacy/*.cfg" = ["legacy-tls-flags"]
//!
//! [rules.memory-budget]
//! budget = "8g"
//!
//! # The environment HAProxy runs with (see `settings_env`).
//! env-file = "deploy/haproxy.env"
//! [env]
//! PORT = "8080"
//! ```

use std::ops::Range;

use haplint_keywords::Version;
use toml_edit::{Document, Item, Table};

use crate::diagnostic::Severity;
use crate::settings_env::{env_files, env_table};

/// Settings read from `haplint.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    pub target_version: Option<Version>,
    /// When set, only these rules, codes or categories are reported.
    pub select: Option<Vec<String>>,
    /// Added to the selection (and turns on rules that are off by default).
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
    /// Severity overrides per rule, code or category.
    pub severity: Vec<(String, Severity)>,
    /// Glob (relative to the settings file) -> rules ignored in those files.
    pub per_file_ignores: Vec<(String, Vec<String>)>,
    pub extra_keywords: Vec<String>,
    /// Globs (relative to the settings file, or file names when they have
    /// no `/`) of the files a directory walk checks; `*.cfg` when unset.
    pub include: Option<Vec<String>>,
    /// Globs of files and directories a directory walk skips.
    pub exclude: Vec<String>,
    /// Files HAProxy loads together (`haproxy -f a.cfg -f conf.d/`), each
    /// set in load order, relative to the settings file; a directory stands
    /// for its `*.cfg` files. `haplint check` and the language server check
    /// a file of a set together with the others.
    pub config_sets: Vec<Vec<String>>,
    /// Option of `memory-budget`, in bytes.
    pub memory_budget: Option<u64>,
    /// Option of `weak-ciphers`: substrings that make a suite weak.
    pub weak_cipher_patterns: Option<Vec<String>>,
    /// Run the rules that read the machine, as `--live` does.
    pub live: bool,
    /// Directory written in configurations -> directory to read instead
    /// (relative to the settings file), for `--live`.
    pub path_map: Vec<(String, String)>,
    /// Option of `certificate-expiring`: days of warning before expiry.
    pub certificate_expiry_days: Option<u32>,
    /// Largest configuration the command line reads, in bytes.
    pub max_file_size: Option<u64>,
    /// `[env]`: variables of the environment HAProxy runs with.
    pub env: Vec<(String, String)>,
    /// `env-file`: environment files, relative to the settings file.
    pub env_files: Vec<String>,
    /// `[format]`: the options of `haplint fmt` this file sets.
    pub format: haplint_fmt::FormatSettings,
}

/// A problem in the settings file, with the byte range of the culprit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigProblem {
    pub message: String,
    pub range: Range<usize>,
}

const TOP_KEYS: [&str; 17] = [
    "target-version",
    "select",
    "extend-select",
    "ignore",
    "severity",
    "per-file-ignores",
    "extra-keywords",
    "include",
    "exclude",
    "config-sets",
    "live",
    "path-map",
    "max-file-size",
    "env",
    "env-file",
    "rules",
    "format",
];

impl Settings {
    /// Parses the text of a settings file; problems do not stop the rest
    /// of the file from being read.
    pub fn parse(text: &str) -> (Self, Vec<ConfigProblem>) {
        let mut settings = Self::default();
        let mut problems = Vec::new();
        let document = match Document::parse(text) {
            Ok(document) => document,
            Err(error) => {
                let range = error.span().unwrap_or(0..0);
                problems.push(ConfigProblem {
                    message: format!("invalid TOML: {}", error.message()),
                    range,
                });
                return (settings, problems);
            }
        };
        let Some(root) = document.as_table().into() else {
            return (settings, problems);
        };
        let root: &Table = root;
        for (key, item) in root {
            let range = key_range(root, key);
            match key {
                "target-version" => match item
                    .as_str()
                    .and_then(Version::parse)
                    .filter(|version| version.is_known())
                {
                    Some(version) => settings.target_version = Some(version),
                    None => problems.push(problem(
                        "`target-version` must be a version such as \"2.6\" (1.8 to 3.5)",
                        item,
                        range,
                    )),
                },
                "select" => settings.select = Some(selectors(item, key, range, &mut problems)),
                "extend-select" => {
                    settings.extend_select = selectors(item, key, range, &mut problems);
                }
                "ignore" => settings.ignore = selectors(item, key, range, &mut problems),
                "include" => settings.include = Some(globs(item, key, range, &mut problems)),
                "exclude" => settings.exclude = globs(item, key, range, &mut problems),
                "config-sets" => settings.config_sets = config_sets(item, range, &mut problems),
                "extra-keywords" => {
                    settings.extra_keywords = strings(item, key, range, &mut problems);
                }
                "severity" => settings.severity = severities(item, &mut problems),
                "per-file-ignores" => {
                    settings.per_file_ignores = per_file_ignores(item, &mut problems);
                }
                "rules" => rule_options(item, &mut settings, &mut problems),
                "format" => {
                    settings.format = crate::format_table::format_table(item, range, &mut problems);
                }
                "live" => match item.as_bool() {
                    Some(live) => settings.live = live,
                    None => problems.push(problem("`live` must be true or false", item, range)),
                },
                "path-map" => settings.path_map = path_map(item, range, &mut problems),
                "env" => settings.env = env_table(item, range, &mut problems),
                "env-file" => settings.env_files = env_files(item, range, &mut problems),
                "max-file-size" => match item
                    .as_integer()
                    .and_then(|bytes| u64::try_from(bytes).ok())
                    .or_else(|| item.as_str().and_then(parse_bytes))
                {
                    Some(bytes) => settings.max_file_size = Some(bytes),
                    None => problems.push(problem(
                        "`max-file-size` must be a number of bytes or a size such as \"64m\"",
                        item,
                        range,
                    )),
                },
                _ => problems.push(ConfigProblem {
                    message: format!(
                        "unknown setting `{key}`; known settings: {}",
                        TOP_KEYS.join(", ")
                    ),
                    range,
                }),
            }
        }
        (settings, problems)
    }
}

fn key_range(table: &Table, key: &str) -> Range<usize> {
    table
        .key(key)
        .and_then(toml_edit::Key::span)
        .unwrap_or(0..0)
}

fn problem(message: &str, item: &Item, fallback: Range<usize>) -> ConfigProblem {
    ConfigProblem {
        message: message.to_owned(),
        range: item.span().unwrap_or(fallback),
    }
}

fn strings(
    item: &Item,
    key: &str,
    range: Range<usize>,
    problems: &mut Vec<ConfigProblem>,
) -> Vec<String> {
    let Some(array) = item.as_array() else {
        problems.push(problem(
            &format!("`{key}` must be a list of strings"),
            item,
            range,
        ));
        return Vec::new();
    };
    let mut values = Vec::new();
    for value in array {
        match value.as_str() {
            Some(text) => values.push(text.to_owned()),
            None => problems.push(ConfigProblem {
                message: format!("`{key}` must hold strings"),
                range: value.span().unwrap_or_else(|| range.clone()),
            }),
        }
    }
    values
}

/// A list of rule selectors; one that matches no rule is reported where
/// it is written.
fn selectors(
    item: &Item,
    key: &str,
    range: Range<usize>,
    problems: &mut Vec<ConfigProblem>,
) -> Vec<String> {
    checked_strings(item, key, range, problems, |selector| {
        (!crate::selection::selector_is_known(selector)).then(|| unknown_selector(selector))
    })
}

/// A list of strings, each also given to `check`, whose complaint is
/// reported where the string is written.
fn checked_strings(
    item: &Item,
    key: &str,
    range: Range<usize>,
    problems: &mut Vec<ConfigProblem>,
    check: impl Fn(&str) -> Option<String>,
) -> Vec<String> {
    let values = strings(item, key, range.clone(), problems);
    for value in item.as_array().into_iter().flatten() {
        if let Some(message) = value.as_str().and_then(&check) {
            problems.push(ConfigProblem {
                message,
                range: value.span().unwrap_or_else(|| range.clone()),
            });
        }
    }
    values
}

fn unknown_selector(selector: &str) -> String {
    format!(
        "`{selector}` matches no rule: use rule names, codes, code prefixes or categories (`haplint rules` lists them)"
    )
}

fn check_selector(selector: &str, range: Range<usize>, problems: &mut Vec<ConfigProblem>) {
    if !crate::selection::selector_is_known(selector) {
        problems.push(ConfigProblem {
            message: unknown_selector(selector),
            range,
        });
    }
}

/// `[["haproxy.cfg", "conf.d"], ...]`: lists of paths.
fn config_sets(
    item: &Item,
    range: Range<usize>,
    problems: &mut Vec<ConfigProblem>,
) -> Vec<Vec<String>> {
    let sets = item.as_array().map(|array| {
        array
            .iter()
            .map(|set| {
                set.as_array().and_then(|files| {
                    files
                        .iter()
                        .map(|file| file.as_str().map(str::to_owned))
                        .collect::<Option<Vec<String>>>()
                })
            })
            .collect::<Option<Vec<Vec<String>>>>()
    });
    if let Some(Some(sets)) = sets {
        sets
    } else {
        problems.push(problem(
            "`config-sets` must be a list of lists of paths, such as [[\"haproxy.cfg\", \"conf.d\"]]",
            item,
            range,
        ));
        Vec::new()
    }
}

/// A list of globs, each checked.
fn globs(
    item: &Item,
    key: &str,
    range: Range<usize>,
    problems: &mut Vec<ConfigProblem>,
) -> Vec<String> {
    checked_strings(item, key, range, problems, |pattern| {
        globset::Glob::new(pattern)
            .err()
            .map(|error| format!("invalid glob `{pattern}`: {error}"))
    })
}

fn severities(item: &Item, problems: &mut Vec<ConfigProblem>) -> Vec<(String, Severity)> {
    let Some(table) = item.as_table_like() else {
        problems.push(problem(
            "`severity` must be a table of rule = \"error|warning|info|hint\"",
            item,
            0..0,
        ));
        return Vec::new();
    };
    let mut values = Vec::new();
    for (rule, value) in table.iter() {
        check_selector(
            rule,
            table
                .key(rule)
                .and_then(toml_edit::Key::span)
                .or_else(|| value.span())
                .unwrap_or(0..0),
            problems,
        );
        match value.as_str().and_then(Severity::parse) {
            Some(severity) => values.push((rule.to_owned(), severity)),
            None => problems.push(problem(
                "severity must be \"error\", \"warning\", \"info\" or \"hint\"",
                value,
                0..0,
            )),
        }
    }
    values
}

fn per_file_ignores(item: &Item, problems: &mut Vec<ConfigProblem>) -> Vec<(String, Vec<String>)> {
    let Some(table) = item.as_table_like() else {
        problems.push(problem(
            "`per-file-ignores` must be a table of \"glob\" = [rules]",
            item,
            0..0,
        ));
        return Vec::new();
    };
    table
        .iter()
        .map(|(pattern, value)| {
            let range = value.span().unwrap_or(0..0);
            if let Err(error) = globset::Glob::new(pattern) {
                problems.push(ConfigProblem {
                    message: format!("invalid glob `{pattern}`: {error}"),
                    range: range.clone(),
                });
            }
            (
                pattern.to_owned(),
                selectors(value, pattern, range, problems),
            )
        })
        .collect()
}

fn rule_options(item: &Item, settings: &mut Settings, problems: &mut Vec<ConfigProblem>) {
    let Some(table) = item.as_table_like() else {
        problems.push(problem(
            "`rules` must be a table of rule option tables",
            item,
            0..0,
        ));
        return;
    };
    for (rule, options) in table.iter() {
        let Some(options) = options.as_table_like() else {
            problems.push(problem(
                &format!("`rules.{rule}` must be a table"),
                options,
                0..0,
            ));
            continue;
        };
        for (option, value) in options.iter() {
            match (rule, option) {
                ("memory-budget", "budget") => {
                    let parsed = value.as_str().and_then(parse_bytes).or_else(|| {
                        value
                            .as_integer()
                            .and_then(|number| u64::try_from(number).ok())
                    });
                    match parsed {
                        Some(bytes) => settings.memory_budget = Some(bytes),
                        None => problems.push(problem(
                            "`budget` is a size such as \"8g\", \"512m\" or a number of bytes",
                            value,
                            0..0,
                        )),
                    }
                }
                ("certificate-expiring", "days") => {
                    match value.as_integer().and_then(|days| u32::try_from(days).ok()) {
                        Some(days) => settings.certificate_expiry_days = Some(days),
                        None => problems.push(problem(
                            "`days` is a number of days, such as 30",
                            value,
                            0..0,
                        )),
                    }
                }
                ("weak-ciphers", "patterns") => {
                    let range = value.span().unwrap_or(0..0);
                    settings.weak_cipher_patterns = Some(strings(value, option, range, problems));
                }
                _ => problems.push(problem(
                    &format!("unknown option `{option}` for rule `{rule}`"),
                    value,
                    0..0,
                )),
            }
        }
    }
}

/// `path-map = { "/etc/haproxy/certs" = "deploy/certs" }`: absolute
/// directories of the configuration mapped to directories to read.
fn path_map(
    item: &Item,
    range: Range<usize>,
    problems: &mut Vec<ConfigProblem>,
) -> Vec<(String, String)> {
    let Some(table) = item.as_table_like() else {
        problems.push(problem(
            "`path-map` must be a table of \"/directory/in/config\" = \"directory/to/read\"",
            item,
            range,
        ));
        return Vec::new();
    };
    let mut mappings = Vec::new();
    for (from, to) in table.iter() {
        match to.as_str() {
            Some(to) if from.starts_with('/') => mappings.push((from.to_owned(), to.to_owned())),
            Some(_) => problems.push(problem(
                &format!("`path-map` keys are absolute directories; `{from}` is not"),
                to,
                range.clone(),
            )),
            None => problems.push(problem(
                &format!("`path-map.\"{from}\"` must be a directory name (a string)"),
                to,
                range.clone(),
            )),
        }
    }
    mappings
}

/// `8g`, `512m`, `64k` or bytes.
fn parse_bytes(text: &str) -> Option<u64> {
    let text = text.trim();
    let (number, factor) = match text.char_indices().last()? {
        (index, 'k' | 'K') => (&text[..index], 1 << 10),
        (index, 'm' | 'M') => (&text[..index], 1 << 20),
        (index, 'g' | 'G') => (&text[..index], 1 << 30),
        _ => (text, 1),
    };
    number.trim().parse::<u64>().ok()?.checked_mul(factor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_file() {
        let text = r#"
target-version = "2.6"
select = ["correctness", "HAP401"]
ignore = ["server-without-check"]
extend-select = ["missing-http-request-timeout"]
extra-keywords = ["my-setting"]

[severity]
missing-timeout = "error"

[per-file-ignores]
"legacy/*.cfg" = ["legacy-tls-flags"]

[rules.memory-budget]
budget = "8g"
"#;
        let (settings, problems) = Settings::parse(text);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(settings.target_version, Some(Version::new(2, 6)));
        assert_eq!(
            settings.select,
            Some(vec!["correctness".to_owned(), "HAP401".to_owned()])
        );
        assert_eq!(
            settings.severity,
            vec![("missing-timeout".to_owned(), Severity::Error)]
        );
        assert_eq!(
            settings.per_file_ignores,
            vec![(
                "legacy/*.cfg".to_owned(),
                vec!["legacy-tls-flags".to_owned()]
            )]
        );
        assert_eq!(settings.memory_budget, Some(8 << 30));
        assert_eq!(settings.extra_keywords, vec!["my-setting".to_owned()]);
    }

    #[test]
    fn problems_point_at_the_culprit() {
        let text = "target-version = \"9.9\"\nslect = [\"x\"]\n[severity]\nmissing-timeout = \"fatal\"\n[rules.memory-budget]\nbudgte = 1\n";
        let (_, problems) = Settings::parse(text);
        let located: Vec<&str> = problems
            .iter()
            .map(|problem| &text[problem.range.clone()])
            .collect();
        assert_eq!(located, vec!["\"9.9\"", "slect", "\"fatal\"", "1"]);
    }

    #[test]
    fn broken_toml_is_one_problem() {
        let (_, problems) = Settings::parse("select = [\n");
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn live_settings() {
        let text = "live = true\n[path-map]\n\"/etc/haproxy/certs\" = \"deploy/certs\"\n\
                    \"relative\" = \"x\"\n[rules.certificate-expiring]\ndays = 14\n";
        let (settings, problems) = Settings::parse(text);
        assert!(settings.live);
        assert_eq!(
            settings.path_map,
            vec![("/etc/haproxy/certs".to_owned(), "deploy/certs".to_owned())]
        );
        assert_eq!(settings.certificate_expiry_days, Some(14));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].message.contains("`relative`"));
    }
}
