//! Which lines HAProxy of the target version reads: `.if` blocks whose
//! condition is known for that version (`version_atleast(2.5)`, `0`...) are
//! evaluated; conditions that depend on the build, or on the environment
//! when the user gave none, count as possibly true, so both branches are
//! checked. With an environment, `defined()`, `streq()`, `strneq()` and
//! `strstr()` are evaluated with it.

use haplint_keywords::Version;
use haplint_syntax::ast::{AstNode, Line};
use haplint_syntax::cond::Truth;
use haplint_syntax::{Parse, SyntaxElement, SyntaxKind, SyntaxNode, TextRange};

use crate::environment::Environment;

/// What conditions are evaluated against.
#[derive(Clone, Copy)]
pub(crate) struct Facts<'a> {
    pub target: Version,
    pub environment: Option<&'a Environment>,
}

impl Facts<'_> {
    pub(crate) fn version_only(target: Version) -> Self {
        Facts {
            target,
            environment: None,
        }
    }
}

struct Frame {
    /// OR of the conditions of the branches seen so far.
    earlier: Truth,
    live: bool,
    parent_live: bool,
}

/// The ranges of statement lines that HAProxy `target` skips.
pub fn inactive_lines(
    parse: &Parse,
    target: Version,
    environment: Option<&Environment>,
) -> Vec<TextRange> {
    let facts = Facts {
        target,
        environment,
    };
    let mut inactive = Vec::new();
    let mut frames: Vec<Frame> = Vec::new();
    for line in parse.tree().lines() {
        let live = frames.last().is_none_or(|frame| frame.live);
        let Line::Cond(cond) = &line else {
            if !live {
                inactive.push(line.syntax().text_range());
            }
            continue;
        };
        let keyword = cond
            .keyword()
            .map(|word| word.unquoted_value())
            .unwrap_or_default();
        // A `.if` in a skipped block, or an `.elif` after a branch that is
        // taken, is never evaluated by HAProxy.
        let evaluated = match keyword.as_str() {
            ".if" => live,
            ".elif" => frames
                .last()
                .is_none_or(|frame| frame.parent_live && frame.earlier != Truth::True),
            _ => frames.last().is_none_or(|frame| frame.parent_live),
        };
        if !evaluated {
            inactive.push(line.syntax().text_range());
        }
        let truth = cond
            .expr()
            .map_or(Truth::False, |expr| evaluate(expr.syntax(), facts));
        match keyword.as_str() {
            ".if" => frames.push(Frame {
                earlier: truth,
                live: live && truth != Truth::False,
                parent_live: live,
            }),
            ".elif" => {
                if let Some(frame) = frames.last_mut() {
                    let branch = frame.earlier.negate().both(truth);
                    frame.earlier = frame.earlier.either(truth);
                    frame.live = frame.parent_live && branch != Truth::False;
                }
            }
            ".else" => {
                if let Some(frame) = frames.last_mut() {
                    let branch = frame.earlier.negate();
                    frame.earlier = Truth::True;
                    frame.live = frame.parent_live && branch != Truth::False;
                }
            }
            ".endif" => {
                frames.pop();
            }
            _ => {}
        }
    }
    inactive
}

/// Whether `range` lies in one of the skipped lines of `inactive` (as
/// [`inactive_lines`] returns them: in file order, not overlapping). A
/// binary search: a file of many `.if` blocks has as many skipped lines as
/// lines, and a scan per line would make it quadratic.
pub fn is_skipped(inactive: &[TextRange], range: TextRange) -> bool {
    let after = inactive.partition_point(|skipped| skipped.start() <= range.start());
    after
        .checked_sub(1)
        .and_then(|index| inactive.get(index))
        .is_some_and(|skipped| skipped.contains_range(range))
}

/// The operands of an expression node: child nodes and integer tokens.
fn operands(node: &SyntaxNode) -> impl Iterator<Item = SyntaxElement> + use<> {
    node.children_with_tokens().filter(|element| match element {
        rowan::NodeOrToken::Node(_) => true,
        rowan::NodeOrToken::Token(token) => token.kind() == SyntaxKind::COND_INT,
    })
}

fn evaluate_element(element: &SyntaxElement, facts: Facts<'_>) -> Truth {
    match element {
        rowan::NodeOrToken::Token(token) => {
            if token
                .text()
                .trim_start_matches(['+', '-'])
                .trim_start_matches("0x")
                .trim_start_matches("0X")
                .chars()
                .all(|c| c == '0')
            {
                Truth::False
            } else {
                Truth::True
            }
        }
        rowan::NodeOrToken::Node(node) => evaluate(node, facts),
    }
}

