//! The graph as JSON (docs/graph-schema.json).

use crate::graph::Graph;

pub fn render(graph: &Graph) -> String {
    // Serializing plain structs of strings and numbers cannot fail; an
    // empty object is the fallback that keeps the output valid JSON.
    let mut text = serde_json::to_string_pretty(graph).unwrap_or_else(|_| "{}".to_owned());
    text.push('\n');
    text
}
