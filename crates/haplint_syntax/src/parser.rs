//! Turns tokens into the lossless tree, one line at a time.
//!
//! Lines are the unit of recovery, as in HAProxy: a line its tokenizer
//! rejects becomes an `ERROR` node and the next line parses normally.

use rowan::{GreenNode, TextRange};

use crate::SyntaxKind::{self, *};
use crate::builder::TreeBuilder;
use crate::cond::{CondParser, Truth};
use crate::diagnostic::{Severity, SyntaxDiagnostic, SyntaxDiagnosticKind as Kind, range};
use crate::lexer::{Token, tokenize_lines};
use crate::sections::find_section_keyword;
use crate::unquote::unquote;
use crate::variable::{VariableError, scan_variable, variable_parts};

/// HAProxy's `MAX_LINE_ARGS`: the keyword counts as a word.
pub const MAX_WORDS_PER_LINE: usize = 64;

/// Keywords whose address argument goes through HAProxy's `str2sa_range()`,
/// which expands `$NAME` and `${NAME}` outside quotes too.
const ADDRESS_KEYWORDS: [&str; 7] = [
    "bind",
    "server",
    "server-template",
    "peer",
    "log",
    "nameserver",
    "dgram-bind",
];

/// The result of parsing: the green tree and the problems found on the way.
#[derive(Debug, Clone)]
pub struct Parse {
    green: GreenNode,
    diagnostics: Vec<SyntaxDiagnostic>,
    inactive_lines: Vec<TextRange>,
    has_conditionals: bool,
}

impl Parse {
    /// Joins the parses of two consecutive parts of a file; `second`'s
    /// ranges are already shifted.
    pub(crate) fn joined(
        green: GreenNode,
        first: Self,
        second_diagnostics: impl IntoIterator<Item = SyntaxDiagnostic>,
        second_inactive: impl IntoIterator<Item = TextRange>,
        second_has_conditionals: bool,
    ) -> Self {
        let mut diagnostics = first.diagnostics;
        diagnostics.extend(second_diagnostics);
        let mut inactive_lines = first.inactive_lines;
        inactive_lines.extend(second_inactive);
        Self {
            green,
            diagnostics,
            inactive_lines,
            has_conditionals: first.has_conditionals || second_has_conditionals,
        }
    }

    pub(crate) fn into_parts(self) -> (GreenNode, Vec<SyntaxDiagnostic>, Vec<TextRange>, bool) {
        (
            self.green,
            self.diagnostics,
            self.inactive_lines,
            self.has_conditionals,
        )
    }

    /// Whether the file has `.if`/`.elif`/`.else`/`.endif` lines: without
    /// them, walking the tree for conditional blocks finds nothing.
    pub fn has_conditionals(&self) -> bool {
        self.has_conditionals
    }

    pub fn green(&self) -> &GreenNode {
        &self.green
    }

    pub fn syntax(&self) -> crate::SyntaxNode {
        crate::SyntaxNode::new_root(self.green.clone())
    }

    pub fn tree(&self) -> crate::ast::SourceFile {
        crate::ast::SourceFile::cast_root(self.syntax())
    }

    pub fn diagnostics(&self) -> &[SyntaxDiagnostic] {
        &self.diagnostics
    }

    /// Statement lines inside branches that are false whatever the
    /// environment (`.if 0`): HAProxy tokenizes them but never looks their
    /// keywords up.
    pub fn inactive_lines(&self) -> &[TextRange] {
        &self.inactive_lines
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|diagnostic| diagnostic.severity == Severity::Error)
    }

    /// The tree as indented text: kinds, ranges and token text.
    pub fn debug_tree(&self) -> String {
        let mut out = format!("{:#?}", self.syntax());
        // rowan ends the dump with a newline already; keep exactly one.
        while out.ends_with('\n') {
            out.pop();
        }
        out.push('\n');
        out
    }
}

/// Bytes of text lexed at a time (then cut at the next newline).
const BLOCK_BYTES: usize = 64 * 1024;
/// Room for the tokens of one block (about one token per 3.7 bytes).
const TOKENS_PER_BLOCK: usize = BLOCK_BYTES / 3;

