//! `# ORACLE-ENV: A=1 LIST='a b' EMPTY=` lines are shell words: the case
//! runner passes them to `eval env -i ...`. Quotes group, blanks split;
//! nothing is expanded (no case needs it).

/// The words of `text`, quotes removed.
pub fn split(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quote = None;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(open), c) if c == open => quote = None,
            (Some('"'), '\\') => word.extend(chars.next()),
            (Some(_), c) => word.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                in_word = true;
            }
            (None, '\\') => {
                word.extend(chars.next());
                in_word = true;
            }
            (None, c) if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            (None, c) => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(word);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_assignments() {
        assert_eq!(
            split("FOO=bar EMPTY= LIST='a b  c' SPACED=\"x y\"  "),
            ["FOO=bar", "EMPTY=", "LIST=a b  c", "SPACED=x y"]
        );
        assert_eq!(split(""), Vec::<String>::new());
    }
}
