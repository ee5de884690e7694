//! The value HAProxy builds from the pieces of a word: quotes removed and
//! escapes resolved. Variable references are kept as written, since their
//! value depends on the environment HAProxy runs in.

use crate::SyntaxKind;

/// Joins the pieces of one word into the value HAProxy would see.
pub fn unquote<'a>(pieces: impl IntoIterator<Item = (SyntaxKind, &'a str)>) -> String {
    let mut bytes = Vec::new();
    for (kind, text) in pieces {
        match kind {
            SyntaxKind::DQUOTE => {}
            SyntaxKind::SQ_STRING => {
                let inner = text.strip_prefix('\'').unwrap_or(text);
                bytes.extend_from_slice(inner.strip_suffix('\'').unwrap_or(inner).as_bytes());
            }
            SyntaxKind::ESCAPE => {
                let Some(byte) = escape_value(text) else {
                    continue;
                };
                if byte == 0 {
                    // `\x00` ends the C string HAProxy builds.
                    break;
                }
                bytes.push(byte);
            }
            _ => bytes.extend_from_slice(text.as_bytes()),
        }
    }
    match String::from_utf8(bytes) {
        Ok(value) => value,
        Err(error) => String::from_utf8_lossy(error.as_bytes()).into_owned(),
    }
}

/// The byte an escape sequence stands for.
pub fn escape_value(escape: &str) -> Option<u8> {
    let bytes = escape.as_bytes();
    match bytes {
        [b'\\', b'x', high, low] => {
            let hex = [*high, *low];
            u8::from_str_radix(std::str::from_utf8(&hex).ok()?, 16).ok()
        }
        [b'\\', b't'] => Some(b'\t'),
        [b'\\', b'n'] => Some(b'\n'),
        [b'\\', b'r'] => Some(b'\r'),
        [b'\\', other] => Some(*other),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexer::tokenize;

    fn value(word: &str) -> String {
        let tokens = tokenize(word);
        unquote(tokens.iter().map(|token| (token.kind, token.text(word))))
    }

    #[test]
    fn pieces_are_glued() {
        assert_eq!(value(r#"con"cat"'en'ated"#), "concatenated");
        assert_eq!(value(r"back\ slash"), "back slash");
        assert_eq!(
            value(r#""tab[\t] hex[\x41\x7e] bs[\\] dq[\"] sq[\'] hash[\#] dollar[\$FOO]""#),
            "tab[\t] hex[A~] bs[\\] dq[\"] sq['] hash[#] dollar[$FOO]"
        );
        assert_eq!(value(r"unknown\q-kept"), r"unknown\q-kept");
        assert_eq!(value(r"u[\$]"), r"u[\$]");
        assert_eq!(value(r#""\x41\x00B""#), "A");
        assert_eq!(value("'in single: \\x41 $FOO'"), "in single: \\x41 $FOO");
        assert_eq!(value(r#""$FOO${BAR}""#), "$FOO${BAR}");
        assert_eq!(value("\"\""), "");
    }
}
