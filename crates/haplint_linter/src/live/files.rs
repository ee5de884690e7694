//! Files and directories the configuration names (other than
//! certificates): whether they exist and who may write them.

use std::path::PathBuf;

use haplint_probe::files::{FileFacts, FileKind, PathProbe};

use super::references::{FileReference, ReferenceKind, file_references};
use crate::context::LintContext;

/// A referenced path and what is on the disk there.
#[derive(Debug, Clone)]
pub struct ProbedReference<'a> {
    pub reference: FileReference<'a>,
    pub resolved: PathBuf,
    pub probe: PathProbe,
}

/// Every file reference with what the disk says, certificates included;
/// frozen facts leave out paths never looked at.
pub fn probe_references<'a>(context: &LintContext<'a>) -> Vec<ProbedReference<'a>> {
    let Some(facts) = context.live() else {
        return Vec::new();
    };
    file_references(context.model())
        .into_iter()
        .filter_map(|reference| {
            let resolved = facts.resolve(&reference.path, context.dir_of(reference.statement.file));
            let probe = facts.path(&resolved)?;
            Some(ProbedReference {
                reference,
                resolved,
                probe,
            })
        })
        .collect()
}

/// What a reference of this kind is, for messages.
pub fn describe(kind: ReferenceKind) -> &'static str {
    match kind {
        ReferenceKind::Certificate => "certificate",
        ReferenceKind::PrivateKey => "private key",
        ReferenceKind::CertificateList => "crt-list",
        ReferenceKind::CaFile => "CA file",
        ReferenceKind::CrlFile => "CRL file",
        ReferenceKind::DhParams => "DH parameter file",
        ReferenceKind::Content => "file",
        ReferenceKind::LuaScript => "Lua script",
        ReferenceKind::Patterns => "pattern file",
        ReferenceKind::StateFile => "server state file",
        ReferenceKind::Directory => "directory",
    }
}

/// Whether a world-writable path is a risk: a shared directory with the
/// sticky bit (`/tmp`) only lets owners replace their own files.
pub fn dangerously_writable(facts: &FileFacts) -> bool {
    let sticky = facts.mode & 0o1000 != 0;
    facts.world_writable() && !(facts.kind == FileKind::Directory && sticky)
}