pub(crate) fn evaluate(node: &SyntaxNode, facts: Facts<'_>) -> Truth {
    match node.kind() {
        SyntaxKind::COND_EXPR | SyntaxKind::COND_GROUP => operands(node)
            .next()
            .map_or(Truth::Unknown, |operand| evaluate_element(&operand, facts)),
        SyntaxKind::COND_NOT => operands(node).next().map_or(Truth::Unknown, |operand| {
            evaluate_element(&operand, facts).negate()
        }),
        SyntaxKind::COND_AND => operands(node).fold(Truth::True, |truth, operand| {
            truth.both(evaluate_element(&operand, facts))
        }),
        SyntaxKind::COND_OR => operands(node).fold(Truth::False, |truth, operand| {
            truth.either(evaluate_element(&operand, facts))
        }),
        SyntaxKind::COND_CALL => evaluate_call(node, facts),
        _ => Truth::Unknown,
    }
}

fn evaluate_call(node: &SyntaxNode, facts: Facts<'_>) -> Truth {
    let target = facts.target;
    let name = node
        .children_with_tokens()
        .filter_map(rowan::NodeOrToken::into_token)
        .find(|token| token.kind() == SyntaxKind::COND_IDENT)
        .map(|token| token.text().to_owned())
        .unwrap_or_default();
    let argument = node
        .descendants()
        .find(|child| child.kind() == SyntaxKind::COND_ARG)
        .map(|arg| {
            arg.text()
                .to_string()
                .trim()
                .trim_matches(['"', '\''])
                .to_owned()
        });
    let version = argument.as_deref().and_then(release_of);
    match (name.as_str(), version) {
        ("version_atleast", Some(needed)) => truth(target >= needed),
        ("version_before", Some(limit)) => truth(target < limit),
        _ => facts.environment.map_or(Truth::Unknown, |environment| {
            evaluate_with_environment(node, &name, environment)
        }),
    }
}

/// The predicates that read the environment, once HAProxy has expanded
/// the `"$VAR"` references of their arguments.
fn evaluate_with_environment(node: &SyntaxNode, name: &str, environment: &Environment) -> Truth {
    let arguments: Option<Vec<String>> = node
        .descendants()
        .filter(|child| child.kind() == SyntaxKind::COND_ARG)
        .map(|arg| crate::expand::expand_text(arg.text().to_string().trim(), environment))
        .collect();
    match (name, arguments.as_deref()) {
        ("defined", Some([variable])) => truth(environment.get(variable).is_some()),
        ("streq", Some([a, b])) => truth(a == b),
        ("strneq", Some([a, b])) => truth(a != b),
        ("strstr", Some([a, b])) => truth(a.contains(b.as_str())),
        _ => Truth::Unknown,
    }
}

fn truth(value: bool) -> Truth {
    if value { Truth::True } else { Truth::False }
}

/// The release line a version argument compares as. `3.1-dev8` comes before
/// 3.1.0, but no target line is a development snapshot of that line except
/// the development line itself, so it compares as 3.1; a patch level does not
/// change the line.
fn release_of(argument: &str) -> Option<Version> {
    Version::parse(argument)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inactive_texts(text: &str, target: Version) -> Vec<String> {
        let parse = haplint_syntax::parse(text);
        inactive_lines(&parse, target, None)
            .into_iter()
            .map(|range| text[range].to_owned())
            .collect()
    }

    #[test]
    fn version_predicates_follow_the_target() {
        let text = "global\n.if version_atleast(2.5)\n    new\n.else\n    old\n.endif\n.if version_before(3.0) && 1\n    before30\n.endif\n";
        assert_eq!(inactive_texts(text, Version::new(2, 6)), vec!["old"]);
        assert_eq!(inactive_texts(text, Version::new(2, 4)), vec!["new"]);
        assert_eq!(
            inactive_texts(text, Version::new(3, 2)),
            vec!["old", "before30"]
        );
    }

    #[test]
    fn environment_conditions_keep_both_branches() {
        let text = "global\n.if defined(X)\n    a\n.else\n    b\n.endif\n.if 0\n    c\n.elif !0\n    d\n.else\n    e\n.endif\n";
        assert_eq!(inactive_texts(text, Version::new(2, 6)), vec!["c", "e"]);
    }
}
