//! What is wrong with the certificates, keys, CA files, CRLs and DH
//! parameters a configuration loads. The certificate rules each report
//! one kind of finding from this single pass.

use std::path::{Path, PathBuf};

use haplint_keywords::Version;
use haplint_probe::certs::{
    CertError, KeyLookup, KeyMatch, PemBundle, certificate_files_in_dir, read_ca_file,
    read_crl_file, read_crt_list, read_dh_param_file,
};
use haplint_probe::files::{FileKind, PathProbe};

use super::facts::LiveFacts;
use super::references::{FileReference, ReferenceKind, file_references};
use crate::context::LintContext;

/// One finding, tied to the configuration word that names the file.
#[derive(Debug, Clone)]
pub struct CertificateFinding<'a> {
    pub reference: FileReference<'a>,
    pub kind: FindingKind,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingKind {
    /// HAProxy refuses to start with it: missing, not PEM, no key...
    Unusable,
    /// Past its end of validity, or before its start.
    Expired,
    /// Ends within the warning window; `days` left.
    Expiring { days: i64 },
    /// A private key every user of the machine can read.
    KeyExposed,
    /// haplint could not look (permission denied...).
    CannotCheck,
}

const DAY: i64 = 24 * 60 * 60;

/// Every certificate finding of the configuration.
pub fn examine<'a>(context: &LintContext<'a>) -> Vec<CertificateFinding<'a>> {
    let Some(facts) = context.live() else {
        return Vec::new();
    };
    let lookup = key_lookup(context);
    let mut out = Vec::new();
    for reference in file_references(context.model()) {
        let dir = context.dir_of(reference.statement.file);
        let resolved = facts.resolve(&reference.path, dir);
        let mut examiner = Examiner {
            facts,
            lookup: &lookup,
            expiry_days: i64::from(facts.settings().certificate_expiry_days),
            reference: &reference,
            out: &mut out,
        };
        match reference.kind {
            ReferenceKind::Certificate => {
                let key_elsewhere = reference.statement.head() == "load"
                    && reference
                        .statement
                        .args()
                        .iter()
                        .any(|word| word.value == "key");
                examiner.certificate_path(&resolved, "", key_elsewhere);
            }
            ReferenceKind::CertificateList => examiner.crt_list(&resolved, context),
            ReferenceKind::PrivateKey => {
                if let Some(facts) = examiner.present(&resolved, "private key file") {
                    examiner.key_exposure(&resolved, &facts);
                }
            }
            ReferenceKind::CaFile => {
                examiner.other(&resolved, "CA file", |path| read_ca_file(path).map(|_| ()));
            }
            ReferenceKind::CrlFile => examiner.other(&resolved, "CRL file", |path| {
                read_crl_file(path).map(|_| ())
            }),
            ReferenceKind::DhParams => {
                examiner.other(&resolved, "DH parameter file", read_dh_param_file);
            }
            _ => {}
        }
    }
    out
}

/// How HAProxy looks for a key missing from a certificate file, after
/// `ssl-load-extra-files` and `ssl-load-extra-del-ext` (2.2+).
fn key_lookup(context: &LintContext<'_>) -> KeyLookup {
    let mut lookup = KeyLookup::default();
    if context.target < Version::new(2, 2) {
        lookup.sidecar = false;
        return lookup;
    }
    if let Some(statement) = context.global("ssl-load-extra-files") {
        lookup.sidecar = statement
            .args()
            .iter()
            .any(|word| matches!(word.value.as_str(), "all" | "key"));
    }
    lookup.strip_extension = context.global("ssl-load-extra-del-ext").is_some();
    lookup
}

struct Examiner<'r, 'a> {
    facts: &'r LiveFacts,
    lookup: &'r KeyLookup,
    expiry_days: i64,
    reference: &'r FileReference<'a>,
    out: &'r mut Vec<CertificateFinding<'a>>,
}

impl Examiner<'_, '_> {
    fn push(&mut self, kind: FindingKind, message: String) {
        self.out.push(CertificateFinding {
            reference: self.reference.clone(),
            kind,
            message,
        });
    }

