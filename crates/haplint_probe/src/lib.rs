//! Read-only facts about the machine a configuration will run on:
//! listening sockets and their owners, the host's addresses, files and
//! their modes, certificates and keys, limits and kernel settings, users
//! and groups, and the state HAProxy's runtime API reports.
//!
//! Nothing here writes, executes a program, or connects anywhere but to a
//! runtime socket the caller names. Facts that cannot be read (permission
//! denied, a missing `/proc`) are reported as such, never guessed.

pub mod accounts;
pub mod certs;
pub mod files;
pub mod host;
pub mod limits;
pub mod paths;
pub mod runtime;
pub mod sockets;
