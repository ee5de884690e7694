//! The fix of `mode-mismatch` where the remedy is mechanical: a tcp proxy
//! that inherits `option httplog` (or `httpslog`) from its `defaults`.
//! HAProxy drops the HTTP format with a warning and "falls back to
//! `option tcplog`" (checked with HAProxy 2.6 and 3.2), so writing
//! `option tcplog` in the proxy keeps the log lines it writes today and
//! silences the warning. An inherited `option forwardfor` has its own
//! fix (`inherited_option_fixes.rs`); the other mode mismatches need a
//! person: which `mode` the proxy should have, or which HTTP line to drop.

use crate::context::LintContext;
use crate::diagnostic::Diagnostic;
use crate::rule::{FixAvailability, fix_with};
use crate::rules::edit::{indentation_at, insert_after};
use crate::rules::placement::{conditionals, end_of_section};

pub fn attach(
    context: &LintContext<'_>,
    diagnostics: &mut [Diagnostic],
    availability: fn(&str) -> FixAvailability,
) {
    for diagnostic in diagnostics
        .iter_mut()
        .filter(|diagnostic| diagnostic.rule == "mode-mismatch" && diagnostic.fix.is_none())
    {
        let message = &diagnostic.message;
        let inherited_log = [
            "`option httplog`, inherited",
            "`option httpslog`, inherited",
        ]
        .iter()
        .any(|start| message.starts_with(start));
        if !inherited_log {
            continue;
        }
        // The message ends with "<kind> `<name>` is in tcp mode".
        let Some(name) = message
            .strip_suffix("` is in tcp mode")
            .and_then(|rest| rest.rsplit_once('`'))
            .map(|(_, name)| name)
        else {
            continue;
        };
        let model = context.model();
        let mut proxies = model
            .sections
            .iter()
            .filter(|section| section.is_proxy() && section.name_text() == Some(name));
        // Two proxies of one name: HAProxy refuses that elsewhere; no guess.
        let (Some(proxy), None) = (proxies.next(), proxies.next()) else {
            continue;
        };
        let text = context.text(proxy.file);
        let indent = proxy.statements.first().map_or_else(
            || "    ".to_owned(),
            |first| indentation_at(text, usize::from(first.range.start())),
        );
        // After the proxy's last line outside any `.if` block of its own,
        // so that the line applies whatever the conditions.
        let anchor = end_of_section(&conditionals(context, proxy.file), proxy);
        diagnostic.fix = Some(fix_with(
            availability("mode-mismatch"),
            format!("Add `option tcplog` to `{name}` (the format HAProxy already falls back to)"),
            vec![insert_after(
                context,
                proxy.file,
                anchor,
                &[format!("{indent}option tcplog")],
            )],
        ));
    }
}
