//! Counting and printing what the oracle harness measured.

use std::collections::BTreeMap;
use std::path::Path;

use super::category::Category;
use super::messages::Level;

/// What became of one HAProxy message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageOutcome {
    Matched,
    Missed,
    /// No line to compare: HAProxy gave none and named no section.
    Unlocated,
}

/// Per category: messages and how many haplint matched.
#[derive(Debug, Default, Clone, Copy)]
pub struct CategoryCounts {
    pub alerts: usize,
    pub alerts_matched: usize,
    pub warnings: usize,
    pub warnings_matched: usize,
    pub unlocated: usize,
}

/// Everything measured on one directory.
pub struct DirectoryReport {
    pub name: String,
    /// The HAProxy version that judged, also haplint's target.
    pub version: (u8, u8),
    pub files: usize,
    pub accepted: usize,
    /// First haplint error of each accepted file that has one.
    pub false_errors: Vec<String>,
    pub rejected: usize,
    pub config_caused: usize,
    pub caught: usize,
    pub not_caught: Vec<String>,
    /// Located alerts of config-caused rejections (environment ones excluded).
    pub alert_lines: usize,
    pub alert_lines_matched: usize,
    /// Located warnings not caused by the environment, in every file.
    pub warning_lines: usize,
    pub warning_lines_matched: usize,
    pub categories: BTreeMap<Category, CategoryCounts>,
    pub no_verdict: Vec<String>,
    pub missed: Vec<String>,
}

impl DirectoryReport {
    pub fn new(dir: &Path, version: (u8, u8)) -> Self {
        Self {
            version,
            name: dir.file_name().map_or_else(
                || dir.display().to_string(),
                |name| name.to_string_lossy().into_owned(),
            ),
            files: 0,
            accepted: 0,
            false_errors: Vec::new(),
            rejected: 0,
            config_caused: 0,
            caught: 0,
            not_caught: Vec::new(),
            alert_lines: 0,
            alert_lines_matched: 0,
            warning_lines: 0,
            warning_lines_matched: 0,
            categories: BTreeMap::new(),
            no_verdict: Vec::new(),
            missed: Vec::new(),
        }
    }

    /// Counts one message. Alerts count towards the line figures only in
    /// config-caused rejections: elsewhere HAProxy's alert is either about
    /// the environment or not fatal.
    pub fn record(
        &mut self,
        category: Category,
        level: Level,
        config_caused: bool,
        outcome: MessageOutcome,
    ) {
        let counts = self.categories.entry(category).or_default();
        let matched = outcome == MessageOutcome::Matched;
        if outcome == MessageOutcome::Unlocated {
            counts.unlocated += 1;
            return;
        }
        match level {
            Level::Alert => {
                counts.alerts += 1;
                counts.alerts_matched += usize::from(matched);
                if config_caused && !category.environment {
                    self.alert_lines += 1;
                    self.alert_lines_matched += usize::from(matched);
                }
            }
            Level::Warning => {
                counts.warnings += 1;
                counts.warnings_matched += usize::from(matched);
                if !category.environment {
                    self.warning_lines += 1;
                    self.warning_lines_matched += usize::from(matched);
                }
            }
        }
    }

    pub fn print(&self) {
        println!("\n== {} (HAProxy {})", self.name, self.version_name());
        println!(
            "{:<52} {:>7} {:>7} {:>7} {:>8} {:>7} {:>7} {:>9}",
            "category", "alerts", "matched", "missed", "warnings", "matched", "missed", "unlocated"
        );
        for (category, counts) in &self.categories {
            println!(
                "{:<52} {:>7} {:>7} {:>7} {:>8} {:>7} {:>7} {:>9}",
                category.name,
                counts.alerts,
                counts.alerts_matched,
                counts.alerts - counts.alerts_matched,
                counts.warnings,
                counts.warnings_matched,
                counts.warnings - counts.warnings_matched,
                counts.unlocated
            );
        }
        for problem in &self.no_verdict {
            println!("no verdict: {problem}");
        }
        for error in &self.false_errors {
            println!("false error: {error}");
        }
        for file in &self.not_caught {
            println!("rejection not caught: {file}");
        }
        for missed in &self.missed {
            println!("missed: {missed}");
        }
        println!(
            "oracle: {} files, accepted {}, haplint false errors {}, rejected {} (config-caused {}), haplint caught {}, alert lines {} matched {}, warning lines {} matched {}",
            self.files,
            self.accepted,
            self.false_errors.len(),
            self.rejected,
            self.config_caused,
            self.caught,
            self.alert_lines,
            self.alert_lines_matched,
            self.warning_lines,
            self.warning_lines_matched
        );
        println!(
            "oracle: {} at {}: caught {:.1}% of config-caused rejections, matched {:.1}% of alert lines, {:.1}% of warning lines",
            self.name,
            self.version_name(),
            self.caught_percent(),
            self.alert_percent(),
            self.warning_percent()
        );
    }

    /// `3.2`.
    pub fn version_name(&self) -> String {
        format!("{}.{}", self.version.0, self.version.1)
    }

    /// This report's line of the version × corpus table.
    pub fn summary_row(&self) -> SummaryRow {
        SummaryRow {
            version: self.version_name(),
            corpus: self.name.clone(),
            files: self.files,
            accepted: self.accepted,
            false_errors: self.false_errors.len(),
            caught: (self.caught, self.config_caused),
            alert_lines: (self.alert_lines_matched, self.alert_lines),
            warning_lines: (self.warning_lines_matched, self.warning_lines),
        }
    }

    pub fn caught_percent(&self) -> f64 {
        percent(self.caught, self.config_caused)
    }

    pub fn alert_percent(&self) -> f64 {
        percent(self.alert_lines_matched, self.alert_lines)
    }

    pub fn warning_percent(&self) -> f64 {
        percent(self.warning_lines_matched, self.warning_lines)
    }
}

/// `part` of `whole` in percent; 100 when there is nothing to match.
#[allow(clippy::cast_precision_loss)]
fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        100.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

/// The figures of one version on one corpus, as the README's table shows them.
pub struct SummaryRow {
    version: String,
    corpus: String,
    files: usize,
    accepted: usize,
    false_errors: usize,
    /// (matched, out of)
    caught: (usize, usize),
    alert_lines: (usize, usize),
    warning_lines: (usize, usize),
}

/// A Markdown table of every version and corpus measured, for the README.
pub fn print_table(rows: &[SummaryRow]) {
    let figure = |(part, whole): (usize, usize)| {
        format!(
            "{:.1}% ({part}/{whole})",
            (percent(part, whole) * 10.0).floor() / 10.0
        )
    };
    println!(
        "\n| HAProxy | corpus | files | accepted | false errors | rejections caught | alert lines | warning lines |"
    );
    println!("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for row in rows {
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            row.version,
            row.corpus,
            row.files,
            row.accepted,
            row.false_errors,
            figure(row.caught),
            figure(row.alert_lines),
            figure(row.warning_lines)
        );
    }
}
