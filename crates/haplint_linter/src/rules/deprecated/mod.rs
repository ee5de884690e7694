pub mod cpu_map_process_syntax;
pub mod nbproc_with_nbthread;
