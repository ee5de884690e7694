pub mod missing_stats_socket;
pub mod server_without_check;
pub mod unused_suppression;
