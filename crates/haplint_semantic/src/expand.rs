//! The words HAProxy makes of a line once `"${VAR}"` references are
//! replaced by their values from a known [`Environment`], the way its
//! `parse_line()` does it. Three behaviours, checked against the binaries
//! of each version (`server s "$X" weight 300`, `"${X[*]}"`, `"a$X" b`):
//!
//! - before 2.8: an unset variable is replaced by nothing, so `"$X"` is an
//!   empty word;
//! - 2.8 to 3.2: an unset variable right before the closing quote also
//!   swallows that quote and the blanks after it, so `"$X" weight` is the
//!   one word `weight` (fix of HAProxy issue #2367, reverted in 3.3);
//! - 3.3 and later: an unset variable is an empty word again, but
//!   `"${X[*]}"` that expands to nothing makes no word at all.
//!
//! Everywhere, `${X[*]}` splits its value at blanks into several words and
//! `${X-default}` stands for `default` when X is unset (not when empty).
//! `$.LINE`, `$.FILE` and `$.SECTION` are left unevaluated.

use haplint_keywords::Version;
use haplint_syntax::SyntaxKind::{DQUOTE, ESCAPE, SQ_STRING, VAR_REF};
use haplint_syntax::ast::{self, AstNode};
use haplint_syntax::variable::variable_parts;
use haplint_syntax::{SyntaxKind, TextRange, escape_value};

use crate::environment::Environment;
use crate::model::Word;

/// How a version's `parse_line()` treats unset and empty variables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    Classic,
    SwallowQuote,
    CountedWords,
}

impl Dialect {
    pub(crate) fn of(target: Version) -> Self {
        if target < Version::new(2, 8) {
            Self::Classic
        } else if target < Version::new(3, 3) {
            Self::SwallowQuote
        } else {
            Self::CountedWords
        }
    }

    /// 3.3 and later refuse a line with an empty word and skip it; older
    /// versions read the line up to that word.
    pub(crate) fn refuses_empty_words(self) -> bool {
        self == Self::CountedWords
    }
}

/// A word being built.
struct Building {
    bytes: Vec<u8>,
    range: TextRange,
    from_environment: bool,
    unknown: bool,
}

impl Building {
    fn new(range: TextRange) -> Self {
        Self {
            bytes: Vec::new(),
            range,
            from_environment: false,
            unknown: false,
        }
    }

    fn finish(self) -> Word {
        // An `\x00` ends the C string HAProxy builds.
        let end = self
            .bytes
            .iter()
            .position(|byte| *byte == 0)
            .unwrap_or(self.bytes.len());
        Word {
            value: String::from_utf8_lossy(&self.bytes[..end]).into_owned(),
            range: self.range,
            has_variables: self.unknown,
            from_environment: self.from_environment,
        }
    }
}

