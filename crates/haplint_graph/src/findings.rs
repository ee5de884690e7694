//! The linter's findings that the picture shows, taken from the semantic
//! model's checks and the linter's rules rather than worked out again, so
//! the graph and `haplint check` never disagree.

use haplint_linter::{LintContext, LintOptions, RULES};
use haplint_semantic::effective::Inheritance;
use haplint_semantic::{Analysis, ConfigSet, FileId, Rule};
use haplint_syntax::TextRange;

use crate::graph::Finding;

/// A finding and where it points.
pub struct Located {
    pub file: FileId,
    pub range: TextRange,
    pub finding: Finding,
    /// The other place it names (for an unreachable rule: the rule that
    /// stops processing before it).
    pub related: Option<(FileId, TextRange)>,
}

/// The semantic rules drawn on edges.
const DRAWN: [Rule; 3] = [
    Rule::UndefinedBackend,
    Rule::ModeMismatch,
    Rule::UnreachableRule,
];

/// The linter rules drawn on nodes.
const DRAWN_LINTER_RULES: [&str; 1] = ["unused-backend"];

/// Every drawn finding of the set, sorted by place.
pub struct Findings {
    found: Vec<Located>,
}

impl Findings {
    pub fn none() -> Self {
        Self { found: Vec::new() }
    }

    pub fn collect(
        set: &ConfigSet,
        analysis: &Analysis,
        inheritance: &Inheritance,
        options: &LintOptions,
    ) -> Self {
        let mut found: Vec<Located> = analysis
            .diagnostics
            .iter()
            .filter(|diagnostic| DRAWN.contains(&diagnostic.rule))
            .map(|diagnostic| Located {
                file: diagnostic.file,
                range: diagnostic.range,
                finding: Finding {
                    rule: diagnostic.rule.name().to_owned(),
                    code: diagnostic.rule.code().to_owned(),
                    message: diagnostic.message.clone(),
                },
                related: diagnostic
                    .related
                    .first()
                    .map(|related| (related.file, related.range)),
            })
            .collect();
        let context = LintContext {
            set,
            analysis,
            inheritance,
            target: options.target,
            options,
        };
        for rule in RULES
            .iter()
            .filter(|rule| DRAWN_LINTER_RULES.contains(&rule.meta().name))
        {
            let mut out = Vec::new();
            // A bug in a rule must cost the picture only that rule's marks.
            let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                rule.check(&context, &mut out);
            }));
            if run.is_err() {
                continue;
            }
            found.extend(out.into_iter().map(|diagnostic| Located {
                file: diagnostic.span.file,
                range: TextRange::new(
                    (diagnostic.span.start as u32).into(),
                    (diagnostic.span.end as u32).into(),
                ),
                finding: Finding {
                    rule: diagnostic.rule.to_owned(),
                    code: diagnostic.code.to_owned(),
                    message: diagnostic.message,
                },
                related: None,
            }));
        }
        found.sort_by_key(|located| (located.file, located.range.start()));
        Self { found }
    }

    /// The findings inside `range` of `file`.
    pub fn within(&self, file: FileId, range: TextRange) -> impl Iterator<Item = &Located> {
        let first = self.found.partition_point(|located| {
            (located.file, located.range.start()) < (file, range.start())
        });
        self.found[first..]
            .iter()
            .take_while(move |located| located.file == file && located.range.start() <= range.end())
            .filter(move |located| range.contains_range(located.range))
    }
}
