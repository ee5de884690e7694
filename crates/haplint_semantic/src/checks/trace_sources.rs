//! Trace sources named in a `traces` section (`trace h2 start now`).
//! HAProxy refuses a source its build does not register ("No such trace
//! source"). Which sources a build has depends on how it was built, so only
//! the sources whose first release is known are judged, against the
//! target: measured on 3.2.26 (refuses `qcm`) and 3.4.7 (takes it).

use haplint_keywords::{SectionKind, Version};

use crate::diagnostic::{Rule, SemanticDiagnostic};
use crate::model::Model;

/// Trace sources and the first release that registers them.
const LATER_SOURCES: [(&str, Version); 1] = [("qcm", Version::new(3, 3))];

pub fn check(model: &Model, version: Version, out: &mut Vec<SemanticDiagnostic>) {
    for statement in model
        .sections_of(SectionKind::Traces)
        .flat_map(|section| section.statements_of("trace"))
    {
        let Some(source) = statement.args().first() else {
            continue;
        };
        if let Some((_, from)) = LATER_SOURCES.iter().find(|(name, _)| *name == source.value)
            && version < *from
        {
            out.push(SemanticDiagnostic::error(
                Rule::InvalidValue,
                statement.file,
                source.range,
                format!(
                    "no trace source `{}` in HAProxy {version}: it exists from {from}",
                    source.value
                ),
            ));
        }
    }
}
