//! The checks of the semantic layer, one file per concern.

pub mod action_arguments;
pub mod argument_counts;
pub mod conditions;
pub mod converter_arguments;
pub mod defaults_rules;
pub mod empty_arguments;
pub mod health_checks;
pub mod history;
pub mod http_reply;
pub mod incomplete;
pub mod keywords;
pub mod log_format;
pub mod log_lines;
pub mod messages;
pub mod modes;
pub mod names;
pub mod options;
pub mod predicates;
pub mod programs;
pub mod quic_servers;
pub mod references;
pub mod rule_order;
pub mod symbols;
pub mod threads;
pub mod tls;
pub mod values;
