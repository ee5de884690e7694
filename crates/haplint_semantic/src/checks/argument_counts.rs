//! More arguments than a sample fetch or converter takes at the target
//! version: HAProxy's argument parser stops after the last one it knows
//! and refuses the rest ("expected ')' before ',i)'"). `url_param` took
//! two arguments before 2.8 and three from then on; `aes_gcm_enc` took
//! four before 3.3 and five from then on. The maximum comes from the
//! keyword's documented signature for that version.

use haplint_keywords::Entry;
use haplint_syntax::TextRange;

use crate::diagnostic::{Rule, SemanticDiagnostic};
use crate::model::Statement;
use crate::sample::Step;

pub fn check(
    statement: &Statement,
    step: &Step<'_>,
    entry: &Entry,
    what: &str,
    range: TextRange,
) -> Option<SemanticDiagnostic> {
    let arguments = step.arguments?;
    // Quotes, escapes, variables and nested calls can hide or add commas.
    if arguments.contains(['$', '"', '\'', '\\', '(', ')']) || arguments.trim().is_empty() {
        return None;
    }
    let most = most_arguments(entry.signature)?;
    let given = arguments.split(',').count();
    if given <= most {
        return None;
    }
    let plural = if most == 1 { "argument" } else { "arguments" };
    Some(
        SemanticDiagnostic::error(
            Rule::InvalidValue,
            statement.file,
            range,
            format!(
                "{what} `{}` takes at most {most} {plural} here, not {given}",
                step.name
            ),
        )
        .with_help(format!(
            "its signature at this version: `{}`",
            entry.signature
        )),
    )
}

/// The most arguments a signature such as `url_param([<name>[,<delim>]])`
/// allows; `None` when it is not a plain list (no parentheses, repeated
/// or alternative arguments).
fn most_arguments(signature: &str) -> Option<usize> {
    let open = signature.find('(')?;
    let close = signature.rfind(')')?;
    let inner = signature.get(open + 1..close)?;
    if inner.contains("...") || inner.contains(['|', '{', '*', '(']) {
        return None;
    }
    // `now()`: the documentation does not always list optional
    // arguments of an empty signature, so nothing is concluded from it.
    if inner.trim().is_empty() {
        return None;
    }
    Some(inner.matches(',').count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures() {
        assert_eq!(most_arguments("url_param([<name>[,<delim>]])"), Some(2));
        assert_eq!(most_arguments("url_param([<name>[,<delim>[,i]]])"), Some(3));
        assert_eq!(
            most_arguments("aes_gcm_enc(<bits>,<nonce>,<key>,<aead_tag>)"),
            Some(4)
        );
        assert_eq!(most_arguments("base"), None);
        assert_eq!(most_arguments("concat([<start>],[<var>],[<end>])"), Some(3));
        assert_eq!(
            most_arguments("field(<index>,<delimiters>[,<count>])"),
            Some(3)
        );
        assert_eq!(most_arguments("x(<a>[,<b>...])"), None);
        assert_eq!(most_arguments("now()"), None);
    }
}
