//! What the editor and the project say about linting: the client's
//! options (`initializationOptions`, `workspace/didChangeConfiguration`)
//! and the `haplint.toml` that applies to each file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use haplint_linter::live::{DEFAULT_EXPIRY_DAYS, LiveSettings};
use haplint_linter::{
    LintOptions, Selection, Settings, declared_sets, find_set, find_settings_file,
};
use haplint_probe::paths::PathMap;
use haplint_probe::runtime::RuntimeAddress;
use haplint_semantic::{Version, directory_files};
use serde_json::Value;

use crate::environment::{ClientEnvironment, environment_for};
use crate::log::warning;

/// Options set by the client.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClientOptions {
    /// Overrides `target-version` of `haplint.toml`.
    pub target: Option<Version>,
    /// A settings file to use for every document instead of the nearest one.
    pub config_path: Option<PathBuf>,
    /// A fixed wait after an edit before linting (`debounceMs`); `None`
    /// (the default) adapts it to how long the document takes to lint.
    pub debounce: Option<Duration>,
    /// Files checked together, each set a list of files and directories
    /// (their `*.cfg`) in load order, relative to the first workspace folder.
    pub config_sets: Vec<Vec<String>>,
    /// Every directory's `*.cfg` files form one set (like `haproxy -f dir/`).
    pub directory_sets: bool,
    /// Run the rules that read this machine, on open and save (like
    /// `--live`; `live = true` in `haplint.toml` does the same).
    pub live: bool,
    /// A runtime API socket to read on open and save (like `--runtime`).
    pub runtime: Option<String>,
    /// `env` and `envFile`: the environment HAProxy runs with.
    pub environment: ClientEnvironment,
}

impl ClientOptions {
    /// Reads `{"targetVersion": "2.6", "configPath": "...", "debounceMs": 100,
    /// "env": {"PORT": "8080"}, "envFile": "deploy/haproxy.env"}`,
    /// bare or under a `haplint` key (how most clients send settings).
    /// Keys that are absent keep their value; `null` resets one.
    pub fn update(&mut self, value: &Value) {
        let value = value.get("haplint").unwrap_or(value);
        let Some(object) = value.as_object() else {
            return;
        };
        if let Some(target) = object.get("targetVersion") {
            self.target = match target.as_str().map(Version::parse) {
                Some(Some(version)) if version.is_known() => Some(version),
                None if target.is_null() => None,
                _ => {
                    warning!("ignoring targetVersion {target}: not a version haplint knows");
                    self.target
                }
            };
        }
        if let Some(path) = object.get("configPath") {
            self.config_path = path
                .as_str()
                .filter(|path| !path.is_empty())
                .map(PathBuf::from);
        }
        if let Some(live) = object.get("live") {
            self.live = live.as_bool().unwrap_or(false);
        }
        if let Some(runtime) = object.get("runtime") {
            self.runtime = runtime
                .as_str()
                .filter(|socket| !socket.is_empty())
                .map(str::to_owned);
        }
        if let Some(variables) = object.get("env") {
            self.environment.update_variables(variables);
        }
        if let Some(files) = object.get("envFile") {
            self.environment.update_files(files);
        }
        // A number fixes the wait; `null` returns to the adaptive one.
        match object.get("debounceMs") {
            Some(Value::Null) => self.debounce = None,
            Some(value) => {
                if let Some(milliseconds) = value.as_u64() {
                    self.debounce = Some(Duration::from_millis(milliseconds.min(10_000)));
                }
            }
            None => {}
        }
        if let Some(sets) = object.get("configSets") {
            self.directory_sets = sets.as_str() == Some("directory");
            self.config_sets = sets
                .as_array()
                .into_iter()
                .flatten()
                .map(|set| {
                    set.as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect()
                })
                .collect();
        }
    }

    /// Whether documents may be checked together with other files.
    pub fn uses_sets(&self) -> bool {
        self.directory_sets || !self.config_sets.is_empty()
    }

    /// The files of the set `path` belongs to, in load order, when the
    /// client declared one (relative to `root`, the first workspace
    /// folder) or asked for directory sets.
    pub fn set_of(&self, path: &Path, root: Option<&Path>) -> Option<Vec<PathBuf>> {
        let base = root.or_else(|| path.parent())?;
        let declared = self
            .config_sets
            .iter()
            .map(|set| set.iter().map(|entry| base.join(entry)).collect());
        if let Some(found) = find_set(declared, path) {
            return Some(found.files);
        }
        if self.directory_sets {
            let files = directory_files(path.parent()?).ok()?;
            if files.len() > 1 && files.iter().any(|file| file == path) {
                return Some(files);
            }
        }
        None
    }
}

/// The settings that apply to one document.
#[derive(Debug, Clone)]
pub struct Applied {
    pub selection: Selection,
    pub options: LintOptions,
    /// `config-sets` of the settings file, resolved against its directory.
    pub config_sets: Vec<Vec<PathBuf>>,
    /// What the live rules should read, when the client or the settings
    /// ask for them.
    pub live: Option<LiveSettings>,
    /// `[format]` of the settings file, for the formatting requests.
    pub format: haplint_fmt::FormatSettings,
}

