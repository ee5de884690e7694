//! Resource limits and kernel settings that bound what HAProxy can do.

use std::fs;
use std::num::NonZero;
use std::thread;

use nix::sys::resource::{RLIM_INFINITY, Resource, getrlimit};

use crate::sockets::{process_ids, process_name};

/// The open-file limit of a process: soft and hard (`None` = unlimited).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileLimit {
    pub soft: Option<u64>,
    pub hard: Option<u64>,
}

/// Which process a file limit was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LimitSource {
    /// A running HAProxy (`/proc/<pid>/limits`): what the service really has.
    RunningHaproxy { pid: u32 },
    /// haplint's own process: what a service started the same way would have.
    ThisProcess,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Limits {
    pub open_files: Option<(FileLimit, LimitSource)>,
    /// `net.core.somaxconn`.
    pub somaxconn: Option<u64>,
    /// `net.ipv4.tcp_max_syn_backlog`.
    pub tcp_max_syn_backlog: Option<u64>,
    /// CPUs this process may run on.
    pub cpus: Option<usize>,
}

/// The limits HAProxy runs under: the open-file limit of a running
/// `haproxy` when there is one we may look into, else our own; the listen
/// backlog settings; the CPUs available. Each is `None` when unreadable.
pub fn read_limits() -> Limits {
    Limits {
        open_files: running_haproxy_files()
            .or_else(|| own_open_files().map(|limit| (limit, LimitSource::ThisProcess))),
        somaxconn: read_number("/proc/sys/net/core/somaxconn"),
        tcp_max_syn_backlog: read_number("/proc/sys/net/ipv4/tcp_max_syn_backlog"),
        cpus: thread::available_parallelism().ok().map(NonZero::get),
    }
}

/// The open-file limit of the lowest-numbered `haproxy` process whose
/// limits we may read: the master starts before the workers it forks.
fn running_haproxy_files() -> Option<(FileLimit, LimitSource)> {
    let mut pids: Vec<u32> = process_ids()
        .ok()?
        .into_iter()
        .filter(|&pid| process_name(pid).is_some_and(|name| name == "haproxy"))
        .collect();
    pids.sort_unstable();
    pids.into_iter().find_map(|pid| {
        let text = fs::read_to_string(format!("/proc/{pid}/limits")).ok()?;
        let limit = parse_max_open_files(&text)?;
        Some((limit, LimitSource::RunningHaproxy { pid }))
    })
}

fn own_open_files() -> Option<FileLimit> {
    let (soft, hard) = getrlimit(Resource::RLIMIT_NOFILE).ok()?;
    let finite = |value| (value != RLIM_INFINITY).then_some(value);
    Some(FileLimit {
        soft: finite(soft),
        hard: finite(hard),
    })
}

/// The "Max open files" line of a `/proc/<pid>/limits` text; `None` when
/// the line is missing or does not read as two limits.
pub fn parse_max_open_files(limits_text: &str) -> Option<FileLimit> {
    let rest = limits_text
        .lines()
        .find_map(|line| line.strip_prefix("Max open files"))?;
    let mut values = rest.split_whitespace().map(|value| match value {
        "unlimited" => Some(None),
        number => number.parse().ok().map(Some),
    });
    Some(FileLimit {
        soft: values.next()??,
        hard: values.next()??,
    })
}

fn read_number(path: &str) -> Option<u64> {
    fs::read_to_string(path).ok()?.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::{FileLimit, parse_max_open_files};

    const LIMITS: &str = "\
Limit                     Soft Limit           Hard Limit           Units
Max cpu time              unlimited            unlimited            seconds
Max processes             63416                63416                processes
Max open files            1024                 524288               files
Max locked memory         8388608              8388608              bytes
";

    #[test]
    fn reads_soft_and_hard_open_files() {
        assert_eq!(
            parse_max_open_files(LIMITS),
            Some(FileLimit {
                soft: Some(1024),
                hard: Some(524_288)
            })
        );
    }

    #[test]
    fn unlimited_reads_as_none() {
        let text = "Max open files            200000               unlimited            files\n";
        assert_eq!(
            parse_max_open_files(text),
            Some(FileLimit {
                soft: Some(200_000),
                hard: None
            })
        );
    }

    #[test]
    fn a_missing_or_broken_line_gives_nothing() {
        assert_eq!(
            parse_max_open_files("Max processes 10 10 processes\n"),
            None
        );
        assert_eq!(
            parse_max_open_files("Max open files  many  1024 files\n"),
            None
        );
        assert_eq!(parse_max_open_files("Max open files  1024\n"), None);
    }
}
