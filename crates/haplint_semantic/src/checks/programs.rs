//! `program` sections start only in master-worker mode. Whether HAProxy
//! runs in it is up to its command line (`-W`, `-Ws`, which systemd units
//! use) as much as the text (`master-worker` in `global`), so without the
//! keyword this is a warning: `haproxy -c` without `-W` refuses the file.
//!
//! 3.1 and 3.2 also refuse a `program` section unless a `global` section
//! before it sets `expose-deprecated-directives` (3.3 removed the section).

use haplint_keywords::{SectionKind, Version};

use crate::diagnostic::{Rule, SemanticDiagnostic};
use crate::model::Model;

pub fn check(model: &Model, version: Version, out: &mut Vec<SemanticDiagnostic>) {
    if (Version::new(3, 1)..Version::new(3, 3)).contains(&version) {
        check_deprecation(model, version, out);
    }
    let master_worker = model.global_sets("master-worker");
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

/// 3.1 and 3.2: the first `program` section needs `expose-deprecated-directives`
/// in a `global` section above it.
fn check_deprecation(model: &Model, version: Version, out: &mut Vec<SemanticDiagnostic>) {
    let mut allowed = false;
    for section in &model.sections {
        match section.kind {
            SectionKind::Global => {
                allowed |= section.statements.iter().any(|statement| {
                    statement.prefix.is_none() && statement.head() == "expose-deprecated-directives"
                });
            }
            SectionKind::Program if !allowed => {
                out.push(
                    SemanticDiagnostic::error(
                        Rule::DeprecatedKeyword,
                        section.file,
                        section.keyword_range,
                        format!(
                            "`program` sections are deprecated: HAProxy {version} refuses them unless `global` sets `expose-deprecated-directives` before them"
                        ),
                    )
                    .with_help("add `expose-deprecated-directives` to `global`, or start the program with a process manager (systemd, s6, supervisord)"),
                );
                return;
            }
            _ => {}
        }
    }
}
