//! Shared helpers for the semantic tests.

use std::path::Path;

use haplint_semantic::{ConfigSet, Options, Severity, Version, analyze};

/// `(line, severity, rule)` for every semantic diagnostic of `text`.
pub fn findings(text: &str, version: Version) -> Vec<(usize, &'static str, &'static str)> {
    let set = ConfigSet::single(Path::new("test.cfg"), text.as_bytes());
    let analysis = analyze(
        &set,
        &Options {
            target: version,
            ..Options::default()
        },
    );
    analysis
        .diagnostics
        .iter()
        .map(|diagnostic| {
            let line = text[..usize::from(diagnostic.range.start())]
                .matches('\n')
                .count()
                + 1;
            let severity = if diagnostic.severity == Severity::Error {
                "error"
            } else {
                "warning"
            };
            (line, severity, diagnostic.rule.name())
        })
        .collect()
}

pub fn v(major: u8, minor: u8) -> Version {
    Version::new(major, minor)
}
