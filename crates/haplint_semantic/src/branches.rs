//! The `.if` blocks of a file as a tree, for the checks and fixes that must
//! know which lines share a conditional context: a fix must not move a line
//! into or out of a block, and a check of "is this set?" must look at every
//! branch an environment-dependent block can take.

use haplint_keywords::Version;
use haplint_syntax::ast::{AstNode, Line};
use haplint_syntax::cond::Truth;
use haplint_syntax::{Parse, TextRange, TextSize};

use crate::conditions::{Facts, evaluate};

/// One branch of a block: the lines after its `.if`, `.elif` or `.else`
/// line up to the next line of the same block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Branch {
    /// Index of its block in [`Conditionals::blocks`].
    pub block: usize,
    /// The `.if`/`.elif`/`.else` line.
    pub line: TextRange,
    /// Where the branch's lines end (start of the next line of the block,
    /// or of the file when the block is never closed).
    pub end: TextSize,
    /// The expression as written (empty for `.else`).
    pub condition: String,
    /// Whether HAProxy of the target version takes this branch, given the
    /// branches before it: known for `version_atleast(...)` and constants.
    pub taken: Truth,
}

/// A `.if` ... `.endif` block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Indices in [`Conditionals::branches`], in file order.
    pub branches: Vec<usize>,
    /// The branch the block sits in, if it is nested.
    pub parent: Option<usize>,
    /// Whether no branch may be taken (no `.else`, and not every earlier
    /// condition is known true).
    pub none_taken: Truth,
    /// The `.if` line.
    pub start: TextSize,
    /// End of the `.endif` line (newline excluded), or of the file.
    pub end: TextSize,
}

/// Every block of one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Conditionals {
    pub blocks: Vec<Block>,
    pub branches: Vec<Branch>,
}

impl Conditionals {
    /// The blocks of `parse`, with the branches known for `target`.
    pub fn of(parse: &Parse, target: Version) -> Self {
        let mut this = Self::default();
        if !parse.has_conditionals() {
            return this;
        }
        let end_of_file = parse.tree().syntax().text_range().end();
        // Open blocks with the OR of their conditions so far.
        let mut open: Vec<(usize, Truth)> = Vec::new();
        for line in parse.tree().lines() {
            let Line::Cond(cond) = &line else { continue };
            let range = cond.syntax().text_range();
            let keyword = cond
                .keyword()
                .map(|word| word.unquoted_value())
                .unwrap_or_default();
            let truth = cond.expr().map_or(Truth::Unknown, |expr| {
                evaluate(expr.syntax(), Facts::version_only(target))
            });
            let condition = cond
                .expr()
                .map(|expr| expr.syntax().text().to_string().trim().to_owned())
                .unwrap_or_default();
            match keyword.as_str() {
                ".if" => {
                    let parent = open
                        .last()
                        .and_then(|(block, _)| this.blocks[*block].branches.last().copied());
                    let block = this.blocks.len();
                    this.blocks.push(Block {
                        branches: Vec::new(),
                        parent,
                        none_taken: Truth::Unknown,
                        start: range.start(),
                        end: end_of_file,
                    });
                    this.open_branch(block, range, condition, truth, end_of_file);
                    open.push((block, truth));
                }
                ".elif" | ".else" => {
                    let Some((block, earlier)) = open.last_mut() else {
                        continue;
                    };
                    let truth = if keyword == ".else" {
                        Truth::True
                    } else {
                        truth
                    };
                    let taken = earlier.negate().both(truth);
                    *earlier = earlier.either(truth);
                    let block = *block;
                    this.close_branch(block, range.start());
                    this.open_branch(block, range, condition, taken, end_of_file);
                }
                ".endif" => {
                    let Some((block, earlier)) = open.pop() else {
                        continue;
                    };
                    this.close_branch(block, range.start());
                    this.blocks[block].end = range.end();
                    this.blocks[block].none_taken = earlier.negate();
                }
                _ => {}
            }
        }
        for (block, earlier) in open {
            this.blocks[block].none_taken = earlier.negate();
        }
        this
    }