/// The words of one line, expanded with `environment`.
pub(crate) fn expand_words(
    words: impl Iterator<Item = ast::Word>,
    environment: &Environment,
    dialect: Dialect,
) -> Vec<Word> {
    let mut out = Vec::new();
    let mut current: Option<Building> = None;
    let mut glue = false;
    for word in words {
        let range = word.syntax().text_range();
        if glue {
            if let Some(building) = current.as_mut() {
                building.range = building.range.cover(range);
            }
            glue = false;
        } else if dialect != Dialect::CountedWords {
            current = Some(Building::new(range));
        }
        let pieces: Vec<(SyntaxKind, String)> = word
            .pieces()
            .map(|token| (token.kind(), token.text().to_owned()))
            .collect();
        let mut in_quotes = false;
        // 3.3+: a pair of quotes makes a word even when nothing is in it,
        // unless a `[*]` expansion was inside.
        let mut quotes_make_word = false;
        let mut index = 0;
        while let Some((kind, text)) = pieces.get(index) {
            index += 1;
            match *kind {
                DQUOTE => {
                    if in_quotes && quotes_make_word {
                        start(&mut current, range);
                    }
                    quotes_make_word = !in_quotes;
                    in_quotes = !in_quotes;
                }
                SQ_STRING => {
                    let inner = text.strip_prefix('\'').unwrap_or(text);
                    let inner = inner.strip_suffix('\'').unwrap_or(inner);
                    start(&mut current, range).bytes.extend(inner.as_bytes());
                }
                ESCAPE => {
                    let building = start(&mut current, range);
                    building.bytes.extend(escape_value(text));
                }
                VAR_REF => {
                    let Some(parts) = variable_parts(text) else {
                        start(&mut current, range).bytes.extend(text.as_bytes());
                        continue;
                    };
                    let Ok(found) = environment
                        .lookup(parts.name)
                        .map(|found| found.or(parts.default))
                    else {
                        // `$.LINE`, `${HAPROXY_LOCALPEER}`: HAProxy's own.
                        let building = start(&mut current, range);
                        building.bytes.extend(text.as_bytes());
                        building.unknown = true;
                        continue;
                    };
                    if parts.name.starts_with('.') {
                        let building = start(&mut current, range);
                        building.bytes.extend(text.as_bytes());
                        building.unknown = true;
                        continue;
                    }
                    if parts.word_expansion {
                        quotes_make_word = false;
                    }
                    match found {
                        Some(value) if parts.word_expansion => {
                            split_into(&mut out, &mut current, value, range, dialect);
                        }
                        Some(value) => {
                            let building = start(&mut current, range);
                            building.bytes.extend(value.as_bytes());
                            building.from_environment = true;
                        }
                        None => match dialect {
                            Dialect::Classic => start(&mut current, range).from_environment = true,
                            Dialect::SwallowQuote => {
                                start(&mut current, range).from_environment = true;
                                if in_quotes && pieces.get(index).is_some_and(|(k, _)| *k == DQUOTE)
                                {
                                    index += 1;
                                    in_quotes = false;
                                    glue = index == pieces.len();
                                }
                            }
                            Dialect::CountedWords if !parts.word_expansion => {
                                start(&mut current, range).from_environment = true;
                            }
                            Dialect::CountedWords => {}
                        },
                    }
                }
                _ => start(&mut current, range).bytes.extend(text.as_bytes()),
            }
        }
        if !glue && let Some(building) = current.take() {
            out.push(building.finish());
        }
    }
    if let Some(building) = current {
        out.push(building.finish());
    }
    out
}

/// The word being built, started at `range` if there is none.
fn start(current: &mut Option<Building>, range: TextRange) -> &mut Building {
    current.get_or_insert_with(|| Building::new(range))
}

/// `${X[*]}`: the value's blanks end the current word and start another.
fn split_into(
    out: &mut Vec<Word>,
    current: &mut Option<Building>,
    value: &str,
    range: TextRange,
    dialect: Dialect,
) {
    let mut rest = value;
    while !rest.is_empty() {
        let blank = rest.find(is_c_space).unwrap_or(rest.len());
        if blank > 0 {
            let building = start(current, range);
            building.bytes.extend(&rest.as_bytes()[..blank]);
            building.from_environment = true;
        }
        rest = &rest[blank..];
        let after = rest.trim_start_matches(is_c_space);
        if after.len() == rest.len() {
            break;
        }
        rest = after;
        // Before 3.3 the blank ends the word even when it is empty.
        if let Some(mut building) = current.take() {
            building.from_environment = true;
            out.push(building.finish());
        }
        if dialect != Dialect::CountedWords {
            *current = Some(Building::new(range));
            if let Some(building) = current.as_mut() {
                building.from_environment = true;
            }
        }
    }
    if let Some(building) = current.as_mut() {
        building.from_environment = true;
    }
}

