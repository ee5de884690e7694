//! Lexer, lossless concrete syntax tree and typed views for HAProxy
//! configuration files.
//!
//! The tokenizer follows HAProxy's own `parse_line()`: words are glued from
//! unquoted text, `"..."` and `'...'` pieces and escapes; `#` starts a comment
//! anywhere outside quotes; variables expand only inside double quotes; there
//! is no line continuation. The tree keeps every byte, so its text is always
//! the input.
//!
//! ```
//! let parse = haplint_syntax::parse("frontend www\n    bind :80\n");
//! assert_eq!(parse.syntax().to_string(), "frontend www\n    bind :80\n");
//! assert!(parse.diagnostics().is_empty());
//! let section = parse.tree().sections().next().unwrap();
//! assert_eq!(section.keyword().as_deref(), Some("frontend"));
//! ```

pub mod ast;
mod builder;
pub mod cond;
mod diagnostic;
mod kind;
pub mod lexer;
mod parallel;
mod parser;
pub mod sections;
mod unquote;
mod utf8;
pub mod variable;
mod word_values;

pub use diagnostic::{RelatedSpan, Severity, SyntaxDiagnostic, SyntaxDiagnosticKind};
pub use kind::{HaproxyLanguage, SyntaxElement, SyntaxKind, SyntaxNode, SyntaxToken};
pub use parser::{MAX_WORDS_PER_LINE, Parse, parse};
pub use rowan::{TextRange, TextSize};
pub use unquote::{escape_value, unquote};
pub use utf8::{DecodedText, decode};