/// Where the block of lines starting at `start` ends: after the first
/// newline past `BLOCK_BYTES`, or at the end of the text.
fn block_end(text: &str, start: usize) -> usize {
    let from = (start + BLOCK_BYTES).min(text.len());
    text.as_bytes()[from..]
        .iter()
        .position(|&byte| byte == b'\n')
        .map_or(text.len(), |newline| from + newline + 1)
}

/// Parses a whole file. Never fails: problems become diagnostics.
pub fn parse(text: &str) -> Parse {
    if text.len() >= crate::parallel::PARALLEL_FROM
        && let Some(split) = crate::parallel::split_point(text)
    {
        return crate::parallel::parse_in_halves(text, split);
    }
    parse_in_one_pass(text)
}

/// Parses `text` from its first line to its last on this thread.
pub(crate) fn parse_in_one_pass(text: &str) -> Parse {
    let mut parser = Parser {
        text,
        builder: TreeBuilder::for_input(text.len()),
        diagnostics: Vec::new(),
        in_section: false,
        conditions: Vec::new(),
        inactive_lines: Vec::new(),
        has_conditionals: false,
        words: Vec::new(),
    };
    parser.builder.start_node(SOURCE_FILE.into());
    // Tokens are made a block of lines at a time: the tokens of a whole
    // large file would be a buffer as big as the file's tree, held only
    // for the parse.
    let mut tokens = Vec::with_capacity(TOKENS_PER_BLOCK);
    let mut block_start = 0;
    while block_start < text.len() {
        let block_end = block_end(text, block_start);
        tokens.clear();
        tokenize_lines(text, block_start..block_end, &mut tokens);
        let mut line_start = 0;
        for (index, token) in tokens.iter().enumerate() {
            if token.kind == NEWLINE {
                parser.line(&tokens[line_start..=index]);
                line_start = index + 1;
            }
        }
        // Only the last block can end without a newline.
        if line_start < tokens.len() {
            parser.line(&tokens[line_start..]);
        }
        block_start = block_end;
    }
    parser.finish()
}

/// An open `.if` block.
struct CondFrame {
    /// The `.if` word, for the "never closed" message.
    opened_at: TextRange,
    seen_else: bool,
    /// OR of the conditions of the branches seen so far.
    earlier_branches: Truth,
    /// Whether lines of the current branch are read by HAProxy (statically
    /// false branches and everything below them are not).
    live: bool,
    parent_live: bool,
}

/// HAProxy's `MAXNESTEDCONDS`: the `.if` that opens this many blocks at
/// once is refused.
const MAX_NESTED_CONDITIONS: usize = 100;

struct Parser<'t> {
    text: &'t str,
    builder: TreeBuilder,
    diagnostics: Vec<SyntaxDiagnostic>,
    in_section: bool,
    conditions: Vec<CondFrame>,
    inactive_lines: Vec<TextRange>,
    has_conditionals: bool,
    /// The words of the current line; kept to reuse its allocation.
    words: Vec<WordSpan>,
}

