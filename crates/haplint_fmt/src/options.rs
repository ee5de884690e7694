//! The choices a configuration may make about its layout.

/// How an indentation level is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndentStyle {
    Spaces,
    Tabs,
}

/// What happens to line endings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEnding {
    /// Each line keeps the ending it has; new lines take the first line's.
    Keep,
    /// Every `\r\n` becomes `\n`.
    Lf,
}

/// Layout options; `Default` is the documented default style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormatOptions {
    /// Spaces per indentation level (ignored with tabs).
    pub indent_width: usize,
    pub indent_style: IndentStyle,
    /// Align the third word of consecutive lines with the same keyword.
    pub align_arguments: bool,
    /// Blank lines kept in a row inside a section.
    pub max_blank_lines: usize,
    /// Blank lines before each section header (but the first).
    pub blank_lines_between_sections: usize,
    /// Indent the lines inside `.if` blocks one more level.
    pub indent_conditional_blocks: bool,
    pub line_ending: LineEnding,
}

impl Default for FormatOptions {
    fn default() -> Self {
        Self {
            indent_width: 4,
            indent_style: IndentStyle::Spaces,
            align_arguments: false,
            max_blank_lines: 1,
            blank_lines_between_sections: 1,
            indent_conditional_blocks: false,
            line_ending: LineEnding::Keep,
        }
    }
}

impl FormatOptions {
    /// The indentation of `level`, appended to `out`.
    pub(crate) fn push_indent(&self, level: usize, out: &mut String) {
        match self.indent_style {
            IndentStyle::Spaces => {
                out.extend(std::iter::repeat_n(' ', level * self.indent_width));
            }
            IndentStyle::Tabs => out.extend(std::iter::repeat_n('\t', level)),
        }
    }
}
