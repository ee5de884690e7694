//! A stats page anyone can open.

use crate::context::LintContext;
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};
use crate::rules::edit::{indentation_at, insert_after};

pub struct StatsWithoutAuth;

static META: RuleMeta = RuleMeta {
    name: "stats-without-auth",
    code: "HAP405",
    category: Category::Security,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Always(Applicability::DisplayOnly),
    input: RuleInput::Config,
    doc: "\
## What it does
Flags a proxy that serves the stats page (`stats enable` or `stats uri`)
without `stats auth`, `stats http-request auth` or an `http-request` rule
guarding it.

## Why is this bad
The page lists every backend and server with their addresses and health,
and with `stats admin` it lets visitors drain or disable servers.

## Example
```haproxy
defaults
    mode http
    timeout client 30s

frontend stats
    bind 10.0.0.1:8404
    stats enable
    stats uri /stats
```

## Use instead
```haproxy
defaults
    mode http
    timeout client 30s

frontend stats
    bind 10.0.0.1:8404
    stats enable
    stats uri /stats
    stats auth admin:change-me
```

## Fix safety
Display-only: the fix shows where `stats auth <user>:<password>` goes (after
the line that turns the page on), but the user and password are for you to
pick, so `--fix` never applies it; an editor offers it as a template.

## References
- https://docs.haproxy.org/3.2/configuration.html#4.2-stats%20auth
",
};

impl Rule for StatsWithoutAuth {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let model = context.model();
        for (index, section) in context.proxies() {
            let Some(page) = section
                .statements_of("stats enable")
                .chain(section.statements_of("stats uri"))
                .next()
            else {
                continue;
            };
            // The proxy and the defaults it inherits from.
            let mut chain = vec![index];
            while let Some(parent) = chain
                .last()
                .and_then(|last| context.inheritance.defaults_of[*last])
            {
                if chain.contains(&parent) {
                    break;
                }
                chain.push(parent);
            }
            let guarded = chain
                .iter()
                .flat_map(|position| model.sections[*position].statements.iter())
                .any(|statement| {
                    let keyword = statement.keyword.map_or("", |entry| entry.keyword);
                    let action = statement
                        .keyword
                        .and_then(|entry| entry.extra("action"))
                        .unwrap_or_default();
                    keyword == "stats auth"
                        || keyword.starts_with("stats http-request")
                        || (keyword.starts_with("http-request")
                            && matches!(
                                action,
                                "auth"
                                    | "deny"
                                    | "reject"
                                    | "tarpit"
                                    | "return"
                                    | "redirect"
                                    | "silent-drop"
                            ))
                });
            if !guarded {
                let text = context.text(page.file);
                let indent = indentation_at(text, usize::from(page.range.start()));
                out.push(
                    META.diagnostic(
                        context.keyword_span(page),
                        format!("the stats page of {} `{}` needs no password", section.kind.name(), section.name_text().unwrap_or_default()),
                    )
                    .with_help("add `stats auth <user>:<password>`, or restrict it with `http-request deny unless { src <admin network> }`")
                    .with_fix(META.fix(
                        "Add `stats auth` (pick the user and the password)",
                        vec![insert_after(
                            context,
                            page.file,
                            usize::from(page.range.end()),
                            &[format!("{indent}stats auth <user>:<password>")],
                        )],
                    )),
                );
            }
        }
    }
}
