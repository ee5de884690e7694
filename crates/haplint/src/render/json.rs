//! `json` and `json-lines`: the machine-readable output documented in
//! `docs/json-output.md`.

use serde::Serialize;

use haplint_linter::{Applicability, Diagnostic, Severity};

use crate::check::CheckedFile;

/// Version of the JSON shape; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Point {
    line: usize,
    column: usize,
    offset: usize,
}

#[derive(Serialize)]
struct JsonLabel {
    path: String,
    start: Point,
    end: Point,
    message: String,
}

#[derive(Serialize)]
struct JsonEdit {
    path: String,
    start: Point,
    end: Point,
    content: String,
}

#[derive(Serialize)]
struct JsonFix {
    applicability: &'static str,
    title: String,
    edits: Vec<JsonEdit>,
}

#[derive(Serialize)]
pub struct JsonDiagnostic {
    path: String,
    rule: &'static str,
    code: &'static str,
    severity: &'static str,
    message: String,
    start: Point,
    end: Point,
    labels: Vec<JsonLabel>,
    help: Option<String>,
    url: Option<String>,
    fix: Option<JsonFix>,
}

#[derive(Serialize, Default)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub hints: usize,
}

impl Summary {
    pub fn of(files: &[CheckedFile]) -> Self {
        let mut summary = Self {
            files: files.len(),
            ..Self::default()
        };
        for diagnostic in files.iter().flat_map(|file| &file.diagnostics) {
            match diagnostic.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Info => summary.infos += 1,
                Severity::Hint => summary.hints += 1,
            }
        }
        summary
    }
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Report {
    version: u32,
    tool: Tool,
    diagnostics: Vec<JsonDiagnostic>,
    summary: Summary,
}

fn applicability(applicability: Applicability) -> &'static str {
    match applicability {
        Applicability::Safe => "safe",
        Applicability::Unsafe => "unsafe",
        Applicability::DisplayOnly => "display-only",
    }
}

/// The JSON form of one diagnostic of `file`. Labels and edits in other
/// files of the set are not resolved here (sets checked by the CLI hold one
/// file); they are dropped rather than given wrong positions.
pub fn diagnostic(file: &CheckedFile, diagnostic: &Diagnostic) -> JsonDiagnostic {
    let path = file.file.path.display().to_string();
    let point = |offset: usize| {
        let position = file.file.line_index.position(&file.file.text, offset);
        Point {
            line: position.line,
            column: position.column,
            offset,
        }
    };
    JsonDiagnostic {
        path: path.clone(),
        rule: diagnostic.rule,
        code: diagnostic.code,
        severity: diagnostic.severity.as_str(),
        message: diagnostic.message.clone(),
        start: point(diagnostic.span.start),
        end: point(diagnostic.span.end),
        labels: diagnostic
            .labels
            .iter()
            .filter(|label| label.span.file == diagnostic.span.file)
            .map(|label| JsonLabel {
                path: path.clone(),
                start: point(label.span.start),
                end: point(label.span.end),
                message: label.message.clone(),
            })
            .collect(),
        help: diagnostic.help.clone(),
        url: diagnostic.url.clone(),
        fix: diagnostic
            .fix
            .as_ref()
            .filter(|fix| {
                fix.edits
                    .iter()
                    .all(|edit| edit.span.file == diagnostic.span.file)
            })
            .map(|fix| JsonFix {
                applicability: applicability(fix.applicability),
                title: fix.title.clone(),
                edits: fix
                    .edits
                    .iter()
                    .map(|edit| JsonEdit {
                        path: path.clone(),
                        start: point(edit.span.start),
                        end: point(edit.span.end),
                        content: edit.content.clone(),
                    })
                    .collect(),
            }),
    }
}

pub fn render(files: &[CheckedFile]) -> String {
    let report = Report {
        version: SCHEMA_VERSION,
        tool: Tool {
            name: "haplint",
            version: env!("CARGO_PKG_VERSION"),
        },
        diagnostics: files
            .iter()
            .flat_map(|file| file.diagnostics.iter().map(move |d| diagnostic(file, d)))
            .collect(),
        summary: Summary::of(files),
    };
    serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"
}

/// One JSON object per line, one line per diagnostic (no summary).
pub fn render_lines(files: &[CheckedFile]) -> String {
    let mut out = String::new();
    for file in files {
        for d in &file.diagnostics {
            out.push_str(&serde_json::to_string(&diagnostic(file, d)).unwrap_or_default());
            out.push('\n');
        }
    }
    out
}
