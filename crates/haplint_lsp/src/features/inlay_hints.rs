//! Inlay hints: the settings a proxy inherits, shown after its header,
//! and bare millisecond timeouts in human terms.

use std::fmt::Write as _;

use haplint_semantic::Section;
use lsp_types::{InlayHint, InlayHintKind, InlayHintLabel, Range};

use crate::snapshot::Snapshot;

/// `90000` -> `1m30s`; `None` below a second, where the number is clear.
pub fn human_duration(milliseconds: u64) -> Option<String> {
    if milliseconds < 1000 {
        return None;
    }
    let mut rest = milliseconds;
    let mut out = String::new();
    for (unit, size) in [
        ("d", 86_400_000),
        ("h", 3_600_000),
        ("m", 60_000),
        ("s", 1000),
        ("ms", 1),
    ] {
        if rest >= size {
            let _ = write!(out, "{}{unit}", rest / size);
            rest %= size;
        }
    }
    Some(out)
}

pub fn inlay_hints(snapshot: &Snapshot, range: Range) -> Vec<InlayHint> {
    let from = snapshot.offset(range.start);
    let to = snapshot.offset(range.end);
    let analyzed = snapshot.analyzed();
    let model = &analyzed.analysis.model;
    let mut hints = Vec::new();
    for (index, section) in model.sections.iter().enumerate() {
        if section.file != snapshot.file {
            continue;
        }
        let header_end = usize::from(section.header_range.end());
        if section.is_proxy() && (from..=to).contains(&header_end) {
            let inherited: Vec<String> = analyzed
                .inheritance
                .settings(model, index)
                .iter()
                .filter(|(name, setting)| {
                    setting.section != index && (*name == "mode" || name.starts_with("timeout "))
                })
                .map(|(name, setting)| {
                    format!(
                        "{} {}",
                        name.trim_start_matches("timeout "),
                        setting.value.join(" ")
                    )
                })
                .collect();
            if !inherited.is_empty() {
                let origin = analyzed.inheritance.defaults_of[index]
                    .and_then(|defaults| model.sections.get(defaults))
                    .and_then(Section::name_text)
                    .map(|name| format!(" (from {name})"))
                    .unwrap_or_default();
                hints.push(hint(
                    snapshot,
                    header_end,
                    format!("{}{origin}", inherited.join(", ")),
                    true,
                ));
            }
        }
        for statement in &section.statements {
            let durations = statement
                .keyword
                .is_some_and(|entry| entry.kind == haplint_keywords::Kind::Timeout);
            if !durations {
                continue;
            }
            for word in statement.args() {
                let end = usize::from(word.range.end());
                if !(from..=to).contains(&end)
                    || !word.value.bytes().all(|byte| byte.is_ascii_digit())
                {
                    continue;
                }
                if let Some(text) = word.value.parse::<u64>().ok().and_then(human_duration) {
                    hints.push(hint(snapshot, end, format!("= {text}"), true));
                }
            }
        }
    }
    hints
}

fn hint(snapshot: &Snapshot, offset: usize, label: String, padding: bool) -> InlayHint {
    InlayHint {
        position: snapshot.range(offset, offset).start,
        label: InlayHintLabel::String(label),
        kind: Some(InlayHintKind::TYPE),
        text_edits: None,
        tooltip: None,
        padding_left: Some(padding),
        padding_right: None,
        data: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(human_duration(500), None);
        assert_eq!(human_duration(5000).as_deref(), Some("5s"));
        assert_eq!(human_duration(90_000).as_deref(), Some("1m30s"));
        assert_eq!(human_duration(86_400_001).as_deref(), Some("1d1ms"));
    }
}
