//! The graph as a Mermaid flowchart (GitHub renders it in Markdown).

use std::collections::HashMap;
use std::fmt::Write as _;

use super::escape::mermaid as esc;
use super::label::{Style, edge_label, edge_style, node_lines, node_style};
use crate::graph::{Graph, NodeKind};

fn class(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Frontend => "frontend",
        NodeKind::Listen => "listen",
        NodeKind::Backend => "backend",
        NodeKind::Server => "server",
        NodeKind::Action => "action",
        NodeKind::Undefined => "undefined",
        NodeKind::Dynamic => "dynamic",
    }
}

pub fn render(graph: &Graph) -> String {
    let mut out = String::from("flowchart LR\n");
    // Mermaid ids are restricted: number the nodes.
    let ids: HashMap<&str, String> = graph
        .nodes
        .iter()
        .enumerate()
        .map(|(index, node)| (node.id.as_str(), format!("n{index}")))
        .collect();
    for node in &graph.nodes {
        let label = node_lines(node)
            .iter()
            .map(|line| esc(line))
            .collect::<Vec<_>>()
            .join("<br/>");
        let id = ids.get(node.id.as_str()).map_or("", String::as_str);
        let (open, close) = match node.kind {
            NodeKind::Action => ("{{", "}}"),
            NodeKind::Server => ("(", ")"),
            NodeKind::Dynamic => ("[/", "/]"),
            _ => ("[", "]"),
        };
        let _ = writeln!(out, "  {id}{open}\"{label}\"{close}");
    }
    let mut grey = Vec::new();
    let mut red = Vec::new();
    // `linkStyle` counts the links written, not the edges of the graph.
    let mut index = 0usize;
    for edge in &graph.edges {
        let (Some(from), Some(to)) = (ids.get(edge.from.as_str()), ids.get(edge.to.as_str()))
        else {
            continue;
        };
        let arrow = match edge_style(edge) {
            Style::Unreachable => {
                grey.push(index);
                "-.->"
            }
            Style::Finding => {
                red.push(index);
                "-->"
            }
            Style::Normal => "-->",
        };
        let label = edge_label(edge);
        if label.is_empty() {
            let _ = writeln!(out, "  {from} {arrow} {to}");
        } else {
            let _ = writeln!(out, "  {from} {arrow}|\"{}\"| {to}", esc(&label));
        }
        index += 1;
    }
    out.push_str(concat!(
        "  classDef frontend fill:#dbeafe,stroke:#1d4ed8\n",
        "  classDef listen fill:#e0e7ff,stroke:#4338ca\n",
        "  classDef backend fill:#dcfce7,stroke:#15803d\n",
        "  classDef server fill:#f3f4f6,stroke:#6b7280\n",
        "  classDef action fill:#fef3c7,stroke:#b45309\n",
        "  classDef undefined fill:#fee2e2,stroke:#dc2626,stroke-dasharray:4 3\n",
        "  classDef dynamic fill:#f5f3ff,stroke:#7c3aed,stroke-dasharray:4 3\n",
        "  classDef finding stroke:#dc2626,stroke-width:3px\n",
    ));
    for node in &graph.nodes {
        if let Some(id) = ids.get(node.id.as_str()) {
            let _ = writeln!(out, "  class {id} {}", class(node.kind));
            // Applied last, so its red border wins over the kind's.
            if node_style(node) == Style::Finding {
                let _ = writeln!(out, "  class {id} finding");
            }
        }
    }
    for (indices, style) in [
        (grey, "stroke:#9ca3af,color:#9ca3af"),
        (red, "stroke:#dc2626,stroke-width:2px,color:#dc2626"),
    ] {
        if !indices.is_empty() {
            let list = indices.iter().map(ToString::to_string).collect::<Vec<_>>();
            let _ = writeln!(out, "  linkStyle {} {style}", list.join(","));
        }
    }
    out
}
