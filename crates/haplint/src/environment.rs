//! `--env NAME=VALUE` and `--env-file FILE`: the environment HAProxy will
//! run with. The files are read in order, then `--env` values; both win
//! over `env-file` and `env` of `haplint.toml`. `check` and `graph` take
//! the same options.

use haplint_linter::{Environment, read_env_file};
use haplint_semantic::environment::parse_assignment;

use crate::cli::EnvArgs;
use crate::settings::Applied;

/// The environment given on the command line, if any.
pub struct CliEnvironment {
    given: Option<Environment>,
}

impl CliEnvironment {
    /// Reads `--env-file` files and `--env` values; the error names the
    /// file and line, or the value, at fault.
    pub fn new(args: &EnvArgs) -> Result<Self, String> {
        if args.env.is_empty() && args.env_files.is_empty() {
            return Ok(Self { given: None });
        }
        let mut environment = Environment::new();
        for file in &args.env_files {
            environment.extend(&read_env_file(file)?);
        }
        for assignment in &args.env {
            let (name, value) =
                parse_assignment(assignment).map_err(|message| format!("--env: {message}"))?;
            environment.set(name, value);
        }
        Ok(Self {
            given: Some(environment),
        })
    }

    /// The environment for a file with these settings: the settings' own,
    /// overridden by the command line's.
    pub fn for_settings(&self, applied: &Applied) -> Option<Environment> {
        match (&applied.environment, &self.given) {
            (None, None) => None,
            (Some(settings), None) => Some(settings.clone()),
            (None, Some(given)) => Some(given.clone()),
            (Some(settings), Some(given)) => {
                let mut merged = settings.clone();
                merged.extend(given);
                Some(merged)
            }
        }
    }
}
