//! `align-arguments`: runs of consecutive lines with the same keyword get
//! their third word in one column.

use crate::layout::Placement;
use crate::lines::{Kind, Line};

/// For each placement, the width its second word is padded to, if any.
pub(crate) fn widths(lines: &[Line], placements: &[Placement]) -> Vec<Option<usize>> {
    let mut widths = vec![None; placements.len()];
    let mut run_start = 0;
    while run_start < placements.len() {
        let mut run_end = run_start + 1;
        while run_end < placements.len()
            && same_run(lines, &placements[run_end - 1], &placements[run_end])
        {
            run_end += 1;
        }
        let width = placements[run_start..run_end]
            .iter()
            .filter_map(|placement| {
                let words = &lines[placement.line].sig.words;
                (words.len() > 2).then(|| words[1].chars().count())
            })
            .max();
        if run_end - run_start > 1 {
            for slot in &mut widths[run_start..run_end] {
                *slot = width;
            }
        }
        run_start = run_end;
    }
    widths
}

/// Whether `next` continues the run of `previous`: adjacent statement
/// lines at the same level with the same keyword.
fn same_run(lines: &[Line], previous: &Placement, next: &Placement) -> bool {
    let (a, b) = (&lines[previous.line], &lines[next.line]);
    next.line == previous.line + 1
        && next.blanks_before == 0
        && a.kind == Kind::Statement
        && b.kind == Kind::Statement
        && previous.level == next.level
        && a.sig.words.first() == b.sig.words.first()
}
