//! `acl` lines whose `-m` replaces the matching method the criterion's name
//! already chose (`hdr_dom(host) -m end`).

use haplint_keywords::{Context, Keywords};

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

pub struct AclMatchOverridden;

static META: RuleMeta = RuleMeta {
    name: "acl-match-overridden",
    code: "HAP216",
    category: Category::Suspicious,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Never,
    input: RuleInput::Config,
    doc: "\
## What it does
Flags an `acl` whose criterion carries a matching method in its name
(`path_beg`, `hdr_dom`, `hdr_end`, `url_sub`...) and that also sets a
different one with `-m`.

## Why is this bad
The `-m` flag wins: `hdr_dom(host) -m end example.org` compares the end of
the header, not its domain labels, so `badexample.org` matches too. The
name suggests one test and HAProxy runs another. From 3.3 HAProxy warns
about it (\"original matching method ... was overwritten\").

## Example
```haproxy
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s

frontend www
    bind :80
    acl is_org hdr_dom(host) -i -m end example.org
    http-request deny unless is_org
```

## Use instead
```haproxy
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s

frontend www
    bind :80
    acl is_org hdr(host) -i -m end example.org
    http-request deny unless is_org
```

## Fix safety
No fix: which of the two methods was meant is unknown.

## References
- https://docs.haproxy.org/3.2/configuration.html#7.1.3
",
};

/// Methods an ACL keyword's name can carry that HAProxy 3.3+ reports as
/// overwritten by a different `-m`.
const NAMED_METHODS: [&str; 7] = ["beg", "dir", "dom", "end", "len", "reg", "sub"];

impl Rule for AclMatchOverridden {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let keywords = Keywords::for_version(context.target);
        for (_, section) in context.proxies() {
            for statement in section.statements_of("acl") {
                let args = statement.args();
                let Some(criterion) = args.get(1) else {
                    continue;
                };
                let name = criterion.value.split('(').next().unwrap_or_default();
                let Some(named) = keywords
                    .get(Context::Acl, name)
                    .and_then(|entry| entry.extra("match"))
                    .filter(|method| NAMED_METHODS.contains(method))
                else {
                    continue;
                };
                // Flags come before the patterns; `--` ends them.
                let rest = &args[2..];
                let flags = rest
                    .iter()
                    .take_while(|word| word.value.starts_with('-') && word.value != "--")
                    .count();
                let Some(position) = rest[..flags].iter().position(|word| word.value == "-m")
                else {
                    continue;
                };
                let (flag, Some(method)) = (&rest[position], rest.get(position + 1)) else {
                    continue;
                };
                if method.value != named {
                    out.push(
                        META.diagnostic(
                            Span::new(statement.file, flag.range.cover(method.range)),
                            format!(
                                "`-m {}` replaces the `{named}` matching that `{name}` names: this ACL matches with `{}`",
                                method.value, method.value
                            ),
                        )
                        .with_help(format!(
                            "use the plain fetch with `-m {}`, or drop `-m {}` to keep `{name}`",
                            method.value, method.value
                        )),
                    );
                }
            }
        }
    }
}
