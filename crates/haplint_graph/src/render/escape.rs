//! Escaping text for each output format: names and conditions come from
//! the configuration and may hold any character.

/// Text for XML and HTML content and attribute values (also the CLI's
/// Checkstyle and `JUnit` reports). `&#39;` rather than `&apos;`, which
/// HTML 4 does not know.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // XML 1.0 allows no control character but TAB, LF and CR.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Text inside a DOT double-quoted string; lines are joined with `\n`.
pub fn dot(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Text inside a Mermaid quoted label: Mermaid's entity codes stand for
/// the characters its parser or its HTML labels would read.
pub fn mermaid(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '|' => out.push_str("#124;"),
            '`' => out.push_str("#96;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_each_format_reads() {
        assert_eq!(xml("a<b&\"c'"), "a&lt;b&amp;&quot;c&#39;");
        assert_eq!(xml("t\tl\nc\r\u{1}"), "t\tl\nc\r\u{FFFD}");
        assert_eq!(dot(r#"a"b\c"#), r#"a\"b\\c"#);
        assert_eq!(mermaid("a|b\"#"), "a#124;b#quot;#35;");
    }
}
