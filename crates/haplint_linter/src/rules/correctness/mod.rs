pub mod acl_without_pattern;
pub mod backend_without_servers;
pub mod missing_timeout;
pub mod port_conflict;
mod timeout_branches;
