//! Where each line goes: its indentation level and the blank lines before it.
//!
//! Every decision depends only on the kinds of the lines and the number of
//! blank lines between them, never on the existing indentation, so that
//! formatting twice gives what formatting once gave.

use crate::lines::{Kind, Line};
use crate::options::FormatOptions;

/// The layout of one non-blank line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Placement {
    pub line: usize,
    pub level: usize,
    /// Blank lines written before it.
    pub blanks_before: usize,
}

/// An open `.if` block.
#[derive(Debug, Clone, Copy)]
struct Frame {
    /// Level of its `.if`/`.elif`/`.else`/`.endif` lines.
    level: usize,
    /// Opened among the statements of a section (rather than around
    /// sections): its lines count for the indentation of statements.
    in_section: bool,
}

#[derive(Default)]
struct State {
    in_section: bool,
    frames: Vec<Frame>,
}

impl State {
    fn nested(&self, options: &FormatOptions) -> usize {
        if options.indent_conditional_blocks {
            self.frames.iter().filter(|frame| frame.in_section).count()
        } else {
            0
        }
    }

    fn statement_level(&self, options: &FormatOptions) -> usize {
        usize::from(self.in_section) + self.nested(options)
    }

    /// The level `kind` gets in this state; `opens_in_section` tells an
    /// `.if` among statements from one around sections.
    fn level(&self, kind: Kind, opens_in_section: bool, options: &FormatOptions) -> usize {
        match kind {
            Kind::Statement => self.statement_level(options),
            Kind::If if opens_in_section => self.statement_level(options),
            Kind::Header | Kind::Scope | Kind::Blank | Kind::Comment | Kind::Error | Kind::If => 0,
            Kind::Elif | Kind::Else | Kind::Endif => self
                .frames
                .last()
                .map_or_else(|| self.statement_level(options), |frame| frame.level),
        }
    }

    fn enter(&mut self, kind: Kind, level: usize, opens_in_section: bool) {
        match kind {
            Kind::Header => {
                self.in_section = true;
                // Blocks still open now span sections.
                for frame in &mut self.frames {
                    frame.level = 0;
                    frame.in_section = false;
                }
            }
            Kind::If => self.frames.push(Frame {
                level,
                in_section: opens_in_section,
            }),
            Kind::Endif => {
                self.frames.pop();
            }
            _ => {}
        }
    }
}

/// The placement of every non-blank line of `lines`.
pub(crate) fn place(lines: &[Line], options: &FormatOptions) -> Vec<Placement> {
    // For each line, the index of the next significant line after it.
    let mut next_significant = vec![None; lines.len()];
    // Whether a line leads up to the next section header: comments, `.if`
    // lines and SPOE scopes before it go with it, after the blank lines
    // that separate sections.
    let mut in_gap = vec![false; lines.len()];
    let mut next = None;
    let mut next_leads = false;
    for (index, line) in lines.iter().enumerate().rev() {
        next_significant[index] = next;
        let leads = next_leads || next.is_some_and(|next: usize| lines[next].kind == Kind::Header);
        in_gap[index] = leads && matches!(line.kind, Kind::Comment | Kind::If | Kind::Scope);
        if line.kind.is_significant() {
            next = Some(index);
            next_leads = in_gap[index];
        }
    }
    let kind_at = |index: Option<usize>| index.map(|index| lines[index].kind);

    let mut placements = Vec::with_capacity(lines.len());
    let mut state = State::default();
    let mut pending_blanks = 0;
    let mut previous: Option<Kind> = None;
    // Whether the previous non-blank line leads up to a header.
    let mut previous_in_gap = false;
    for (index, line) in lines.iter().enumerate() {
        let kind = line.kind;
        if kind == Kind::Blank {
            pending_blanks += 1;
            continue;
        }
        let next_kind = kind_at(next_significant[index]);
        let opens_in_section = kind == Kind::If && state.in_section && !in_gap[index];
        let level = if kind == Kind::Comment {
            match (next_kind, next_significant[index]) {
                (Some(next_kind), Some(next_index)) => {
                    let next_opens =
                        next_kind == Kind::If && state.in_section && !in_gap[next_index];
                    state.level(next_kind, next_opens, options)
                }
                // At the end of the file, a comment stays with the last section.
                _ => state.statement_level(options),
            }
        } else {
            state.level(kind, opens_in_section, options)
        };
        let leads_to_header = in_gap[index];
        let starts_gap = (leads_to_header || kind == Kind::Header) && !previous_in_gap;
        let blanks_before = if previous.is_none() {
            0
        } else if starts_gap {
            options.blank_lines_between_sections
        } else if previous == Some(Kind::Header) {
            0
        } else {
            pending_blanks.min(options.max_blank_lines)
        };
        placements.push(Placement {
            line: index,
            level,
            blanks_before,
        });
        state.enter(kind, level, opens_in_section);
        pending_blanks = 0;
        previous = Some(kind);
        previous_in_gap = leads_to_header;
    }
    placements
}
