//! Diffie-Hellman parameters shorter than 2048 bits.

use crate::context::LintContext;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Severity, Span};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

pub struct WeakDhParam;

static META: RuleMeta = RuleMeta {
    name: "weak-dh-param",
    code: "HAP403",
    category: Category::Security,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Always(Applicability::Unsafe),
    input: RuleInput::Config,
    doc: "\
## What it does
Flags `tune.ssl.default-dh-param` below 2048.

## Why is this bad
Finite-field Diffie-Hellman groups under 2048 bits can be broken by
well-funded attackers (Logjam); clients such as current browsers refuse
them.

## Example
```haproxy
global
    stats socket /run/haproxy/admin.sock mode 600 level admin
    tune.ssl.default-dh-param 1024
```

## Use instead
```haproxy
global
    stats socket /run/haproxy/admin.sock mode 600 level admin
    tune.ssl.default-dh-param 2048
```

## Fix safety
The fix sets 2048. It is unsafe: very old clients that cannot handle 2048-bit
groups fail to connect with DHE ciphers.

## References
- https://docs.haproxy.org/3.2/configuration.html#3.2-tune.ssl.default-dh-param
- https://weakdh.org/
",
};

impl Rule for WeakDhParam {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(statement) = context.global("tune.ssl.default-dh-param") else {
            return;
        };
        let Some(word) = statement.args().first() else {
            return;
        };
        let Ok(bits) = word.value.parse::<u32>() else {
            return;
        };
        if bits >= 2048 {
            return;
        }
        let span = Span::new(statement.file, word.range);
        out.push(
            META.diagnostic(
                span,
                format!("{bits}-bit Diffie-Hellman parameters are too weak"),
            )
            .with_help("use at least 2048")
            .with_fix(META.fix(
                "Use 2048-bit parameters",
                vec![Edit {
                    span,
                    content: "2048".to_owned(),
                }],
            )),
        );
    }
}
