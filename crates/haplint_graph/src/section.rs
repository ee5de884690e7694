//! `--section NAME`: one proxy and what it reaches.

use std::collections::{HashSet, VecDeque};

use crate::graph::{Graph, NodeKind};

/// The part of `graph` reachable from the proxy called `name` (a frontend
/// or listen first, else a backend), or `None` if there is no such proxy.
pub fn reachable_from(graph: &Graph, name: &str) -> Option<Graph> {
    let proxies = [NodeKind::Frontend, NodeKind::Listen, NodeKind::Backend];
    let start = proxies.iter().find_map(|kind| {
        graph
            .nodes
            .iter()
            .find(|node| node.kind == *kind && node.name == name)
    })?;
    let mut kept: HashSet<&str> = HashSet::from([start.id.as_str()]);
    let mut queue = VecDeque::from([start.id.as_str()]);
    while let Some(id) = queue.pop_front() {
        for edge in graph.edges.iter().filter(|edge| edge.from == id) {
            if kept.insert(edge.to.as_str()) {
                queue.push_back(edge.to.as_str());
            }
        }
    }
    Some(Graph {
        version: graph.version,
        nodes: graph
            .nodes
            .iter()
            .filter(|node| kept.contains(node.id.as_str()))
            .cloned()
            .collect(),
        edges: graph
            .edges
            .iter()
            .filter(|edge| kept.contains(edge.from.as_str()))
            .cloned()
            .collect(),
    })
}
