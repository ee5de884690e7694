//! The command line, as clap sees it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const EXIT_CODES: &str = "Exit codes:
  0  nothing at or above the fail level (default: errors; see --fail-level)
  1  findings at or above the fail level
  2  usage error, a file could not be read, or haplint.toml is invalid";

const FMT_EXIT_CODES: &str = "Exit codes:
  0  every file is formatted (or nothing needed to change)
  1  with --check or --diff, a file would change; or a file was not
     formatted because HAProxy rejects its syntax (see --force)
  2  usage error, a file could not be read or written, or haplint.toml is invalid";

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
    Check(Box<CheckArgs>),
    /// List every rule: code, name, category, default severity, fix.
    Rules(RulesArgs),
    /// Explain a rule by name or code (`missing-timeout`, `HAP124`).
    Explain(ExplainArgs),
    /// Draw the routing of a configuration: frontends, rules, backends, servers.
    Graph(Box<GraphArgs>),
    /// Format configuration files in place (or check that they are formatted).
    #[command(after_help = FMT_EXIT_CODES)]
    Fmt(FmtArgs),
    /// Print the concrete syntax tree of a file (for debugging the parser).
    DumpCst(DumpCstArgs),
    /// Run the language server on standard input and output (for editors).
    Server(ServerArgs),
    /// Rewrite what a newer HAProxy refuses into its replacement.
    #[command(after_help = UPGRADE_EXIT_CODES)]
    Upgrade(UpgradeArgs),
}

const UPGRADE_EXIT_CODES: &str = "Exit codes:
  0  done (or, with --check, nothing would change)
  1  with --check: something would change
  2  usage error or a file could not be read or written";

#[derive(Debug, Args)]
pub struct UpgradeArgs {
    /// The HAProxy version to move to, as MAJOR.MINOR (default: the newest
    /// released line haplint knows).
    #[arg(long, value_name = "X.Y")]
    pub to: Option<String>,
    /// The version the configuration runs on today, as MAJOR.MINOR: the
    /// report then also lists what else the target refuses that this one
    /// did not.
    #[arg(long, value_name = "A.B")]
    pub from: Option<String>,
    /// Print the change as a unified diff instead of writing it; exit 1 when
    /// there is one.
    #[arg(long)]
    pub diff: bool,
    /// Write nothing; exit 1 when something would change.
    #[arg(long)]
    pub check: bool,
    /// The configuration files to upgrade; a directory stands for its
    /// `*.cfg` files, as with `check`.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ServerArgs {
    /// Accepted for clients that pass it (VS Code's language client does);
    /// standard input and output is the only transport.
    #[arg(long)]
    pub stdio: bool,
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
#[allow(clippy::struct_excessive_bools)] // each bool is an independent command-line switch
pub struct CheckArgs {
    /// Configuration files or directories (their `*.cfg`, recursively),
    /// each checked on its own, or with the rest of its set when
    /// `config-sets` in haplint.toml lists it; `-` reads standard input.
    #[arg(required_unless_present = "set_files", value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Check these files together as one configuration, like `haproxy -f`:
    /// in the order given, a directory's `*.cfg` in lexical order, with
    /// names and references resolved across the files. Repeatable.
    #[arg(short = 'f', long = "file", value_name = "PATH")]
    pub set_files: Vec<PathBuf>,

    /// How to print diagnostics.
    #[arg(long, value_enum, default_value_t = OutputFormat::Full)]
    pub output_format: OutputFormat,

    /// The HAProxy version the configuration is for, as MAJOR.MINOR
    /// (1.8 to 3.5; default: 3.2, the newest long-term-support line).
    #[arg(long, value_name = "X.Y")]
    pub target_version: Option<String>,

    /// Only these rules (names, codes, code prefixes or categories, comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Option<Vec<String>>,

    /// Also these rules, on top of the selection (turns on rules that are off by default).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub extend_select: Vec<String>,

    /// Never these rules.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,

    /// The lowest severity that makes the check fail (exit code 1).
    #[arg(long, value_enum, default_value_t = FailLevel::Error)]
    pub fail_level: FailLevel,

    /// Exit with 0 even when findings reach the fail level.
    #[arg(long)]
    pub exit_zero: bool,

    /// Settings file to use instead of the nearest `haplint.toml`.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Ignore `# haplint: ignore[...]` comments.
    #[arg(long)]
    pub no_inline_suppressions: bool,

    /// Apply safe fixes to the files, then report what is left.
    #[arg(long)]
    pub fix: bool,

    /// With `--fix` or `--diff`: unsafe fixes too (they change behaviour on purpose).
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// Print the fixes as a unified diff instead of writing them, and
    /// nothing else; exit code 1 when there is something to fix.
    #[arg(long)]
    pub diff: bool,

    /// Print how many findings each rule has, after the findings.
    #[arg(long)]
    pub statistics: bool,

    /// Print nothing but the findings (no summary line).
    #[arg(long, short)]
    pub quiet: bool,

    /// The file name to show (and to find `haplint.toml` from) for standard input.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,

