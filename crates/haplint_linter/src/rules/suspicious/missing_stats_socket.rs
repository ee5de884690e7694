//! No runtime API socket.

use crate::context::LintContext;
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};
use crate::rules::edit::{indentation_at, insert_after};
use crate::rules::placement::{conditionals, end_of_section};

/// The line the help suggests and the fix adds: a socket only its owner
/// (HAProxy's user) may open, with the full runtime API.
const SOCKET_LINE: &str = "stats socket /run/haproxy/admin.sock mode 600 level admin";

pub struct MissingStatsSocket;

static META: RuleMeta = RuleMeta {
    name: "missing-stats-socket",
    code: "HAP203",
    category: Category::Suspicious,
    default_severity: Severity::Info,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Always(Applicability::Unsafe),
    input: RuleInput::Config,
    doc: "\
## What it does
Flags a `global` section without a `stats socket`.

## Why is this bad
The stats socket is HAProxy's runtime API. Without it an operator cannot
drain a server (`set server app/app1 state drain`), put it back (`state
ready`), look at live state (`show servers state`, `show info`) or change
weights and maps without a reload, which is exactly what an incident needs.

## Example
```haproxy
global
    maxconn 1000
```

## Use instead
```haproxy
global
    maxconn 1000
    stats socket /run/haproxy/admin.sock mode 600 level admin
```

## Fix safety
The fix adds `stats socket /run/haproxy/admin.sock mode 600 level admin` at
the end of `global`, and is unsafe: HAProxy then creates that socket when it
starts, and fails to start if `/run/haproxy` does not exist or is not
writable for it. Check the path against the host (packaged HAProxy often
uses `/run/haproxy/admin.sock`) before applying it.

## References
- https://docs.haproxy.org/3.2/configuration.html#3.1-stats%20socket
- https://docs.haproxy.org/3.2/management.html#9.3
",
};

impl Rule for MissingStatsSocket {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let model = context.model();
        let Some(global) = model
            .sections_of(haplint_keywords::SectionKind::Global)
            .next()
        else {
            return;
        };
        if context.global("stats socket").is_some() {
            return;
        }
        let text = context.text(global.file);
        let indent = global.statements.first().map_or_else(
            || "    ".to_owned(),
            |first| indentation_at(text, usize::from(first.range.start())),
        );
        // At the end of the section's top level: not into a trailing `.if`.
        let anchor = end_of_section(&conditionals(context, global.file), global);
        out.push(
            META.diagnostic(
                haplint_linter_span(global),
                "no `stats socket`: servers cannot be drained or inspected at run time",
            )
            .with_help(format!("add `{SOCKET_LINE}` to `global`"))
            .with_fix(META.fix(
                "Add a `stats socket` to `global`",
                vec![insert_after(
                    context,
                    global.file,
                    anchor,
                    &[format!("{indent}{SOCKET_LINE}")],
                )],
            )),
        );
    }
}

fn haplint_linter_span(section: &haplint_semantic::Section) -> crate::diagnostic::Span {
    crate::diagnostic::Span::new(section.file, section.keyword_range)
}
