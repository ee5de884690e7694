pub mod missing_timeout;
