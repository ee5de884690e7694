//! SARIF 2.1.0, the format code-scanning services (GitHub, GitLab, Azure)
//! read: the rule catalog in `tool.driver.rules`, one result per diagnostic.

use std::fmt::Write as _;
use std::path::Path;

use serde_json::{Value, json};

use haplint_linter::{Diagnostic, Severity};

use crate::check::CheckedFile;
use crate::rules::{RuleInfo, all_rules};

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

/// The first paragraph under "What it does", as plain text.
fn short_description(rule: &RuleInfo) -> String {
    rule.doc
        .and_then(|doc| doc.split("## What it does").nth(1))
        .and_then(|section| section.trim_start().split("\n\n").next())
        .map_or_else(
            || rule.name.replace('-', " "),
            |text| text.split_whitespace().collect::<Vec<_>>().join(" "),
        )
}

/// `path` as the RFC 3986 URI reference the schema's `uri-reference` format
/// asks for: `/`-separated, every byte but the unreserved ones and `/`
/// percent-encoded, so a space, `#`, `%`, `:` or `<stdin>` stays part of one
/// relative path instead of making the URI invalid or changing its meaning.
fn uri(path: &Path) -> String {
    let path = path.display().to_string().replace('\\', "/");
    let mut uri = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            let _ = write!(uri, "%{byte:02X}");
        }
    }
    uri
}

fn region(file: &CheckedFile, start: usize, end: usize) -> Value {
    let from = file.file.line_index.position(&file.file.text, start);
    let to = file.file.line_index.position(&file.file.text, end);
    // SARIF counts `charOffset` in characters (the run's `columnKind`),
    // which line and column already say; byte offsets would be wrong for
    // non-ASCII text, so they are left out.
    json!({
        "startLine": from.line,
        "startColumn": from.column,
        "endLine": to.line,
        "endColumn": to.column,
    })
}

fn result(file: &CheckedFile, diagnostic: &Diagnostic, rule_index: Option<usize>) -> Value {
    let uri = uri(&file.file.path);
    let mut result = json!({
        "ruleId": diagnostic.code,
        "level": level(diagnostic.severity),
        "message": { "text": match &diagnostic.help {
            Some(help) => format!("{} ({help})", diagnostic.message),
            None => diagnostic.message.clone(),
        }},
        "locations": [{ "physicalLocation": {
            "artifactLocation": { "uri": uri },
            "region": region(file, diagnostic.span.start, diagnostic.span.end),
        }}],
    });
    if let Some(index) = rule_index {
        result["ruleIndex"] = json!(index);
    }
    let related: Vec<Value> = diagnostic
        .labels
        .iter()
        .filter(|label| label.span.file == diagnostic.span.file)
        .enumerate()
        .map(|(id, label)| {
            json!({
                "id": id,
                "message": { "text": label.message },
                "physicalLocation": {
                    "artifactLocation": { "uri": uri },
                    "region": region(file, label.span.start, label.span.end),
                },
            })
        })
        .collect();
    if !related.is_empty() {
        result["relatedLocations"] = json!(related);
    }
    if let Some(fix) = diagnostic.fix.as_ref().filter(|fix| {
        fix.edits
            .iter()
            .all(|edit| edit.span.file == diagnostic.span.file)
    }) {
        let replacements: Vec<Value> = fix
            .edits
            .iter()
            .map(|edit| {
                json!({
                    "deletedRegion": region(file, edit.span.start, edit.span.end),
                    "insertedContent": { "text": edit.content },
                })
            })
            .collect();
        result["fixes"] = json!([{
            "description": { "text": fix.title },
            "artifactChanges": [{ "artifactLocation": { "uri": uri }, "replacements": replacements }],
        }]);
    }
    result
}

pub fn render(files: &[CheckedFile]) -> String {
    let rules = all_rules();
    let driver_rules: Vec<Value> = rules
        .iter()
        .map(|rule| {
            let mut entry = json!({
                "id": rule.code,
                "name": rule.name,
                "shortDescription": { "text": short_description(rule) },
                "defaultConfiguration": { "level": level(Severity::parse(rule.severity).unwrap_or(Severity::Warning)) },
                "properties": { "category": rule.category, "tags": [rule.category] },
            });
            if let Some(doc) = rule.doc {
                entry["help"] = json!({ "text": doc, "markdown": doc });
            }
            entry
        })
        .collect();
    let results: Vec<Value> = files
        .iter()
        .flat_map(|file| {
            file.diagnostics.iter().map(|diagnostic| {
                let index = rules.iter().position(|rule| rule.code == diagnostic.code);
                result(file, diagnostic, index)
            })
        })
        .collect();
    let report = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "haplint",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/haplint/haplint",
                "rules": driver_rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::uri;

    #[test]
    fn uri_percent_encodes_what_a_uri_reference_cannot_hold() {
        assert_eq!(
            uri(Path::new("conf.d/haproxy-1.cfg")),
            "conf.d/haproxy-1.cfg"
        );
        assert_eq!(uri(Path::new("a b#1/50%.cfg")), "a%20b%231/50%25.cfg");
        assert_eq!(uri(Path::new("<stdin>")), "%3Cstdin%3E");
        assert_eq!(uri(Path::new("x:y/é.cfg")), "x%3Ay/%C3%A9.cfg");
    }
}
