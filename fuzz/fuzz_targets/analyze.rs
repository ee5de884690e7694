//! The semantic analysis must not panic on any input, for any target
//! version, and its diagnostics must stay inside the text.
//! The first byte picks the version; the rest is assembled like
//! `parse_lines` so inputs look like configurations.

#![no_main]

use std::path::Path;

use haplint_fuzz::assemble;
use haplint_semantic::{ConfigSet, Options, Version, analyze};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((first, rest)) = data.split_first() else { return };
    let version = Version::ALL[usize::from(*first) % Version::ALL.len()];
    let text = assemble(rest);
    let set = ConfigSet::single(Path::new("fuzz.cfg"), text.as_bytes());
    let analysis = analyze(&set, &Options { target: version, ..Options::default() });
    let length = set.documents[0].text.len();
    for diagnostic in &analysis.diagnostics {
        let end = usize::from(diagnostic.range.end());
        assert!(diagnostic.range.start() <= diagnostic.range.end() && end <= length, "{diagnostic:?}");
    }
});
