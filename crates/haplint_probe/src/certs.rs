//! Certificates and keys, parsed in Rust: subject, names, validity, key
//! presence and match, chain order.
//!
//! The files are read the way HAProxy reads them at startup, so that what
//! is reported here is what HAProxy would find: the first certificate of a
//! `crt` file is the leaf, the first private key is its key, and a key the
//! file lacks is looked for beside it. Nothing here signs or verifies:
//! whether a key belongs to a certificate is told by comparing the public
//! half the key carries with the certificate's public key.

mod certificate;
mod crt_list;
mod der;
mod dir;
mod key;
mod pem;

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub use crt_list::{CrtListEntry, read_crt_list};
pub use dir::certificate_files_in_dir;

use key::{KeyContent, PublicHalf};
use pem::Block;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    /// The subject's distinguished name, as `CN=example.com, O=Example`.
    pub subject: String,
    /// The issuer's distinguished name, in the same form as `subject`.
    pub issuer: String,
    /// DNS names and IP addresses of the Subject Alternative Name extension.
    pub names: Vec<String>,
    /// Start of validity, in Unix seconds.
    pub not_before: i64,
    /// End of validity, in Unix seconds.
    pub not_after: i64,
    /// Whether Basic Constraints mark it as a certificate authority.
    pub is_ca: bool,
}

/// Whether a private key belongs to a certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyMatch {
    Matches,
    Mismatch,
    /// The key does not show its public half (an encrypted key, an EC key
    /// saved without its public point, a kind of key not compared here).
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrivateKey {
    /// The file the key was read from: the certificate file itself or the
    /// `.key` file beside it.
    pub file: PathBuf,
    /// Against the first (leaf) certificate of the bundle.
    pub matches: KeyMatch,
    /// Protected by a passphrase: HAProxy cannot load it unattended.
    pub encrypted: bool,
    /// Why the key is there but unusable: a key file that cannot be read,
    /// holds no private key, or holds one that does not parse. `matches` is
    /// `Unknown` then.
    pub problem: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PemBundle {
    /// In file order; the first one is the leaf HAProxy serves.
    pub certificates: Vec<Certificate>,
    pub key: Option<PrivateKey>,
    /// Certificate blocks that did not parse, left out of `certificates`:
    /// HAProxy refuses the whole file over any of them.
    pub unparsed_certificates: usize,
}

impl PemBundle {
    pub fn leaf(&self) -> Option<&Certificate> {
        self.certificates.first()
    }

    /// Whether each certificate is issued by the one after it, the order
    /// TLS clients expect the chain in.
    pub fn chain_in_order(&self) -> bool {
        self.certificates
            .windows(2)
            .all(|pair| pair[0].issuer == pair[1].subject)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CertError {
    /// The file exists but cannot be read; the text says why, as
    /// "permission denied".
    Unreadable(String),
    Missing,
    /// No PEM block at all (binary DER, some other text).
    NotPem,
    /// PEM blocks, but none is a certificate that parses.
    NoCertificate,
    /// PEM blocks, but none is a CRL that parses.
    NoCrl,
    /// PEM blocks, but none holds DH parameters.
    NoDhParameters,
}

impl fmt::Display for CertError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unreadable(why) => write!(f, "cannot be read: {why}"),
            Self::Missing => f.write_str("no such file"),
            Self::NotPem => f.write_str("not a PEM file"),
            Self::NoCertificate => f.write_str("no certificate in the file"),
            Self::NoCrl => f.write_str("no certificate revocation list in the file"),
            Self::NoDhParameters => f.write_str("no DH parameters in the file"),
        }
    }
}

impl std::error::Error for CertError {}

/// How HAProxy looks for a key the certificate file lacks
/// (`ssl-load-extra-files`, `ssl-load-extra-del-ext`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyLookup {
    /// Try `<file>.key` (`ssl-load-extra-files` includes `key`, the default).
    pub sidecar: bool,
    /// `ssl-load-extra-del-ext`: a `.crt` extension is replaced rather than
    /// extended, `site.crt` -> `site.key`. HAProxy strips `.crt` only, so
    /// `site.pem` still looks for `site.pem.key`.
    pub strip_extension: bool,
}

impl Default for KeyLookup {
    fn default() -> Self {
        Self {
            sidecar: true,
            strip_extension: false,
        }
    }
}

impl KeyLookup {
    /// The key file HAProxy tries for `certificate`, if it tries one.
    fn sidecar_path(self, certificate: &Path) -> Option<PathBuf> {
        if !self.sidecar {
            return None;
        }
        let stem = if self.strip_extension && certificate.extension() == Some("crt".as_ref()) {
            certificate.with_extension("")
        } else {
            certificate.to_path_buf()
        };
        let mut name = stem.into_os_string();
        name.push(".key");
        Some(PathBuf::from(name))
    }
}

