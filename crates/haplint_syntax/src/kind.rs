//! Every kind of token and node in the concrete syntax tree.

/// The kind of a token or node. Tokens come first, then nodes.
///
/// The set of node kinds is deliberately small: HAProxy keywords, conditions
/// after `if`/`unless` and sample expressions are understood by the semantic
/// layer, so the tree never changes when HAProxy gains a keyword.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u16)]
#[allow(non_camel_case_types, clippy::upper_case_acronyms)]
pub enum SyntaxKind {
    // ----- tokens -----
    /// Spaces, tabs, vertical tabs and form feeds between words.
    WHITESPACE = 0,
    /// `\n` or `\r\n`.
    NEWLINE,
    /// `#` up to the end of the line.
    COMMENT,
    /// A UTF-8 byte order mark at the very start of the file.
    BOM,
    /// A carriage return that is not part of `\r\n`, with the rest of its
    /// line: HAProxy stops reading the line at the CR and drops the rest.
    CR_TAIL,
    /// A NUL byte with the rest of its line (HAProxy rejects the line).
    NUL_TAIL,
    /// Literal text of a word, outside or inside double quotes.
    TEXT,
    /// A backslash escape that HAProxy resolves (`\ `, `\\`, `\t`, `\xHH`, ...).
    ESCAPE,
    /// `\x` not followed by two hexadecimal digits.
    BAD_ESCAPE,
    /// A `"` opening or closing a double-quoted piece.
    DQUOTE,
    /// A whole single-quoted piece, quotes included (may lack the closing quote).
    SQ_STRING,
    /// An environment variable reference inside double quotes (`$VAR`, `${VAR}`,
    /// `${VAR-default}`, `${VAR[*]}`, `${.LINE}`).
    VAR_REF,
    /// A malformed variable reference, up to the offending character.
    BAD_VAR_REF,
    // Tokens of conditional expressions (`.if` / `.elif` lines).
    /// A predicate name such as `defined`.
    COND_IDENT,
    /// An integer literal term.
    COND_INT,
    /// `(`
    L_PAREN,
    /// `)`
    R_PAREN,
    /// `,`
    COMMA,
    /// `!`
    BANG,
    /// `&&`
    AMP2,
    /// `||`
    PIPE2,
    /// Text of a predicate argument, or a stray character in an expression.
    COND_TEXT,

    // ----- nodes -----
    /// The whole file.
    SOURCE_FILE,
    /// A section: its header line and every line up to the next header.
    SECTION,
    /// The line that opens a section (`frontend www`).
    SECTION_HEADER,
    /// An ordinary statement line inside (or before) a section.
    DIRECTIVE,
    /// One word as HAProxy's tokenizer sees it, glued from pieces.
    WORD,
    /// A double-quoted piece of a word.
    DQ_STRING,
    /// `.if`, `.elif`, `.else` or `.endif`.
    COND_LINE,
    /// The expression after `.if` / `.elif`.
    COND_EXPR,
    /// `a || b`
    COND_OR,
    /// `a && b`
    COND_AND,
    /// `!a`
    COND_NOT,
    /// `( a )`
    COND_GROUP,
    /// `name(args)` or `name`.
    COND_CALL,
    /// The argument list of a predicate, parentheses included.
    COND_ARG_LIST,
    /// One argument of a predicate.
    COND_ARG,
    /// `.diag`, `.notice`, `.warning` or `.alert` with its message.
    MESSAGE_LINE,
    /// An SPOE scope line: `[name]`.
    SCOPE_LINE,
    /// A line HAProxy's tokenizer rejects; it spans the line's words.
    ERROR,
}

impl SyntaxKind {
    /// Whether this kind is a token that carries no meaning for HAProxy.
    pub fn is_trivia(self) -> bool {
        matches!(
            self,
            Self::WHITESPACE
                | Self::NEWLINE
                | Self::COMMENT
                | Self::BOM
                | Self::CR_TAIL
                | Self::NUL_TAIL
        )
    }

    /// Whether this kind is a node rather than a token.
    pub fn is_node(self) -> bool {
        self >= Self::SOURCE_FILE
    }

    pub(crate) fn from_raw(raw: u16) -> Self {
        const LAST: u16 = SyntaxKind::ERROR as u16;
        assert!(raw <= LAST, "invalid syntax kind {raw}");
        ALL[raw as usize]
    }
}

/// Every kind in declaration order, so that a raw `u16` maps back safely.
const ALL: [SyntaxKind; SyntaxKind::ERROR as usize + 1] = {
    use SyntaxKind::*;
    [
        WHITESPACE,
        NEWLINE,
        COMMENT,
        BOM,
        CR_TAIL,
        NUL_TAIL,
        TEXT,
        ESCAPE,
        BAD_ESCAPE,
        DQUOTE,
        SQ_STRING,
        VAR_REF,
        BAD_VAR_REF,
        COND_IDENT,
        COND_INT,
        L_PAREN,
        R_PAREN,
        COMMA,
        BANG,
        AMP2,
        PIPE2,
        COND_TEXT,
        SOURCE_FILE,
        SECTION,
        SECTION_HEADER,
        DIRECTIVE,
        WORD,
        DQ_STRING,
        COND_LINE,
        COND_EXPR,
        COND_OR,
        COND_AND,
        COND_NOT,
        COND_GROUP,
        COND_CALL,
        COND_ARG_LIST,
        COND_ARG,
        MESSAGE_LINE,
        SCOPE_LINE,
        ERROR,
    ]
};

impl From<SyntaxKind> for rowan::SyntaxKind {
    fn from(kind: SyntaxKind) -> Self {
        Self(kind as u16)
    }
}

/// The rowan language of HAProxy configuration files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HaproxyLanguage {}

impl rowan::Language for HaproxyLanguage {
    type Kind = SyntaxKind;

    fn kind_from_raw(raw: rowan::SyntaxKind) -> SyntaxKind {
        SyntaxKind::from_raw(raw.0)
    }

    fn kind_to_raw(kind: SyntaxKind) -> rowan::SyntaxKind {
        kind.into()
    }
}

pub type SyntaxNode = rowan::SyntaxNode<HaproxyLanguage>;
pub type SyntaxToken = rowan::SyntaxToken<HaproxyLanguage>;
pub type SyntaxElement = rowan::SyntaxElement<HaproxyLanguage>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_kinds_round_trip() {
        for (index, kind) in ALL.iter().enumerate() {
            assert_eq!(*kind as usize, index);
            assert_eq!(SyntaxKind::from_raw(index as u16), *kind);
        }
    }
}
