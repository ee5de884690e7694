//! Expressions of `.if` / `.elif` lines (cfgcond.c):
//!
//! ```text
//! expr := and ( '||' and )*
//! and  := term ( '&&' term )*
//! term := '!'* ( INTEGER | NAME [ '(' arg ( ',' arg )* ')' ] | '(' expr ')' )
//! ```
//!
//! The expression is lexed from the source text, so the tree stays lossless;
//! quoted arguments are kept whole as `COND_TEXT` tokens.

use logos::Logos;

use crate::SyntaxKind::{self, *};
use crate::builder::TreeBuilder;
use crate::diagnostic::{SyntaxDiagnostic, SyntaxDiagnosticKind, range};

/// A predicate HAProxy knows in some version, with its argument count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Predicate {
    pub name: &'static str,
    pub min_args: usize,
    pub max_args: usize,
    /// First HAProxy version that has it.
    pub since: &'static str,
}

/// Every predicate of HAProxy 2.4 to 3.4 (version checks are the semantic layer's job).
pub const PREDICATES: [Predicate; 14] = [
    Predicate {
        name: "defined",
        min_args: 0,
        max_args: 1,
        since: "2.4",
    },
    Predicate {
        name: "feature",
        min_args: 0,
        max_args: 1,
        since: "2.4",
    },
    Predicate {
        name: "streq",
        min_args: 2,
        max_args: 2,
        since: "2.4",
    },
    Predicate {
        name: "strneq",
        min_args: 2,
        max_args: 2,
        since: "2.4",
    },
    Predicate {
        name: "version_atleast",
        min_args: 0,
        max_args: 1,
        since: "2.4",
    },
    Predicate {
        name: "version_before",
        min_args: 0,
        max_args: 1,
        since: "2.4",
    },
    Predicate {
        name: "openssl_version_atleast",
        min_args: 0,
        max_args: 1,
        since: "2.5",
    },
    Predicate {
        name: "openssl_version_before",
        min_args: 0,
        max_args: 1,
        since: "2.5",
    },
    Predicate {
        name: "ssllib_name_startswith",
        min_args: 0,
        max_args: 1,
        since: "2.5",
    },
    Predicate {
        name: "strstr",
        min_args: 2,
        max_args: 2,
        since: "2.8",
    },
    Predicate {
        name: "enabled",
        min_args: 0,
        max_args: 1,
        since: "2.8",
    },
    Predicate {
        name: "awslc_api_atleast",
        min_args: 0,
        max_args: 1,
        since: "3.3",
    },
    Predicate {
        name: "awslc_api_before",
        min_args: 0,
        max_args: 1,
        since: "3.3",
    },
    Predicate {
        name: "fips_mode",
        min_args: 0,
        max_args: 0,
        since: "3.5",
    },
];

/// Whether `text` may hold a conditional block. Every block starts with
/// `.if`, maybe written with an escape or quotes (`.\\if`, `".if"`): a text
/// with none of these markers has none.
pub(crate) fn may_have_conditionals(text: &str) -> bool {
    [".if", ".\\", ".\"", ".'"]
        .iter()
        .any(|marker| text.contains(marker))
}

pub fn find_predicate(name: &str) -> Option<&'static Predicate> {
    PREDICATES.iter().find(|predicate| predicate.name == name)
}

/// What can be said about a condition without the environment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Truth {
    True,
    False,
    /// Depends on the environment, the build or the HAProxy version.
    Unknown,
}

impl Truth {
    /// `!self`
    #[must_use]
    pub fn negate(self) -> Self {
        match self {
            Self::True => Self::False,
            Self::False => Self::True,
            Self::Unknown => Self::Unknown,
        }
    }

    /// `self && other`
    #[must_use]
    pub fn both(self, other: Self) -> Self {
        match (self, other) {
            (Self::False, _) | (_, Self::False) => Self::False,
            (Self::True, Self::True) => Self::True,
            _ => Self::Unknown,
        }
    }

    /// `self || other`
    #[must_use]
    pub fn either(self, other: Self) -> Self {
        match (self, other) {
            (Self::True, _) | (_, Self::True) => Self::True,
            (Self::False, Self::False) => Self::False,
            _ => Self::Unknown,
        }
    }
}

#[derive(Logos, Debug, Clone, Copy, PartialEq, Eq)]
enum CondToken {
    #[regex(r"[ \t\x0B\x0C]+")]
    Whitespace,
    #[token("(")]
    LParen,
    #[token(")")]
    RParen,
    #[token(",")]
    Comma,
    #[token("!")]
    Bang,
    #[token("&&")]
    And,
    #[token("||")]
    Or,
    #[regex(r"[A-Za-z_][A-Za-z0-9_]*")]
    Ident,
    #[regex(r"[-+]?(0[xX][0-9a-fA-F]+|[0-9]+)")]
    Int,
    #[regex(r#""([^"\\\r\n]|\\[^\r\n])*"?"#)]
    #[regex(r"'[^'\r\n]*'?")]
    #[regex(r#"[^ \t\x0B\x0C(),!&|"'A-Za-z0-9_\r\n]+"#)]
    #[token("&")]
    #[token("|")]
    Other,
}

