//! The routing graph of an HAProxy configuration set: frontends and their
//! binds, the rules that route or stop a request in evaluation order, the
//! backends and servers they reach, and the linter's findings drawn on it.
//! Rendered as JSON, Mermaid, Graphviz DOT, SVG (laid out here) or HTML.

mod build;
mod condition;
mod dynamic;
mod findings;
pub mod graph;
mod lines;
pub mod render;
mod rules;
mod section;
mod servers;

use haplint_linter::LintOptions;
use haplint_semantic::effective::Inheritance;
use haplint_semantic::{Analysis, Checks, ConfigSet};

pub use build::BuildOptions;
pub use graph::{Graph, SCHEMA_VERSION};
pub use render::{Format, render, write};

/// What the graph shows.
#[derive(Default)]
pub struct GraphOptions<'a> {
    /// Draw the linter's findings (undefined backends, unreachable rules,
    /// unused backends, mode mismatches).
    pub findings: bool,
    /// Only this proxy and what it reaches.
    pub section: Option<String>,
    pub build: BuildOptions<'a>,
    /// The target version and settings the findings are computed for.
    pub lint: LintOptions,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GraphError {
    /// `--section` names no frontend, listen or backend.
    NoSuchSection(String),
}

impl std::fmt::Display for GraphError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NoSuchSection(name) => {
                write!(f, "no frontend, listen or backend is called `{name}`")
            }
        }
    }
}

/// The graph of a set, analysing it first.
pub fn graph(set: &ConfigSet, options: &GraphOptions<'_>) -> Result<Graph, GraphError> {
    let (analysis, inheritance) = analyze(set, options);
    graph_analyzed(set, &analysis, &inheritance, options)
}

/// The analysis [`graph_analyzed`] needs for `options`: only the semantic
/// checks whose findings it draws, none with `findings` off.
pub fn analyze(set: &ConfigSet, options: &GraphOptions<'_>) -> (Analysis, Inheritance) {
    let selected = if options.findings {
        Checks::Routing
    } else {
        Checks::ModelOnly
    };
    haplint_linter::analyze_selected(set, &options.lint, selected)
}

/// The graph of a set already analysed (the language server keeps its
/// analysis).
pub fn graph_analyzed(
    set: &ConfigSet,
    analysis: &Analysis,
    inheritance: &Inheritance,
    options: &GraphOptions<'_>,
) -> Result<Graph, GraphError> {
    let found = if options.findings {
        findings::Findings::collect(set, analysis, inheritance, &options.lint)
    } else {
        findings::Findings::none()
    };
    let graph = build::build(set, &analysis.model, inheritance, &found, &options.build);
    match &options.section {
        None => Ok(graph),
        Some(name) => section::reachable_from(&graph, name)
            .ok_or_else(|| GraphError::NoSuchSection(name.clone())),
    }
}
