//! The fix of `tls-configuration` where the remedy is mechanical: a TLS
//! server HAProxy verifies (the default) without a `ca-file`, which it
//! refuses. From 2.6, `ca-file @system-ca` names the machine's trust
//! store, which signs the certificates of public servers. Unsafe: HAProxy
//! starts, but a server with a self-signed or private-CA certificate fails
//! its connections until the line names the right file. The other TLS
//! problems need a person (which certificate, which versions).

use haplint_keywords::Version;

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Edit, Span};
use crate::model_fixes::statement_at;
use crate::rule::{FixAvailability, fix_with};

/// The start of the message of the finding this fix answers.
const UNVERIFIABLE_SERVER: &str = "this TLS server is verified by default, but no `ca-file`";

pub fn attach(
    context: &LintContext<'_>,
    diagnostics: &mut [Diagnostic],
    availability: fn(&str) -> FixAvailability,
) {
    // `@system-ca` exists from HAProxy 2.6.
    if context.target < Version::new(2, 6) {
        return;
    }
    for diagnostic in diagnostics.iter_mut().filter(|diagnostic| {
        diagnostic.rule == "tls-configuration"
            && diagnostic.fix.is_none()
            && diagnostic.message.starts_with(UNVERIFIABLE_SERVER)
    }) {
        let Some(statement) = statement_at(context, diagnostic) else {
            continue;
        };
        let Some(last) = statement.body().last() else {
            continue;
        };
        let end = usize::from(last.range.end());
        diagnostic.fix = Some(fix_with(
            availability("tls-configuration"),
            "Add `ca-file @system-ca` (trust the machine's certificate authorities)",
            vec![Edit {
                span: Span {
                    file: statement.file,
                    start: end,
                    end,
                },
                content: " ca-file @system-ca".to_owned(),
            }],
        ));
    }
}
