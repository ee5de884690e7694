//! Timeouts set only in some branches of environment-dependent `.if`
//! blocks: the model keeps every such branch, so a timeout set in one of
//! them looks always set, while HAProxy started without that environment
//! has none. Each combination of the branches that matter is tried.

use haplint_keywords::SectionKind;
use haplint_semantic::{Conditionals, FileId, Prefix, Section};
use haplint_syntax::TextSize;
use haplint_syntax::cond::Truth;

use crate::context::LintContext;

/// Above this many `.if` branches in a file, or this many combinations for
/// one proxy, the branches are not combined (the cost would grow with the
/// product of the blocks); the proxy is checked as the model sees it.
const MAX_BRANCHES: usize = 256;
const MAX_COMBINATIONS: usize = 64;

/// The `.if` blocks of every file of the set, and the branches around each
/// section header, read once per check (proxies share their candidates).
pub struct FileBranches {
    trees: Vec<Conditionals>,
    headers: Vec<Vec<usize>>,
}

impl FileBranches {
    pub fn of(context: &LintContext<'_>) -> Self {
        let trees: Vec<Conditionals> = context
            .set
            .documents
            .iter()
            .map(|document| Conditionals::of(&document.parse, context.target))
            .collect();
        let headers = context
            .model()
            .sections
            .iter()
            .map(|section| {
                usize::try_from(section.file.0)
                    .ok()
                    .and_then(|file| trees.get(file))
                    .map_or_else(Vec::new, |tree| tree.stack_at(section.header_range.start()))
            })
            .collect();
        Self { trees, headers }
    }

    fn tree(&self, file: FileId) -> Option<&Conditionals> {
        self.trees.get(usize::try_from(file.0).ok()?)
    }
}

/// More blocks than this give more than [`MAX_COMBINATIONS`] combinations.
const MAX_BLOCKS: usize = MAX_COMBINATIONS.ilog2() as usize;

/// A combination of branches under which some timeouts are missing.
pub struct Gap {
    pub missing: Vec<&'static str>,
    /// `defined(X)` is false, and the like.
    pub when: String,
    /// The section that would give the proxy the timeouts then.
    pub host: usize,
}

/// A block some relevant line sits in, and the choices it can make.
struct Choices {
    file: FileId,
    block: usize,
    /// Branch indices, `None` for "no branch taken".
    options: Vec<Option<usize>>,
}

