//! Every rule, listed once.

use crate::rule::{Rule, RuleMeta};
use crate::rules::{
    correctness, deprecated, environment, performance, security, style, suspicious,
};

/// All rules of the linter, in code order within each category.
pub static RULES: &[&dyn Rule] = &[
    &correctness::missing_timeout::MissingTimeout,
    &correctness::port_conflict::PortConflict,
    &correctness::backend_without_servers::BackendWithoutServers,
    &correctness::acl_without_pattern::AclWithoutPattern,
    &suspicious::missing_stats_socket::MissingStatsSocket,
    &suspicious::server_without_check::ServerWithoutCheck,
    &suspicious::unused_suppression::UnusedSuppression,
    &suspicious::duplicate_directive::DuplicateDirective,
    &suspicious::unused_backend::UnusedBackend,
    &suspicious::check_rules_without_option::CheckRulesWithoutOption,
    &suspicious::timeout_order::TimeoutOrder,
    &suspicious::unused_acl::UnusedAcl,
    &suspicious::log_format_without_log::LogFormatWithoutLog,
    &suspicious::fetch_context::FetchContext,
    &suspicious::l6_fetch_in_http_mode::L6FetchInHttpMode,
    &suspicious::default_backend_with_servers::DefaultBackendWithServers,
    &suspicious::track_without_inspect_delay::TrackWithoutInspectDelay,
    &suspicious::acl_match_overridden::AclMatchOverridden,
    &deprecated::nbproc_with_nbthread::NbprocWithNbthread,
    &deprecated::cpu_map_process_syntax::CpuMapProcessSyntax,
    &security::weak_tls_version::WeakTlsVersion,
    &security::legacy_tls_flags::LegacyTlsFlags,
    &security::weak_dh_param::WeakDhParam,
    &security::server_verify_none::ServerVerifyNone,
    &security::stats_without_auth::StatsWithoutAuth,
    &security::insecure_password::InsecurePassword,
    &security::missing_http_request_timeout::MissingHttpRequestTimeout,
    &security::weak_ciphers::WeakCiphers,
    &security::exposed_stats_socket::ExposedStatsSocket,
    &performance::http_server_close::HttpServerClose,
    &performance::memory_budget::MemoryBudget,
    &style::timeout_without_unit::TimeoutWithoutUnit,
    &environment::peers_without_local_peer::PeersWithoutLocalPeer,
    &environment::bind_address_in_use::BindAddressInUse,
    &environment::bind_address_not_local::BindAddressNotLocal,
    &environment::certificate_unusable::CertificateUnusable,
    &environment::certificate_expired::CertificateExpired,
    &environment::certificate_expiring::CertificateExpiring,
    &environment::private_key_exposed::PrivateKeyExposed,
    &environment::referenced_file_missing::ReferencedFileMissing,
    &environment::world_writable_file::WorldWritableFile,
    &environment::config_readable_with_secrets::ConfigReadableWithSecrets,
    &environment::file_descriptor_limit::FileDescriptorLimit,
    &environment::listen_backlog_above_somaxconn::ListenBacklogAboveSomaxconn,
    &environment::nbthread_above_cpus::NbthreadAboveCpus,
    &environment::unknown_user_or_group::UnknownUserOrGroup,
    &environment::live_check_incomplete::LiveCheckIncomplete,
    &environment::environment_unknown::EnvironmentUnknown,
    &environment::machine_facts_unchecked::MachineFactsUnchecked,
    &environment::runtime_server_not_up::RuntimeServerNotUp,
    &environment::runtime_backend_down::RuntimeBackendDown,
    &environment::runtime_version_older::RuntimeVersionOlder,
    &environment::runtime_config_drift::RuntimeConfigDrift,
    &environment::runtime_unreachable::RuntimeUnreachable,
];

/// A rule by name or code (`missing-timeout`, `HAP124`, `hap124`).
pub fn find_rule(name_or_code: &str) -> Option<&'static RuleMeta> {
    RULES
        .iter()
        .map(|rule| rule.meta())
        .find(|meta| meta.name == name_or_code || meta.code.eq_ignore_ascii_case(name_or_code))
}
