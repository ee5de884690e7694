//! More threads than the CPUs HAProxy may run on.

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

pub struct NbthreadAboveCpus;

static META: RuleMeta = RuleMeta {
    name: "nbthread-above-cpus",
    code: "HAP713",
    category: Category::Environment,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Never,
    input: RuleInput::Machine,
    doc: "\
## What it does
With `--live`, flags a global `nbthread` larger than the number of CPUs
this machine lets a process run on (its CPU affinity, as HAProxy counts
them).

## Why is this bad
Threads beyond the CPU count compete for the same cores: each one waits
for the others, latency rises and throughput does not. Since 2.0 HAProxy
starts one thread per available CPU by itself, so a fixed `nbthread`
copied from a larger machine only hurts.

## Example
```haproxy
global
    nbthread 4096
```

## Use instead
```haproxy
global
    # one thread per CPU, HAProxy's default since 2.0
```

## Fix safety
No fix: remove `nbthread` or set it to the CPU count.

## References
- https://docs.haproxy.org/2.6/configuration.html#3.1-nbthread
",
};

impl Rule for NbthreadAboveCpus {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(line) = context.global("nbthread") else {
            return;
        };
        let Some(threads) = line
            .args()
            .first()
            .and_then(|word| word.value.parse::<usize>().ok())
        else {
            return;
        };
        let Some(cpus) = context
            .live()
            .and_then(crate::live::LiveFacts::machine)
            .and_then(|machine| machine.limits.cpus)
        else {
            return;
        };
        if threads > cpus {
            out.push(
                META.diagnostic(
                    context.span(line),
                    format!("`nbthread {threads}` is more than the {cpus} CPUs this machine gives a process"),
                )
                .with_help("remove `nbthread` (one thread per CPU is the default) or lower it"),
            );
        }
    }
}
