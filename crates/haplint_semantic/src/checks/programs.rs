//! `program` sections start only in master-worker mode. Whether HAProxy
//! runs in it is up to its command line (`-W`, `-Ws`, which systemd units
//! use) as much as the text (`master-worker` in `global`), so without the
//! keyword this is a warning: `haproxy -c` without `-W` refuses the file.

use haplint_keywords::{SectionKind, Version};

use crate::diagnostic::{Rule, SemanticDiagnostic};
use crate::model::Model;

pub fn check(model: &Model, version: Version, out: &mut Vec<SemanticDiagnostic>) {
    let master_worker = model
        .sections_of(SectionKind::Global)
        .flat_map(|global| global.statements.iter())
        .any(|statement| statement.prefix.is_none() && statement.head() == "master-worker");
    if master_worker {
        return;
    }
    let Some(program) = model.sections_of(SectionKind::Program).next() else {
        return;
    };
    // The keyword is deprecated from 3.3 on in favour of the command line.
    let how = if version >= Version::new(3, 3) {
        "start HAProxy with `-W` or `-Ws`"
    } else {
        "start HAProxy with `-W` or `-Ws`, or add `master-worker` to `global`"
    };
    out.push(
        SemanticDiagnostic::warning(
            Rule::KeywordWrongSection,
            program.file,
            program.keyword_range,
            "`program` sections run only in master-worker mode: without it HAProxy refuses to start",
        )
        .with_help(how),
    );
}
