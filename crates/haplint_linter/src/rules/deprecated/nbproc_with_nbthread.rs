//! `nbproc` next to `nbthread`.

use haplint_keywords::Version;

use crate::context::LintContext;
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};
use crate::rules::edit::delete_line;

pub struct NbprocWithNbthread;

static META: RuleMeta = RuleMeta {
    name: "nbproc-with-nbthread",
    code: "HAP305",
    category: Category::Deprecated,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    since: None,
    // From 2.3 the model reports `nbproc` itself (`deprecated-keyword`, then
    // `removed-keyword` from 2.5), with the same advice.
    until: Some(Version::new(2, 2)),
    fix: FixAvailability::Always(Applicability::Unsafe),
    input: RuleInput::Config,
    doc: "\
## What it does
Flags a `global` section that sets both `nbproc` and `nbthread`.

## Why is this bad
Before 2.3 the two multiply: `nbproc 4` with `nbthread 4` starts four
processes of four threads each, with four separate sets of stick tables,
counters and health checks. HAProxy 2.3 and 2.4 deprecate `nbproc`, and 2.5
removes it: threads share everything and scale across CPUs on their own.

## Example
```haproxy
# target: 2.2
global
    stats socket /run/haproxy/admin.sock mode 600 level admin
    nbproc 4
    nbthread 4
    cpu-map 1/all 0-3
```

## Use instead
```haproxy
# target: 2.2
global
    stats socket /run/haproxy/admin.sock mode 600 level admin
    nbthread 4
    cpu-map 1/all 0-3
```

## Fix safety
The fix removes the `nbproc` line. It is unsafe: one process with threads
replaces several processes, which changes how stick tables, counters and the
stats page behave.

## References
- https://docs.haproxy.org/2.2/configuration.html#3.1-nbproc
- https://docs.haproxy.org/2.2/configuration.html#3.1-nbthread
",
};

impl Rule for NbprocWithNbthread {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let (Some(nbproc), Some(nbthread)) = (context.global("nbproc"), context.global("nbthread"))
        else {
            return;
        };
        let processes = nbproc
            .args()
            .first()
            .map_or("?", |word| word.value.as_str());
        let threads = nbthread
            .args()
            .first()
            .map_or("?", |word| word.value.as_str());
        let message = format!(
            "`nbproc {processes}` with `nbthread {threads}` starts {processes} separate processes of {threads} threads each"
        );
        out.push(
            META.diagnostic(context.keyword_span(nbproc), message)
                .with_label(context.keyword_span(nbthread), "threads are set here")
                .with_help(
                    "remove `nbproc` and keep `nbthread`; pin threads with `cpu-map 1/all <cpus>`",
                )
                .with_fix(META.fix("Remove `nbproc`", vec![delete_line(context, nbproc)])),
        );
    }
}
