//! What surrounds the cursor: the section it is in and the words of its
//! line before it. Completion and hover start from here.

use haplint_semantic::Section;

use crate::snapshot::Snapshot;

/// The cursor's line, cut at the cursor.
pub struct Cursor<'a> {
    pub offset: usize,
    /// Whole words before the word under the cursor.
    pub before: Vec<&'a str>,
    /// The part of the word under the cursor that is before the cursor.
    pub partial: &'a str,
    /// Where that partial word starts.
    pub partial_start: usize,
}

impl<'a> Cursor<'a> {
    /// Reads the line of `offset`. Words are split on blanks: quotes are
    /// rare where completion helps, and a split that is slightly off only
    /// makes suggestions less precise.
    pub fn at(snapshot: &'a Snapshot, offset: usize) -> Self {
        let text = snapshot.text();
        let line = snapshot.line_range(snapshot.line_of(offset));
        let offset = offset.clamp(line.start, line.end);
        let head = &text[line.start..offset];
        // A comment ends the words that matter.
        let head = head.find('#').map_or(head, |hash| &head[..hash]);
        let partial_len = head
            .chars()
            .rev()
            .take_while(|character| !character.is_whitespace())
            .map(char::len_utf8)
            .sum::<usize>();
        let partial_start = line.start + head.len() - partial_len;
        let partial = &head[head.len() - partial_len..];
        let before = head[..head.len() - partial_len]
            .split_whitespace()
            .collect();
        Self {
            offset,
            before,
            partial,
            partial_start,
        }
    }
}

/// The section of the model that holds `offset` of the snapshot's document.
pub fn section_at(snapshot: &Snapshot, offset: usize) -> Option<(usize, &Section)> {
    let model = &snapshot.analyzed().analysis.model;
    model
        .sections
        .iter()
        .enumerate()
        .filter(|(_, section)| {
            section.file == snapshot.file && usize::from(section.header_range.start()) <= offset
        })
        .max_by_key(|(_, section)| section.header_range.start())
}
