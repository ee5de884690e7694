//! Environment files: the `KEY=value` lines of systemd's `EnvironmentFile=`
//! and of `docker run --env-file`, in the subset both read the same way,
//! plus systemd's quoting (docker keeps quotes as part of the value; a
//! quoted value here is read as systemd reads it).
//!
//! - blank lines and lines starting with `#` or `;` are ignored;
//! - `export KEY=value` is read as `KEY=value` (files shared with shells);
//! - blanks around the key and before the value are dropped, and so are
//!   blanks at the end of an unquoted value;
//! - `'...'` keeps everything literally; in `"..."`, a backslash before
//!   `"`, `\`, `$` or `` ` `` stands for that character;
//! - a line without `=`, a key HAProxy cannot expand, an unterminated quote
//!   or text after the closing quote is an error naming the line. Values
//!   spanning several lines are not supported.

use crate::environment::{Environment, is_variable_name};

/// A line of an environment file that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvFileError {
    /// 1-based.
    pub line: usize,
    pub message: String,
}

/// The variables of an environment file, later lines winning.
pub fn parse_env_file(text: &str) -> Result<Environment, EnvFileError> {
    let mut environment = Environment::new();
    for (index, line) in text.split('\n').enumerate() {
        let fail = |message: String| EnvFileError {
            line: index + 1,
            message,
        };
        let line = line.strip_suffix('\r').unwrap_or(line);
        let line = line.trim_start_matches(is_blank);
        if line.is_empty() || line.starts_with(['#', ';']) {
            continue;
        }
        let line = line
            .strip_prefix("export")
            .filter(|rest| rest.starts_with(is_blank))
            .map_or(line, |rest| rest.trim_start_matches(is_blank));
        let Some((key, value)) = line.split_once('=') else {
            return Err(fail(format!("expected KEY=value, found `{line}`")));
        };
        let key = key.trim_end_matches(is_blank);
        if !is_variable_name(key) {
            return Err(fail(format!(
                "`{key}` is not a variable name HAProxy can expand: a letter or `_`, then letters, digits or `_`"
            )));
        }
        let value = parse_value(value.trim_start_matches(is_blank)).map_err(fail)?;
        environment.set(key, value);
    }
    Ok(environment)
}

fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t'
}

fn parse_value(text: &str) -> Result<String, String> {
    let (quote, body) = match text.chars().next() {
        Some(quote @ ('"' | '\'')) => (quote, &text[1..]),
        _ => return Ok(text.trim_end_matches(is_blank).to_owned()),
    };
    let mut value = String::new();
    let mut chars = body.char_indices();
    while let Some((at, c)) = chars.next() {
        if c == quote {
            let rest = &body[at + c.len_utf8()..];
            if !rest.trim_matches(is_blank).is_empty() {
                return Err(format!(
                    "unexpected `{rest}` after the closing quote of the value"
                ));
            }
            return Ok(value);
        }
        if c == '\\'
            && quote == '"'
            && let Some((_, escaped @ ('"' | '\\' | '$' | '`'))) = chars.clone().next()
        {
            chars.next();
            value.push(escaped);
            continue;
        }
        value.push(c);
    }
    Err(format!(
        "the value's opening {quote} has no closing quote on this line"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(text: &str) -> Vec<(String, String)> {
        parse_env_file(text)
            .map(|environment| {
                environment
                    .iter()
                    .map(|(name, value)| (name.to_owned(), value.to_owned()))
                    .collect()
            })
            .unwrap_or_default()
    }

    fn error(text: &str) -> Option<EnvFileError> {
        parse_env_file(text).err()
    }

    #[test]
    fn plain_lines_comments_and_blanks() {
        let text = "# comment\n\n; also a comment\nPORT=8080\r\n  HOST = 10.0.0.1  \nEMPTY=\nURL=http://x/?a=b#frag\n";
        assert_eq!(
            pairs(text),
            vec![
                ("EMPTY".to_owned(), String::new()),
                ("HOST".to_owned(), "10.0.0.1".to_owned()),
                ("PORT".to_owned(), "8080".to_owned()),
                ("URL".to_owned(), "http://x/?a=b#frag".to_owned()),
            ]
        );
    }

    #[test]
    fn export_prefix_and_later_lines_win() {
        assert_eq!(
            pairs("export A=1\nA=2\nexported=3\n"),
            vec![
                ("A".to_owned(), "2".to_owned()),
                ("exported".to_owned(), "3".to_owned()),
            ]
        );
    }

    #[test]
    fn quotes() {
        let text = "A=\"two  words \\\"q\\\" \\$X \\n\"\nB='lit \\\" $X'\nC=\"\"\nD=  \"x\"  \n";
        assert_eq!(
            pairs(text),
            vec![
                ("A".to_owned(), "two  words \"q\" $X \\n".to_owned()),
                ("B".to_owned(), "lit \\\" $X".to_owned()),
                ("C".to_owned(), String::new()),
                ("D".to_owned(), "x".to_owned()),
            ]
        );
    }

    #[test]
    fn malformed_lines_name_their_line() {
        let missing = error("A=1\njust words\n");
        assert_eq!(missing.as_ref().map(|error| error.line), Some(2));
        assert!(missing.is_some_and(|error| error.message.contains("KEY=value")));
        assert_eq!(error("1A=x").map(|error| error.line), Some(1));
        assert_eq!(error("A B=x").map(|error| error.line), Some(1));
        assert_eq!(error("\n\nA=\"open").map(|error| error.line), Some(3));
        assert_eq!(error("A='x' y").map(|error| error.line), Some(1));
        assert_eq!(error("=x").map(|error| error.line), Some(1));
    }
}
