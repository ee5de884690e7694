//! Sample expressions: `fetch(args),converter(args),...`, as written in ACLs,
//! rule arguments and `%[...]` blocks of log-format strings.

/// One step of an expression: its name and byte range within the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step<'a> {
    pub name: &'a str,
    pub start: usize,
    pub end: usize,
    /// The text between the parentheses, if any.
    pub arguments: Option<&'a str>,
}

/// Splits an expression into its fetch and converters. Arguments in
/// parentheses are skipped (quotes and nested parentheses respected).
pub fn steps(text: &str) -> Vec<Step<'_>> {
    let bytes = text.as_bytes();
    let mut steps = Vec::new();
    let mut position = 0;
    loop {
        let start = position;
        while position < bytes.len() && !matches!(bytes[position], b'(' | b',' | b' ' | b'\t') {
            position += 1;
        }
        let name_end = position;
        let mut arguments = None;
        if bytes.get(position) == Some(&b'(') {
            let open = position;
            position = skip_arguments(bytes, position);
            let close = if bytes.get(position - 1) == Some(&b')') {
                position - 1
            } else {
                position
            };
            arguments = Some(&text[open + 1..close.max(open + 1)]);
        }
        if name_end > start {
            steps.push(Step {
                name: &text[start..name_end],
                start,
                end: name_end,
                arguments,
            });
        }
        if bytes.get(position) == Some(&b',') {
            position += 1;
            continue;
        }
        return steps;
    }
}

/// From an opening parenthesis to just after its closing one.
fn skip_arguments(bytes: &[u8], open: usize) -> usize {
    let mut depth = 0;
    let mut quote = None;
    let mut position = open;
    while position < bytes.len() {
        let byte = bytes[position];
        match (quote, byte) {
            (Some(q), _) if byte == q => quote = None,
            (Some(_), b'\\') => position += 1,
            (None, b'"' | b'\'') => quote = Some(byte),
            (None, b'(') => depth += 1,
            (None, b')') => {
                depth -= 1;
                if depth == 0 {
                    return position + 1;
                }
            }
            _ => {}
        }
        position += 1;
    }
    bytes.len()
}

/// The `%[...]` blocks of a log-format string, as (start, end) of their content.
pub fn format_blocks(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut blocks = Vec::new();
    let mut position = 0;
    while let Some(offset) = text[position..].find("%[") {
        let start = position + offset + 2;
        let mut depth = 0;
        let mut end = None;
        for (index, byte) in bytes.iter().enumerate().skip(start) {
            match byte {
                b'(' => depth += 1,
                b')' => depth -= 1,
                b']' if depth <= 0 => {
                    end = Some(index);
                    break;
                }
                _ => {}
            }
        }
        let Some(end) = end else { break };
        blocks.push((start, end));
        position = end + 1;
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<&str> {
        steps(text).into_iter().map(|step| step.name).collect()
    }

    #[test]
    fn expressions() {
        assert_eq!(
            names("req.hdr(host),lower,map(/etc/x.map,\"a,b\")"),
            vec!["req.hdr", "lower", "map"]
        );
        assert_eq!(names("src"), vec!["src"]);
        assert_eq!(names("var(txn.x),add(1)"), vec!["var", "add"]);
        assert_eq!(
            steps("a,bc")[1],
            Step {
                name: "bc",
                start: 2,
                end: 4,
                arguments: None
            }
        );
        assert_eq!(steps("be_conn(app),add(1)")[0].arguments, Some("app"));
    }

    #[test]
    fn blocks() {
        let text = "x %[req.hdr(host),lower] y %[src]";
        let found: Vec<&str> = format_blocks(text)
            .into_iter()
            .map(|(start, end)| &text[start..end])
            .collect();
        assert_eq!(found, vec!["req.hdr(host),lower", "src"]);
        assert!(format_blocks("%[unterminated").is_empty());
    }
}
