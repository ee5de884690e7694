//! A layered left-to-right layout: frontends and listens, then terminal
//! actions and dynamic targets, then backends, then servers; within a
//! column, nodes in the order the routing first reaches them, then, from
//! the second column on, sorted by the mean height of the edges coming in
//! (the barycentre heuristic), which keeps most edges from crossing. Sizes come from a monospace font, so they are
//! known without measuring text.

use std::collections::{HashMap, VecDeque};

use super::label::{edge_label, node_lines};
use crate::graph::{Graph, NodeKind};

/// Width of a character of the node font (12 px monospace), in 1/4 px.
const CHAR_QUARTERS: usize = 29;
/// Width of a character of the edge font (10 px monospace), in 1/4 px.
const LABEL_CHAR_QUARTERS: usize = 24;
pub const LINE_HEIGHT: usize = 16;
/// Vertical room of one outgoing edge, so labels at the ports never overlap.
const PORT_HEIGHT: usize = 14;
const PADDING: usize = 8;
const ROW_GAP: usize = 14;
const MIN_COLUMN_GAP: usize = 60;
/// Edge labels longer than this are cut (the hover text has them whole).
pub const MAX_LABEL_CHARS: usize = 56;
pub const MARGIN: usize = 16;

#[derive(Debug, Clone)]
pub struct Placed {
    pub x: usize,
    pub y: usize,
    pub width: usize,
    pub height: usize,
    pub lines: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct EdgePath {
    pub from: (usize, usize),
    pub to: (usize, usize),
    pub label: String,
}

pub struct Layout {
    /// Indexed like `graph.nodes`.
    pub nodes: Vec<Placed>,
    /// Indexed like `graph.edges`; `None` for an edge to a missing node.
    pub edges: Vec<Option<EdgePath>>,
    pub width: usize,
    pub height: usize,
}

/// The column of a node. A frontend's terminal actions sit with the
/// backends and a backend's with the servers, so that no edge from a
/// frontend to a backend has to cross a column of other boxes.
fn column(kind: NodeKind, from_backend: bool) -> usize {
    match kind {
        NodeKind::Frontend | NodeKind::Listen => 0,
        NodeKind::Dynamic => 1,
        NodeKind::Action if from_backend => 3,
        NodeKind::Backend | NodeKind::Undefined | NodeKind::Action => 2,
        NodeKind::Server => 3,
    }
}

pub fn text_width(text: &str) -> usize {
    text.chars().count() * CHAR_QUARTERS / 4
}

pub fn label_width(text: &str) -> usize {
    text.chars().count() * LABEL_CHAR_QUARTERS / 4
}

/// `text` cut to [`MAX_LABEL_CHARS`].
pub fn shorten(text: &str) -> String {
    if text.chars().count() <= MAX_LABEL_CHARS {
        return text.to_owned();
    }
    let mut short: String = text.chars().take(MAX_LABEL_CHARS - 1).collect();
    short.push('…');
    short
}

/// Lays the graph out below `top` (the legend's room).
pub fn layout(graph: &Graph, top: usize) -> Layout {
    let index: HashMap<&str, usize> = graph
        .nodes
        .iter()
        .enumerate()
        .map(|(position, node)| (node.id.as_str(), position))
        .collect();
    let mut outgoing: Vec<Vec<usize>> = vec![Vec::new(); graph.nodes.len()];
    let mut incoming = vec![0usize; graph.nodes.len()];
    // For each node, the sources of its incoming edges and the edge's slot
    // among the source's outgoing ones.
    let mut sources: Vec<Vec<(usize, usize)>> = vec![Vec::new(); graph.nodes.len()];
    for (position, edge) in graph.edges.iter().enumerate() {
        if let (Some(&from), Some(&to)) =
            (index.get(edge.from.as_str()), index.get(edge.to.as_str()))
        {
            sources[to].push((from, outgoing[from].len()));
            outgoing[from].push(position);
            incoming[to] += 1;
        }
    }
    let mut from_backend = vec![false; graph.nodes.len()];
    for edge in &graph.edges {
        if let (Some(&from), Some(&to)) =
            (index.get(edge.from.as_str()), index.get(edge.to.as_str()))
            && graph.nodes[from].kind == NodeKind::Backend
        {
            from_backend[to] = true;
        }
    }
    let order = reach_order(graph, &index, &outgoing);
    let mut nodes: Vec<Placed> = graph
        .nodes
        .iter()
        .enumerate()
        .map(|(position, node)| {
            let lines = node_lines(node);
            let width = lines.iter().map(|line| text_width(line)).max().unwrap_or(0) + 2 * PADDING;
            let height = (lines.len() * LINE_HEIGHT).max(outgoing[position].len() * PORT_HEIGHT)
                + 2 * PADDING;
            Placed {
                x: 0,
                y: 0,
                width,
                height,
                lines,
            }
        })
        .collect();
    // Columns: their nodes in order, their width, the gap after them.
    let mut columns: Vec<Vec<usize>> = vec![Vec::new(); 4];
    for &position in &order {
        columns[column(graph.nodes[position].kind, from_backend[position])].push(position);
    }
    let mut placed = vec![false; graph.nodes.len()];
    let mut x = MARGIN;
    let mut right = MARGIN;
    let mut height = top;
    for members in columns.iter().filter(|members| !members.is_empty()) {
        let width = members.iter().map(|&m| nodes[m].width).max().unwrap_or(0);
        let gap = members
            .iter()
            .flat_map(|&m| outgoing[m].iter())
            .map(|&edge| label_width(&shorten(&edge_label(&graph.edges[edge]))))
            .max()
            .unwrap_or(0)
            + MIN_COLUMN_GAP;
        let members = &barycentre_order(members, &sources, &outgoing, &nodes, &placed);
        let mut y = top;
        for &member in members {
            placed[member] = true;
            nodes[member].x = x;
            nodes[member].y = y;
            y += nodes[member].height + ROW_GAP;
        }
        height = height.max(y);
        right = x + width;
        x += width + gap;
    }
    let mut edges: Vec<Option<EdgePath>> = vec![None; graph.edges.len()];
    let mut used_in = vec![0usize; graph.nodes.len()];
    for (from, leaving) in outgoing.iter().enumerate() {
        for (slot, &edge) in leaving.iter().enumerate() {
            let Some(&to) = index.get(graph.edges[edge].to.as_str()) else {
                continue;
            };
            let source = &nodes[from];
            let target = &nodes[to];
            // Ports spread along the sides, one per edge.
            let from_y = source.y + source.height * (slot + 1) / (leaving.len() + 1);
            used_in[to] += 1;
            let to_y = target.y + target.height * used_in[to] / (incoming[to] + 1);
            edges[edge] = Some(EdgePath {
                from: (source.x + source.width, from_y),
                to: (target.x, to_y),
                label: shorten(&edge_label(&graph.edges[edge])),
            });
        }
    }
    Layout {
        nodes,
        edges,
        width: right + MARGIN,
        height: height + MARGIN,
    }
}

/// `members` of a column sorted by the mean height of the ports of their
/// incoming edges from the nodes already `placed` (columns to the left), so
/// that a backend sits across from the rules that route to it and fewer
/// edges cross (the barycentre heuristic of layered drawing). Nodes that
/// nothing placed routes to keep their order, after the others; ties keep
/// the order the routing reaches them in.
fn barycentre_order(
    members: &[usize],
    sources: &[Vec<(usize, usize)>],
    outgoing: &[Vec<usize>],
    nodes: &[Placed],
    placed: &[bool],
) -> Vec<usize> {
    let key = |member: usize| -> Option<usize> {
        let ports: Vec<usize> = sources[member]
            .iter()
            .filter(|&&(from, _)| placed[from])
            .map(|&(from, slot)| {
                let source = &nodes[from];
                source.y + source.height * (slot + 1) / (outgoing[from].len() + 1)
            })
            .collect();
        (!ports.is_empty()).then(|| ports.iter().sum::<usize>() / ports.len())
    };
    let mut keyed: Vec<(Option<usize>, usize)> = members
        .iter()
        .map(|&member| (key(member), member))
        .collect();
    // `None` sorts first; the unrouted go last instead.
    keyed.sort_by_key(|&(key, _)| (key.is_none(), key));
    keyed.into_iter().map(|(_, member)| member).collect()
}

/// Nodes in the order a walk from the frontends (in file order) first
/// reaches them, then the ones nothing reaches, in file order.
fn reach_order(graph: &Graph, index: &HashMap<&str, usize>, outgoing: &[Vec<usize>]) -> Vec<usize> {
    let mut seen = vec![false; graph.nodes.len()];
    let mut order = Vec::with_capacity(graph.nodes.len());
    let roots = graph
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, node)| matches!(node.kind, NodeKind::Frontend | NodeKind::Listen))
        .map(|(position, _)| position)
        .chain(0..graph.nodes.len());
    for root in roots {
        if seen[root] {
            continue;
        }
        seen[root] = true;
        let mut queue = VecDeque::from([root]);
        while let Some(position) = queue.pop_front() {
            order.push(position);
            for &edge in &outgoing[position] {
                if let Some(&to) = index.get(graph.edges[edge].to.as_str())
                    && !seen[to]
                {
                    seen[to] = true;
                    queue.push_back(to);
                }
            }
        }
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::GraphOptions;
    use haplint_semantic::ConfigSet;

    /// Pairs of edges between the same two columns whose ends are in the
    /// opposite vertical order: they cross.
    fn crossings(layout: &Layout) -> usize {
        let edges: Vec<&EdgePath> = layout.edges.iter().flatten().collect();
        let mut count = 0;
        for (index, a) in edges.iter().enumerate() {
            for b in &edges[index + 1..] {
                let same_columns = a.from.0 == b.from.0 && a.to.0 == b.to.0;
                let opposite = (a.from.1 < b.from.1 && a.to.1 > b.to.1)
                    || (a.from.1 > b.from.1 && a.to.1 < b.to.1);
                count += usize::from(same_columns && opposite);
            }
        }
        count
    }

    /// The first frontend reaches `be_a` first, but three frontends below
    /// it route there too: `be_a` goes below `be_b`, and two of the three
    /// crossings the order of first reach gives are gone.
    #[test]
    fn backends_sit_across_from_what_routes_to_them() {
        let text = "\
frontend fe1
    bind :80
    use_backend be_a if { path /a }
    default_backend be_b
frontend fe2
    bind :81
    default_backend be_a
frontend fe3
    bind :82
    default_backend be_a
frontend fe4
    bind :83
    default_backend be_a
backend be_a
backend be_b
";
        let set = ConfigSet::single(std::path::Path::new("t.cfg"), text.as_bytes());
        let graph = crate::graph(&set, &GraphOptions::default()).expect("graph");
        let placed = layout(&graph, 0);
        let y_of = |id: &str| {
            let position = graph.nodes.iter().position(|node| node.id == id);
            position.map(|position| placed.nodes[position].y)
        };
        assert!(y_of("backend:be_b") < y_of("backend:be_a"));
        assert_eq!(crossings(&placed), 1);
    }
}