/// `haplint.toml` files read once each, until one changes.
#[derive(Debug, Default)]
pub struct SettingsCache {
    loaded: HashMap<PathBuf, Arc<(Settings, Selection)>>,
    /// Problems found in settings files since they were last taken, to
    /// show the user.
    problems: Vec<String>,
    /// Environment-file problems already shown.
    reported: std::collections::HashSet<String>,
}

impl SettingsCache {
    /// Forgets every file read: one changed on disk.
    pub fn clear(&mut self) {
        self.loaded.clear();
        self.reported.clear();
    }

    /// The problems found since the last call.
    pub fn take_problems(&mut self) -> Vec<String> {
        std::mem::take(&mut self.problems)
    }

    /// The settings for the document at `path` (defaults without a file).
    pub fn for_document(&mut self, path: &Path, client: &ClientOptions) -> Applied {
        let file = client
            .config_path
            .clone()
            .or_else(|| find_settings_file(path));
        let base = file
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let loaded = file.map(|file| {
            if let Some(loaded) = self.loaded.get(&file) {
                return Arc::clone(loaded);
            }
            let (settings, selection, problems) = load(&file);
            self.problems.extend(problems);
            let loaded = Arc::new((settings, selection));
            self.loaded.insert(file, Arc::clone(&loaded));
            loaded
        });
        let (settings, selection) = loaded
            .as_deref()
            .cloned()
            .unwrap_or_else(|| (Settings::default(), Selection::default()));
        let config_sets = declared_sets(&settings, &base);
        let env_base = if base.as_os_str().is_empty() {
            path.parent().unwrap_or(Path::new("."))
        } else {
            base.as_path()
        };
        let (environment, problems) = environment_for(&settings, env_base, &client.environment);
        for problem in problems {
            // Every lint reads the files again: say each problem once.
            if self.reported.insert(problem.clone()) {
                warning!("{problem}");
                self.problems.push(problem);
            }
        }
        Applied {
            options: LintOptions {
                environment,
                ..LintOptions::from_settings(&settings, &selection, client.target, true)
            },
            live: live_settings(&settings, &base, client),
            format: settings.format.clone(),
            selection,
            config_sets,
        }
    }

    /// Whether a settings file read so far declares config sets.
    pub fn declares_sets(&self) -> bool {
        self.loaded
            .values()
            .any(|loaded| !loaded.0.config_sets.is_empty())
    }
}

/// The live checks asked for by the client or `haplint.toml`.
fn live_settings(settings: &Settings, base: &Path, client: &ClientOptions) -> Option<LiveSettings> {
    let runtime = client.runtime.as_deref().and_then(|socket| {
        RuntimeAddress::parse(socket)
            .inspect_err(|message| warning!("ignoring the runtime socket `{socket}`: {message}"))
            .ok()
    });
    let machine = client.live || settings.live;
    if !machine && runtime.is_none() {
        return None;
    }
    Some(LiveSettings {
        machine,
        paths: PathMap {
            root: None,
            mappings: settings
                .path_map
                .iter()
                .map(|(from, to)| (PathBuf::from(from), base.join(to)))
                .collect(),
            base: None,
        },
        certificate_expiry_days: settings
            .certificate_expiry_days
            .unwrap_or(DEFAULT_EXPIRY_DAYS),
        runtime,
    })
}

/// Reads a settings file; problems are logged and returned for the user.
fn load(path: &Path) -> (Settings, Selection, Vec<String>) {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) => {
            let problem = format!("cannot read `{}`: {error}", path.display());
            warning!("{problem}");
            return (Settings::default(), Selection::default(), vec![problem]);
        }
    };
    let (settings, problems) = Settings::parse(&text);
    let problems: Vec<String> = problems
        .into_iter()
        .map(|problem| {
            let line = text
                .get(..problem.range.start)
                .map_or(0, |before| before.matches('\n').count())
                + 1;
            format!("{}:{line}: {}", path.display(), problem.message)
        })
        .collect();
    for problem in &problems {
        warning!("{problem}");
    }
    let base = path.parent().unwrap_or(Path::new("."));
    let selection = Selection::from_settings(&settings, base);
    (settings, selection, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_options() {
        let mut options = ClientOptions::default();
        options.update(&serde_json::json!({"haplint": {"targetVersion": "2.6", "debounceMs": 5}}));
        assert_eq!(options.target, Some(Version::new(2, 6)));
        assert_eq!(options.debounce, Some(Duration::from_millis(5)));
        options.update(&serde_json::json!({"targetVersion": "9.9"}));
        assert_eq!(options.target, Some(Version::new(2, 6)));
        options.update(&serde_json::json!({"targetVersion": null, "configPath": "/x.toml"}));
        assert_eq!(options.target, None);
        assert_eq!(options.config_path, Some(PathBuf::from("/x.toml")));
        options.update(&serde_json::json!(42));
        assert_eq!(options.config_path, Some(PathBuf::from("/x.toml")));
        options
            .update(&serde_json::json!({"haplint": {"env": {"PORT": "8080"}, "envFile": "a.env"}}));
        assert_eq!(
            options.environment.variables,
            vec![("PORT".to_owned(), "8080".to_owned())]
        );
        assert_eq!(options.environment.files, vec![PathBuf::from("a.env")]);
        options.update(&serde_json::json!({"envFile": null}));
        assert!(options.environment.files.is_empty());
    }
}
