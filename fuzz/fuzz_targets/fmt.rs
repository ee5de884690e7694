//! `haplint fmt` on arbitrary text: never panics, keeps each line's words
//! and comment (what HAProxy reads), and formatting twice changes nothing.
#![no_main]

use haplint_fmt::{FormatOptions, IndentStyle, LineEnding, format};
use haplint_syntax::SyntaxKind;
use haplint_syntax::lexer::tokenize;
use libfuzzer_sys::fuzz_target;

/// Words and comment of each line that has any, in order.
fn meaning(text: &str) -> Vec<(Vec<String>, Option<String>, bool)> {
    let mut lines = Vec::new();
    let mut current = (Vec::new(), None, false);
    let mut word = String::new();
    for token in tokenize(text) {
        let piece = token.text(text);
        match token.kind {
            SyntaxKind::WHITESPACE
            | SyntaxKind::NEWLINE
            | SyntaxKind::COMMENT
            | SyntaxKind::BOM
            | SyntaxKind::CR_TAIL
            | SyntaxKind::NUL_TAIL => {
                if !word.is_empty() {
                    current.0.push(std::mem::take(&mut word));
                }
                match token.kind {
                    SyntaxKind::COMMENT => current.1 = Some(piece.to_owned()),
                    SyntaxKind::CR_TAIL | SyntaxKind::NUL_TAIL => current.2 = true,
                    SyntaxKind::NEWLINE => {
                        let line = std::mem::take(&mut current);
                        if !line.0.is_empty() || line.1.is_some() || line.2 {
                            lines.push(line);
                        }
                    }
                    _ => {}
                }
            }
            _ => word.push_str(piece),
        }
    }
    if !word.is_empty() {
        current.0.push(word);
    }
    if !current.0.is_empty() || current.1.is_some() || current.2 {
        lines.push(current);
    }
    lines
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let text = haplint_fuzz::assemble(rest);
    let options = FormatOptions {
        indent_width: usize::from(flags & 7),
        indent_style: if flags & 8 == 0 { IndentStyle::Spaces } else { IndentStyle::Tabs },
        align_arguments: flags & 16 != 0,
        max_blank_lines: usize::from(flags >> 5 & 1),
        blank_lines_between_sections: usize::from(flags >> 6 & 1),
        indent_conditional_blocks: flags & 128 != 0,
        line_ending: if flags & 1 == 0 { LineEnding::Keep } else { LineEnding::Lf },
    };
    let Ok(once) = format(&text, &options, true) else {
        panic!("forced formatting refused");
    };
    assert_eq!(meaning(&once.text), meaning(&text), "meaning changed");
    let twice = format(&once.text, &options, true).map(|formatted| formatted.text);
    assert_eq!(twice.as_ref(), Ok(&once.text), "not idempotent");
});
