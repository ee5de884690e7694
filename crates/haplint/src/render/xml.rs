//! Checkstyle and `JUnit` XML, for CI systems that read those.

use std::fmt::Write;

use haplint_graph::render::escape::xml as escape;
use haplint_linter::Severity;

use crate::check::CheckedFile;

pub fn checkstyle(files: &[CheckedFile]) -> String {
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n");
    for checked in files {
        let file = &checked.file;
        let _ = writeln!(
            out,
            "  <file name=\"{}\">",
            escape(&file.path.display().to_string())
        );
        for diagnostic in &checked.diagnostics {
            let position = file.line_index.position(&file.text, diagnostic.span.start);
            let severity = match diagnostic.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info | Severity::Hint => "info",
            };
            let _ = writeln!(
                out,
                "    <error line=\"{}\" column=\"{}\" severity=\"{severity}\" message=\"{}\" source=\"haplint.{}\"/>",
                position.line,
                position.column,
                escape(&diagnostic.message),
                escape(diagnostic.rule),
            );
        }
        out.push_str("  </file>\n");
    }
    out.push_str("</checkstyle>\n");
    out
}

/// One test suite per file, one failing test case per diagnostic at the
/// failing level; a clean file is one passing test case.
pub fn junit(files: &[CheckedFile], fails: impl Fn(Severity) -> bool) -> String {
    let total: usize = files.iter().map(|file| file.diagnostics.len().max(1)).sum();
    let failures: usize = files
        .iter()
        .flat_map(|file| &file.diagnostics)
        .filter(|d| fails(d.severity))
        .count();
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"haplint\" tests=\"{total}\" failures=\"{failures}\">\n"
    );
    for checked in files {
        let file = &checked.file;
        let path = escape(&file.path.display().to_string());
        let file_failures = checked
            .diagnostics
            .iter()
            .filter(|d| fails(d.severity))
            .count();
        let _ = writeln!(
            out,
            "  <testsuite name=\"{path}\" tests=\"{}\" failures=\"{file_failures}\">",
            checked.diagnostics.len().max(1)
        );
        if checked.diagnostics.is_empty() {
            let _ = writeln!(out, "    <testcase name=\"clean\" classname=\"{path}\"/>");
        }
        for diagnostic in &checked.diagnostics {
            let position = file.line_index.position(&file.text, diagnostic.span.start);
            let name = escape(&format!(
                "{}:{}:{} {}",
                file.path.display(),
                position.line,
                position.column,
                diagnostic.rule
            ));
            if fails(diagnostic.severity) {
                let _ = writeln!(
                    out,
                    "    <testcase name=\"{name}\" classname=\"{path}\">\n      <failure type=\"{}\" message=\"{}\">{} {}: {}</failure>\n    </testcase>",
                    escape(diagnostic.rule),
                    escape(&diagnostic.message),
                    diagnostic.severity.as_str(),
                    diagnostic.code,
                    escape(&diagnostic.message),
                );
            } else {
                let _ = writeln!(out, "    <testcase name=\"{name}\" classname=\"{path}\"/>");
            }
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}
