//! `.if` predicates that the target version does not know: HAProxy stops
//! with "unparsable conditional expression".

use haplint_keywords::Version;
use haplint_syntax::ast::{AstNode, Line};
use haplint_syntax::cond::find_predicate;
use haplint_syntax::{SyntaxKind, TextRange};

use crate::FileId;
use crate::diagnostic::{Rule, SemanticDiagnostic};
use crate::document::ConfigSet;

pub fn check(
    set: &ConfigSet,
    inactive: &[Vec<TextRange>],
    version: Version,
    out: &mut Vec<SemanticDiagnostic>,
) {
    for document in &set.documents {
        let skipped = inactive
            .get(document.id.0 as usize)
            .map_or(&[][..], Vec::as_slice);
        for line in document.parse.tree().lines() {
            let Line::Cond(cond) = line else { continue };
            if crate::conditions::is_skipped(skipped, cond.range()) {
                continue;
            }
            if version < Version::new(2, 4) {
                out.push(
                    SemanticDiagnostic::error(
                        Rule::UnknownPredicate,
                        document.id,
                        cond.keyword().map_or(cond.range(), |word| word.range()),
                        format!(
                            "conditional blocks need HAProxy 2.4 or later (the target is {version})"
                        ),
                    )
                    .with_help("HAProxy before 2.4 reads `.if` as an unknown keyword"),
                );
                continue;
            }
            let Some(expr) = cond.expr() else { continue };
            let single_term = expr
                .syntax()
                .children()
                .next()
                .is_none_or(|term| term.kind() == SyntaxKind::COND_CALL);
            if version < Version::new(2, 5) && !single_term {
                out.push(SemanticDiagnostic::error(
                    Rule::UnknownPredicate,
                    document.id,
                    expr.range(),
                    format!("HAProxy {version} accepts a single term after `.if`: operators and parentheses need 2.5"),
                ));
            }
            for call in expr.calls() {
                check_call(document.id, &call, version, out);
            }
        }
    }
}

fn check_call(
    file: FileId,
    call: &haplint_syntax::SyntaxNode,
    version: Version,
    out: &mut Vec<SemanticDiagnostic>,
) {
    let Some(name) = call
        .children_with_tokens()
        .filter_map(rowan::NodeOrToken::into_token)
        .find(|token| token.kind() == SyntaxKind::COND_IDENT)
    else {
        return;
    };
    let Some(predicate) = find_predicate(name.text()) else {
        return;
    };
    let Some(since) = Version::parse(predicate.since) else {
        return;
    };
    if since > version {
        out.push(SemanticDiagnostic::error(
            Rule::UnknownPredicate,
            file,
            name.text_range(),
            format!(
                "predicate `{}` needs HAProxy {since} or later (the target is {version})",
                predicate.name
            ),
        ));
    }
}
