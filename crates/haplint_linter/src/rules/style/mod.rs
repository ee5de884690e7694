pub mod timeout_without_unit;
