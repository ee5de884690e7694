//! The graph in Graphviz DOT, left to right.

use std::fmt::Write as _;

use super::escape::dot as esc;
use super::label::{
    Names, Style, edge_details, edge_label, edge_style, node_details, node_lines, node_style,
};
use crate::graph::{Graph, NodeKind};

/// Fill color and border style of each node kind.
fn kind_style(kind: NodeKind) -> (&'static str, &'static str) {
    match kind {
        NodeKind::Frontend => ("#dbeafe", "filled"),
        NodeKind::Listen => ("#e0e7ff", "filled"),
        NodeKind::Backend => ("#dcfce7", "filled"),
        NodeKind::Server => ("#f3f4f6", "filled"),
        NodeKind::Action => ("#fef3c7", "filled"),
        NodeKind::Undefined => ("#fee2e2", "filled,dashed"),
        NodeKind::Dynamic => ("#f5f3ff", "filled,dashed"),
    }
}

pub fn render(graph: &Graph) -> String {
    let mut out = String::from(
        "digraph haplint {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\", fontsize=10];\n  edge [fontname=\"Helvetica\", fontsize=9];\n",
    );
    for node in &graph.nodes {
        let (fill, style) = kind_style(node.kind);
        let label = node_lines(node)
            .iter()
            .map(|line| esc(line))
            .collect::<Vec<_>>()
            .join("\\n");
        let color = match node_style(node) {
            Style::Finding => ", color=\"#dc2626\", penwidth=2",
            _ => "",
        };
        let _ = writeln!(
            out,
            "  \"{}\" [label=\"{label}\", style=\"{style}\", fillcolor=\"{fill}\", tooltip=\"{}\"{color}];",
            esc(&node.id),
            esc(&node_details(node).replace('\n', " | ")),
        );
    }
    let names = Names::of(graph);
    for edge in &graph.edges {
        let style = match edge_style(edge) {
            Style::Normal => "",
            Style::Unreachable => ", color=\"#9ca3af\", fontcolor=\"#9ca3af\", style=dashed",
            Style::Finding => ", color=\"#dc2626\", fontcolor=\"#dc2626\", penwidth=2",
        };
        let _ = writeln!(
            out,
            "  \"{}\" -> \"{}\" [label=\"{}\", tooltip=\"{}\"{style}];",
            esc(&edge.from),
            esc(&edge.to),
            esc(&edge_label(edge)),
            esc(&edge_details(&names, edge).replace('\n', " | ")),
        );
    }
    out.push_str("}\n");
    out
}
