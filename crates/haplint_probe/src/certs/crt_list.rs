//! `crt-list` files: one certificate per line, with optional SSL options
//! in brackets and SNI filters after it.

use std::path::Path;

use super::{CertError, read_file};

/// A certificate line of a crt-list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrtListEntry {
    /// 1-based line number.
    pub line: usize,
    /// The certificate path as written, before `crt-base` applies.
    pub path: String,
}

pub fn read_crt_list(path: &Path) -> Result<Vec<CrtListEntry>, CertError> {
    let bytes = read_file(path)?;
    Ok(entries(&String::from_utf8_lossy(&bytes)))
}

/// The certificate of each line, split the way HAProxy splits it: a `#`
/// comments a line out only in the first column, and the path ends at
/// blank space or at the `[` that opens the options.
fn entries(text: &str) -> Vec<CrtListEntry> {
    text.split('\n')
        .enumerate()
        .filter(|(_, line)| !line.starts_with('#'))
        .filter_map(|(index, line)| {
            let path = line
                .trim_start_matches(|c: char| c.is_ascii_whitespace())
                .split(|c: char| c.is_ascii_whitespace() || c == '[' || c == ']')
                .next()
                .filter(|path| !path.is_empty())?;
            Some(CrtListEntry {
                line: index + 1,
                path: path.to_owned(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{CrtListEntry, entries};

    fn entry(line: usize, path: &str) -> CrtListEntry {
        CrtListEntry {
            line,
            path: path.to_owned(),
        }
    }

    #[test]
    fn each_line_names_its_certificate_first() {
        let text = "# comment\n\
                    \n\
                    site.pem\n\
                    /etc/ssl/api.pem [alpn h2 ssl-min-ver TLSv1.2] api.example.com !old.example.com\r\n\
                    \t  wild.pem[verify none] *.example.com\n\
                    \x20  \n";
        assert_eq!(
            entries(text),
            vec![
                entry(3, "site.pem"),
                entry(4, "/etc/ssl/api.pem"),
                entry(5, "wild.pem")
            ]
        );
    }

    #[test]
    fn a_line_that_starts_with_options_names_no_certificate() {
        assert_eq!(entries("[alpn h2] site.pem\n"), Vec::new());
    }

    #[test]
    fn an_indented_hash_is_not_a_comment() {
        // HAProxy only skips lines whose first byte is `#`: this one asks
        // for a certificate named "#", which the caller should report.
        assert_eq!(entries("  # note\n"), vec![entry(1, "#")]);
    }
}
