//! The fact cache shared by the live rules of one run.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use haplint_probe::certs::{CertError, KeyLookup, PemBundle, read_certificate_file};
use haplint_probe::files::{PathProbe, probe_path};
use haplint_probe::host::{HostAddresses, host_addresses};
use haplint_probe::limits::{Limits, read_limits};
use haplint_probe::paths::PathMap;
use haplint_probe::runtime::{RuntimeAddress, RuntimeError, RuntimeState, query};
use haplint_probe::sockets::{Sockets, listening_sockets};

/// What the user asked the live checks to do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LiveSettings {
    /// Run the rules that read the machine (`--live`).
    pub machine: bool,
    /// Where configuration paths are found (`--root`, `path-map`).
    pub paths: PathMap,
    /// `certificate-expiring` fires this many days before expiry.
    pub certificate_expiry_days: u32,
    /// The runtime API socket to read (`--runtime`).
    pub runtime: Option<RuntimeAddress>,
}

/// The machine-wide facts, read together once.
#[derive(Debug)]
pub struct Machine {
    pub sockets: Result<Sockets, String>,
    pub host: HostAddresses,
    pub limits: Limits,
}

type CertificateKey = (PathBuf, bool, bool);
type CertificateResult = Arc<Result<PemBundle, CertError>>;

/// Facts for one run of the rules (or one open/save in the editor).
pub struct LiveFacts {
    settings: LiveSettings,
    /// Seconds since the epoch when the facts were gathered: certificate
    /// validity is judged at that instant for every rule.
    now: i64,
    machine: OnceLock<Machine>,
    paths: Mutex<HashMap<PathBuf, PathProbe>>,
    certificates: Mutex<HashMap<CertificateKey, CertificateResult>>,
    runtime: Option<Result<RuntimeState, RuntimeError>>,
    frozen: AtomicBool,
}

impl std::fmt::Debug for LiveFacts {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("LiveFacts")
            .field("settings", &self.settings)
            .field("now", &self.now)
            .finish_non_exhaustive()
    }
}

/// How long one runtime API command may take.
const RUNTIME_TIMEOUT: Duration = Duration::from_secs(3);

impl LiveFacts {
    /// Starts a run: asks the runtime API right away (it is the only part
    /// that can wait on the network); the rest is read on demand.
    pub fn gather(settings: LiveSettings) -> Self {
        let runtime = settings
            .runtime
            .as_ref()
            .map(|address| query(address, RUNTIME_TIMEOUT));
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |elapsed| {
                i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX)
            });
        Self {
            settings,
            now,
            machine: OnceLock::new(),
            paths: Mutex::default(),
            certificates: Mutex::default(),
            runtime,
            frozen: AtomicBool::new(false),
        }
    }

    pub fn settings(&self) -> &LiveSettings {
        &self.settings
    }

    pub fn now(&self) -> i64 {
        self.now
    }

    /// From now on, answer only from what was already read.
    pub fn freeze(&self) {
        self.frozen.store(true, Ordering::Relaxed);
    }

    fn frozen(&self) -> bool {
        self.frozen.load(Ordering::Relaxed)
    }

    /// Sockets, addresses and limits; `None` only when frozen before they
    /// were ever read.
    pub fn machine(&self) -> Option<&Machine> {
        if self.frozen() {
            return self.machine.get();
        }
        Some(self.machine.get_or_init(|| Machine {
            sockets: listening_sockets().map_err(|error| error.to_string()),
            host: host_addresses(),
            limits: read_limits(),
        }))
    }

    /// The file to read for `written`, a path of a configuration that sits
    /// in `config_dir`.
    pub fn resolve(&self, written: &str, config_dir: Option<&Path>) -> PathBuf {
        let mut map = self.settings.paths.clone();
        if map.base.is_none() {
            map.base = config_dir.map(Path::to_path_buf);
        }
        map.resolve(Path::new(written))
    }

    /// What is at `path`; `None` when frozen and never looked at.
    pub fn path(&self, path: &Path) -> Option<PathProbe> {
        let mut cache = self.paths.lock().ok()?;
        if let Some(found) = cache.get(path) {
            return Some(found.clone());
        }
        if self.frozen() {
            return None;
        }
        let found = probe_path(path);
        cache.insert(path.to_path_buf(), found.clone());
        Some(found)
    }

    /// The certificates and key of a `crt` file.
    pub fn certificate(&self, path: &Path, lookup: &KeyLookup) -> Option<CertificateResult> {
        let key = (path.to_path_buf(), lookup.sidecar, lookup.strip_extension);
        let mut cache = self.certificates.lock().ok()?;
        if let Some(found) = cache.get(&key) {
            return Some(Arc::clone(found));
        }
        if self.frozen() {
            return None;
        }
        let found = Arc::new(read_certificate_file(path, lookup));
        cache.insert(key, Arc::clone(&found));
        Some(found)
    }

    /// What the runtime API answered; `None` without `--runtime`.
    pub fn runtime(&self) -> Option<&Result<RuntimeState, RuntimeError>> {
        self.runtime.as_ref()
    }
}