/// What a line is, decided from its first word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    SectionHeader,
    Directive,
    Conditional(CondKeyword),
    Message(MessageLevel),
    UnknownDot,
    Scope,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CondKeyword {
    If,
    Elif,
    Else,
    Endif,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MessageLevel {
    Diag,
    Notice,
    Warning,
    Alert,
}

/// A word as a range of token indices within its line.
type WordSpan = std::ops::Range<usize>;

fn is_word_piece(kind: SyntaxKind) -> bool {
    matches!(
        kind,
        TEXT | ESCAPE | BAD_ESCAPE | DQUOTE | SQ_STRING | VAR_REF | BAD_VAR_REF
    )
}

impl Parser<'_> {
    fn finish(mut self) -> Parse {
        if self.in_section {
            self.builder.finish_node();
        }
        self.builder.finish_node();
        let last_line = self.last_line_range();
        for frame in std::mem::take(&mut self.conditions).into_iter().rev() {
            self.diagnostics.push(
                SyntaxDiagnostic::new(
                    Kind::ConditionalBlock,
                    last_line,
                    "`.if` block is never closed with `.endif`",
                )
                .with_related(frame.opened_at, "the block opens here")
                .with_help("add `.endif` where the block should end"),
            );
        }
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            let end = self.text.len();
            let start = self.text[..end]
                .char_indices()
                .next_back()
                .map_or(end, |(index, _)| index);
            self.diagnostics.push(
                SyntaxDiagnostic::new(
                    Kind::MissingFinalNewline,
                    range(start, end),
                    "the last line does not end with a newline: HAProxy rejects the file as possibly truncated",
                )
                .with_help("add a newline at the end of the file"),
            );
        }
        self.diagnostics
            .sort_by_key(|diagnostic| (diagnostic.range.start(), diagnostic.range.end()));
        Parse {
            green: self.builder.finish(),
            inactive_lines: self.inactive_lines,
            diagnostics: self.diagnostics,
            has_conditionals: self.has_conditionals,
        }
    }

    /// The last line that has content, for end-of-file messages.
    fn last_line_range(&self) -> TextRange {
        let content = self.text.trim_end_matches(['\n', '\r']);
        let start = content.rfind('\n').map_or(0, |index| index + 1);
        range(start, content.len())
    }

    fn live(&self) -> bool {
        self.conditions.last().is_none_or(|frame| frame.live)
    }

    fn token_text(&self, token: Token) -> &str {
        token.text(self.text)
    }

    fn line(&mut self, tokens: &[Token]) {
        let mut words = std::mem::take(&mut self.words);
        split_words(tokens, &mut words);
        self.line_with_words(tokens, &words);
        self.words = words;
    }

    fn line_with_words(&mut self, tokens: &[Token], words: &[WordSpan]) {
        self.check_line_trivia(tokens);
        let (Some(first), Some(last)) = (words.first(), words.last()) else {
            // HAProxy rejects a NUL anywhere, even on a line without words.
            if let Some(error) = self.tokenizer_error(tokens, words) {
                self.diagnostics.push(error);
            }
            self.emit_tokens(tokens);
            return;
        };
        if !self.live() {
            self.inactive_lines
                .push(span_of(tokens, first.start, last.end));
        }
        let first_token = tokens[first.start];
        let kind = if self.token_text(first_token).starts_with('[') {
            LineKind::Scope
        } else {
            match &tokens[first.clone()] {
                // The value of a lone text piece is its text: no allocation.
                [piece] if piece.kind == TEXT => classify(self.token_text(*piece)),
                pieces => classify(&self.word_value(pieces)),
            }
        };
        self.has_conditionals |= matches!(kind, LineKind::Conditional(_));
        let error = if kind == LineKind::Scope {
            None
        } else {
            self.tokenizer_error(tokens, words)
        };
        let has_error = error.is_some();
        if let Some(error) = error {
            self.diagnostics.push(error);
        }

        // A header that HAProxy cannot tokenize opens no section.
        if kind == LineKind::SectionHeader && !has_error {
            if self.in_section {
                self.builder.finish_node();
            }
            self.builder.start_node(SECTION.into());
            self.in_section = true;
        }
        self.emit_tokens(&tokens[..first.start]);
        let node_kind = if has_error { ERROR } else { node_kind(kind) };
        self.builder.start_node(node_kind.into());
        if !has_error {
            self.check_line(kind, tokens, words);
        }
        if let (LineKind::Conditional(CondKeyword::If | CondKeyword::Elif), false, Some(second)) =
            (kind, has_error, words.get(1))
        {
            self.emit_word(&tokens[first.clone()]);
            self.emit_tokens(&tokens[first.end..second.start]);
            let start = tokens[second.start].start as usize;
            let end = tokens[last.end - 1].end as usize;
            self.condition_expression(kind, tokens[first.start], start, end);
        } else {
            if let (LineKind::Conditional(CondKeyword::If | CondKeyword::Elif), false) =
                (kind, has_error)
            {
                // `.if` alone: an empty condition, which HAProxy treats as false.
                self.open_or_continue_block(kind, tokens[first.start], Truth::False, None);
            }
            for (index, word) in words.iter().enumerate() {
                if index > 0 {
                    self.emit_tokens(&tokens[words[index - 1].end..word.start]);
                }
                self.emit_word(&tokens[word.clone()]);
            }
        }
        self.builder.finish_node();
        self.emit_tokens(&tokens[last.end..]);
    }

    fn condition_expression(&mut self, kind: LineKind, keyword: Token, start: usize, end: usize) {
        let live = self.live_for(kind);
        let directive = if kind == LineKind::Conditional(CondKeyword::If) {
            ".if"
        } else {
            ".elif"
        };
        let (truth, error) =
            CondParser::new(self.text, start, end, directive, &mut self.builder).parse();
        // HAProxy does not evaluate conditions inside skipped blocks.
        let error = if live { error } else { None };
        self.open_or_continue_block(kind, keyword, truth, error);
    }

    /// Whether a `.if`/`.elif` line itself is evaluated by HAProxy.
    fn live_for(&self, kind: LineKind) -> bool {
        match kind {
            LineKind::Conditional(CondKeyword::If) => self.live(),
            // Once a branch is taken, HAProxy skips the later conditions.
            _ => self
                .conditions
                .last()
                .is_none_or(|frame| frame.parent_live && frame.earlier_branches != Truth::True),
        }
    }

    fn open_or_continue_block(
        &mut self,
        kind: LineKind,
        keyword: Token,
        truth: Truth,
        error: Option<SyntaxDiagnostic>,
    ) {
        if let Some(error) = error {
            self.diagnostics.push(error);
        }
        let keyword_range = range(keyword.start as usize, keyword.end as usize);
        if kind == LineKind::Conditional(CondKeyword::If) {
            // HAProxy counts every `.if`, skipped or not, and gives up on
            // the whole file at the hundredth open block.
            if self.conditions.len() + 1 == MAX_NESTED_CONDITIONS {
                self.diagnostics.push(
                    SyntaxDiagnostic::new(
                        Kind::ConditionalBlock,
                        keyword_range,
                        format!(
                            "too many nested `.if` blocks: HAProxy stops reading the file at the {MAX_NESTED_CONDITIONS}th"
                        ),
                    )
                    .with_help("flatten the conditions, for example with `&&` in one `.if`"),
                );
            }
            let parent_live = self.live();
            self.conditions.push(CondFrame {
                opened_at: keyword_range,
                seen_else: false,
                earlier_branches: truth,
                live: parent_live && truth != Truth::False,
                parent_live,
            });
            return;
        }
        let Some(frame) = self.conditions.last_mut() else {
            self.diagnostics.push(SyntaxDiagnostic::new(
                Kind::ConditionalBlock,
                keyword_range,
                "`.elif` without a matching `.if`",
            ));
            return;
        };
        if frame.seen_else {
            self.diagnostics.push(SyntaxDiagnostic::new(
                Kind::ConditionalBlock,
                keyword_range,
                "`.elif` after `.else` is not permitted",
            ));
            return;
        }
        let branch = frame.earlier_branches.negate().both(truth);
        frame.earlier_branches = frame.earlier_branches.either(truth);
        frame.live = frame.parent_live && branch != Truth::False;
    }

    /// Nesting of `.else` and `.endif`, and the checks of each line kind.
    fn check_line(&mut self, kind: LineKind, tokens: &[Token], words: &[WordSpan]) {
        let keyword = tokens[words[0].start];
        let keyword_range = range(keyword.start as usize, keyword.end as usize);
        let live = self.live();
        match kind {
            LineKind::Conditional(CondKeyword::Else | CondKeyword::Endif) => {
                let name = if kind == LineKind::Conditional(CondKeyword::Else) {
                    ".else"
                } else {
                    ".endif"
                };
                if let Some(extra) = words.get(1) {
                    let extra_range = span_of(tokens, extra.start, words[words.len() - 1].end);
                    self.diagnostics.push(SyntaxDiagnostic::new(
                        Kind::ConditionalBlock,
                        extra_range,
                        format!("`{name}` takes no argument"),
                    ));
                }
                self.close_or_switch_block(kind, keyword_range, name);
            }
            LineKind::Message(level) => self.check_message(level, tokens, words, live),
            LineKind::UnknownDot if live => {
                let name = self.word_value(&tokens[words[0].clone()]);
                self.diagnostics.push(
                    SyntaxDiagnostic::new(Kind::UnknownDirective, keyword_range, format!("unknown directive `{name}`"))
                        .with_help("HAProxy knows `.if`, `.elif`, `.else`, `.endif`, `.diag`, `.notice`, `.warning` and `.alert`; it stops reading the file at an unknown one"),
                );
            }
            LineKind::Scope => self.check_scope(tokens, words),
            _ => {}
        }
    }

    fn close_or_switch_block(&mut self, kind: LineKind, keyword_range: TextRange, name: &str) {
        let Some(frame) = self.conditions.last_mut() else {
            self.diagnostics.push(SyntaxDiagnostic::new(
                Kind::ConditionalBlock,
                keyword_range,
                format!("`{name}` without a matching `.if`"),
            ));
            return;
        };
        if kind == LineKind::Conditional(CondKeyword::Endif) {
            self.conditions.pop();
            return;
        }
        if frame.seen_else {
            self.diagnostics.push(SyntaxDiagnostic::new(
                Kind::ConditionalBlock,
                keyword_range,
                "`.else` after `.else` is not permitted",
            ));
            return;
        }
        frame.seen_else = true;
        let branch = frame.earlier_branches.negate();
        frame.earlier_branches = Truth::True;
        frame.live = frame.parent_live && branch != Truth::False;
    }

    fn check_message(
        &mut self,
        level: MessageLevel,
        tokens: &[Token],
        words: &[WordSpan],
        live: bool,
    ) {
        if !live {
            return;
        }
        let name = match level {
            MessageLevel::Diag => ".diag",
            MessageLevel::Notice => ".notice",
            MessageLevel::Warning => ".warning",
            MessageLevel::Alert => ".alert",
        };
        if words.len() > 2 {
            let extra_range = span_of(tokens, words[2].start, words[words.len() - 1].end);
            // `"${V[*]}"` yields no word at all when V is unset or empty, so
            // extra words made only of word expansions may vanish at load time.
            let may_vanish = words[2..]
                .iter()
                .all(|word| self.is_only_word_expansions(&tokens[word.clone()]));
            let mut diagnostic = SyntaxDiagnostic::new(
                Kind::DirectiveArguments,
                extra_range,
                format!("`{name}` takes exactly one argument"),
            )
            .with_help("put the whole message in double quotes");
            if may_vanish {
                diagnostic.message = format!(
                    "`{name}` takes exactly one argument, unless these expansions are empty"
                );
                diagnostic.severity = Severity::Warning;
            } else {
                self.diagnostics.push(diagnostic);
                return;
            }
            self.diagnostics.push(diagnostic);
        }
        if let Some(message) = words.get(1) {
            let pieces = &tokens[message.clone()];
            let expands = pieces.iter().any(|token| {
                token.kind == VAR_REF
                    && variable_parts(self.token_text(*token))
                        .is_some_and(|parts| parts.word_expansion)
            });
            if expands {
                let mut diagnostic = SyntaxDiagnostic::new(
                    Kind::DirectiveArguments,
                    span_of(tokens, message.start, message.end),
                    format!(
                        "`[*]` may split this message into several words, but `{name}` takes exactly one"
                    ),
                );
                diagnostic.severity = Severity::Warning;
                self.diagnostics
                    .push(diagnostic.with_help("drop `[*]` to insert the value as a single word"));
            }
        }
        let text = words
            .get(1)
            .map(|word| self.word_value(&tokens[word.clone()]))
            .unwrap_or_default();
        let whole = span_of(tokens, words[0].start, words[words.len() - 1].end);
        match level {
            MessageLevel::Alert => self.diagnostics.push(SyntaxDiagnostic::new(
                Kind::AlertDirective,
                whole,
                format!("`.alert` makes HAProxy refuse the configuration: {text}"),
            )),
            MessageLevel::Warning => self.diagnostics.push(SyntaxDiagnostic::new(
                Kind::WarningDirective,
                whole,
                format!("`.warning` makes HAProxy print a warning: {text}"),
            )),
            MessageLevel::Diag | MessageLevel::Notice => {}
        }
    }

    /// Whether a word is made of `"${VAR[*]}"` expansions and quotes only.
    fn is_only_word_expansions(&self, pieces: &[Token]) -> bool {
        let mut saw_expansion = false;
        for token in pieces {
            match token.kind {
                DQUOTE => {}
                VAR_REF
                    if variable_parts(self.token_text(*token))
                        .is_some_and(|parts| parts.word_expansion) =>
                {
                    saw_expansion = true;
                }
                _ => return false,
            }
        }
        saw_expansion
    }

    /// SPOE scope lines are read raw, before tokenizing: `[name]` with only
    /// blanks or a comment after it.
    fn check_scope(&mut self, tokens: &[Token], words: &[WordSpan]) {
        let start = tokens[words[0].start].start as usize;
        let end = tokens
            .iter()
            .rev()
            .find(|token| !matches!(token.kind, NEWLINE | CR_TAIL | NUL_TAIL))
            .map_or(start, |token| token.end as usize);
        let raw = &self.text[start..end.max(start)];
        let problem = match raw.find(']') {
            None => Some((
                start,
                end,
                "missing `]` at the end of the scope name".to_owned(),
            )),
            Some(close) => {
                let name = &raw[1..close];
                if let Some((offset, bad)) = name
                    .char_indices()
                    .find(|(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
                {
                    let at = start + 1 + offset;
                    Some((
                        at,
                        at + bad.len_utf8(),
                        format!("character `{bad}` is not permitted in a scope name"),
                    ))
                } else {
                    let after = raw[close + 1..].trim_start_matches([' ', '\t', '\x0b', '\x0c']);
                    if after.is_empty() || after.starts_with('#') {
                        None
                    } else {
                        let at = end - after.len();
                        Some((at, end, "unexpected text after the scope name".to_owned()))
                    }
                }
            }
        };
        if let Some((from, to, message)) = problem {
            self.diagnostics.push(SyntaxDiagnostic::new(
                Kind::InvalidScope,
                range(from, to),
                message,
            ));
        }
    }

    /// The first error HAProxy's tokenizer reports on this line, if any.
    fn tokenizer_error(&self, tokens: &[Token], words: &[WordSpan]) -> Option<SyntaxDiagnostic> {
        // HAProxy looks for a NUL before tokenizing.
        if let Some(nul) = tokens.iter().find(|token| token.kind == NUL_TAIL) {
            let start = nul.start as usize;
            return Some(
                SyntaxDiagnostic::new(
                    Kind::NulByte,
                    range(start, start + 1),
                    "stray NUL byte: HAProxy rejects this line",
                )
                .with_help("remove the NUL byte; the file may be corrupted or not a text file"),
            );
        }
        let too_many = words
            .get(MAX_WORDS_PER_LINE)
            .map(|word| tokens[word.start].start);
        let mut in_double_quotes = false;
        let mut open_quote = 0;
        for token in tokens {
            if too_many.is_some_and(|start| token.start >= start) {
                break;
            }
            match token.kind {
                DQUOTE => {
                    in_double_quotes = !in_double_quotes;
                    open_quote = token.start;
                }
                NEWLINE | CR_TAIL if in_double_quotes => break,
                SQ_STRING => {
                    let text = self.token_text(*token);
                    if text.len() < 2 || !text.ends_with('\'') {
                        return Some(unmatched_quote(token.start as usize));
                    }
                }
                BAD_ESCAPE => {
                    return Some(SyntaxDiagnostic::new(
                        Kind::InvalidEscape,
                        range(token.start as usize, token.end as usize),
                        "truncated or invalid hexadecimal escape: `\\x` needs exactly two hexadecimal digits",
                    ));
                }
                BAD_VAR_REF => return Some(self.variable_error(*token)),
                _ => {}
            }
        }
        if in_double_quotes {
            return Some(unmatched_quote(open_quote as usize));
        }
        let start = too_many?;
        let end = tokens[words[words.len() - 1].end - 1].end;
        Some(
            SyntaxDiagnostic::new(
                Kind::TooManyWords,
                range(start as usize, end as usize),
                format!(
                    "too many words: HAProxy accepts at most {MAX_WORDS_PER_LINE} words on a line"
                ),
            )
            .with_help(
                "split the statement over several lines, or quote arguments that contain spaces",
            ),
        )
    }

    fn variable_error(&self, token: Token) -> SyntaxDiagnostic {
        let start = token.start as usize;
        let scan = scan_variable(&self.text[start + 1..]);
        let (error, offset) = scan.error.unwrap_or((VariableError::UnmatchedBrace, 1));
        let at = start + offset;
        let width = self.text[at..]
            .chars()
            .next()
            .filter(|c| !matches!(c, '\n' | '\r'))
            .map_or(0, char::len_utf8);
        SyntaxDiagnostic::new(
            Kind::InvalidVariable,
            range(at, at + width),
            error.message(),
        )
        .with_help("write `\\$` for a literal dollar sign inside double quotes")
    }

    /// Warnings about trivia: stray CRs, mid-word comments, `${...}` outside quotes.
    fn check_line_trivia(&mut self, tokens: &[Token]) {
        let last_significant = tokens
            .iter()
            .rposition(|token| !matches!(token.kind, NEWLINE | WHITESPACE));
        // These keywords read their address with `str2sa_range()`, which
        // replaces `$NAME` and `${NAME}` itself, even outside quotes.
        let reads_address = tokens
            .iter()
            .find(|token| token.kind != WHITESPACE)
            .is_some_and(|token| ADDRESS_KEYWORDS.contains(&self.token_text(*token)));
        let mut in_double_quotes = false;
        for (index, token) in tokens.iter().enumerate() {
            if Some(index) == last_significant && !in_double_quotes {
                self.check_trailing_backslash(*token);
            }
            match token.kind {
                DQUOTE => in_double_quotes = !in_double_quotes,
                CR_TAIL => {
                    let dropped = &self.token_text(*token)[1..];
                    if !dropped.trim().is_empty() {
                        let start = token.start as usize;
                        self.diagnostics.push(
                            SyntaxDiagnostic::new(
                                Kind::StrayCarriageReturn,
                                range(start, token.end as usize),
                                "carriage return in the middle of a line: HAProxy ignores the rest of the line",
                            )
                            .with_help("remove the carriage return or convert the file to LF line endings"),
                        );
                    }
                }
                COMMENT if index > 0 && is_word_piece(tokens[index - 1].kind) => {
                    let start = token.start as usize;
                    self.diagnostics.push(
                        SyntaxDiagnostic::new(
                            Kind::CommentInsideWord,
                            range(start, start + 1),
                            "`#` starts a comment even inside a word: the rest of the line is ignored",
                        )
                        .with_help("write `\\#` or quote the word if `#` is part of the value"),
                    );
                }
                TEXT if !in_double_quotes && !reads_address => {
                    let text = self.token_text(*token);
                    if let Some(offset) = find_variable_start(text) {
                        let start = token.start as usize + offset;
                        let end = text[offset..]
                            .find('}')
                            .map_or(token.end as usize, |close| start + close + 1);
                        self.diagnostics.push(
                            SyntaxDiagnostic::new(
                                Kind::VariableOutsideQuotes,
                                range(start, end),
                                "environment variables are expanded only inside double quotes: this is literal text",
                            )
                            .with_help("wrap the word in double quotes"),
                        );
                    }
                }
                BOM => {
                    self.diagnostics.push(
                        SyntaxDiagnostic::new(
                            Kind::ByteOrderMark,
                            range(token.start as usize, token.end as usize),
                            "UTF-8 byte order mark: HAProxy reads it as part of the first keyword",
                        )
                        .with_help("save the file as UTF-8 without a byte order mark"),
                    );
                }
                _ => {}
            }
        }
    }

    /// A word ending in an unescaped backslash looks like a line continuation.
    fn check_trailing_backslash(&mut self, token: Token) {
        if token.kind != TEXT || !self.token_text(token).ends_with('\\') {
            return;
        }
        let end = token.end as usize;
        self.diagnostics.push(
            SyntaxDiagnostic::new(
                Kind::BackslashContinuation,
                range(end - 1, end),
                "HAProxy has no line continuation: this backslash is kept as text and the next line is a separate statement",
            )
            .with_help("join the two lines into one"),
        );
    }

    fn word_value(&self, pieces: &[Token]) -> String {
        unquote(
            pieces
                .iter()
                .map(|token| (token.kind, self.token_text(*token))),
        )
    }

    fn emit_tokens(&mut self, tokens: &[Token]) {
        for token in tokens {
            self.builder.token(token.kind.into(), token.text(self.text));
        }
    }

    fn emit_word(&mut self, pieces: &[Token]) {
        self.builder.start_node(WORD.into());
        let mut in_double_quotes = false;
        for token in pieces {
            if token.kind == DQUOTE && !in_double_quotes {
                self.builder.start_node(DQ_STRING.into());
                in_double_quotes = true;
                self.builder.token(DQUOTE.into(), token.text(self.text));
                continue;
            }
            self.builder.token(token.kind.into(), token.text(self.text));
            if token.kind == DQUOTE {
                self.builder.finish_node();
                in_double_quotes = false;
            }
        }
        if in_double_quotes {
            self.builder.finish_node();
        }
        self.builder.finish_node();
    }
}

/// The range from the start of token `first` to the end of token `end - 1`.
fn span_of(tokens: &[Token], first: usize, end: usize) -> TextRange {
    range(tokens[first].start as usize, tokens[end - 1].end as usize)
}

fn unmatched_quote(start: usize) -> SyntaxDiagnostic {
    SyntaxDiagnostic::new(
        Kind::UnmatchedQuote,
        range(start, start + 1),
        "unmatched quote: the line ends inside a quoted string",
    )
    .with_help("close the quote; there is no line continuation in HAProxy configuration files")
}

/// Where `${` first occurs in `text`. Cheaper than `str::find` with a
/// pattern string, which sets up a substring searcher for every token:
/// most tokens have no `$`, and looking for one character uses `memchr`.
fn find_variable_start(text: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(offset) = text[from..].find('$') {
        let dollar = from + offset;
        if text.as_bytes().get(dollar + 1) == Some(&b'{') {
            return Some(dollar);
        }
        from = dollar + 1;
    }
    None
}

/// Maximal runs of word pieces, into `words` (cleared first).
fn split_words(tokens: &[Token], words: &mut Vec<WordSpan>) {
    words.clear();
    let mut start = None;
    for (index, token) in tokens.iter().enumerate() {
        match (is_word_piece(token.kind), start) {
            (true, None) => start = Some(index),
            (false, Some(begin)) => {
                words.push(begin..index);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(begin) = start {
        words.push(begin..tokens.len());
    }
}

fn classify(head: &str) -> LineKind {
    match head {
        ".if" => LineKind::Conditional(CondKeyword::If),
        ".elif" => LineKind::Conditional(CondKeyword::Elif),
        ".else" => LineKind::Conditional(CondKeyword::Else),
        ".endif" => LineKind::Conditional(CondKeyword::Endif),
        ".diag" => LineKind::Message(MessageLevel::Diag),
        ".notice" => LineKind::Message(MessageLevel::Notice),
        ".warning" => LineKind::Message(MessageLevel::Warning),
        ".alert" => LineKind::Message(MessageLevel::Alert),
        _ if head.starts_with('.') => LineKind::UnknownDot,
        _ if find_section_keyword(head).is_some() => LineKind::SectionHeader,
        _ => LineKind::Directive,
    }
}

fn node_kind(kind: LineKind) -> SyntaxKind {
    match kind {
        LineKind::SectionHeader => SECTION_HEADER,
        LineKind::Directive | LineKind::UnknownDot => DIRECTIVE,
        LineKind::Conditional(_) => COND_LINE,
        LineKind::Message(_) => MESSAGE_LINE,
        LineKind::Scope => SCOPE_LINE,
    }
}
