//! Folding ranges: sections, `.if` blocks (each branch on its own) and
//! runs of comment lines.

use lsp_types::{FoldingRange, FoldingRangeKind};

use crate::snapshot::Snapshot;

fn range(start: usize, end: usize, kind: Option<FoldingRangeKind>) -> Option<FoldingRange> {
    (end > start).then(|| FoldingRange {
        start_line: u32::try_from(start).unwrap_or(u32::MAX),
        end_line: u32::try_from(end).unwrap_or(u32::MAX),
        kind,
        ..FoldingRange::default()
    })
}

pub fn folding_ranges(snapshot: &Snapshot) -> Vec<FoldingRange> {
    let text = snapshot.text();
    let mut found = Vec::new();
    let model = &snapshot.analyzed().analysis.model;
    let headers: Vec<usize> = model
        .sections
        .iter()
        .filter(|section| section.file == snapshot.file)
        .map(|section| snapshot.line_of(section.header_range.start().into()))
        .collect();
    for (position, section) in model
        .sections
        .iter()
        .filter(|section| section.file == snapshot.file)
        .enumerate()
    {
        let start = headers[position];
        let last_statement = section
            .statements
            .iter()
            .filter(|statement| statement.file == section.file)
            .map(|statement| snapshot.line_of(statement.range.end().into()))
            .max()
            .unwrap_or(start);
        // Up to the next section, less the blank and comment lines that
        // introduce it; skipped `.if` branches have no statements but
        // belong here too.
        let mut end = headers.get(position + 1).map_or_else(
            || snapshot.line_of(text.len()),
            |next| next.saturating_sub(1),
        );
        while end > last_statement {
            let content = text.get(snapshot.line_range(end)).unwrap_or("").trim();
            if !content.is_empty() && !content.starts_with('#') {
                break;
            }
            end -= 1;
        }
        found.extend(range(
            start,
            end.max(last_statement),
            Some(FoldingRangeKind::Region),
        ));
    }
    // `.if` blocks: a stack of open branches; `.elif`/`.else` close the
    // previous branch and open the next.
    let mut open: Vec<usize> = Vec::new();
    let mut comments: Option<(usize, usize)> = None;
    let mut line = 0;
    loop {
        let bytes = snapshot.line_range(line);
        let Some(content) = text.get(bytes.clone()) else {
            break;
        };
        let trimmed = content.trim_start();
        let directive = trimmed.split_whitespace().next().unwrap_or("");
        match directive {
            ".if" => open.push(line),
            ".elif" | ".else" => {
                if let Some(start) = open.pop() {
                    found.extend(range(start, line.saturating_sub(1), None));
                }
                open.push(line);
            }
            ".endif" => {
                if let Some(start) = open.pop() {
                    found.extend(range(start, line.saturating_sub(1), None));
                }
            }
            _ => {}
        }
        if trimmed.starts_with('#') {
            comments = Some(comments.map_or((line, line), |(start, _)| (start, line)));
        } else if let Some((start, end)) = comments.take() {
            found.extend(range(start, end, Some(FoldingRangeKind::Comment)));
        }
        if bytes.end >= text.len() {
            break;
        }
        line += 1;
    }
    if let Some((start, end)) = comments {
        found.extend(range(start, end, Some(FoldingRangeKind::Comment)));
    }
    found.sort_by_key(|fold| (fold.start_line, fold.end_line));
    found
}
