//! `--section NAME`: one proxy and what it reaches.

use std::collections::{HashMap, HashSet, VecDeque};

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
    // Edges by their start, so the walk is linear in the graph's size.
    let mut leaving: HashMap<&str, Vec<&str>> = HashMap::new();
    for edge in &graph.edges {
        leaving
            .entry(edge.from.as_str())
            .or_default()
            .push(edge.to.as_str());
    }
    let mut kept: HashSet<&str> = HashSet::from([start.id.as_str()]);
    let mut queue = VecDeque::from([start.id.as_str()]);
    while let Some(id) = queue.pop_front() {
        for &to in leaving.get(id).into_iter().flatten() {
            if kept.insert(to) {
                queue.push_back(to);
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
