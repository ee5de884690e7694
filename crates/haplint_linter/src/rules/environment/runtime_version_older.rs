//! A running HAProxy older than the version the configuration targets.

use haplint_keywords::Version;

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

use super::runtime_support::start_of_set;

pub struct RuntimeVersionOlder;

static META: RuleMeta = RuleMeta {
    name: "runtime-version-older",
    code: "HAP722",
    category: Category::Environment,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Never,
    input: RuleInput::RuntimeApi,
    doc: "\
## What it does
With `--runtime SOCKET`, compares the version the running HAProxy reports
(`show info`) with the target version of the check (`--target-version`,
`target-version` in `haplint.toml`) and flags a running version that is
older.

## Why is this bad
The configuration was checked against keywords and defaults of a newer
HAProxy than the one that will load it: a reload may fail on a keyword
the running version does not know, or behave differently.

## Example
```haproxy
global
    stats socket /run/haproxy/admin.sock mode 600 level admin
```

## Use instead
```haproxy
global
    stats socket /run/haproxy/admin.sock mode 600 level admin
```

## Fix safety
No fix: upgrade HAProxy, or check with `--target-version` set to the
version that runs.

## References
- https://docs.haproxy.org/2.6/management.html#9.3-show%20info
",
};

impl Rule for RuntimeVersionOlder {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(Ok(state)) = context.live().and_then(crate::live::LiveFacts::runtime) else {
            return;
        };
        let Some((major, minor)) = state.version_number() else {
            return;
        };
        let (Ok(major), Ok(minor)) = (u8::try_from(major), u8::try_from(minor)) else {
            return;
        };
        let running = Version::new(major, minor);
        if running < context.target
            && let Some(span) = start_of_set(context)
        {
            out.push(
                META.diagnostic(
                    span,
                    format!(
                        "the running HAProxy is {} (version {}), older than the target version {}",
                        running,
                        state.version.as_deref().unwrap_or("?"),
                        context.target
                    ),
                )
                .with_help(format!(
                    "check with `--target-version {running}` to see what it will refuse"
                )),
            );
        }
    }
}
