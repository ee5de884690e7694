//! The text of an open document, kept in step with the client's edits.

use lsp_types::{Range, TextDocumentContentChangeEvent};

use crate::line_index::{Encoding, LineIndex};

/// An open document: its text, version and line index.
#[derive(Debug, Clone)]
pub struct TextDocument {
    pub text: String,
    pub version: i32,
    pub index: LineIndex,
}

impl TextDocument {
    pub fn new(text: String, version: i32) -> Self {
        let index = LineIndex::new(&text);
        Self {
            text,
            version,
            index,
        }
    }

    /// The byte range of an LSP range (clamped, never reversed).
    pub fn byte_range(&self, range: Range, encoding: Encoding) -> std::ops::Range<usize> {
        let start = self.index.offset(&self.text, range.start, encoding);
        let end = self.index.offset(&self.text, range.end, encoding);
        start.min(end)..start.max(end)
    }

    /// Applies one change. Each change of a notification applies to the
    /// text left by the previous one, so callers apply them in order.
    pub fn apply(&mut self, change: &TextDocumentContentChangeEvent, encoding: Encoding) {
        let Some(range) = change.range else {
            self.text.clone_from(&change.text);
            self.index = LineIndex::new(&self.text);
            return;
        };
        let bytes = self.byte_range(range, encoding);
        self.text.replace_range(bytes.clone(), &change.text);
        self.index
            .edit(&self.text, bytes.start, bytes.end, change.text.len());
    }
}

#[cfg(test)]
mod tests {
    use lsp_types::Position;

    use super::*;

    fn change(start: (u32, u32), end: (u32, u32), text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(
                Position::new(start.0, start.1),
                Position::new(end.0, end.1),
            )),
            range_length: None,
            text: text.to_owned(),
        }
    }

    #[test]
    fn changes_apply_in_order() {
        let mut document = TextDocument::new("frontend é\n  bind :80\n".to_owned(), 1);
        // Each change is relative to the text the previous one left.
        document.apply(&change((0, 10), (0, 10), "x"), Encoding::Utf16);
        document.apply(&change((1, 0), (1, 0), "  mode http\n"), Encoding::Utf16);
        document.apply(&change((2, 8), (2, 11), "443"), Encoding::Utf16);
        assert_eq!(document.text, "frontend éx\n  mode http\n  bind :443\n");
        assert_eq!(document.index, LineIndex::new(&document.text));
    }

    #[test]
    fn utf8_positions() {
        let mut document = TextDocument::new("backend é\n".to_owned(), 1);
        document.apply(&change((0, 10), (0, 10), "1"), Encoding::Utf8);
        assert_eq!(document.text, "backend é1\n");
    }

    #[test]
    fn out_of_range_edits_are_clamped() {
        let mut document = TextDocument::new("global\n".to_owned(), 1);
        document.apply(&change((5, 3), (9, 0), "x"), Encoding::Utf16);
        document.apply(&change((0, 99), (0, 2), "-"), Encoding::Utf16);
        assert_eq!(document.text, "gl-\nx");
    }
}
