//! The command line, as clap sees it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const EXIT_CODES: &str = "Exit codes:
  0  no error found (warnings and notes do not fail the check)
  1  at least one error found
  2  usage error, a file could not be read, or haplint.toml is invalid";

#[derive(Debug, Parser)]
#[command(name = "haplint", version, about = "Static analyzer for HAProxy configuration files", after_help = EXIT_CODES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check configuration files and report problems.
    #[command(after_help = EXIT_CODES)]
    Check(CheckArgs),
    /// List every rule: code, name, category, default severity, fix.
    Rules(RulesArgs),
    /// Explain a rule by name or code (`missing-timeout`, `HAP124`).
    Explain(ExplainArgs),
    /// Print the concrete syntax tree of a file (for debugging the parser).
    DumpCst(DumpCstArgs),
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// How to print the list.
    #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
    pub output_format: RulesFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule's name or code.
    #[arg(value_name = "NAME|CODE")]
    pub rule: String,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Configuration files to check.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// How to print diagnostics.
    #[arg(long, value_enum, default_value_t = OutputFormat::Full)]
    pub output_format: OutputFormat,

    /// The HAProxy version the configuration is for, as MAJOR.MINOR
    /// (1.8 to 3.5; default: 3.2, the newest long-term-support line).
    #[arg(long, value_name = "X.Y")]
    pub target_version: Option<String>,

    /// Settings file to use instead of the nearest `haplint.toml`.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// When to use colors (`NO_COLOR` in the environment turns them off in `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Args)]
pub struct DumpCstArgs {
    /// The file to dump.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Annotated source snippets.
    Full,
    /// One line per diagnostic: `path:line:col: severity[rule] message`.
    Concise,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to color output written to a stream with `is_terminal`.
    pub fn enabled(self, is_terminal: bool) -> bool {
        match self {
            Self::Always => true,
            Self::Never => false,
            Self::Auto => {
                is_terminal && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
            }
        }
    }
}