    /// Also check the configuration against this machine: ports held by
    /// other processes, certificates and keys, referenced files, limits,
    /// users (read-only; the environment rules, HAP702-HAP715).
    #[arg(long)]
    pub live: bool,

    /// Read a running HAProxy's state through its runtime API (a UNIX
    /// socket path or a loopback HOST:PORT): servers not UP, backends
    /// down, version, drift from the file (read-only `show` commands).
    #[arg(long, value_name = "SOCKET")]
    pub runtime: Option<String>,

    #[command(flatten)]
    pub environment: EnvArgs,

    /// With `--live`: read absolute paths of the configuration under DIR
    /// (certificates kept in a repository under another layout).
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,

    /// With `--live`: warn this many days before a certificate expires (default 30).
    #[arg(long, value_name = "DAYS")]
    pub certificate_expiry_days: Option<u32>,

    /// Refuse configurations larger than this (bytes, or with K, M, G;
    /// default 64M, or `max-file-size` in haplint.toml).
    #[arg(long, value_name = "BYTES", value_parser = crate::bounded_read::parse_size)]
    pub max_file_size: Option<u64>,

    /// When to use colors (`NO_COLOR` in the environment turns them off in `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// `--env` and `--env-file`, the same for `check` and `graph`.
#[derive(Debug, Args, Default)]
pub struct EnvArgs {
    /// The environment HAProxy runs with: `"${NAME}"` in the configuration
    /// is then evaluated and checked (repeatable; wins over `--env-file`).
    #[arg(long = "env", value_name = "NAME=VALUE")]
    pub env: Vec<String>,

    /// Read environment variables from FILE: `KEY=value` lines, as systemd's
    /// `EnvironmentFile=` and `docker run --env-file` take (repeatable).
    #[arg(long = "env-file", value_name = "FILE")]
    pub env_files: Vec<PathBuf>,
}

#[derive(Debug, Args)]
#[allow(clippy::struct_excessive_bools)] // each bool is an independent command-line switch
pub struct GraphArgs {
    /// The configuration: a file (with the rest of its set when
    /// `config-sets` in haplint.toml lists it), a directory (its `*.cfg`
    /// as one set), or `-` for standard input.
    #[arg(
        required_unless_present = "set_files",
        conflicts_with = "set_files",
        value_name = "PATH"
    )]
    pub path: Option<PathBuf>,

    /// Draw these files as one configuration, like `haproxy -f` (repeatable).
    #[arg(short = 'f', long = "file", value_name = "PATH")]
    pub set_files: Vec<PathBuf>,

    /// What to write (see docs/graph.md).
    #[arg(long, value_enum, default_value_t = GraphFormat::Mermaid)]
    pub format: GraphFormat,

    /// Write to this file instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: Option<PathBuf>,

    /// Only this frontend (or listen, or backend) and what it reaches.
    #[arg(long, value_name = "NAME")]
    pub section: Option<String>,

    /// Do not draw the linter's findings.
    #[arg(long)]
    pub no_findings: bool,

    /// Write out the criteria of the ACLs each condition uses.
    #[arg(long)]
    pub acl_definitions: bool,

    /// Read the map files of dynamic `use_backend` targets, to draw the
    /// backends they name (read-only).
    #[arg(long)]
    pub live: bool,

    /// The HAProxy version the configuration is for, as MAJOR.MINOR.
    #[arg(long, value_name = "X.Y")]
    pub target_version: Option<String>,

    /// The environment HAProxy runs with, as for `check`: conditions on
    /// `"${NAME}"` are decided with it, and it wins over haplint.toml's.
    #[command(flatten)]
    pub environment: EnvArgs,

    /// Settings file to use instead of the nearest `haplint.toml`.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Refuse configurations larger than this (bytes, or with K, M, G).
    #[arg(long, value_name = "BYTES", value_parser = crate::bounded_read::parse_size)]
    pub max_file_size: Option<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// A Mermaid flowchart (GitHub renders it in Markdown).
    Mermaid,
    /// Graphviz DOT.
    Dot,
    /// SVG, laid out by haplint.
    Svg,
    /// One HTML page: the SVG with hover details and a legend.
    Html,
    /// The graph as data (docs/graph-schema.json).
    Json,
}

/// The lowest severity that fails a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailLevel {
    Error,
    Warning,
    Info,
}

#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Configuration files or directories (their `*.cfg`, recursively);
    /// `-` formats standard input to standard output.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Write nothing; list the files that would change and exit with 1.
    #[arg(long, conflicts_with = "diff")]
    pub check: bool,

    /// Write nothing; print the changes as a unified diff (exit 1 if any).
    #[arg(long)]
    pub diff: bool,

    /// Format files that have syntax errors too, keeping the lines in
    /// error as they are.
    #[arg(long)]
    pub force: bool,

    /// Settings file to use instead of the nearest `haplint.toml`.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// The file name to find `haplint.toml` from (and to show) for standard input.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,
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
    /// One JSON document (see docs/json-output.md).
    Json,
    /// One JSON object per line, one line per diagnostic.
    JsonLines,
    /// SARIF 2.1.0, for code-scanning services.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// Checkstyle XML.
    Checkstyle,
    /// `JUnit` XML.
    Junit,
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
