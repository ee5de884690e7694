//! The graph as JSON (docs/graph-schema.json), indented by two spaces.
//!
//! The graph of a large configuration is tens of megabytes of JSON: each
//! list is written in two halves on two threads, every node or edge
//! indented at the depth it ends up at, and the halves joined in order.
//! The text is the one `serde_json::to_string_pretty` gives (a test holds
//! them equal).

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::Formatter;

use crate::graph::Graph;

/// Below this many items a list is written on the calling thread: a
/// thread costs more than it saves on a small graph.
const PARALLEL_FROM: usize = 4096;

/// The depth of the items of the graph's lists: inside the top object and
/// the list.
const ITEM_DEPTH: usize = 2;

pub fn render(graph: &Graph) -> String {
    let mut out = Vec::new();
    // Writing into memory fails only if serializing does, and plain structs
    // of strings and numbers cannot fail; an empty object is the fallback
    // that keeps the output valid JSON.
    if write(graph, &mut out).is_err() {
        return "{}\n".to_owned();
    }
    String::from_utf8(out).unwrap_or_else(|_| "{}\n".to_owned())
}

/// The JSON written to `out`.
pub fn write(graph: &Graph, out: &mut dyn Write) -> io::Result<()> {
    // The fields of `Graph`, in their order; the test against serde_json
    // fails if a field is added there and not here.
    let Graph {
        version,
        nodes,
        edges,
    } = graph;
    write!(out, "{{\n  \"version\": {version},\n  \"nodes\": ")?;
    write_list(nodes, out)?;
    out.write_all(b",\n  \"edges\": ")?;
    write_list(edges, out)?;
    out.write_all(b"\n}\n")
}

fn write_list<T: Serialize + Sync>(items: &[T], out: &mut dyn Write) -> io::Result<()> {
    if items.is_empty() {
        return out.write_all(b"[]");
    }
    out.write_all(b"[")?;
    if items.len() < PARALLEL_FROM {
        write_items(items, true, out)?;
    } else {
        let (first, second) = items.split_at(items.len() / 2);
        let mut later = Vec::new();
        let written_later = std::thread::scope(|scope| {
            let other = scope.spawn(|| write_items(second, false, &mut later));
            let written = write_items(first, true, out);
            // The other thread only serializes into memory; if it
            // panicked, the output would be cut short: say so.
            let other = other
                .join()
                .unwrap_or_else(|_| Err(io::Error::other("the JSON writer failed")));
            written.and(other)
        });
        written_later?;
        out.write_all(&later)?;
    }
    out.write_all(b"\n  ]")
}

/// Items of a list, each on its own line at [`ITEM_DEPTH`], the first one
/// without a comma before it when `starts_list`.
fn write_items<T: Serialize>(
    items: &[T],
    starts_list: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    for (position, item) in items.iter().enumerate() {
        if position > 0 || !starts_list {
            out.write_all(b",")?;
        }
        out.write_all(b"\n")?;
        indent(out, ITEM_DEPTH)?;
        let mut serializer = serde_json::Serializer::with_formatter(
            &mut *out,
            Indented {
                depth: ITEM_DEPTH,
                has_value: false,
            },
        );
        item.serialize(&mut serializer).map_err(io::Error::from)?;
    }
    Ok(())
}

fn indent<W: ?Sized + Write>(out: &mut W, depth: usize) -> io::Result<()> {
    for _ in 0..depth {
        out.write_all(b"  ")?;
    }
    Ok(())
}

/// Two-space indentation starting at `depth`: arrays and objects open a
/// line per element and close on their own line, empty ones stay `[]` and
/// `{}`.
struct Indented {
    depth: usize,
    /// Whether the innermost open array or object has an element yet.
    has_value: bool,
}

impl Indented {
    fn open<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        out.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            out.write_all(b"\n")?;
            indent(out, self.depth)?;
        }
        out.write_all(bracket)
    }

    fn element<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        out.write_all(if first { b"\n" } else { b",\n" })?;
        indent(out, self.depth)
    }
}

impl Formatter for Indented {
    fn begin_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.element(out, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.element(out, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        out.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Acl, Bind, Condition, Edge, EdgeKind, Node, NodeKind};

    fn graph_of(count: usize) -> Graph {
        let mut graph = Graph {
            version: 1,
            ..Graph::default()
        };
        for index in 0..count {
            let mut node = Node::new(
                format!("backend:b{index}"),
                NodeKind::Backend,
                "b\n\"x\"".into(),
            );
            // Nested lists and objects, full and empty.
            if index % 2 == 1 {
                node.binds.push(Bind {
                    address: ":443".into(),
                    tls: true,
                });
            }
            node.servers = Some(index);
            graph.nodes.push(node);
            let mut edge = Edge::new(
                "frontend:f".into(),
                format!("backend:b{index}"),
                EdgeKind::UseBackend,
            );
            edge.order = Some(index as u32);
            edge.condition = Some(Condition {
                polarity: "if".into(),
                text: "is_api".into(),
                acls: (0..index % 3)
                    .map(|acl| Acl {
                        name: format!("acl{acl}"),
                        definitions: Vec::new(),
                    })
                    .collect(),
            });
            graph.edges.push(edge);
        }
        graph
    }

    #[test]
    fn equals_serde_json_pretty_small_and_large() {
        for count in [0, 1, 2, PARALLEL_FROM + 3] {
            let graph = graph_of(count);
            let expected = serde_json::to_string_pretty(&graph).expect("serializes") + "\n";
            assert_eq!(render(&graph), expected, "{count} items");
        }
    }
}
