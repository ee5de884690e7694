//! "Did you mean `X`?" made a fix: the model's diagnostics that name the
//! closest known keyword, value or name get an edit writing it in place
//! of the word they point at.
//!
//! Only plain words are replaced: a word with quotes, escapes, variables,
//! `%` formats or parentheses holds more than the name the suggestion is
//! about, and rewriting it whole would lose that. The replacement changes
//! what HAProxy reads on purpose, so the fix is unsafe.

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Edit, Span};
use crate::rule::{FixAvailability, fix_with};

/// The model's diagnostics whose help can say "did you mean"; their
/// entries in [`crate::model_fixes::MODEL_FIXES`] say how safe the fix is.
pub const SUGGESTING_RULES: [&str; 8] = [
    "unknown-keyword",
    "unknown-action",
    "unknown-fetch",
    "invalid-value",
    "undefined-backend",
    "undefined-defaults",
    "undefined-acl",
    "undefined-reference",
];

/// Adds the fix to each suggesting diagnostic whose word can take it.
pub fn attach(
    context: &LintContext<'_>,
    diagnostics: &mut [Diagnostic],
    availability: impl Fn(&str) -> FixAvailability,
) {
    for diagnostic in diagnostics.iter_mut() {
        if diagnostic.fix.is_some() || !SUGGESTING_RULES.contains(&diagnostic.rule) {
            continue;
        }
        let Some(suggestion) = diagnostic.help.as_deref().and_then(suggestion_in) else {
            continue;
        };
        let text = context.text(diagnostic.span.file);
        let Some(written) = text.get(diagnostic.span.start..diagnostic.span.end) else {
            continue;
        };
        let Some((offset, replacement)) = replacement_for(written, suggestion) else {
            continue;
        };
        let span = Span {
            file: diagnostic.span.file,
            start: diagnostic.span.start + offset,
            end: diagnostic.span.end,
        };
        diagnostic.fix = Some(fix_with(
            availability(diagnostic.rule),
            format!("Replace with `{suggestion}`"),
            vec![Edit {
                span,
                content: replacement,
            }],
        ));
    }
}

/// `X` of a help starting "did you mean `X`?".
pub fn suggestion_in(help: &str) -> Option<&str> {
    let rest = help.strip_prefix("did you mean `")?;
    let (suggestion, _) = rest.split_once("`?")?;
    (!suggestion.is_empty()).then_some(suggestion)
}

/// Characters that make a word more than a name: quotes, escapes,
/// variables, comments, log-format and sample-expression syntax.
fn is_plain(word: &str) -> bool {
    !word.is_empty()
        && !word.chars().any(|c| {
            c.is_whitespace()
                || matches!(
                    c,
                    '"' | '\'' | '\\' | '$' | '#' | '%' | '(' | ')' | '{' | '}' | ',' | '`'
                )
        })
}

/// What to write over `written` (from byte `offset` on) to say
/// `suggestion`: word for word, keeping the spaces between the words and
/// a leading `!` (a negated ACL stays negated). None unless every word is
/// plain and the counts of words agree.
pub fn replacement_for(written: &str, suggestion: &str) -> Option<(usize, String)> {
    let offset = usize::from(written.starts_with('!') && !suggestion.starts_with('!'));
    let written = &written[offset..];
    let wanted: Vec<&str> = suggestion.split(' ').collect();
    let mut words = Vec::new();
    let mut separators = Vec::new();
    let mut rest = written;
    while !rest.is_empty() {
        let end = rest.find([' ', '\t']).unwrap_or(rest.len());
        words.push(&rest[..end]);
        let after = &rest[end..];
        let gap = after.len() - after.trim_start_matches([' ', '\t']).len();
        separators.push(&after[..gap]);
        rest = &after[gap..];
    }
    if words.len() != wanted.len()
        || !words.iter().chain(&wanted).all(|word| is_plain(word))
        || words == wanted
    {
        return None;
    }
    let mut replacement = String::new();
    for (word, separator) in wanted.iter().zip(&separators) {
        replacement.push_str(word);
        replacement.push_str(separator);
    }
    Some((offset, replacement))
}

#[cfg(test)]
mod tests {
    use super::{replacement_for, suggestion_in};

    #[test]
    fn the_suggestion_is_read_from_the_help() {
        assert_eq!(suggestion_in("did you mean `be_api`?"), Some("be_api"));
        assert_eq!(
            suggestion_in("did you mean `http`? it accepts `tcp`, `http`"),
            Some("http")
        );
        assert_eq!(suggestion_in("declare it with `acl`"), None);
    }

    #[test]
    fn words_are_replaced_one_for_one() {
        assert_eq!(
            replacement_for("option  htplog", "option httplog"),
            Some((0, "option  httplog".to_owned()))
        );
        assert_eq!(
            replacement_for("!is_apii", "is_api"),
            Some((1, "is_api".to_owned()))
        );
        assert_eq!(replacement_for("\"be_apii\"", "be_api"), None);
        assert_eq!(replacement_for("hdrr(host)", "hdr"), None);
        assert_eq!(replacement_for("option htplog", "httplog"), None);
    }
}
