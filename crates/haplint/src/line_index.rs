//! Byte offsets to 1-based lines and columns, the way HAProxy counts lines
//! (only `\n` ends a line) and columns in Unicode scalar values.

#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset where each line starts.
    line_starts: Vec<usize>,
}

/// A 1-based position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(index, _)| index + 1));
        Self { line_starts }
    }

    /// The length in bytes of the line holding byte `offset`, without its `\n`.
    pub fn line_len(&self, text: &str, offset: usize) -> usize {
        let offset = offset.min(text.len());
        let line = self.line_starts.partition_point(|start| *start <= offset) - 1;
        let end = self
            .line_starts
            .get(line + 1)
            .map_or(text.len(), |next| next - 1);
        end - self.line_starts[line]
    }

    /// The position of byte `offset` in `text` (the text this index was built from).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let line = self.line_starts.partition_point(|start| *start <= offset) - 1;
        let line_start = self.line_starts[line];
        let column = text
            .get(line_start..offset)
            .map_or(offset - line_start, |prefix| prefix.chars().count());
        Position {
            line: line + 1,
            column: column + 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns() {
        let text = "ab\n\u{e9}x\r\ny";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0), Position { line: 1, column: 1 });
        assert_eq!(index.position(text, 3), Position { line: 2, column: 1 });
        // `é` is two bytes but one column.
        assert_eq!(index.position(text, 5), Position { line: 2, column: 2 });
        assert_eq!(index.position(text, 8), Position { line: 3, column: 1 });
        assert_eq!(index.position(text, 99), Position { line: 3, column: 2 });
        assert_eq!(index.line_len(text, 1), 2);
        // The `\r` of a CRLF ending is part of the line.
        assert_eq!(index.line_len(text, 5), 4);
        assert_eq!(index.line_len(text, 99), 1);
    }

    #[test]
    fn line_len_of_empty_lines() {
        let text = "a\n\n";
        let index = LineIndex::new(text);
        assert_eq!(index.line_len(text, 2), 0);
        assert_eq!(index.line_len(text, 3), 0);
        assert_eq!(LineIndex::new("").line_len("", 0), 0);
    }
}
