//! Facts about the machine and the running HAProxy, for the rules that
//! need more than the configuration text (`--live`, `--runtime`).
//!
//! Facts are read on first use and kept: a rule asks for the file it
//! needs, and every other rule asking for the same file gets the same
//! answer without touching the disk again. The language server freezes the
//! facts gathered on open or save, so that edits in between never read the
//! disk or the network.

mod certificates;
mod facts;
mod files;
mod references;

pub use certificates::{
    CertificateFinding, FindingKind, certificate_diagnostics, date, examine as examine_certificates,
};
pub use facts::{LiveFacts, LiveSettings, Machine};
pub use files::{ProbedReference, dangerously_writable, describe, probe_references};
pub use references::{FileReference, ReferenceKind, file_references, map_paths};

/// Default of `certificate-expiring`: the runbook's
/// `openssl x509 -checkend 2592000`.
pub const DEFAULT_EXPIRY_DAYS: u32 = 30;