/// The first combination of branches (in file order) in which proxy `index`
/// exists but lacks some of `needed`.
pub fn first_gap(
    context: &LintContext<'_>,
    branches: &FileBranches,
    index: usize,
    needed: &[&'static str],
) -> Option<Gap> {
    let model = context.model();
    let proxy = model.sections.get(index)?;
    let candidates: Vec<usize> = model.sections[..index]
        .iter()
        .enumerate()
        .filter(|(_, section)| section.kind == SectionKind::Defaults)
        .map(|(position, _)| position)
        .chain(std::iter::once(index))
        .collect();
    let choices = relevant_blocks(context, branches, &candidates, needed)?;
    if choices.is_empty() {
        return None;
    }
    let total = choices.iter().try_fold(1_usize, |product, choice| {
        product.checked_mul(choice.options.len())
    })?;
    if total > MAX_COMBINATIONS {
        return None;
    }
    for number in 0..total {
        let picked = pick(&choices, number);
        let active = |file: FileId, offset: TextSize| {
            branches.tree(file).is_none_or(|tree| {
                tree.stack_at(offset).iter().all(|branch| {
                    let block = tree.branches[*branch].block;
                    picked
                        .iter()
                        .find(|(choice, _)| choice.file == file && choice.block == block)
                        .is_none_or(|(_, chosen)| *chosen == Some(*branch))
                })
            })
        };
        if !active(proxy.file, proxy.header_range.start()) {
            continue;
        }
        let chain = chain_of(context, index, &|section: &Section| {
            active(section.file, section.header_range.start())
        });
        let missing: Vec<&'static str> = needed
            .iter()
            .copied()
            .filter(|timeout| !is_set(context, &chain, timeout, &active))
            .collect();
        if !missing.is_empty() {
            return Some(Gap {
                missing,
                when: describe(branches, &picked),
                host: chain.first().copied().unwrap_or(index),
            });
        }
    }
    None
}

/// The blocks around the headers of `candidates` and around their timeout
/// lines; `None` when a file has too many branches to combine.
fn relevant_blocks(
    context: &LintContext<'_>,
    branches: &FileBranches,
    candidates: &[usize],
    needed: &[&'static str],
) -> Option<Vec<Choices>> {
    let model = context.model();
    let mut choices: Vec<Choices> = Vec::new();
    for &position in candidates {
        let section = &model.sections[position];
        let Some(tree) = branches.tree(section.file) else {
            continue;
        };
        if tree.branches.is_empty() {
            continue;
        }
        if tree.branches.len() > MAX_BRANCHES {
            return None;
        }
        let header = branches.headers.get(position).cloned().unwrap_or_default();
        let lines = section
            .statements
            .iter()
            .filter(|statement| timeout_of(statement).is_some_and(|t| needed.contains(&t)))
            .map(|statement| tree.stack_at(statement.range.start()));
        for stack in std::iter::once(header).chain(lines) {
            for branch in stack {
                let block = tree.branches[branch].block;
                if choices
                    .iter()
                    .any(|choice| choice.file == section.file && choice.block == block)
                {
                    continue;
                }
                let options = options_of(tree, block);
                // A block whose branch is known for the target is no choice.
                if options.len() > 1 {
                    choices.push(Choices {
                        file: section.file,
                        block,
                        options,
                    });
                    if choices.len() > MAX_BLOCKS {
                        return None;
                    }
                }
            }
        }
    }
    Some(choices)
}

/// The branches of `block` that HAProxy may take, and "none" if it may
/// take none.
fn options_of(tree: &Conditionals, block: usize) -> Vec<Option<usize>> {
    let Some(this) = tree.blocks.get(block) else {
        return Vec::new();
    };
    let mut options: Vec<Option<usize>> = this
        .branches
        .iter()
        .filter(|branch| tree.branches[**branch].taken != Truth::False)
        .map(|branch| Some(*branch))
        .collect();
    if this.none_taken != Truth::False {
        options.push(None);
    }
    options
}

/// Combination `number`, counting in mixed radix over the blocks.
fn pick(choices: &[Choices], mut number: usize) -> Vec<(&Choices, Option<usize>)> {
    choices
        .iter()
        .map(|choice| {
            let count = choice.options.len().max(1);
            let option = choice.options.get(number % count).copied().flatten();
            number /= count;
            (choice, option)
        })
        .collect()
}

/// The defaults chain of proxy `index` among the sections `active` keeps,
/// oldest first, then the proxy: the same resolution as the model's, on
/// the sections of one combination only.
fn chain_of(
    context: &LintContext<'_>,
    index: usize,
    active: &dyn Fn(&Section) -> bool,
) -> Vec<usize> {
    let model = context.model();
    let mut chain = vec![index];
    let mut current = index;
    while let Some(parent) = parent_of(model, current, active) {
        if chain.contains(&parent) {
            break;
        }
        chain.push(parent);
        current = parent;
    }
    chain.reverse();
    chain
}

fn parent_of(
    model: &haplint_semantic::Model,
    index: usize,
    active: &dyn Fn(&Section) -> bool,
) -> Option<usize> {
    let section = model.sections.get(index)?;
    let earlier = model.sections[..index]
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, other)| other.kind == SectionKind::Defaults && active(other));
    match &section.from {
        Some(from) => earlier
            .filter(|(_, other)| other.name_text() == Some(from.value.as_str()))
            .map(|(position, _)| position)
            .next(),
        None if section.kind == SectionKind::Defaults => None,
        None => earlier.map(|(position, _)| position).next(),
    }
}

fn timeout_of(statement: &haplint_semantic::Statement) -> Option<&'static str> {
    statement
        .keyword
        .map(|entry| entry.keyword)
        .filter(|keyword| keyword.starts_with("timeout "))
}

/// Whether `timeout` is set at the end of `chain`: the last active line
/// wins, and `no timeout x` clears it.
fn is_set(
    context: &LintContext<'_>,
    chain: &[usize],
    timeout: &str,
    active: &dyn Fn(FileId, TextSize) -> bool,
) -> bool {
    let mut set = false;
    for &position in chain {
        for statement in &context.model().sections[position].statements {
            if timeout_of(statement) == Some(timeout)
                && active(statement.file, statement.range.start())
            {
                set = statement.prefix != Some(Prefix::No);
            }
        }
    }
    set
}

/// "`defined(X)` is false and `defined(Y)` is true".
fn describe(branches: &FileBranches, picked: &[(&Choices, Option<usize>)]) -> String {
    let mut parts = Vec::new();
    for (choice, chosen) in picked {
        let Some(tree) = branches.tree(choice.file) else {
            continue;
        };
        let Some(block) = tree.blocks.get(choice.block) else {
            continue;
        };
        for &branch in &block.branches {
            let condition = &tree.branches[branch].condition;
            if Some(branch) == *chosen {
                if !condition.is_empty() {
                    parts.push(format!("`{condition}` is true"));
                }
                break;
            }
            parts.push(format!("`{condition}` is false"));
        }
    }
    parts.join(" and ")
}
