//! Config-like text built from a dictionary of HAProxy fragments, so that
//! conditional blocks, quotes, escapes and variables show up quickly.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = haplint_fuzz::assemble(data);
    // Goes through `decode` as well, as the file would (always valid UTF-8 here).
    haplint_fuzz::check_bytes(text.as_bytes());
});
