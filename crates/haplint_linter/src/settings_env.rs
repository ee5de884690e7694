//! The environment of `haplint.toml`: `env-file` (one path or a list,
//! relative to the settings file) and an `[env]` table of variables, which
//! wins over the files. `--env-file` and `--env` win over both.
//!
//! ```toml
//! env-file = ["deploy/haproxy.env"]
//!
//! [env]
//! PORT = "8080"
//! WORKERS = 4
//! ```

use std::ops::Range;
use std::path::Path;

use haplint_semantic::Environment;
use haplint_semantic::env_file::parse_env_file;
use haplint_semantic::environment::is_variable_name;
use toml_edit::Item;

use crate::config::{ConfigProblem, Settings};

/// `[env]`: names and values (strings, or integers written as such).
pub(crate) fn env_table(
    item: &Item,
    range: Range<usize>,
    problems: &mut Vec<ConfigProblem>,
) -> Vec<(String, String)> {
    let Some(table) = item.as_table_like() else {
        problems.push(ConfigProblem {
            message: "`env` must be a table of NAME = \"value\"".to_owned(),
            range: item.span().unwrap_or(range),
        });
        return Vec::new();
    };
    let mut variables = Vec::new();
    for (name, value) in table.iter() {
        let at = value.span().unwrap_or_else(|| range.clone());
        if !is_variable_name(name) {
            problems.push(ConfigProblem {
                message: format!(
                    "`{name}` is not a variable name HAProxy can expand: a letter or `_`, then letters, digits or `_`"
                ),
                range: at,
            });
            continue;
        }
        let text = value
            .as_str()
            .map(str::to_owned)
            .or_else(|| value.as_integer().map(|number| number.to_string()));
        match text {
            Some(text) => variables.push((name.to_owned(), text)),
            None => problems.push(ConfigProblem {
                message: format!("`env.{name}` must be a string"),
                range: at,
            }),
        }
    }
    variables
}

/// `env-file`: one path or a list of paths.
pub(crate) fn env_files(
    item: &Item,
    range: Range<usize>,
    problems: &mut Vec<ConfigProblem>,
) -> Vec<String> {
    if let Some(path) = item.as_str() {
        return vec![path.to_owned()];
    }
    let paths: Option<Vec<String>> = item.as_array().and_then(|array| {
        array
            .iter()
            .map(|value| value.as_str().map(str::to_owned))
            .collect()
    });
    paths.unwrap_or_else(|| {
        problems.push(ConfigProblem {
            message: "`env-file` must be a path or a list of paths".to_owned(),
            range: item.span().unwrap_or(range),
        });
        Vec::new()
    })
}

/// The environment `settings` give, its files read relative to `base`;
/// `None` when they give none. An unreadable or malformed file is an
/// error naming the file (and the line).
pub fn settings_environment(
    settings: &Settings,
    base: &Path,
) -> Result<Option<Environment>, String> {
    if settings.env.is_empty() && settings.env_files.is_empty() {
        return Ok(None);
    }
    let mut environment = Environment::new();
    for file in &settings.env_files {
        environment.extend(&read_env_file(&base.join(file))?);
    }
    for (name, value) in &settings.env {
        environment.set(name, value);
    }
    Ok(Some(environment))
}

/// Reads one environment file; the error names `path` and the line.
pub fn read_env_file(path: &Path) -> Result<Environment, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|error| format!("cannot read environment file `{}`: {error}", path.display()))?;
    parse_env_file(&text)
        .map_err(|error| format!("{}:{}: {}", path.display(), error.line, error.message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_and_env_file_in_settings() {
        let dir = std::env::temp_dir().join(format!("haplint-settings-env-{}", std::process::id()));
        std::fs::create_dir_all(&dir).ok();
        std::fs::write(dir.join("a.env"), "PORT=80\nHOST=h\n").ok();
        let text = "env-file = \"a.env\"\n[env]\nPORT = \"8080\"\nWORKERS = 4\n";
        let (settings, problems) = Settings::parse(text);
        assert!(problems.is_empty(), "{problems:?}");
        let environment = settings_environment(&settings, &dir).ok().flatten();
        let get = |name: &str| {
            environment
                .as_ref()
                .and_then(|environment| environment.get(name))
                .map(str::to_owned)
        };
        assert_eq!(get("PORT").as_deref(), Some("8080"));
        assert_eq!(get("HOST").as_deref(), Some("h"));
        assert_eq!(get("WORKERS").as_deref(), Some("4"));
        std::fs::write(dir.join("a.env"), "PORT=80\nbroken\n").ok();
        let error = settings_environment(&settings, &dir)
            .err()
            .unwrap_or_default();
        assert!(
            error.ends_with("a.env:2: expected KEY=value, found `broken`"),
            "{error}"
        );
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn bad_env_settings_are_problems() {
        let (_, problems) = Settings::parse("env-file = 3\n[env]\n\"1X\" = \"a\"\nB = [1]\n");
        assert_eq!(problems.len(), 3, "{problems:?}");
        let (settings, problems) = Settings::parse("");
        assert!(problems.is_empty());
        assert_eq!(settings_environment(&settings, Path::new(".")), Ok(None));
    }
}
