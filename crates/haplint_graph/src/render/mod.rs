//! The output formats of the graph.

mod dot;
pub mod escape;
mod html;
mod json;
mod label;
mod layout;
mod mermaid;
mod svg;

use crate::graph::Graph;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Mermaid,
    Dot,
    Svg,
    Html,
    Json,
}

impl Format {
    pub const ALL: [Self; 5] = [Self::Mermaid, Self::Dot, Self::Svg, Self::Html, Self::Json];

    pub fn name(self) -> &'static str {
        match self {
            Self::Mermaid => "mermaid",
            Self::Dot => "dot",
            Self::Svg => "svg",
            Self::Html => "html",
            Self::Json => "json",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|format| format.name() == name)
    }
}

/// [`render`] written to `out`; JSON is streamed rather than built whole.
pub fn write(graph: &Graph, format: Format, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    match format {
        Format::Json => json::write(graph, out),
        _ => out.write_all(render(graph, format).as_bytes()),
    }
}

/// The graph as text in `format`, ending with a newline.
pub fn render(graph: &Graph, format: Format) -> String {
    match format {
        Format::Mermaid => mermaid::render(graph),
        Format::Dot => dot::render(graph),
        Format::Svg => svg::render(graph),
        Format::Html => html::render(graph),
        Format::Json => json::render(graph),
    }
}