#[derive(Debug, Clone, Copy)]
struct Lexeme {
    kind: SyntaxKind,
    start: usize,
    end: usize,
}

/// Parses the expression `source[start..end]` into a `COND_EXPR` node.
pub(crate) struct CondParser<'a, 'b> {
    source: &'a str,
    lexemes: Vec<Lexeme>,
    pos: usize,
    end: usize,
    /// The `.if` or `.elif` word, for messages.
    directive: &'a str,
    builder: &'b mut TreeBuilder,
    error: Option<SyntaxDiagnostic>,
    /// Current nesting of `!` and `(`, bounded like HAProxy's own parser.
    depth: usize,
}

/// HAProxy's `MAX_CFG_RECURSION`; it also keeps our recursion off the end of the stack.
pub const MAX_NESTING: usize = 1024;

impl<'a, 'b> CondParser<'a, 'b> {
    pub(crate) fn new(
        source: &'a str,
        start: usize,
        end: usize,
        directive: &'a str,
        builder: &'b mut TreeBuilder,
    ) -> Self {
        let mut lexer = CondToken::lexer(&source[start..end]);
        let mut lexemes = Vec::new();
        while let Some(token) = lexer.next() {
            let span = lexer.span();
            let kind = match token {
                Ok(CondToken::Whitespace) => WHITESPACE,
                Ok(CondToken::LParen) => L_PAREN,
                Ok(CondToken::RParen) => R_PAREN,
                Ok(CondToken::Comma) => COMMA,
                Ok(CondToken::Bang) => BANG,
                Ok(CondToken::And) => AMP2,
                Ok(CondToken::Or) => PIPE2,
                Ok(CondToken::Ident) => COND_IDENT,
                Ok(CondToken::Int) => COND_INT,
                Ok(CondToken::Other) | Err(()) => COND_TEXT,
            };
            lexemes.push(Lexeme {
                kind,
                start: start + span.start,
                end: start + span.end,
            });
        }
        Self {
            source,
            lexemes,
            pos: 0,
            end,
            directive,
            builder,
            error: None,
            depth: 0,
        }
    }

    /// Builds the node; returns the static truth value and the first error.
    pub(crate) fn parse(mut self) -> (Truth, Option<SyntaxDiagnostic>) {
        self.builder.start_node(COND_EXPR.into());
        let truth = if self.at_end() {
            Truth::False
        } else {
            self.expr()
        };
        if self.error.is_none() && !self.at_end() {
            let lexeme = self.lexemes[self.pos];
            self.fail_at(
                lexeme.start,
                lexeme.end,
                "unexpected text at the end of the conditional expression",
            );
        }
        while self.pos < self.lexemes.len() {
            self.bump();
        }
        self.builder.finish_node();
        let truth = if self.error.is_some() {
            Truth::Unknown
        } else {
            truth
        };
        (truth, self.error)
    }

    fn expr(&mut self) -> Truth {
        let checkpoint = self.builder.checkpoint();
        let mut truth = self.and();
        while self.error.is_none() && self.peek() == Some(PIPE2) {
            self.builder.start_node_at(checkpoint, COND_OR.into());
            self.bump();
            let right = self.and();
            self.builder.finish_node();
            truth = truth.either(right);
        }
        truth
    }

    fn and(&mut self) -> Truth {
        let checkpoint = self.builder.checkpoint();
        let mut truth = self.term();
        while self.error.is_none() && self.peek() == Some(AMP2) {
            self.builder.start_node_at(checkpoint, COND_AND.into());
            self.bump();
            let right = self.term();
            self.builder.finish_node();
            truth = truth.both(right);
        }
        truth
    }

    fn term(&mut self) -> Truth {
        if self.depth >= MAX_NESTING {
            let (start, end) = self.current_span();
            self.fail_at(
                start,
                end,
                format!("conditional expression nested deeper than {MAX_NESTING} levels"),
            );
            return Truth::Unknown;
        }
        self.depth += 1;
        let truth = self.nested_term();
        self.depth -= 1;
        truth
    }

