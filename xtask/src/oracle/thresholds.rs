//! The agreement reached so far, kept in `xtask/oracle-thresholds.toml`:
//! `--check` fails when a directory falls below it.

use toml_edit::DocumentMut;

use super::report::DirectoryReport;

const THRESHOLDS: &str = include_str!("../../oracle-thresholds.toml");

/// Compares `report` with the thresholds of its directory (by name).
pub fn check(report: &DirectoryReport) -> Result<(), Vec<String>> {
    let document: DocumentMut = THRESHOLDS
        .parse()
        .map_err(|error| vec![format!("oracle-thresholds.toml: {error}")])?;
    let version = report.version_name();
    let Some(table) = document
        .get(&report.name)
        .and_then(|corpus| corpus.get(&version))
        .and_then(|item| item.as_table())
    else {
        return Err(vec![format!(
            "oracle-thresholds.toml has no [{}.\"{version}\"] table",
            report.name
        )]);
    };
    let number = |key: &str| -> Option<f64> {
        let item = table.get(key)?;
        item.as_float().or_else(|| {
            item.as_integer()
                .and_then(|value| i32::try_from(value).ok())
                .map(f64::from)
        })
    };
    let mut problems = Vec::new();
    let mut at_least = |key: &str, value: f64| {
        if let Some(minimum) = number(key)
            && value + 1e-9 < minimum
        {
            problems.push(format!(
                "{} at {version}: {key} is {value:.2}, below {minimum}",
                report.name
            ));
        }
    };
    at_least("caught_percent", report.caught_percent());
    at_least("alert_lines_percent", report.alert_percent());
    at_least("warning_lines_percent", report.warning_percent());
    #[allow(clippy::cast_precision_loss)]
    if let Some(maximum) = number("false_errors")
        && report.false_errors.len() as f64 > maximum
    {
        problems.push(format!(
            "{} at {version}: {} false errors, more than {maximum}",
            report.name,
            report.false_errors.len()
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}