/// A `crt` file: its certificates and the key HAProxy would pair with the
/// first one.
pub fn read_certificate_file(path: &Path, lookup: &KeyLookup) -> Result<PemBundle, CertError> {
    let blocks = read_blocks(path)?;
    let mut certificates = Vec::new();
    let mut leaf_key = None;
    let mut unparsed_certificates = 0;
    for block in blocks.iter().filter(|block| is_certificate(block)) {
        match block.der.as_deref().and_then(certificate::read) {
            Some((certificate, public)) => {
                leaf_key.get_or_insert(public);
                certificates.push(certificate);
            }
            None => unparsed_certificates += 1,
        }
    }
    let Some(leaf_key) = leaf_key else {
        return Err(CertError::NoCertificate);
    };
    let key = find_key(path, &blocks, &leaf_key, *lookup);
    Ok(PemBundle {
        certificates,
        key,
        unparsed_certificates,
    })
}

/// A `ca-file`: the certificates it holds; keys and other blocks are not
/// looked at.
pub fn read_ca_file(path: &Path) -> Result<Vec<Certificate>, CertError> {
    let certificates: Vec<Certificate> = read_blocks(path)?
        .iter()
        .filter(|block| is_certificate(block))
        .filter_map(|block| block.der.as_deref().and_then(certificate::read))
        .map(|(certificate, _)| certificate)
        .collect();
    if certificates.is_empty() {
        return Err(CertError::NoCertificate);
    }
    Ok(certificates)
}

/// A `crl-file`: how many revocation lists in it parse.
pub fn read_crl_file(path: &Path) -> Result<usize, CertError> {
    let count = read_blocks(path)?
        .iter()
        .filter(|block| block.label == "X509 CRL")
        .filter_map(|block| block.der.as_deref())
        .filter(|der| x509_parser::parse_x509_crl(der).is_ok())
        .count();
    if count == 0 {
        return Err(CertError::NoCrl);
    }
    Ok(count)
}

/// An `ssl-dh-param-file`: whether it holds DH parameters.
pub fn read_dh_param_file(path: &Path) -> Result<(), CertError> {
    // OpenSSL reads both the PKCS#3 and the X9.42 form.
    let found = read_blocks(path)?.iter().any(|block| {
        matches!(
            block.label.as_str(),
            "DH PARAMETERS" | "X9.42 DH PARAMETERS"
        ) && block.der.as_deref().is_some_and(der::is_dh_parameters)
    });
    if found {
        Ok(())
    } else {
        Err(CertError::NoDhParameters)
    }
}

/// The key HAProxy pairs with the leaf: the first one in the file, else
/// the sidecar file. A damaged key in the file is reported only when no
/// sidecar replaces it, since HAProxy goes on to the sidecar then.
fn find_key(
    path: &Path,
    blocks: &[Block],
    leaf: &PublicHalf,
    lookup: KeyLookup,
) -> Option<PrivateKey> {
    let in_file = blocks
        .iter()
        .find(|block| key::is_private_key(&block.label))
        .map(key::read);
    match in_file {
        Some(content @ (KeyContent::Readable(_) | KeyContent::Encrypted)) => {
            Some(private_key(path, &content, leaf))
        }
        damaged => lookup
            .sidecar_path(path)
            .and_then(|sidecar| read_sidecar_key(&sidecar, leaf))
            .or_else(|| damaged.map(|content| private_key(path, &content, leaf))),
    }
}

/// The key in a sidecar file; `None` when there is no such file, as HAProxy
/// then reports the key missing.
fn read_sidecar_key(path: &Path, leaf: &PublicHalf) -> Option<PrivateKey> {
    let unusable = |problem: String| PrivateKey {
        file: path.to_path_buf(),
        matches: KeyMatch::Unknown,
        encrypted: false,
        problem: Some(problem),
    };
    let blocks = match read_blocks(path) {
        Ok(blocks) => blocks,
        Err(CertError::Missing) => return None,
        Err(CertError::Unreadable(why)) => return Some(unusable(why)),
        Err(_) => return Some(unusable("no private key in the file".to_owned())),
    };
    match blocks
        .iter()
        .find(|block| key::is_private_key(&block.label))
    {
        Some(block) => Some(private_key(path, &key::read(block), leaf)),
        None => Some(unusable("no private key in the file".to_owned())),
    }
}

