//! `xtask import-keywords [PATH]`: derives the project's own keyword data
//! file from the shared fact database (`haproxy-facts/keywords.json`).
//!
//! The data file (`crates/haplint_keywords/data/keywords.tsv`) is committed,
//! so the project builds without the shared folder; `xtask codegen` turns it
//! into Rust tables.

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use serde_json::Value;

pub const DEFAULT_SOURCE: &str = "../shared/haproxy-facts/keywords.json";
pub const DATA_FILE: &str = "crates/haplint_keywords/data/keywords.tsv";

pub fn run(args: &[String]) -> ExitCode {
    let source = args.first().map_or(DEFAULT_SOURCE, String::as_str);
    match import(Path::new(source)) {
        Ok(rows) => {
            println!("import-keywords: {rows} rows written to {DATA_FILE}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("import-keywords: {error}");
            ExitCode::FAILURE
        }
    }
}

fn import(source: &Path) -> Result<usize, String> {
    let text = std::fs::read_to_string(source)
        .map_err(|error| format!("cannot read {}: {error}", source.display()))?;
    let database: Value =
        serde_json::from_str(&text).map_err(|error| format!("invalid JSON: {error}"))?;
    let records = database["records"].as_array().ok_or("no `records` array")?;
    let mut out = String::from(HEADER);
    let mut rows = 0;
    let mut lines = Vec::new();
    for record in records {
        for segment in record["history"]
            .as_array()
            .ok_or("record without history")?
        {
            lines.push(row(record, segment)?);
            rows += 1;
        }
    }
    lines.sort();
    for line in lines {
        out.push_str(&line);
        out.push('\n');
    }
    std::fs::write(DATA_FILE, out).map_err(|error| format!("cannot write {DATA_FILE}: {error}"))?;
    Ok(rows)
}

const HEADER: &str = "\
# haplint keyword data, one row per keyword and range of HAProxy versions where
# its facts stay the same. Derived by `cargo run -p xtask -- import-keywords`
# from the haproxy-facts keyword database; `cargo run -p xtask -- codegen`
# turns it into crates/haplint_keywords/src/generated.rs.
#
# columns (tab-separated):
#   kind context keyword from to sections flags fragment signature extra
# sections: comma-separated section names, `-` when not tied to a section
# flags: d deprecated, n named defaults only, x experimental, g accepts `no`,
#        u undocumented, -: none
# extra: `;`-separated key=value facts (ruleset, in/out types, usable_in...)
";

fn row(record: &Value, segment: &Value) -> Result<String, String> {
    let text = |value: &Value| value.as_str().unwrap_or_default().to_owned();
    let kind = text(&record["kind"]);
    let context = text(&record["context"]);
    let keyword = text(&record["keyword"]);
    let from = version(&text(&segment["from"]));
    let to = version(&text(&segment["to"]));
    let sections = match segment["sections"].as_array() {
        Some(list) => list.iter().map(text).collect::<Vec<_>>().join(","),
        None => "-".to_owned(),
    };
    let mut flags = String::new();
    if segment["deprecated"].as_bool() == Some(true) {
        flags.push('d');
    }
    if segment["named_defaults_only"].as_bool() == Some(true) {
        flags.push('n');
    }
    if segment["experimental"].as_bool() == Some(true) {
        flags.push('x');
    }
    if record["negatable"].as_bool() == Some(true) {
        flags.push('g');
    }
    if record["undocumented"].as_bool() == Some(true) {
        flags.push('u');
    }
    if flags.is_empty() {
        flags.push('-');
    }
    let fragment = text(&segment["fragment"]);
    let signature = text(&segment["signature"]);
    let mut extra = String::new();
    let mut put = |key: &str, value: String| {
        if !value.is_empty() {
            if !extra.is_empty() {
                extra.push(';');
            }
            let _ = write!(extra, "{key}={value}");
        }
    };
    put("ruleset", text(&record["ruleset"]));
    put("action", text(&record["action"]));
    put(
        "in",
        first_text(&segment["input_type"], &record["input_type"]),
    );
    put(
        "out",
        first_text(&segment["output_type"], &record["output_type"]),
    );
    put("layer", text(&record["layer"]));
    put(
        "usable",
        list(
            segment.get("usable_in").unwrap_or(&record["usable_in"]),
            "|",
        ),
    );
    put("match", text(&record["match"]));
    put("fetch", text(&record["fetch"]));
    put("equivalent", text(&record["equivalent"]));
    put("line", list(&record["line"], ","));
    put("modes", list(&record["modes"], ","));
    put("category", text(&record["category"]));
    put("fetch-equivalent", text(&record["fetch_equivalent"]));
    put("subkeywords", list(&record["subkeywords"], ","));
    if extra.is_empty() {
        extra.push('-');
    }
    let fields = [
        kind, context, keyword, from, to, sections, flags, fragment, signature, extra,
    ];
    if fields.iter().any(|field| field.contains(['\t', '\n'])) {
        return Err(format!(
            "a field of {} holds a tab or newline",
            record["id"]
        ));
    }
    Ok(fields.join("\t"))
}

fn first_text(preferred: &Value, fallback: &Value) -> String {
    preferred
        .as_str()
        .or_else(|| fallback.as_str())
        .unwrap_or_default()
        .to_owned()
}

fn list(value: &Value, separator: &str) -> String {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(separator)
        })
        .unwrap_or_default()
}

/// `3.5-dev5` is the 3.5 development line.
fn version(label: &str) -> String {
    label.split('-').next().unwrap_or(label).to_owned()
}
