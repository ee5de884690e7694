//! Every rule, listed once.

use crate::rule::{Rule, RuleMeta};
use crate::rules::{correctness, deprecated, performance, security, suspicious};

/// All rules of the linter, in code order within each category.
pub static RULES: &[&dyn Rule] = &[
    &correctness::missing_timeout::MissingTimeout,
    &suspicious::missing_stats_socket::MissingStatsSocket,
    &suspicious::server_without_check::ServerWithoutCheck,
    &suspicious::unused_suppression::UnusedSuppression,
    &deprecated::nbproc_with_nbthread::NbprocWithNbthread,
    &security::weak_tls_version::WeakTlsVersion,
    &security::legacy_tls_flags::LegacyTlsFlags,
    &security::weak_dh_param::WeakDhParam,
    &security::server_verify_none::ServerVerifyNone,
    &performance::http_server_close::HttpServerClose,
    &performance::memory_budget::MemoryBudget,
];

/// A rule by name or code (`missing-timeout`, `HAP124`, `hap124`).
pub fn find_rule(name_or_code: &str) -> Option<&'static RuleMeta> {
    RULES
        .iter()
        .map(|rule| rule.meta())
        .find(|meta| meta.name == name_or_code || meta.code.eq_ignore_ascii_case(name_or_code))
}
