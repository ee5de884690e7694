//! Clear-text passwords in userlists.

use haplint_keywords::SectionKind;

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

pub struct InsecurePassword;

static META: RuleMeta = RuleMeta {
    name: "insecure-password",
    code: "HAP406",
    category: Category::Security,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Never,
    input: RuleInput::Config,
    doc: "\
## What it does
Flags `insecure-password` on `user` lines of a `userlist`.

## Why is this bad
The password sits in clear text in the configuration, and so in backups,
version control and support bundles. `password` takes a crypt(3) hash
instead.

## Example
```haproxy
userlist admins
    user alice insecure-password s3cret
```

## Use instead
```haproxy
userlist admins
    user alice password $6$rounds=5000$salt$hash
```

## Fix safety
No fix: hashing needs the password and a salt.

## References
- https://docs.haproxy.org/3.2/configuration.html#3.4-user
",
};

impl Rule for InsecurePassword {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        for section in context.model().sections_of(SectionKind::Userlist) {
            for statement in section.statements_of("user") {
                if let Some(word) = statement
                    .args()
                    .iter()
                    .find(|word| word.value == "insecure-password")
                {
                    out.push(
                        META.diagnostic(
                            Span::new(statement.file, word.range),
                            "password stored in clear text",
                        )
                        .with_help(
                            "store a hash with `password` (for example from `mkpasswd -m sha-512`)",
                        ),
                    );
                }
            }
        }
    }
}
