//! HAProxy's runtime API, read-only: `show info`, `show servers state`,
//! `show stat`.
//!
//! The socket haplint is pointed at is often an `admin` one, where a
//! single mistyped command can drain or disable a production server. So
//! the only commands this module can send are the three of [`Command`]:
//! there is no way to pass it text to send.
//!
//! Each command gets its own connection (HAProxy's non-interactive mode:
//! send one line, read until HAProxy closes), and each is bounded by the
//! caller's timeout, so a frozen HAProxy makes `query` fail, never hang.

mod address;
mod error;
mod info;
mod servers_state;
mod stat;
mod transport;

use std::collections::HashMap;
use std::time::Duration;

pub use address::RuntimeAddress;
pub use error::RuntimeError;

/// A server as `show stat` reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerStatus {
    pub backend: String,
    pub server: String,
    /// The `status` column as HAProxy writes it: `UP`, `DOWN`, `MAINT`,
    /// `DRAIN`, `NOLB`, `no check`, `UP 1/3` (failing, still up),
    /// `DOWN 1/2` (recovering, still down), `MAINT (via)`, ...
    pub status: String,
    /// Seconds since the status last changed (`lastchg`).
    pub since_seconds: Option<u64>,
    /// `ip:port` the server is reached at, when HAProxy knows it.
    pub address: Option<String>,
}

impl ServerStatus {
    /// Whether the server is alive as far as its health checks tell.
    ///
    /// Up: `UP`, `UP x/y` (checks started failing but the server still
    /// gets traffic until `fall` is reached), `no check` (HAProxy never
    /// checks it and sends it traffic), and the two states that are alive
    /// but weighted out on purpose: `DRAIN` (weight 0 set by an operator or
    /// an agent; it still serves persistent sessions) and `NOLB` (a check
    /// asked for it with `disable-on-404`). Those are deliberate, healthy
    /// states, unlike `MAINT`, where HAProxy stops checking and serving the
    /// server altogether. Everything else, including `DOWN x/y` (checks
    /// passing again, not yet `rise` times) and statuses this version does
    /// not know, is not up.
    pub fn is_up(&self) -> bool {
        let first_word = self.status.split_whitespace().next().unwrap_or("");
        matches!(first_word, "UP" | "DRAIN" | "NOLB") || self.status == "no check"
    }
}

/// What the runtime API of a running HAProxy says about it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuntimeState {
    /// `show info`'s `Version`, for example `2.6.12-1+deb12u3`.
    pub version: Option<String>,
    pub uptime_seconds: Option<u64>,
    /// Proxies with a `FRONTEND` row in `show stat` (frontends and listens).
    pub frontends: Vec<String>,
    /// Proxies with a `BACKEND` row in `show stat` (backends and listens).
    /// A `disabled` proxy has no row, so it is not listed.
    pub backends: Vec<String>,
    /// Backend name and the status of its `BACKEND` row (`UP` or `DOWN`;
    /// a backend without servers says `UP`).
    pub backend_status: Vec<(String, String)>,
    pub servers: Vec<ServerStatus>,
}

impl RuntimeState {
    /// Major and minor numbers of [`Self::version`]: `(2, 6)` for
    /// `2.6.12-1+deb12u3`, `(3, 2)` for `3.2-dev5`.
    pub fn version_number(&self) -> Option<(u16, u16)> {
        let version = self.version.as_deref()?;
        let mut parts = version.split('.');
        let major = leading_number(parts.next()?)?;
        let minor = leading_number(parts.next()?)?;
        Some((major, minor))
    }
}

/// The digits at the start of `text`, as a number.
fn leading_number(text: &str) -> Option<u16> {
    let end = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    text[..end].parse().ok()
}

/// The commands haplint may send: read-only ones. Anything that changes
/// HAProxy's state (`set`, `disable`, `shutdown`, ...) is out of reach on
/// purpose, because the socket queried is usually an `admin` one in
/// production.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Command {
    Info,
    ServersState,
    Stat,
}

impl Command {
    /// Every command there is, to make the whole list visible in one place.
    const ALL: [Command; 3] = [Command::Info, Command::ServersState, Command::Stat];

    fn text(self) -> &'static str {
        match self {
            Command::Info => "show info",
            Command::ServersState => "show servers state",
            Command::Stat => "show stat",
        }
    }
}

/// Asks the HAProxy at `address` for its version, proxies and servers.
///
/// `timeout` bounds each of the three exchanges (connect, send, read).
/// `show info` and `show stat` must answer; `show servers state` only fills
/// in what `show stat` leaves empty, so an answer it cannot read (a socket
/// level that refuses it, an older format) is ignored.
pub fn query(address: &RuntimeAddress, timeout: Duration) -> Result<RuntimeState, RuntimeError> {
    address.check_local()?;
    let [show_info, show_servers_state, show_stat] = Command::ALL;
    let info = info::parse(&transport::exchange(address, show_info, timeout)?)
        .map_err(|problem| protocol(address, show_info, &problem))?;
    let stat = stat::parse(&transport::exchange(address, show_stat, timeout)?)
        .map_err(|problem| protocol(address, show_stat, &problem))?;
    let states = servers_state::parse(&transport::exchange(address, show_servers_state, timeout)?)
        .unwrap_or_default();
    let states: HashMap<(&str, &str), &servers_state::ServerState> = states
        .iter()
        .map(|state| ((state.backend.as_str(), state.server.as_str()), state))
        .collect();

    let servers = stat
        .servers
        .into_iter()
        .map(|row| {
            let state = states.get(&(row.backend.as_str(), row.server.as_str()));
            ServerStatus {
                since_seconds: row
                    .since_seconds
                    .or_else(|| state.and_then(|state| state.since_seconds)),
                address: row
                    .address
                    .or_else(|| state.and_then(|state| state.address.clone())),
                backend: row.backend,
                server: row.server,
                status: row.status,
            }
        })
        .collect();
    Ok(RuntimeState {
        version: info.version,
        uptime_seconds: info.uptime_seconds,
        frontends: stat.frontends,
        backends: stat.backends,
        backend_status: stat.backend_status,
        servers,
    })
}

fn protocol(address: &RuntimeAddress, command: Command, problem: &str) -> RuntimeError {
    RuntimeError::Protocol(format!(
        "{address} answered `{}` with {problem}",
        command.text()
    ))
}
