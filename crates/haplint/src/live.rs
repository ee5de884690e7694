//! `--live` and `--runtime`: the facts of this machine, gathered once per
//! settings file (each may map paths differently) and shared by every
//! file checked with it.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use haplint_linter::live::{DEFAULT_EXPIRY_DAYS, LiveFacts, LiveSettings};
use haplint_probe::paths::PathMap;
use haplint_probe::runtime::RuntimeAddress;

use crate::cli::CheckArgs;
use crate::settings::Applied;

pub struct LiveCache {
    runtime: Option<RuntimeAddress>,
    by_settings: HashMap<Option<PathBuf>, Option<Arc<LiveFacts>>>,
}

impl LiveCache {
    /// Checks the command line; `Err` is a message for a bad `--runtime`.
    pub fn new(args: &CheckArgs) -> Result<Self, String> {
        let runtime = args
            .runtime
            .as_deref()
            .map(RuntimeAddress::parse)
            .transpose()
            .map_err(|message| format!("`--runtime`: {message}"))?;
        Ok(Self {
            runtime,
            by_settings: HashMap::new(),
        })
    }

    /// The facts for files checked with `applied`; `None` when neither
    /// `--live`, `live = true` nor `--runtime` asks for any.
    pub fn facts_for(&mut self, applied: &Applied, args: &CheckArgs) -> Option<Arc<LiveFacts>> {
        let runtime = self.runtime.clone();
        self.by_settings
            .entry(applied.base.clone())
            .or_insert_with(|| {
                let machine = args.live || applied.settings.live;
                if !machine && runtime.is_none() {
                    return None;
                }
                let base = applied.base.clone().unwrap_or_default();
                let mappings = applied
                    .settings
                    .path_map
                    .iter()
                    .map(|(from, to)| (PathBuf::from(from), base.join(to)))
                    .collect();
                let settings = LiveSettings {
                    machine,
                    paths: PathMap {
                        root: args.root.clone(),
                        mappings,
                        base: None,
                    },
                    certificate_expiry_days: args
                        .certificate_expiry_days
                        .or(applied.settings.certificate_expiry_days)
                        .unwrap_or(DEFAULT_EXPIRY_DAYS),
                    runtime,
                };
                Some(Arc::new(LiveFacts::gather(settings)))
            })
            .clone()
    }
}
