pub mod exposed_stats_socket;
pub mod insecure_password;
pub mod legacy_tls_flags;
pub mod missing_http_request_timeout;
pub mod server_verify_none;
pub mod stats_without_auth;
pub mod weak_ciphers;
pub mod weak_dh_param;
pub mod weak_tls_version;

/// Protocol versions in order.
pub(crate) const TLS_VERSIONS: [&str; 5] = ["SSLv3", "TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.3"];
/// `no-*` flags in the order of [`TLS_VERSIONS`].
pub(crate) const NO_FLAGS: [&str; 5] = [
    "no-sslv3",
    "no-tlsv10",
    "no-tlsv11",
    "no-tlsv12",
    "no-tlsv13",
];
/// `force-*` flags in the order of [`TLS_VERSIONS`].
pub(crate) const FORCE_FLAGS: [&str; 5] = [
    "force-sslv3",
    "force-tlsv10",
    "force-tlsv11",
    "force-tlsv12",
    "force-tlsv13",
];
