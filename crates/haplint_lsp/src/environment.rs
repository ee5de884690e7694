//! The `env` (object) and `envFile` (a path or a list) settings of the
//! client: the environment HAProxy runs with, as `--env` and `--env-file`
//! give it on the command line. They win over `env-file` and `env` of
//! `haplint.toml`. Relative `envFile` paths are read from the directory of
//! the `haplint.toml` that applies, or else of the document.

use std::path::{Path, PathBuf};

use haplint_linter::{Environment, Settings, read_env_file, settings_environment};
use haplint_semantic::environment::is_variable_name;
use serde_json::Value;

use crate::log::warning;

/// What the client said about the environment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClientEnvironment {
    pub variables: Vec<(String, String)>,
    pub files: Vec<PathBuf>,
}

impl ClientEnvironment {
    /// Reads `env`: `{"PORT": "8080"}`; numbers and booleans are taken
    /// as their text, other values and bad names are skipped with a warning.
    pub fn update_variables(&mut self, value: &Value) {
        self.variables = value
            .as_object()
            .into_iter()
            .flatten()
            .filter_map(|(name, value)| {
                let text = match value {
                    Value::String(text) => Some(text.clone()),
                    Value::Number(number) => Some(number.to_string()),
                    Value::Bool(flag) => Some(flag.to_string()),
                    _ => None,
                };
                match text {
                    Some(text) if is_variable_name(name) => Some((name.clone(), text)),
                    _ => {
                        warning!("ignoring env.{name}: not a variable name with a text value");
                        None
                    }
                }
            })
            .collect();
    }

    /// Reads `envFile`: a path or a list of paths (`null` or `""` clears it).
    pub fn update_files(&mut self, value: &Value) {
        self.files = match value {
            Value::String(path) if !path.is_empty() => vec![PathBuf::from(path)],
            Value::Array(paths) => paths
                .iter()
                .filter_map(Value::as_str)
                .filter(|path| !path.is_empty())
                .map(PathBuf::from)
                .collect(),
            _ => Vec::new(),
        };
    }

    fn is_empty(&self) -> bool {
        self.variables.is_empty() && self.files.is_empty()
    }
}

/// The environment for a document: `settings` (from `base`), then the
/// client's files (relative to `base`), then its variables. Files that
/// cannot be read are skipped; their problems are returned for the user.
pub fn environment_for(
    settings: &Settings,
    base: &Path,
    client: &ClientEnvironment,
) -> (Option<Environment>, Vec<String>) {
    let mut problems = Vec::new();
    let from_settings = settings_environment(settings, base).unwrap_or_else(|problem| {
        problems.push(problem);
        None
    });
    if client.is_empty() {
        return (from_settings, problems);
    }
    let mut environment = from_settings.unwrap_or_default();
    for file in &client.files {
        match read_env_file(&base.join(file)) {
            Ok(read) => environment.extend(&read),
            Err(problem) => problems.push(problem),
        }
    }
    for (name, value) in &client.variables {
        environment.set(name, value);
    }
    (Some(environment), problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_settings_win_over_the_settings_file() {
        let dir = std::env::temp_dir().join(format!("haplint-lsp-env-{}", std::process::id()));
        std::fs::create_dir_all(&dir).ok();
        std::fs::write(dir.join("c.env"), "A=from-file\nB=b\n").ok();
        let mut client = ClientEnvironment::default();
        client.update_variables(&serde_json::json!({"A": "client", "N": 3, "1bad": "x", "O": {}}));
        client.update_files(&serde_json::json!("c.env"));
        let (settings, _) = Settings::parse("[env]\nA = \"toml\"\nC = \"c\"\n");
        let (environment, problems) = environment_for(&settings, &dir, &client);
        assert!(problems.is_empty(), "{problems:?}");
        let environment = environment.unwrap_or_default();
        assert_eq!(environment.get("A"), Some("client"));
        assert_eq!(environment.get("B"), Some("b"));
        assert_eq!(environment.get("C"), Some("c"));
        assert_eq!(environment.get("N"), Some("3"));
        assert_eq!(environment.get("1bad"), None);
        client.update_files(&serde_json::json!(["missing.env"]));
        let (_, problems) = environment_for(&settings, &dir, &client);
        assert_eq!(problems.len(), 1, "{problems:?}");
        client.update_files(&Value::Null);
        client.update_variables(&Value::Null);
        let (environment, _) = environment_for(&Settings::default(), &dir, &client);
        assert_eq!(environment, None);
        std::fs::remove_dir_all(&dir).ok();
    }
}
