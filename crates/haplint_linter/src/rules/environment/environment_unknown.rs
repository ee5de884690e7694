//! Values built from `"${VAR}"` are not checked without the environment:
//! said once, where the first one is, instead of guessed or kept silent.

use haplint_semantic::environment::{is_variable_name, set_by_haproxy};
use haplint_semantic::{Model, Word};
use haplint_syntax::variable::variable_parts;

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

pub struct EnvironmentUnknown;

static META: RuleMeta = RuleMeta {
    name: "environment-unknown",
    code: "HAP716",
    category: Category::Environment,
    default_severity: Severity::Info,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Never,
    input: RuleInput::Config,
    doc: "\
## What it does
Says once per configuration, at the first such word, that the words built
from environment variables (`\"${PORT}\"`, `\"$HOST:80\"`) were not checked,
because haplint was not told the environment HAProxy runs with. It is
information, never an error: the configuration may be fine.

## Why is this bad
It is not bad in itself; it says which checks did not happen, so that a
clean report is not mistaken for a complete one. Give the environment with
`--env NAME=VALUE` or `--env-file FILE` (or `env` and `env-file` in
`haplint.toml`, `env` and `envFile` in the editor) and those words are
checked like literal ones.

## Example
```haproxy
global
    stats socket /run/haproxy/admin.sock mode 600 level admin
defaults
    mode http
    timeout client 30s
    timeout server 30s
    timeout connect 5s
frontend www
    bind \":${PORT}\"
    default_backend app
backend app
    server app1 10.0.0.1:8080 check
```

## Use instead
```haproxy
global
    stats socket /run/haproxy/admin.sock mode 600 level admin
defaults
    mode http
    timeout client 30s
    timeout server 30s
    timeout connect 5s
frontend www
    bind :8443
    default_backend app
backend app
    server app1 10.0.0.1:8080 check
```
or keep the variable and run `haplint check --env PORT=8443`.

## Fix safety
No fix: nothing is wrong with the configuration.

## References
- https://docs.haproxy.org/3.2/configuration.html#2.3
",
};

impl Rule for EnvironmentUnknown {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        if context.options.environment.is_some() {
            return;
        }
        let model = context.model();
        let mut unknown = words(model).filter_map(|(file, word)| {
            first_user_variable(word).map(|reference| (file, word, reference))
        });
        let Some((file, first, reference)) = unknown.next() else {
            return;
        };
        let message = match unknown.count() {
            0 => format!(
                "a word built from `{reference}` was not checked: the environment HAProxy runs with is not known"
            ),
            others => format!(
                "{} words built from environment variables were not checked (the first is `{reference}`): the environment HAProxy runs with is not known",
                others + 1
            ),
        };
        out.push(
            META.diagnostic(Span::new(file, first.range), message)
                .with_help("give it with `--env NAME=VALUE` or `--env-file FILE` to check them"),
        );
    }
}

/// Every word of the model, in file order, with its file.
fn words(model: &Model) -> impl Iterator<Item = (haplint_semantic::FileId, &Word)> {
    let orphans = model
        .orphans
        .iter()
        .flat_map(|statement| statement.words.iter().map(|word| (statement.file, word)));
    let sections = model.sections.iter().flat_map(|section| {
        let header = section
            .name
            .iter()
            .chain(&section.from)
            .map(|word| (section.file, word));
        let body = section
            .statements
            .iter()
            .flat_map(|statement| statement.words.iter().map(|word| (statement.file, word)));
        header.chain(body)
    });
    orphans.chain(sections)
}

/// The first reference of a word to a variable the user's environment
/// would give: not a literal `\$`, `$.LINE` and the like, nor the
/// `HAPROXY_*` variables HAProxy sets itself.
fn first_user_variable(word: &Word) -> Option<&str> {
    if !word.has_variables {
        return None;
    }
    variable_references(&word.value).find(|reference| {
        variable_parts(reference)
            .is_some_and(|parts| is_variable_name(parts.name) && !set_by_haproxy(parts.name))
    })
}

/// The `$NAME` and `${NAME...}` references in a value.
fn variable_references(value: &str) -> impl Iterator<Item = &str> {
    value.match_indices('$').map(|(at, _)| {
        let rest = &value[at..];
        let end = if rest.starts_with("${") {
            rest.find('}').map_or(rest.len(), |close| close + 1)
        } else {
            rest[1..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
                .map_or(rest.len(), |end| end + 1)
        };
        &rest[..end]
    })
}
