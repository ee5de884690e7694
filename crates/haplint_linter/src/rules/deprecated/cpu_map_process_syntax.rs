//! `cpu-map` written for several processes.

use haplint_keywords::Version;

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

pub struct CpuMapProcessSyntax;

static META: RuleMeta = RuleMeta {
    name: "cpu-map-process-syntax",
    code: "HAP306",
    category: Category::Deprecated,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    since: Some(Version::new(2, 5)),
    until: None,
    fix: FixAvailability::Never,
    input: RuleInput::Config,
    doc: "\
## What it does
Flags `cpu-map` lines whose first set names processes other than process 1
(`cpu-map 1-4 0-3`, `cpu-map auto:1-4/1 0-3`, `cpu-map all ...`), and every
`cpu-map` line next to `nbproc`, from HAProxy 2.5 on. From 2.7,
`<group>/<threads>` is the thread-group syntax and is left alone.

## Why is this bad
Before 2.5 the first number chose processes started by `nbproc`. There is a
single process since 2.5, and from 2.7 the first number is a thread group:
such lines no longer pin what they were written for, and HAProxy rejects
process numbers above 1.

## Example
```haproxy
# target: 2.6
global
    stats socket /run/haproxy/admin.sock mode 600 level admin
    nbthread 4
    cpu-map auto:1-4 0-3
```

## Use instead
```haproxy
# target: 2.6
global
    stats socket /run/haproxy/admin.sock mode 600 level admin
    nbthread 4
    cpu-map auto:1/1-4 0-3
```

## Fix safety
No fix: mapping processes to threads depends on the machine.

## References
- https://docs.haproxy.org/2.6/configuration.html#3.1-cpu-map
",
};

impl Rule for CpuMapProcessSyntax {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let nbproc = context.global("nbproc").is_some();
        for statement in context
            .global_statements()
            .filter(|statement| statement.head() == "cpu-map")
        {
            let Some(set) = statement.args().first() else {
                continue;
            };
            let value = set.value.strip_prefix("auto:").unwrap_or(&set.value);
            let process = value.split('/').next().unwrap_or_default();
            // From 2.7 the first number is a thread group, which is valid.
            let thread_groups = context.target >= Version::new(2, 7) && set.value.contains('/');
            if (process == "1" || thread_groups) && !nbproc {
                continue;
            }
            let what = if context.target >= Version::new(2, 7) {
                "thread group"
            } else {
                "process"
            };
            out.push(
                META.diagnostic(
                    Span::new(statement.file, set.range),
                    format!("`{}` was written for several processes, but HAProxy {} runs one process", set.value, context.target),
                )
                .with_note(format!("the first number of `cpu-map` is a {what} here"))
                .with_help("write `cpu-map [auto:]1/<threads> <cpus>`, for example `cpu-map auto:1/1-4 0-3`"),
            );
        }
    }
}
