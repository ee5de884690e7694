//! Why the runtime API could not be read, in words a user can act on.

use std::fmt;

/// A failed `query`. Every variant but `Protocol` holds the address as
/// written by [`super::RuntimeAddress`]'s `Display`; `Protocol` holds a
/// description of what went wrong that names the address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuntimeError {
    /// No socket file at that path (nor its directory).
    Absent(String),
    /// Nothing accepts connections there: no HAProxy listens on the TCP
    /// port, or the path is a file left by a stopped HAProxy, or not a
    /// socket at all.
    Refused(String),
    /// This user may not open the socket.
    PermissionDenied(String),
    /// Connecting, sending or reading took longer than allowed.
    Timeout(String),
    /// Something answered, but not as HAProxy's runtime API does, or the
    /// exchange failed in an unexpected way.
    Protocol(String),
}

impl fmt::Display for RuntimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Absent(address) => write!(
                f,
                "no runtime socket at {address}: is HAProxy running, and is `stats socket` set?"
            ),
            Self::Refused(address) => write!(
                f,
                "nothing accepts connections at {address}: HAProxy is not running there \
                 (a socket file left by a stopped HAProxy refuses connections too)"
            ),
            Self::PermissionDenied(address) => write!(
                f,
                "permission denied on the runtime socket {address}: run haplint as a user \
                 allowed by the `stats socket` line's `mode`, `user` and `group`"
            ),
            Self::Timeout(address) => write!(
                f,
                "the runtime socket at {address} did not answer in time: HAProxy may be \
                 overloaded or stopped, or something else listens there"
            ),
            Self::Protocol(description) => {
                write!(f, "unexpected runtime API exchange: {description}")
            }
        }
    }
}

impl std::error::Error for RuntimeError {}