    /// The facts of `path` when it exists; otherwise reports why not.
    fn present(&mut self, path: &Path, what: &str) -> Option<haplint_probe::files::FileFacts> {
        match self.facts.path(path)? {
            PathProbe::Present(facts) => Some(facts),
            PathProbe::Missing => {
                self.push(
                    FindingKind::Unusable,
                    format!("{what} `{}` does not exist", path.display()),
                );
                None
            }
            PathProbe::Unknown(why) => {
                self.push(
                    FindingKind::CannotCheck,
                    format!("cannot check {what} `{}`: {why}", path.display()),
                );
                None
            }
        }
    }

    /// A `crt` path: a PEM file, or a directory HAProxy loads every
    /// certificate of. `context` prefixes messages (a crt-list entry).
    fn certificate_path(&mut self, path: &Path, context: &str, key_elsewhere: bool) {
        let what = format!("{context}certificate file");
        let Some(facts) = self.present(path, &what) else {
            return;
        };
        if facts.kind != FileKind::Directory {
            self.certificate_file(path, context, key_elsewhere);
            return;
        }
        match certificate_files_in_dir(path) {
            Ok(files) if files.is_empty() => self.push(
                FindingKind::Unusable,
                format!(
                    "{context}certificate directory `{}` holds no certificate",
                    path.display()
                ),
            ),
            Ok(files) => {
                for file in files {
                    self.certificate_file(&file, context, key_elsewhere);
                }
            }
            Err(error) => self.push(
                FindingKind::CannotCheck,
                format!(
                    "cannot check certificate directory `{}`: {error}",
                    path.display()
                ),
            ),
        }
    }

    fn certificate_file(&mut self, path: &Path, context: &str, key_elsewhere: bool) {
        let Some(bundle) = self.facts.certificate(path, self.lookup) else {
            return;
        };
        match bundle.as_ref() {
            Err(error) => self.read_error(path, context, "certificate file", error),
            Ok(bundle) => self.bundle(path, context, bundle, key_elsewhere),
        }
    }

    fn read_error(&mut self, path: &Path, context: &str, what: &str, error: &CertError) {
        let kind = match error {
            CertError::Unreadable(_) => FindingKind::CannotCheck,
            _ => FindingKind::Unusable,
        };
        let message = match kind {
            FindingKind::CannotCheck => {
                format!("cannot check {context}{what} `{}`: {error}", path.display())
            }
            _ => format!("{context}{what} `{}`: {error}", path.display()),
        };
        self.push(kind, message);
    }

    fn bundle(&mut self, path: &Path, context: &str, bundle: &PemBundle, key_elsewhere: bool) {
        let shown = path.display();
        match &bundle.key {
            None if !key_elsewhere => self.push(
                FindingKind::Unusable,
                format!("{context}`{shown}` has no private key{}", self.sidecar_note(path)),
            ),
            Some(key) if key.matches == KeyMatch::Mismatch => self.push(
                FindingKind::Unusable,
                format!(
                    "{context}the private key in `{}` does not belong to the certificate of `{shown}`",
                    key.file.display()
                ),
            ),
            Some(key) if key.encrypted => self.push(
                FindingKind::Unusable,
                format!(
                    "{context}the private key in `{}` is encrypted: HAProxy would stop at start to ask for its passphrase",
                    key.file.display()
                ),
            ),
            Some(key) if key.problem.is_some() => self.push(
                FindingKind::Unusable,
                format!(
                    "{context}the private key in `{}` cannot be used: {}",
                    key.file.display(),
                    key.problem.as_deref().unwrap_or_default()
                ),
            ),
            Some(key) => {
                if let Some(PathProbe::Present(facts)) = self.facts.path(&key.file) {
                    self.key_exposure(&key.file, &facts);
                }
            }
            None => {}
        }
        if bundle.unparsed_certificates > 0 {
            self.push(
                FindingKind::Unusable,
                format!(
                    "{context}`{shown}` has {} certificate block(s) that do not parse",
                    bundle.unparsed_certificates
                ),
            );
        }
        let Some(leaf) = bundle.leaf() else {
            return;
        };
        let now = self.facts.now();
        let subject = &leaf.subject;
        if leaf.not_after < now {
            self.push(
                FindingKind::Expired,
                format!(
                    "{context}certificate `{shown}` ({subject}) expired on {} ({} days ago)",
                    date(leaf.not_after),
                    (now - leaf.not_after) / DAY
                ),
            );
        } else if leaf.not_before > now {
            self.push(
                FindingKind::Expired,
                format!(
                    "{context}certificate `{shown}` ({subject}) is not valid before {}",
                    date(leaf.not_before)
                ),
            );
        } else if leaf.not_after - now < self.expiry_days * DAY {
            let days = (leaf.not_after - now) / DAY;
            self.push(
                FindingKind::Expiring { days },
                format!(
                    "{context}certificate `{shown}` ({subject}) expires on {}, in {days} day{}",
                    date(leaf.not_after),
                    if days == 1 { "" } else { "s" }
                ),
            );
        }
    }

