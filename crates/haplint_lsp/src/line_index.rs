//! Byte offsets to LSP positions and back, in the encoding negotiated with
//! the client.
//!
//! LSP ends lines on `\n`, `\r\n` and a lone `\r`; HAProxy only on `\n`.
//! Positions exchanged with the client must agree with the client's view,
//! so this index follows LSP, not HAProxy.

use lsp_types::Position;

/// How the client counts columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// Bytes of UTF-8.
    Utf8,
    /// UTF-16 code units, the LSP default.
    #[default]
    Utf16,
}

/// Where each line starts, kept up to date through edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIndex {
    /// Byte offset of the first character of each line; always starts with 0.
    starts: Vec<usize>,
}

/// Offsets just after each line break of `text[from..to]`, shifted by
/// nothing: they are offsets into `text`. A `\r` directly followed by `\n`
/// is one break.
fn breaks_in(text: &str, from: usize, to: usize, out: &mut Vec<usize>) {
    let bytes = text.as_bytes();
    let mut position = from;
    while position < to {
        match bytes[position] {
            b'\n' => out.push(position + 1),
            b'\r' if bytes.get(position + 1) != Some(&b'\n') => out.push(position + 1),
            _ => {}
        }
        position += 1;
    }
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        breaks_in(text, 0, text.len(), &mut starts);
        Self { starts }
    }

    #[cfg(test)]
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The 0-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|start| *start <= offset)
            .saturating_sub(1)
    }

    /// Byte range of line `line` without its line break (clamped).
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let line = line.min(self.starts.len() - 1);
        let start = self.starts[line];
        let mut end = self.starts.get(line + 1).copied().unwrap_or(text.len());
        let bytes = text.as_bytes();
        if end > start && bytes.get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        if end > start && bytes.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        start..end
    }

    /// The position of byte `offset` (clamped to the text, rounded down to
    /// a character boundary).
    pub fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let start = self.starts[line];
        let prefix = &text[start..offset];
        let character = match encoding {
            Encoding::Utf8 => prefix.len(),
            Encoding::Utf16 => prefix.chars().map(char::len_utf16).sum(),
        };
        Position::new(
            u32::try_from(line).unwrap_or(u32::MAX),
            u32::try_from(character).unwrap_or(u32::MAX),
        )
    }

    /// The byte offset of `position`. A line past the end gives the end of
    /// the text; a column past the end of its line gives the end of the
    /// line; a column inside a character gives the start of that character.
    pub fn offset(&self, text: &str, position: Position, encoding: Encoding) -> usize {
        let line = position.line as usize;
        if line >= self.starts.len() {
            return text.len();
        }
        let range = self.line_range(text, line);
        let wanted = position.character as usize;
        let mut counted = 0;
        for (index, character) in text[range.clone()].char_indices() {
            let width = match encoding {
                Encoding::Utf8 => character.len_utf8(),
                Encoding::Utf16 => character.len_utf16(),
            };
            if counted + width > wanted {
                return range.start + index;
            }
            counted += width;
        }
        range.end
    }

    /// Updates the index after `text` had `old_start..old_end` replaced by
    /// `inserted_len` bytes (`text` is the new text). Only the lines around
    /// the edit are scanned again, so typing in a large file stays cheap.
    pub fn edit(&mut self, text: &str, old_start: usize, old_end: usize, inserted_len: usize) {
        // The line before the edit can gain or lose a break (`\r` + `\n`),
        // and so can the line after it: rescan from the start of the line
        // holding `old_start - 1` to the end of the line holding `old_end`.
        let first = self.line_of(old_start.saturating_sub(1));
        let last = self.line_of(old_end);
        let region_start = self.starts[first];
        let old_region_end = self.starts.get(last + 1).copied();
        let added = inserted_len.cast_signed() - (old_end - old_start).cast_signed();
        let new_region_end =
            old_region_end.map_or(text.len(), |end| end.saturating_add_signed(added));
        let mut fresh = Vec::new();
        breaks_in(text, region_start, new_region_end, &mut fresh);
        // The break ending the region is kept (shifted) below.
        fresh.retain(|start| old_region_end.is_none() || *start < new_region_end);
        let tail: Vec<usize> = self
            .starts
            .get(last + 1..)
            .unwrap_or(&[])
            .iter()
            .map(|start| start.saturating_add_signed(added))
            .collect();
        self.starts.truncate(first + 1);
        self.starts.extend(fresh);
        self.starts.extend(tail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_of_every_kind() {
        let text = "a\nb\r\nc\rd";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        assert_eq!(
            index.position(text, 7, Encoding::Utf16),
            Position::new(3, 0)
        );
        assert_eq!(index.line_range(text, 1), 2..3);
        assert_eq!(index.offset(text, Position::new(2, 5), Encoding::Utf8), 6);
    }

    #[test]
    fn non_ascii_columns() {
        // `é` is 2 bytes and 1 UTF-16 unit; `𝄞` is 4 bytes and 2 units.
        let text = "x é𝄞y\n";
        let index = LineIndex::new(text);
        let y = text.find('y').unwrap_or(0);
        assert_eq!(
            index.position(text, y, Encoding::Utf16),
            Position::new(0, 5)
        );
        assert_eq!(index.position(text, y, Encoding::Utf8), Position::new(0, 8));
        assert_eq!(index.offset(text, Position::new(0, 5), Encoding::Utf16), y);
        assert_eq!(index.offset(text, Position::new(0, 8), Encoding::Utf8), y);
        // Inside the surrogate pair or inside the UTF-8 sequence: the
        // character's start.
        assert_eq!(index.offset(text, Position::new(0, 4), Encoding::Utf16), 4);
        assert_eq!(index.offset(text, Position::new(0, 5), Encoding::Utf8), 4);
        // Past the end of the line, past the last line.
        assert_eq!(index.offset(text, Position::new(0, 99), Encoding::Utf16), 9);
        assert_eq!(
            index.offset(text, Position::new(9, 0), Encoding::Utf16),
            text.len()
        );
    }

    /// A small deterministic generator: the edits below must give the
    /// same index as building it from scratch.
    fn next(seed: &mut u64) -> usize {
        *seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (*seed >> 33) as usize
    }

    #[test]
    fn edits_match_a_fresh_index() {
        let pieces = ["\n", "\r", "\r\n", "a", "é", "bc", "", "\n\n", "\r\r"];
        let mut seed = 7;
        let mut text = String::from("frontend a\r\n  bind :80\rx\n");
        let mut index = LineIndex::new(&text);
        for _ in 0..5000 {
            let mut start = next(&mut seed) % (text.len() + 1);
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            let mut end = (start + next(&mut seed) % 4).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            let inserted = pieces[next(&mut seed) % pieces.len()];
            text.replace_range(start..end, inserted);
            index.edit(&text, start, end, inserted.len());
            assert_eq!(index, LineIndex::new(&text), "{text:?}");
        }
    }
}