/// The value of one word written as `text` (a predicate's argument of an
/// `.if` line), variables evaluated; `None` when a pseudo-variable makes
/// it unknown.
pub(crate) fn expand_text(text: &str, environment: &Environment) -> Option<String> {
    let mut bytes = Vec::new();
    for token in haplint_syntax::lexer::tokenize(text) {
        let piece = token.text(text);
        match token.kind {
            DQUOTE => {}
            SQ_STRING => {
                let inner = piece.strip_prefix('\'').unwrap_or(piece);
                bytes.extend(inner.strip_suffix('\'').unwrap_or(inner).as_bytes());
            }
            ESCAPE => bytes.extend(escape_value(piece)),
            VAR_REF => {
                let parts = variable_parts(piece)?;
                if parts.name.starts_with('.') {
                    return None;
                }
                let value = environment.lookup(parts.name).ok()?.or(parts.default);
                bytes.extend(value.unwrap_or_default().as_bytes());
            }
            _ => bytes.extend(piece.as_bytes()),
        }
    }
    let end = bytes
        .iter()
        .position(|byte| *byte == 0)
        .unwrap_or(bytes.len());
    Some(String::from_utf8_lossy(&bytes[..end]).into_owned())
}

/// What an address becomes once HAProxy's `str2sa_range()` has replaced
/// every `$NAME` and `${NAME}` in it, quoted or not (`bind :${PORT}`): an
/// unset name, or a `$` without a name, stands for nothing. `None` when a
/// name HAProxy sets itself makes it unknown.
pub fn expand_address(address: &str, environment: &Environment) -> Option<String> {
    let mut out = String::with_capacity(address.len());
    let mut rest = address;
    while let Some(dollar) = rest.find('$') {
        out.push_str(&rest[..dollar]);
        let after = &rest[dollar + 1..];
        let braced = after.starts_with('{');
        let name_start = usize::from(braced);
        let name_len = after[name_start..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len() - name_start);
        let name = &after[name_start..name_start + name_len];
        out.push_str(environment.lookup(name).ok()?.unwrap_or_default());
        let mut consumed = name_start + name_len;
        if braced && after[consumed..].starts_with('}') {
            consumed += 1;
        }
        rest = &after[consumed..];
    }
    out.push_str(rest);
    Some(out)
}