    fn nested_term(&mut self) -> Truth {
        match self.peek() {
            Some(BANG) => {
                self.builder.start_node(COND_NOT.into());
                self.bump();
                let inner = self.term();
                self.builder.finish_node();
                inner.negate()
            }
            Some(COND_INT) => {
                let lexeme = self.lexemes[self.pos];
                self.bump();
                let text = &self.source[lexeme.start..lexeme.end];
                if parse_c_integer(text) == Some(0) {
                    Truth::False
                } else {
                    Truth::True
                }
            }
            Some(COND_IDENT) => self.call(),
            Some(L_PAREN) => {
                let open = self.lexemes[self.pos];
                self.builder.start_node(COND_GROUP.into());
                self.bump();
                let truth = self.expr();
                if self.error.is_none() {
                    if self.peek() == Some(R_PAREN) {
                        self.bump();
                    } else {
                        self.fail_at(
                            open.start,
                            open.end,
                            "`(` is never closed in the conditional expression",
                        );
                    }
                }
                self.builder.finish_node();
                truth
            }
            _ => {
                let (start, end) = self.current_span();
                self.fail_at(
                    start,
                    end,
                    "expected a predicate, an integer, `!` or `(` here",
                );
                Truth::Unknown
            }
        }
    }

    fn call(&mut self) -> Truth {
        let name_lexeme = self.lexemes[self.pos];
        let name = &self.source[name_lexeme.start..name_lexeme.end];
        self.builder.start_node(COND_CALL.into());
        self.bump();
        let mut arg_count = 0;
        let mut close = None;
        if self.peek_raw() == Some(L_PAREN) {
            self.builder.start_node(COND_ARG_LIST.into());
            self.bump_raw();
            loop {
                if self.peek_raw() == Some(R_PAREN) && arg_count == 0 {
                    close = Some(self.lexemes[self.pos]);
                    self.bump_raw();
                    break;
                }
                arg_count += 1;
                self.builder.start_node(COND_ARG.into());
                while matches!(self.peek_raw(), Some(kind) if kind != COMMA && kind != R_PAREN) {
                    self.bump_raw();
                }
                self.builder.finish_node();
                match self.peek_raw() {
                    Some(COMMA) => self.bump_raw(),
                    Some(R_PAREN) => {
                        close = Some(self.lexemes[self.pos]);
                        self.bump_raw();
                        break;
                    }
                    _ => break,
                }
            }
            self.builder.finish_node();
        }
        self.builder.finish_node();
        let Some(predicate) = find_predicate(name) else {
            let message = format!("unknown predicate `{name}` in conditional expression");
            self.fail_at(name_lexeme.start, name_lexeme.end, message);
            return Truth::Unknown;
        };
        let Some(close) = close else {
            let (start, end) = self.current_span();
            let message = format!("missing `)` after the arguments of `{name}`");
            self.fail_at(start, end, message);
            return Truth::Unknown;
        };
        if arg_count < predicate.min_args || arg_count > predicate.max_args {
            let expected = if predicate.min_args == predicate.max_args {
                format!("{}", predicate.min_args)
            } else {
                format!("at most {}", predicate.max_args)
            };
            let message = format!("`{name}` takes {expected} argument(s), found {arg_count}");
            self.fail_at(name_lexeme.start, close.end, message);
        }
        Truth::Unknown
    }

    fn fail_at(&mut self, start: usize, end: usize, message: impl Into<String>) {
        if self.error.is_none() {
            let message = format!("{} in `{}`", message.into(), self.directive);
            self.error = Some(SyntaxDiagnostic::new(
                SyntaxDiagnosticKind::ConditionalExpression,
                range(start, end),
                message,
            ));
        }
    }

    fn at_end(&mut self) -> bool {
        self.skip_whitespace();
        self.pos >= self.lexemes.len()
    }

    fn current_span(&self) -> (usize, usize) {
        match self.lexemes.get(self.pos) {
            Some(lexeme) => (lexeme.start, lexeme.end),
            None => (self.end, self.end),
        }
    }

    /// The next significant lexeme, after emitting whitespace.
    fn peek(&mut self) -> Option<SyntaxKind> {
        self.skip_whitespace();
        self.peek_raw()
    }

    fn peek_raw(&self) -> Option<SyntaxKind> {
        self.lexemes.get(self.pos).map(|lexeme| lexeme.kind)
    }

    fn skip_whitespace(&mut self) {
        while self.peek_raw() == Some(WHITESPACE) {
            self.bump_raw();
        }
    }

    fn bump(&mut self) {
        self.skip_whitespace();
        self.bump_raw();
    }

    fn bump_raw(&mut self) {
        if let Some(lexeme) = self.lexemes.get(self.pos) {
            self.builder
                .token(lexeme.kind.into(), &self.source[lexeme.start..lexeme.end]);
            self.pos += 1;
        }
    }
}

/// `strtol(text, NULL, 0)` for the forms the lexer accepts.
pub(crate) fn parse_c_integer(text: &str) -> Option<i64> {
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let value = if let Some(hex) = digits
        .strip_prefix("0x")
        .or_else(|| digits.strip_prefix("0X"))
    {
        i64::from_str_radix(hex, 16).ok()?
    } else if digits.len() > 1 && digits.starts_with('0') {
        i64::from_str_radix(&digits[1..], 8).unwrap_or(0)
    } else {
        digits.parse().ok()?
    };
    Some(if negative { -value } else { value })
}
