//! `haplint fmt`: lays out HAProxy configuration files in one consistent
//! style without changing what HAProxy reads from them.
//!
//! The formatter only ever changes the whitespace between words, the
//! indentation, and blank lines: every line keeps its words (byte for byte,
//! quotes and escapes included) and its comment, in order. A formatted
//! line that could read differently (one with a backslash or a U+FEFF,
//! see `render.rs`) is read back with the same tokenizer as the linter's
//! and compared with the original; if it reads differently, it is kept as
//! written. Lines are classified from their tokens; only the lines whose
//! errors need it (`.` directives, SPOE scopes, a byte order mark, lines
//! the tokenizer rejects) go through the parser, to decide a refusal.
//!
//! ```
//! let options = haplint_fmt::FormatOptions::default();
//! let out = haplint_fmt::format("frontend  www\nbind   :80 # web\n", &options, false).unwrap();
//! assert_eq!(out.text, "frontend www\n    bind :80 # web\n");
//! ```

mod align;
mod layout;
mod lines;
mod options;
mod refusal;
mod render;
mod settings;

pub use options::{FormatOptions, IndentStyle, LineEnding};
pub use refusal::{Problem, Refusal};
pub use settings::{FORMAT_KEYS, FormatSettings, MAX_BLANK_LINES, MAX_INDENT_WIDTH};

/// A formatted file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Formatted {
    pub text: String,
    /// Lines kept exactly as written because formatting them would have
    /// changed what HAProxy reads, or because HAProxy rejects them.
    pub kept_lines: Vec<usize>,
}

impl Formatted {
    pub fn changed(&self, original: &str) -> bool {
        self.text != original
    }

    /// Whether formatting gave `original`'s last line the newline it
    /// lacked (HAProxy refuses a file without one).
    pub fn added_final_newline(&self, original: &str) -> bool {
        !original.is_empty() && !original.ends_with('\n') && self.text.ends_with('\n')
    }
}

/// Formats `text`. A file HAProxy would reject for its syntax is refused,
/// unless `force`, in which case the lines in error are kept as written and
/// the rest is formatted. A missing final newline is no reason to refuse:
/// it is added (HAProxy refuses a file without one, and reads its last
/// line the same with one).
pub fn format(text: &str, options: &FormatOptions, force: bool) -> Result<Formatted, Refusal> {
    let mut words = lines::Words::default();
    let mut lines = lines::split(text, &mut words);
    words.attach(&mut lines);
    if !force && let Some(refusal) = Refusal::check(&lines) {
        return Err(refusal);
    }
    Ok(format_lines(&lines, options, text.len()))
}

/// Lays out `lines`, from a text of `text_len` bytes.
fn format_lines(lines: &[lines::Line], options: &FormatOptions, text_len: usize) -> Formatted {
    let mut placements = layout::place(lines, options);
    // A word starting with U+FEFF on a later line would become a byte order
    // mark if the blank lines before it went: keep one.
    if let Some(first) = placements.first_mut()
        && first.line > 0
        && lines[first.line].text.starts_with('\u{feff}')
    {
        first.blanks_before = 1;
    }
    let widths = if options.align_arguments {
        align::widths(lines, &placements)
    } else {
        vec![None; placements.len()]
    };
    // New lines (blank lines, a final newline) end like the first line that
    // stays: blank lines may go, so they do not decide.
    let first_kept = lines
        .iter()
        .find(|line| line.kind != lines::Kind::Blank && !line.ending.is_empty());
    let default_ending = match (options.line_ending, first_kept) {
        (LineEnding::Keep, Some(first)) if first.ending == "\r\n" => "\r\n",
        _ => "\n",
    };
    let mut out = String::with_capacity(text_len + text_len / 8 + 1);
    let mut tokens = Vec::new();
    let mut kept_lines = Vec::new();
    for (placement, width) in placements.iter().zip(widths) {
        let line = &lines[placement.line];
        for _ in 0..placement.blanks_before {
            out.push_str(default_ending);
        }
        let first_line = placement.line == 0;
        if !render::push_line(
            line,
            placement.level,
            width,
            first_line,
            options,
            &mut out,
            &mut tokens,
        ) {
            kept_lines.push(placement.line + 1);
        }
        let ending = match (options.line_ending, line.ending) {
            // A newline after a last line's CR tail would make the CR part
            // of a `\r\n` and change what HAProxy reads.
            (_, "") if out.ends_with('\r') => "",
            (LineEnding::Keep, "\r\n") => "\r\n",
            (LineEnding::Keep, "") => default_ending,
            _ => "\n",
        };
        out.push_str(ending);
    }
    Formatted {
        text: out,
        kept_lines,
    }
}
