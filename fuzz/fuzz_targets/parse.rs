//! Raw bytes -> decode -> parse; see `haplint_fuzz::check_text`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    haplint_fuzz::check_bytes(data);
});
