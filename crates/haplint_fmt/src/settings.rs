//! The `[format]` table of `haplint.toml`, as read: each option may be
//! unset, so that the language server can fall back to the editor's
//! indentation where the project says nothing.

use crate::options::{FormatOptions, IndentStyle, LineEnding};

/// Options a settings file sets; `None` leaves the default (or the editor's).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormatSettings {
    pub indent_width: Option<usize>,
    pub indent_style: Option<IndentStyle>,
    pub align_arguments: Option<bool>,
    pub max_blank_lines: Option<usize>,
    pub blank_lines_between_sections: Option<usize>,
    pub indent_conditional_blocks: Option<bool>,
    pub line_ending: Option<LineEnding>,
}

/// Largest `indent-width`, blank-line counts: beyond them a setting is
/// certainly a typo.
pub const MAX_INDENT_WIDTH: usize = 16;
pub const MAX_BLANK_LINES: usize = 10;

/// Every key of the table, for the "unknown key" message.
pub const FORMAT_KEYS: [&str; 7] = [
    "indent-width",
    "indent-style",
    "align-arguments",
    "max-blank-lines",
    "blank-lines-between-sections",
    "indent-conditional-blocks",
    "line-ending",
];

impl FormatSettings {
    /// `base` with the options this table sets.
    pub fn over(&self, base: FormatOptions) -> FormatOptions {
        FormatOptions {
            indent_width: self.indent_width.unwrap_or(base.indent_width),
            indent_style: self.indent_style.unwrap_or(base.indent_style),
            align_arguments: self.align_arguments.unwrap_or(base.align_arguments),
            max_blank_lines: self.max_blank_lines.unwrap_or(base.max_blank_lines),
            blank_lines_between_sections: self
                .blank_lines_between_sections
                .unwrap_or(base.blank_lines_between_sections),
            indent_conditional_blocks: self
                .indent_conditional_blocks
                .unwrap_or(base.indent_conditional_blocks),
            line_ending: self.line_ending.unwrap_or(base.line_ending),
        }
    }

    /// The options for the command line: the defaults and this table.
    pub fn options(&self) -> FormatOptions {
        self.over(FormatOptions::default())
    }
}

impl IndentStyle {
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "spaces" => Some(Self::Spaces),
            "tabs" => Some(Self::Tabs),
            _ => None,
        }
    }
}

impl LineEnding {
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "keep" => Some(Self::Keep),
            "lf" => Some(Self::Lf),
            _ => None,
        }
    }
}
