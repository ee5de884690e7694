//! Typed views over the untyped tree: cheap wrappers that know their kind.

use rowan::TextRange;

use crate::SyntaxKind::{self, *};
use crate::variable::{VariableParts, variable_parts};
use crate::word_values::{pieces_of, value_of, word_values};
use crate::{SyntaxNode, SyntaxToken};

pub use crate::word_values::WordValue;

/// A typed view of one node kind.
pub trait AstNode: Sized {
    fn can_cast(kind: SyntaxKind) -> bool;
    fn cast(node: SyntaxNode) -> Option<Self>;
    fn syntax(&self) -> &SyntaxNode;

    fn range(&self) -> TextRange {
        self.syntax().text_range()
    }
}

macro_rules! ast_node {
    ($(#[$meta:meta])* $name:ident, $kind:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub struct $name(SyntaxNode);

        impl AstNode for $name {
            fn can_cast(kind: SyntaxKind) -> bool {
                kind == $kind
            }

            fn cast(node: SyntaxNode) -> Option<Self> {
                (node.kind() == $kind).then(|| Self(node))
            }

            fn syntax(&self) -> &SyntaxNode {
                &self.0
            }
        }
    };
}

ast_node!(
    /// The whole file.
    SourceFile, SOURCE_FILE
);
ast_node!(
    /// A section with its header and lines.
    Section, SECTION
);
ast_node!(
    /// `frontend www from base`
    SectionHeader, SECTION_HEADER
);
ast_node!(
    /// A keyword line: `timeout client 30s`.
    Directive, DIRECTIVE
);
ast_node!(
    /// One word as HAProxy's tokenizer builds it.
    Word, WORD
);
ast_node!(
    /// `.if` / `.elif` / `.else` / `.endif`.
    CondLine, COND_LINE
);
ast_node!(
    /// The expression of a `.if` or `.elif` line.
    CondExpr, COND_EXPR
);
ast_node!(
    /// `.diag` / `.notice` / `.warning` / `.alert`.
    MessageLine, MESSAGE_LINE
);
ast_node!(
    /// An SPOE `[scope]` line.
    ScopeLine, SCOPE_LINE
);
ast_node!(
    /// A line the tokenizer rejected.
    ErrorLine, ERROR
);

/// Any statement line, in a section or before the first one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Line {
    Header(SectionHeader),
    Directive(Directive),
    Cond(CondLine),
    Message(MessageLine),
    Scope(ScopeLine),
    Error(ErrorLine),
}

impl Line {
    pub fn cast(node: SyntaxNode) -> Option<Self> {
        Some(match node.kind() {
            SECTION_HEADER => Self::Header(SectionHeader(node)),
            DIRECTIVE => Self::Directive(Directive(node)),
            COND_LINE => Self::Cond(CondLine(node)),
            MESSAGE_LINE => Self::Message(MessageLine(node)),
            SCOPE_LINE => Self::Scope(ScopeLine(node)),
            ERROR => Self::Error(ErrorLine(node)),
            _ => return None,
        })
    }

    pub fn syntax(&self) -> &SyntaxNode {
        match self {
            Self::Header(line) => line.syntax(),
            Self::Directive(line) => line.syntax(),
            Self::Cond(line) => line.syntax(),
            Self::Message(line) => line.syntax(),
            Self::Scope(line) => line.syntax(),
            Self::Error(line) => line.syntax(),
        }
    }

    /// The words of the line (for a conditional line, only its keyword).
    pub fn words(&self) -> impl Iterator<Item = Word> + use<> {
        words_of(self.syntax())
    }
}

/// Lines made of words: their values read in one pass over the green tree.
pub trait WordLine: AstNode {
    /// Every word's value, range and variables, in order; cheaper than
    /// [`Word::value_and_variables`] over each word.
    fn word_values(&self) -> Vec<WordValue> {
        word_values(self.syntax())
    }
}

impl WordLine for Directive {}
impl WordLine for SectionHeader {}
impl WordLine for MessageLine {}

fn words_of(node: &SyntaxNode) -> impl Iterator<Item = Word> + use<> {
    node.children().filter_map(Word::cast)
}

impl SourceFile {
    /// Wraps a root node; the parser always produces a `SOURCE_FILE` root.
    pub(crate) fn cast_root(node: SyntaxNode) -> Self {
        debug_assert_eq!(node.kind(), SOURCE_FILE);
        Self(node)
    }

    pub fn sections(&self) -> impl Iterator<Item = Section> + use<> {
        self.0.children().filter_map(Section::cast)
    }

    /// Lines before the first section.
    pub fn preamble(&self) -> impl Iterator<Item = Line> + use<> {
        self.0.children().filter_map(Line::cast)
    }

    /// Every statement line of the file, in order.
    pub fn lines(&self) -> impl Iterator<Item = Line> + use<> {
        self.0.descendants().filter_map(Line::cast)
    }
}

