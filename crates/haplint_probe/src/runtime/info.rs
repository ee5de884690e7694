//! `show info`: one `Name: value` line per fact, then an empty line.

#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Info {
    pub version: Option<String>,
    pub uptime_seconds: Option<u64>,
}

/// Reads the facts haplint uses. An answer without a `Name` or `Version`
/// line is not `show info` (an error message, another program): the
/// error quotes its first line.
pub(super) fn parse(answer: &str) -> Result<Info, String> {
    let mut info = Info::default();
    let mut recognized = false;
    for line in answer.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match key.trim() {
            "Name" => recognized = true,
            "Version" => {
                recognized = true;
                info.version = Some(value.to_owned()).filter(|v| !v.is_empty());
            }
            "Uptime_sec" => info.uptime_seconds = value.parse().ok(),
            _ => {}
        }
    }
    if recognized {
        Ok(info)
    } else {
        Err(unexpected(answer))
    }
}

/// How to describe an answer that is not the expected one: HAProxy's
/// errors ("Permission denied", "Unknown command...") fit on one line.
pub(super) fn unexpected(answer: &str) -> String {
    match answer.lines().map(str::trim).find(|line| !line.is_empty()) {
        Some(line) => {
            let line: String = line.chars().take(120).collect();
            format!("\"{line}\" instead of the expected table")
        }
        None => "nothing".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::{Info, parse};

    /// The shape HAProxy 2.6 answers with, shortened.
    const SHOW_INFO: &str = "Name: HAProxy\nVersion: 2.6.12-1+deb12u3\n\
        Release_date: 2025/10/03\nNbthread: 2\nPid: 18514\nUptime: 0d 0h00m02s\n\
        Uptime_sec: 2\nMemmax_MB: 0\nnode: vm\nUnstoppable Jobs: 0\n\
        Build info: 2.6.12-1+deb12u3\nTainted: 0\n\n";

    #[test]
    fn reads_version_and_uptime() {
        assert_eq!(
            parse(SHOW_INFO),
            Ok(Info {
                version: Some("2.6.12-1+deb12u3".to_owned()),
                uptime_seconds: Some(2),
            })
        );
    }

    #[test]
    fn an_error_line_is_quoted() {
        assert_eq!(
            parse("Permission denied\n\n"),
            Err("\"Permission denied\" instead of the expected table".to_owned())
        );
        assert_eq!(parse(""), Err("nothing".to_owned()));
    }
}
