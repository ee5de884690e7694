pub mod http_server_close;
pub mod memory_budget;