impl Section {
    pub fn header(&self) -> Option<SectionHeader> {
        self.0.children().find_map(SectionHeader::cast)
    }

    /// `frontend`, `backend`, `global`, ...
    pub fn keyword(&self) -> Option<String> {
        self.header()?.keyword().map(|word| word.unquoted_value())
    }

    /// The section's name, if it has one.
    pub fn name(&self) -> Option<Word> {
        self.header()?.name()
    }

    /// The lines after the header.
    pub fn body(&self) -> impl Iterator<Item = Line> + use<> {
        self.0
            .children()
            .filter_map(Line::cast)
            .filter(|line| !matches!(line, Line::Header(_)))
    }

    pub fn directives(&self) -> impl Iterator<Item = Directive> + use<> {
        self.0.children().filter_map(Directive::cast)
    }
}

impl SectionHeader {
    pub fn words(&self) -> impl Iterator<Item = Word> + use<> {
        words_of(&self.0)
    }

    pub fn keyword(&self) -> Option<Word> {
        self.words().next()
    }

    /// The name: the second word, unless that word is `from`
    /// (`defaults from base` is an unnamed defaults section).
    pub fn name(&self) -> Option<Word> {
        self.words()
            .nth(1)
            .filter(|word| word.unquoted_value() != "from")
    }

    /// The defaults section named after `from`.
    pub fn from_defaults(&self) -> Option<Word> {
        let mut words = self.words().skip(1);
        words
            .by_ref()
            .find(|word| word.unquoted_value() == "from")?;
        words.next()
    }
}

impl Directive {
    pub fn words(&self) -> impl Iterator<Item = Word> + use<> {
        words_of(&self.0)
    }

    /// The first word (for `no option x`, that is `no`).
    pub fn keyword(&self) -> Option<Word> {
        self.words().next()
    }

    /// The words after the first one.
    pub fn args(&self) -> impl Iterator<Item = Word> + use<> {
        self.words().skip(1)
    }
}

impl CondLine {
    /// `.if`, `.elif`, `.else` or `.endif`.
    pub fn keyword(&self) -> Option<Word> {
        words_of(&self.0).next()
    }

    pub fn expr(&self) -> Option<CondExpr> {
        self.0.children().find_map(CondExpr::cast)
    }
}

impl CondExpr {
    /// The predicates called in the expression, as `(name token, arguments)`.
    pub fn calls(&self) -> impl Iterator<Item = SyntaxNode> + use<> {
        self.0.descendants().filter(|node| node.kind() == COND_CALL)
    }
}

impl MessageLine {
    /// `.notice`, `.warning`, ...
    pub fn keyword(&self) -> Option<Word> {
        words_of(&self.0).next()
    }

    pub fn message(&self) -> Option<Word> {
        words_of(&self.0).nth(1)
    }

    /// Every word of the line, the keyword first.
    pub fn words(&self) -> impl Iterator<Item = Word> + use<> {
        words_of(&self.0)
    }
}

impl Word {
    /// The text as written, quotes and escapes included.
    pub fn text(&self) -> String {
        self.0.text().to_string()
    }

    /// The value HAProxy sees: quotes removed, escapes resolved, variable
    /// references kept as written.
    pub fn unquoted_value(&self) -> String {
        self.value_and_variables().0
    }

    /// [`Self::unquoted_value`] and [`Self::has_variables`] in one pass.
    pub fn value_and_variables(&self) -> (String, bool) {
        let green = self.0.green();
        let mut pieces = Vec::new();
        pieces_of(green, &mut pieces);
        let has_variables = pieces.iter().any(|(kind, _)| *kind == VAR_REF);
        (value_of(&pieces), has_variables)
    }

    /// The tokens the word is made of, in order (including quotes).
    pub fn pieces(&self) -> impl Iterator<Item = SyntaxToken> + use<> {
        self.0
            .descendants_with_tokens()
            .filter_map(rowan::NodeOrToken::into_token)
    }

    /// Whether any part of the word is quoted.
    pub fn is_quoted(&self) -> bool {
        self.pieces()
            .any(|token| matches!(token.kind(), DQUOTE | SQ_STRING))
    }

    /// Environment variable references, which HAProxy expands at load time.
    pub fn variables(&self) -> impl Iterator<Item = SyntaxToken> + use<> {
        self.pieces().filter(|token| token.kind() == VAR_REF)
    }

    pub fn has_variables(&self) -> bool {
        self.value_and_variables().1
    }

    /// Whether the word is empty for HAProxy (`""`, `''`), which ends the
    /// argument list of every keyword parser.
    pub fn is_empty_value(&self) -> bool {
        !self.has_variables() && self.unquoted_value().is_empty()
    }
}

/// The parts of a variable reference token.
pub fn variable_of(token: &SyntaxToken) -> Option<VariableParts<'_>> {
    (token.kind() == VAR_REF)
        .then(|| variable_parts(token.text()))
        .flatten()
}
