//! ACLs that can never match: no pattern, or a space before `(`.

use haplint_keywords::{Context, Keywords};

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

pub struct AclWithoutPattern;

static META: RuleMeta = RuleMeta {
    name: "acl-without-pattern",
    code: "HAP127",
    category: Category::Correctness,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Never,
    input: RuleInput::Config,
    doc: "\
## What it does
Flags an `acl` whose criterion needs patterns but has none (and no `-f`
file, `-m found` or `-m bool`), and an `acl` where a space separates the
fetch from its `(arguments)`.

## Why is this bad
An ACL without patterns never matches, so the rule using it silently never
fires. With `hdr (host)`, HAProxy reads `hdr` without arguments and `(host)`
as a pattern: the ACL tests the wrong thing.

## Example
```haproxy
defaults
    mode http
    timeout client 30s

frontend www
    bind :80
    acl is_api path_beg
    http-request deny if is_api
```

## Use instead
```haproxy
defaults
    mode http
    timeout client 30s

frontend www
    bind :80
    acl is_api path_beg /api
    http-request deny if is_api
```

## Fix safety
No fix: the intended patterns are unknown.

## References
- https://docs.haproxy.org/3.2/configuration.html#7.1
",
};

/// Flags that take a value.
const FLAGS_WITH_VALUE: [&str; 4] = ["-m", "-f", "-M", "-u"];

/// Whether the expression yields a boolean, which ACLs test without patterns.
fn boolean_expression(expression: &str, keywords: &Keywords) -> bool {
    let steps = haplint_semantic::sample::steps(expression);
    let Some(last) = steps.last() else {
        return false;
    };
    if steps.len() > 1 {
        return keywords
            .get(Context::Converter, last.name)
            .and_then(|entry| entry.extra("out"))
            == Some("boolean");
    }
    keywords
        .get(Context::Fetch, last.name)
        .and_then(|entry| entry.extra("out"))
        == Some("boolean")
        || keywords
            .get(Context::Acl, last.name)
            .and_then(|entry| entry.extra("match"))
            == Some("bool")
}

impl Rule for AclWithoutPattern {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let keywords = Keywords::for_version(context.target);
        for (_, section) in context.proxies() {
            for statement in section.statements_of("acl") {
                let args = statement.args();
                let (Some(_name), Some(criterion)) = (args.first(), args.get(1)) else {
                    continue;
                };
                if args.iter().any(|word| word.has_variables) {
                    continue;
                }
                let rest = &args[2..];
                if let Some(paren) = rest.first().filter(|word| word.value.starts_with('(')) {
                    out.push(
                        META.diagnostic(
                            Span::new(statement.file, criterion.range.cover(paren.range)),
                            format!("space between `{}` and `{}`", criterion.value, paren.value),
                        )
                        .with_help(format!("write `{}{}`", criterion.value, paren.value)),
                    );
                    continue;
                }
                let mut index = 0;
                let mut patterns = 0;
                let mut needs_none = false;
                while let Some(word) = rest.get(index) {
                    let value = word.value.as_str();
                    if FLAGS_WITH_VALUE.contains(&value) {
                        let flag_value = rest.get(index + 1).map_or("", |next| next.value.as_str());
                        needs_none |= value == "-f"
                            || value == "-M"
                            || (value == "-m" && matches!(flag_value, "found" | "bool"));
                        index += 2;
                    } else if value == "--" {
                        patterns += rest.len() - index - 1;
                        break;
                    } else if value.starts_with('-') && patterns == 0 {
                        index += 1;
                    } else {
                        patterns += 1;
                        index += 1;
                    }
                }
                if patterns == 0 && !needs_none && !boolean_expression(&criterion.value, keywords) {
                    out.push(
                        META.diagnostic(Span::new(statement.file, criterion.range), format!("ACL `{}` has no pattern to match, so it never matches", args[0].value))
                            .with_help("add the values to compare with, or `-m found` to test that the sample exists"),
                    );
                }
            }
        }
    }
}