    fn sidecar_note(&self, path: &Path) -> String {
        if !self.lookup.sidecar {
            return String::new();
        }
        // HAProxy drops only a `.crt` extension with `ssl-load-extra-del-ext`.
        let strips = self.lookup.strip_extension
            && path.extension().is_some_and(|extension| extension == "crt");
        let sidecar: PathBuf = if strips {
            path.with_extension("key")
        } else {
            PathBuf::from(format!("{}.key", path.display()))
        };
        format!(", and there is no `{}` beside it", sidecar.display())
    }

    fn key_exposure(&mut self, key_file: &Path, facts: &haplint_probe::files::FileFacts) {
        if facts.readable_by_others() {
            self.push(
                FindingKind::KeyExposed,
                format!(
                    "private key `{}` is readable by every user of the machine (mode {:04o})",
                    key_file.display(),
                    facts.mode
                ),
            );
        }
    }

    fn crt_list(&mut self, path: &Path, context: &LintContext<'_>) {
        if self.present(path, "crt-list").is_none() {
            return;
        }
        let entries = match read_crt_list(path) {
            Ok(entries) => entries,
            Err(error) => return self.read_error(path, "", "crt-list", &error),
        };
        let crt_base = context
            .global("crt-base")
            .and_then(|statement| statement.args().first())
            .map(|word| word.value.clone());
        for entry in entries {
            let written = match &crt_base {
                Some(base) if !entry.path.starts_with('/') => {
                    format!("{}/{}", base.trim_end_matches('/'), entry.path)
                }
                _ => entry.path.clone(),
            };
            let resolved = self.facts.resolve(
                &written,
                path.parent()
                    .or(context.dir_of(self.reference.statement.file)),
            );
            let prefix = format!("line {} of crt-list `{}`: ", entry.line, path.display());
            self.certificate_path(&resolved, &prefix, false);
        }
    }

    fn other(&mut self, path: &Path, what: &str, read: impl Fn(&Path) -> Result<(), CertError>) {
        // A missing one is `referenced-file-missing`'s finding.
        if !matches!(self.facts.path(path), Some(PathProbe::Present(_))) {
            return;
        }
        if let Err(error) = read(path) {
            self.read_error(path, "", what, &error);
        }
    }
}

/// The diagnostics of `meta` for the certificate findings `wanted`
/// selects, on the word naming the file: the certificate rules differ
/// only in which findings they report and the help they give.
pub fn certificate_diagnostics(
    context: &LintContext<'_>,
    meta: &crate::rule::RuleMeta,
    wanted: impl Fn(FindingKind) -> bool,
    help: Option<&str>,
) -> Vec<crate::diagnostic::Diagnostic> {
    examine(context)
        .into_iter()
        .filter(|finding| wanted(finding.kind))
        .map(|finding| {
            let span = crate::diagnostic::Span::new(
                finding.reference.statement.file,
                finding.reference.word.range,
            );
            let diagnostic = meta.diagnostic(span, finding.message);
            match help {
                Some(help) => diagnostic.with_help(help),
                None => diagnostic,
            }
        })
        .collect()
}

/// `2026-11-24` for seconds since the epoch (proleptic Gregorian, UTC).
pub fn date(seconds: i64) -> String {
    let days = seconds.div_euclid(DAY);
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::date;

    #[test]
    fn dates() {
        assert_eq!(date(0), "1970-01-01");
        assert_eq!(date(951_782_400), "2000-02-29");
        assert_eq!(date(1_795_478_400), "2026-11-24");
    }
}
