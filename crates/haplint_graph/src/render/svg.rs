//! The graph as a standalone SVG, laid out by [`super::layout`], with a
//! legend above it and hover text (`<title>`) on every node and edge.

use std::fmt::Write as _;

use super::escape::xml;
use super::label::{Names, Style, edge_details, edge_style, node_details, node_style};
use super::layout::{LINE_HEIGHT, Layout, MARGIN, label_width, layout, text_width};
use crate::graph::{Graph, NodeKind};

const RED: &str = "#dc2626";
const GREY: &str = "#9ca3af";
const INK: &str = "#1f2937";
const LEGEND_HEIGHT: usize = 28;

/// Fill, border, dashed border.
fn colors(kind: NodeKind) -> (&'static str, &'static str, bool) {
    match kind {
        NodeKind::Frontend => ("#dbeafe", "#1d4ed8", false),
        NodeKind::Listen => ("#e0e7ff", "#4338ca", false),
        NodeKind::Backend => ("#dcfce7", "#15803d", false),
        NodeKind::Server => ("#f3f4f6", "#6b7280", false),
        NodeKind::Action => ("#fef3c7", "#b45309", false),
        NodeKind::Undefined => ("#fee2e2", RED, true),
        NodeKind::Dynamic => ("#f5f3ff", "#7c3aed", true),
    }
}

/// What the legend explains, with the look of its swatch.
const LEGEND: [(&str, &str, &str, bool); 9] = [
    ("frontend", "#dbeafe", "#1d4ed8", false),
    ("listen", "#e0e7ff", "#4338ca", false),
    ("backend", "#dcfce7", "#15803d", false),
    ("server", "#f3f4f6", "#6b7280", false),
    ("stops processing", "#fef3c7", "#b45309", false),
    ("dynamic target", "#f5f3ff", "#7c3aed", true),
    ("undefined backend", "#fee2e2", RED, true),
    ("finding", "#ffffff", RED, false),
    ("unreachable rule", "#ffffff", GREY, true),
];

/// The legend's width, so the picture is at least that wide.
fn legend_width() -> usize {
    LEGEND
        .iter()
        .map(|(text, ..)| 22 + text_width(text) + 18)
        .sum::<usize>()
        + 2 * MARGIN
}

pub fn render(graph: &Graph) -> String {
    let top = MARGIN + LEGEND_HEIGHT + MARGIN;
    let placed = layout(graph, top);
    let width = placed.width.max(legend_width());
    let height = placed.height.max(top + MARGIN);
    let mut out = String::with_capacity(graph.nodes.len() * 600 + graph.edges.len() * 400 + 4096);
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" font-size=\"12\">"
    );
    out.push_str("<title>haplint routing graph</title>\n");
    let _ = writeln!(
        out,
        "<defs>{}{}{}</defs>",
        marker("arrow", INK),
        marker("arrow-red", RED),
        marker("arrow-grey", GREY)
    );
    let _ = writeln!(
        out,
        "<rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>"
    );
    legend(&mut out);
    edges(&mut out, graph, &placed);
    nodes(&mut out, graph, &placed);
    out.push_str("</svg>\n");
    out
}

fn marker(id: &str, color: &str) -> String {
    format!(
        "<marker id=\"{id}\" viewBox=\"0 0 8 8\" refX=\"8\" refY=\"4\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto\"><path d=\"M0,0 L8,4 L0,8 z\" fill=\"{color}\"/></marker>"
    )
}

fn legend(out: &mut String) {
    out.push_str("<g id=\"legend\" class=\"legend\">\n");
    let mut x = MARGIN;
    let y = MARGIN;
    for (text, fill, stroke, dashed) in LEGEND {
        let dash = if dashed {
            " stroke-dasharray=\"4 3\""
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "<rect x=\"{x}\" y=\"{}\" width=\"16\" height=\"16\" rx=\"3\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"2\"{dash}/><text x=\"{}\" y=\"{}\" fill=\"{INK}\">{}</text>",
            y + 6,
            x + 22,
            y + 19,
            xml(text)
        );
        x += 22 + text_width(text) + 18;
    }
    out.push_str("</g>\n");
}

fn edges(out: &mut String, graph: &Graph, placed: &Layout) {
    out.push_str("<g class=\"edges\" fill=\"none\">\n");
    let names = Names::of(graph);
    for (edge, path) in graph.edges.iter().zip(&placed.edges) {
        let Some(path) = path else {
            continue;
        };
        let (color, marker, dash, class) = match edge_style(edge) {
            Style::Normal => (INK, "arrow", "", "edge"),
            Style::Unreachable => (
                GREY,
                "arrow-grey",
                " stroke-dasharray=\"5 4\"",
                "edge unreachable",
            ),
            Style::Finding => (RED, "arrow-red", "", "edge finding"),
        };
        let (x1, y1) = path.from;
        let (x2, y2) = path.to;
        // Horizontal tangents at both ends; a backward edge loops around.
        let bend = (x2.abs_diff(x1) / 2).max(40);
        let _ = write!(
            out,
            "<g class=\"{class}\"><title>{}</title><path d=\"M{x1},{y1} C{},{y1} {},{y2} {x2},{y2}\" stroke=\"{color}\" stroke-width=\"1.5\"{dash} marker-end=\"url(#{marker})\"/>",
            xml(&edge_details(&names, edge)),
            x1 + bend,
            x2.saturating_sub(bend),
        );
        if !path.label.is_empty() {
            // A white band under the label keeps it readable over other edges.
            let _ = write!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"12\" fill=\"#ffffff\" fill-opacity=\"0.85\"/><text x=\"{}\" y=\"{}\" font-size=\"10\" fill=\"{color}\" stroke=\"none\">{}</text>",
                x1 + 4,
                y1.saturating_sub(13),
                label_width(&path.label) + 4,
                x1 + 6,
                y1.saturating_sub(3),
                xml(&path.label)
            );
        }
        out.push_str("</g>\n");
    }
    out.push_str("</g>\n");
}

fn nodes(out: &mut String, graph: &Graph, placed: &Layout) {
    out.push_str("<g class=\"nodes\">\n");
    for (node, place) in graph.nodes.iter().zip(&placed.nodes) {
        let (fill, mut stroke, dashed) = colors(node.kind);
        let mut width = 1.5;
        if node_style(node) == Style::Finding {
            stroke = RED;
            width = 3.0;
        }
        let dash = if dashed {
            " stroke-dasharray=\"4 3\""
        } else {
            ""
        };
        let faded = node.server.as_ref().is_some_and(|flags| flags.disabled);
        let opacity = if faded { " opacity=\"0.55\"" } else { "" };
        let _ = write!(
            out,
            "<g class=\"node {}\" data-id=\"{}\"{opacity}><title>{}</title><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{width}\"{dash}/>",
            node.kind.name(),
            xml(&node.id),
            xml(&node_details(node)),
            place.x,
            place.y,
            place.width,
            place.height,
        );
        let text_top = place.y + (place.height - place.lines.len() * LINE_HEIGHT) / 2;
        for (row, line) in place.lines.iter().enumerate() {
            let weight = if row == 0 {
                " font-weight=\"bold\""
            } else {
                ""
            };
            let color = if line.starts_with("! ") { RED } else { INK };
            let _ = write!(
                out,
                "<text x=\"{}\" y=\"{}\" fill=\"{color}\"{weight}>{}</text>",
                place.x + 8,
                text_top + row * LINE_HEIGHT + 12,
                xml(line)
            );
        }
        out.push_str("</g>\n");
    }
    out.push_str("</g>\n");
}
