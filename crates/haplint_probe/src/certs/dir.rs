//! The certificates HAProxy loads from a `crt DIR`.

use std::ffi::OsStr;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The files of `dir` HAProxy takes as certificates, sorted by name as it
/// loads them: regular files, less hidden ones and the `.key`, `.ocsp`,
/// `.issuer` and `.sctl` files it reads beside a certificate. An entry
/// whose type cannot be told (a dangling link) is kept: HAProxy fails on
/// it, and reading it reports why.
pub fn certificate_files_in_dir(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut names = fs::read_dir(dir)?
        .map(|entry| entry.map(|entry| entry.file_name()))
        .collect::<io::Result<Vec<_>>>()?;
    names.retain(|name| !is_skipped(name));
    // Byte order, as `scandir` with `alphasort` in the C locale.
    names.sort();
    Ok(names
        .into_iter()
        .map(|name| dir.join(name))
        .filter(|path| fs::metadata(path).map_or(true, |metadata| metadata.is_file()))
        .collect())
}

fn is_skipped(name: &OsStr) -> bool {
    let bytes = name.as_encoded_bytes();
    bytes
        .iter()
        .rposition(|&byte| byte == b'.')
        .is_some_and(|dot| {
            bytes.first() == Some(&b'.')
                || matches!(&bytes[dot..], b".key" | b".ocsp" | b".issuer" | b".sctl")
        })
}

#[cfg(test)]
mod tests {
    use std::ffi::OsStr;

    use super::is_skipped;

    #[test]
    fn extra_files_and_hidden_files_are_skipped() {
        for name in [
            "site.key",
            "site.pem.ocsp",
            "a.issuer",
            "a.sctl",
            ".hidden",
            ".site.pem",
        ] {
            assert!(is_skipped(OsStr::new(name)), "{name}");
        }
        for name in ["site.pem", "site", "site.crt", "site.keys", "key"] {
            assert!(!is_skipped(OsStr::new(name)), "{name}");
        }
    }
}