fn private_key(file: &Path, content: &KeyContent, leaf: &PublicHalf) -> PrivateKey {
    let (matches, encrypted, problem) = match content {
        KeyContent::Readable(public) => (key::compare(public, leaf), false, None),
        KeyContent::Encrypted => (KeyMatch::Unknown, true, None),
        KeyContent::Damaged => (
            KeyMatch::Unknown,
            false,
            Some("the private key does not parse".to_owned()),
        ),
    };
    PrivateKey {
        file: file.to_path_buf(),
        matches,
        encrypted,
        problem,
    }
}

/// OpenSSL takes all three labels for a certificate.
fn is_certificate(block: &Block) -> bool {
    matches!(
        block.label.as_str(),
        "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE"
    )
}

/// The PEM blocks of a file, or why there are none.
fn read_blocks(path: &Path) -> Result<Vec<Block>, CertError> {
    let blocks = pem::blocks(&read_file(path)?);
    if blocks.is_empty() {
        return Err(CertError::NotPem);
    }
    Ok(blocks)
}

/// The bytes of a regular file. Its type is checked before opening, since
/// opening a FIFO would wait for a writer.
fn read_file(path: &Path) -> Result<Vec<u8>, CertError> {
    let metadata = fs::metadata(path).map_err(|error| io_error(&error))?;
    if metadata.is_dir() {
        return Err(CertError::Unreadable("is a directory".to_owned()));
    }
    if !metadata.is_file() {
        return Err(CertError::Unreadable("not a regular file".to_owned()));
    }
    fs::read(path).map_err(|error| io_error(&error))
}

fn io_error(error: &io::Error) -> CertError {
    if error.kind() == io::ErrorKind::NotFound {
        CertError::Missing
    } else {
        CertError::Unreadable(io_text(error))
    }
}

/// "Permission denied (os error 13)" -> "permission denied": the errno is
/// noise in a diagnostic, and the text goes mid-sentence.
fn io_text(error: &io::Error) -> String {
    let text = error.to_string();
    let text = text
        .find(" (os error")
        .map_or(text.as_str(), |end| &text[..end]);
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use std::io;
    use std::path::{Path, PathBuf};

    use super::{Certificate, KeyLookup, PemBundle, io_text};

    fn certificate(subject: &str, issuer: &str) -> Certificate {
        Certificate {
            subject: subject.to_owned(),
            issuer: issuer.to_owned(),
            names: Vec::new(),
            not_before: 0,
            not_after: 0,
            is_ca: false,
        }
    }

    fn bundle(certificates: Vec<Certificate>) -> PemBundle {
        PemBundle {
            certificates,
            key: None,
            unparsed_certificates: 0,
        }
    }

    #[test]
    fn a_chain_is_in_order_when_each_issuer_comes_next() {
        let leaf = certificate("CN=leaf", "CN=mid");
        let mid = certificate("CN=mid", "CN=root");
        let root = certificate("CN=root", "CN=root");
        assert!(bundle(vec![leaf.clone(), mid.clone(), root.clone()]).chain_in_order());
        assert!(!bundle(vec![leaf.clone(), root, mid]).chain_in_order());
        assert!(bundle(vec![leaf]).chain_in_order());
        assert!(bundle(Vec::new()).chain_in_order());
    }

    #[test]
    fn the_sidecar_key_extends_the_name_by_default() {
        let lookup = KeyLookup::default();
        assert_eq!(
            lookup.sidecar_path(Path::new("/c/site.pem")),
            Some(PathBuf::from("/c/site.pem.key"))
        );
    }

    #[test]
    fn deleting_the_extension_only_drops_crt() {
        let lookup = KeyLookup {
            sidecar: true,
            strip_extension: true,
        };
        assert_eq!(
            lookup.sidecar_path(Path::new("/c/site.crt")),
            Some(PathBuf::from("/c/site.key"))
        );
        assert_eq!(
            lookup.sidecar_path(Path::new("/c/site.pem")),
            Some(PathBuf::from("/c/site.pem.key"))
        );
        assert_eq!(
            lookup.sidecar_path(Path::new("/c.crt/site")),
            Some(PathBuf::from("/c.crt/site.key"))
        );
    }

    #[test]
    fn no_sidecar_when_extra_files_exclude_keys() {
        let lookup = KeyLookup {
            sidecar: false,
            strip_extension: false,
        };
        assert_eq!(lookup.sidecar_path(Path::new("site.pem")), None);
    }

    #[test]
    fn io_errors_read_as_short_lowercase_text() {
        let denied = io::Error::from_raw_os_error(13);
        assert_eq!(io_text(&denied), "permission denied");
        let custom = io::Error::other("Disk on fire");
        assert_eq!(io_text(&custom), "disk on fire");
    }
}
