//! Where fixes put the lines they add or move, so that no line lands in a
//! conditional context (`.if`/`.elif`/`.else` branch) it did not come from:
//! a line inserted before an `.endif` applies only when that branch is
//! taken, which changes what the configuration means.

use haplint_semantic::{Conditionals, FileId, Section};
use haplint_syntax::TextSize;

use crate::context::LintContext;

/// The `.if` blocks of one file, read for the target version.
pub fn conditionals(context: &LintContext<'_>, file: FileId) -> Conditionals {
    Conditionals::of(&context.set.document(file).parse, context.target)
}

fn size(offset: usize) -> TextSize {
    TextSize::try_from(offset).unwrap_or(TextSize::from(u32::MAX))
}

/// The branches around byte `offset` of the file `tree` was read from.
pub fn stack_at(tree: &Conditionals, offset: usize) -> Vec<usize> {
    tree.stack_at(size(offset))
}

/// A byte on the line after which lines belonging to the top level of
/// `section` go: its last statement in the same conditional context as its
/// header, so they come before a trailing `.if` block of the section, or
/// after the `.endif` of a block followed by more top-level lines.
pub fn end_of_section(tree: &Conditionals, section: &Section) -> usize {
    let header = tree.stack_at(section.header_range.start());
    section
        .statements
        .iter()
        .rev()
        .find(|statement| tree.stack_at(statement.range.start()) == header)
        .map_or(section.header_range.end(), |statement| {
            statement.range.end()
        })
        .into()
}

/// Where to insert a line that comes from conditional context `from` so
/// that it sits before byte `before`, in the same context: before that
/// line if it shares the context, else before the `.if` of the block
/// (inside `from`) that holds it. `None` when `before` is outside `from`:
/// no place keeps the line's condition.
pub fn before_in_context(tree: &Conditionals, from: &[usize], before: usize) -> Option<usize> {
    let target = tree.stack_at(size(before));
    if !target.starts_with(from) {
        return None;
    }
    match target.get(from.len()) {
        None => Some(before),
        Some(&branch) => {
            let block = tree.branches.get(branch)?.block;
            Some(tree.blocks.get(block)?.start.into())
        }
    }
}

/// Whether a line at `from` (in `from_file`) can move to the top level of
/// `section` without gaining or losing a condition.
pub fn same_context(
    context: &LintContext<'_>,
    from_file: FileId,
    from: usize,
    section: &Section,
) -> bool {
    let source = conditionals(context, from_file);
    let source_stack = stack_at(&source, from);
    if from_file != section.file {
        let target = conditionals(context, section.file);
        return source_stack.is_empty() && target.stack_at(section.header_range.start()).is_empty();
    }
    source_stack == source.stack_at(section.header_range.start())
}