    fn open_branch(
        &mut self,
        block: usize,
        line: TextRange,
        condition: String,
        taken: Truth,
        end: TextSize,
    ) {
        self.blocks[block].branches.push(self.branches.len());
        self.branches.push(Branch {
            block,
            line,
            end,
            condition,
            taken,
        });
    }

    fn close_branch(&mut self, block: usize, at: TextSize) {
        if let Some(&last) = self.blocks[block].branches.last() {
            self.branches[last].end = at;
        }
    }

    /// The branches around byte `offset`, outermost first: two lines are in
    /// the same conditional context when their stacks are equal.
    pub fn stack_at(&self, offset: TextSize) -> Vec<usize> {
        let innermost = self
            .branches
            .iter()
            .enumerate()
            .filter(|(_, branch)| branch.line.end() <= offset && offset < branch.end)
            .max_by_key(|(_, branch)| branch.line.start())
            .map(|(index, _)| index);
        let mut stack = Vec::new();
        let mut current = innermost;
        while let Some(branch) = current {
            stack.push(branch);
            current = self.blocks[self.branches[branch].block].parent;
        }
        stack.reverse();
        stack
    }

    /// The text of a condition under which `branch` is taken, for messages:
    /// `defined(X)`, or `!defined(X)` for the `.else` of `.if defined(X)`.
    pub fn describe(&self, branch: usize) -> String {
        let Some(this) = self.branches.get(branch) else {
            return String::new();
        };
        if !this.condition.is_empty() {
            return this.condition.clone();
        }
        let earlier: Vec<String> = self.blocks[this.block]
            .branches
            .iter()
            .take_while(|other| **other != branch)
            .map(|other| self.branches[*other].condition.clone())
            .collect();
        negation(&earlier)
    }

    /// The text of the condition under which no branch of `block` is taken.
    pub fn describe_none(&self, block: usize) -> String {
        let conditions: Vec<String> = self.blocks.get(block).map_or_else(Vec::new, |block| {
            block
                .branches
                .iter()
                .map(|branch| self.branches[*branch].condition.clone())
                .collect()
        });
        negation(&conditions)
    }
}

fn negation(conditions: &[String]) -> String {
    match conditions {
        [] => "1".to_owned(),
        // A lone predicate call or name needs no parentheses.
        [one] if !one.contains(['&', '|', ' ']) => format!("!{one}"),
        [one] => format!("!({one})"),
        many => format!("!({})", many.join(" || ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Parse {
        haplint_syntax::parse(text)
    }

    #[test]
    fn nested_blocks_give_their_stack() {
        let text = "a\n.if defined(X)\nb\n.if 1\nc\n.endif\n.else\nd\n.endif\ne\n";
        let tree = Conditionals::of(&parse(text), Version::new(2, 6));
        let at = |needle: &str| {
            let offset = text.find(needle).unwrap_or_default();
            tree.stack_at(TextSize::try_from(offset).unwrap_or_default())
        };
        assert_eq!(at("a\n"), Vec::<usize>::new());
        assert_eq!(at("b\n"), vec![0]);
        assert_eq!(at("c\n"), vec![0, 1]);
        assert_eq!(at("d\n"), vec![2]);
        assert_eq!(at("e\n"), Vec::<usize>::new());
        assert_eq!(tree.branches[1].taken, Truth::True);
        assert_eq!(tree.blocks[1].none_taken, Truth::False);
        assert_eq!(tree.blocks[0].none_taken, Truth::False);
        assert_eq!(tree.describe(2), "!defined(X)");
    }

    #[test]
    fn a_block_without_else_may_take_no_branch() {
        let text = ".if defined(X)\nb\n.endif\n";
        let tree = Conditionals::of(&parse(text), Version::new(2, 6));
        assert_eq!(tree.blocks[0].none_taken, Truth::Unknown);
        assert_eq!(tree.describe_none(0), "!defined(X)");
    }
}