/// C's `isspace()`.
fn is_c_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\x0b' | '\x0c' | '\r')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(line: &str, environment: &[(&str, &str)], target: Version) -> Vec<String> {
        let parse = haplint_syntax::parse(&format!("{line}\n"));
        let directive = parse
            .tree()
            .preamble()
            .find_map(|line| match line {
                ast::Line::Directive(directive) => Some(directive),
                _ => None,
            })
            .map(|directive| directive.words().collect::<Vec<_>>())
            .unwrap_or_default();
        let environment: Environment = environment.iter().copied().collect();
        expand_words(directive.into_iter(), &environment, Dialect::of(target))
            .into_iter()
            .map(|word| word.value)
            .collect()
    }

    const V26: Version = Version::new(2, 6);
    const V32: Version = Version::new(3, 2);
    const V34: Version = Version::new(3, 4);

    #[test]
    fn set_variables_and_defaults() {
        for target in [V26, V32, V34] {
            assert_eq!(
                values(
                    r#"bind ":${PORT}" "$H:1" "${U-d e}" ':$PORT' x${PORT}"#,
                    &[("PORT", "80"), ("H", "h")],
                    target
                ),
                ["bind", ":80", "h:1", "d e", ":$PORT", "x${PORT}"]
            );
            // A default is for unset variables, not for empty ones.
            assert_eq!(values(r#"a "${E-d}""#, &[("E", "")], target), ["a", ""]);
        }
    }

    #[test]
    fn word_expansion_splits_at_blanks() {
        for target in [V26, V32, V34] {
            assert_eq!(
                values(
                    r#"server s "${OPTS[*]}" weight 3"#,
                    &[("OPTS", "check  inter 1s")],
                    target
                ),
                ["server", "s", "check", "inter", "1s", "weight", "3"]
            );
        }
    }

    #[test]
    fn unset_variables_by_version() {
        let line = r#"server s a "$X" weight 300"#;
        assert_eq!(
            values(line, &[], V26),
            ["server", "s", "a", "", "weight", "300"]
        );
        assert_eq!(
            values(line, &[], V32),
            ["server", "s", "a", "weight", "300"]
        );
        assert_eq!(
            values(line, &[], V34),
            ["server", "s", "a", "", "weight", "300"]
        );
        let glued = r#"server s a "wei$X" ght 300"#;
        assert_eq!(
            values(glued, &[], V26),
            ["server", "s", "a", "wei", "ght", "300"]
        );
        assert_eq!(
            values(glued, &[], V32),
            ["server", "s", "a", "weight", "300"]
        );
        assert_eq!(
            values(glued, &[], V34),
            ["server", "s", "a", "wei", "ght", "300"]
        );
    }

    #[test]
    fn empty_word_expansions_by_version() {
        let line = r#"server s a "${X[*]}" weight 300"#;
        let empty = [("X", "")];
        assert_eq!(
            values(line, &[], V26),
            ["server", "s", "a", "", "weight", "300"]
        );
        assert_eq!(
            values(line, &[], V32),
            ["server", "s", "a", "weight", "300"]
        );
        assert_eq!(
            values(line, &[], V34),
            ["server", "s", "a", "weight", "300"]
        );
        assert_eq!(
            values(line, &empty, V26),
            ["server", "s", "a", "", "weight", "300"]
        );
        assert_eq!(
            values(line, &empty, V32),
            ["server", "s", "a", "", "weight", "300"]
        );
        assert_eq!(
            values(line, &empty, V34),
            ["server", "s", "a", "weight", "300"]
        );
    }

    #[test]
    fn addresses_expand_like_str2sa_range() {
        let environment: Environment = [("PORT", "8080"), ("H", "10.0.0.1")].into_iter().collect();
        assert_eq!(
            expand_address(":${PORT}", &environment).as_deref(),
            Some(":8080")
        );
        assert_eq!(
            expand_address("$H:$PORT", &environment).as_deref(),
            Some("10.0.0.1:8080")
        );
        assert_eq!(
            expand_address("${NOPE}:80", &environment).as_deref(),
            Some(":80")
        );
        assert_eq!(expand_address("a$-b", &environment).as_deref(), Some("a-b"));
        assert_eq!(
            expand_address("${H", &environment).as_deref(),
            Some("10.0.0.1")
        );
        assert_eq!(expand_address("${HAPROXY_LOCALPEER}:1", &environment), None);
    }

    #[test]
    fn predicate_arguments() {
        let environment: Environment = [("A", "foo")].into_iter().collect();
        assert_eq!(expand_text("\"$A\"", &environment).as_deref(), Some("foo"));
        assert_eq!(
            expand_text("\"${B-x}\"", &environment).as_deref(),
            Some("x")
        );
        assert_eq!(expand_text("'$A'", &environment).as_deref(), Some("$A"));
        assert_eq!(expand_text("$A", &environment).as_deref(), Some("$A"));
        assert_eq!(expand_text("\"$.LINE\"", &environment), None);
        assert_eq!(expand_text("\"$HAPROXY_LOCALPEER\"", &environment), None);
    }

    #[test]
    fn pseudo_variables_stay_unknown() {
        let parse = haplint_syntax::parse("a \"$.LINE\" \"${HAPROXY_LOCALPEER}\"\n");
        let words = parse
            .tree()
            .preamble()
            .find_map(|line| match line {
                ast::Line::Directive(directive) => Some(directive.words().collect::<Vec<_>>()),
                _ => None,
            })
            .unwrap_or_default();
        let expanded = expand_words(words.into_iter(), &Environment::new(), Dialect::of(V32));
        assert_eq!(expanded.len(), 3);
        assert!(!expanded[0].has_variables);
        assert!(expanded[1].has_variables);
        assert!(expanded[2].has_variables);
    }
}
