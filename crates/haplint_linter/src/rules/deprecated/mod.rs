pub mod nbproc_with_nbthread;
