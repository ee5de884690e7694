//! The text of nodes and edges, shared by every drawn format.

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::graph::{Edge, Graph, Node, NodeKind};

/// Lines shown in a node's box.
pub fn node_lines(node: &Node) -> Vec<String> {
    let mut lines = Vec::new();
    match node.kind {
        NodeKind::Frontend | NodeKind::Listen | NodeKind::Backend => {
            lines.push(format!("{} {}", node.kind.name(), node.name));
            let mut facts = Vec::new();
            if let Some(mode) = &node.mode {
                facts.push(format!("mode {mode}"));
            }
            if let Some(balance) = &node.balance {
                facts.push(format!("balance {balance}"));
            }
            if !facts.is_empty() {
                lines.push(facts.join(", "));
            }
            for bind in &node.binds {
                let tls = if bind.tls { " [TLS]" } else { "" };
                lines.push(format!("bind {}{tls}", bind.address));
            }
            if let Some(servers) = node.servers {
                let plural = if servers == 1 { "" } else { "s" };
                let check = node.health_check.as_ref().map_or_else(
                    || ", no check".to_owned(),
                    |check| format!(", check: {check}"),
                );
                lines.push(format!("{servers} server{plural}{check}"));
            }
        }
        NodeKind::Server => {
            lines.push(format!("server {}", node.name));
            if let Some(address) = &node.address {
                lines.push(address.clone());
            }
            if let Some(flags) = &node.server {
                let mut words = Vec::new();
                words.push(if flags.check { "check" } else { "no check" }.to_owned());
                if flags.backup {
                    words.push("backup".to_owned());
                }
                if flags.disabled {
                    words.push("disabled".to_owned());
                }
                if let Some(weight) = &flags.weight {
                    words.push(format!("weight {weight}"));
                }
                lines.push(words.join(", "));
            }
        }
        NodeKind::Action => lines.push(node.text.clone().unwrap_or_else(|| node.name.clone())),
        NodeKind::Undefined => lines.push(format!("undefined backend {}", node.name)),
        NodeKind::Dynamic => {
            lines.push("dynamic backend".to_owned());
            lines.push(node.text.clone().unwrap_or_default());
        }
    }
    for finding in &node.findings {
        lines.push(format!("! {}", finding.rule));
    }
    lines
}

/// The label of an edge: order, condition, and what is wrong with it.
pub fn edge_label(edge: &Edge) -> String {
    let mut label = edge.label();
    if let Some(shadow) = &edge.shadowed_by {
        let _ = write!(label, " (unreachable: line {})", shadow.line);
    }
    for finding in &edge.findings {
        if finding.rule != "unreachable-rule" {
            let _ = write!(label, " ! {}", finding.rule);
        }
    }
    label.trim().to_owned()
}

/// Hover text of a node: its lines, where it is, its findings in full.
pub fn node_details(node: &Node) -> String {
    let mut details = node_lines(node)
        .into_iter()
        .filter(|line| !line.starts_with("! "))
        .collect::<Vec<_>>();
    if let Some(location) = &node.location {
        details.push(format!("{}:{}", location.file, location.line));
    }
    for finding in &node.findings {
        details.push(format!(
            "{} [{}]: {}",
            finding.code, finding.rule, finding.message
        ));
    }
    details.join("\n")
}

/// Node names by id, built once per rendering: looking each edge's ends up
/// in the node list would be quadratic on a large configuration.
pub struct Names<'a>(HashMap<&'a str, &'a str>);

impl<'a> Names<'a> {
    pub fn of(graph: &'a Graph) -> Self {
        Self(
            graph
                .nodes
                .iter()
                .map(|node| (node.id.as_str(), node.name.as_str()))
                .collect(),
        )
    }
}

/// Hover text of an edge: its rule, conditions with ACL definitions, findings.
pub fn edge_details(names: &Names<'_>, edge: &Edge) -> String {
    let name = |id: &str| {
        names
            .0
            .get(id)
            .map_or_else(|| id.to_owned(), |name| (*name).to_owned())
    };
    let mut details = vec![format!(
        "{} {} -> {}",
        edge.kind.name(),
        name(&edge.from),
        name(&edge.to)
    )];
    let label = edge_label(edge);
    if !label.is_empty() {
        details.push(label);
    }
    if let Some(condition) = &edge.condition {
        for acl in &condition.acls {
            for definition in &acl.definitions {
                details.push(format!("acl {} {definition}", acl.name));
            }
        }
    }
    if let Some(location) = &edge.location {
        details.push(format!("{}:{}", location.file, location.line));
    }
    for finding in &edge.findings {
        details.push(format!(
            "{} [{}]: {}",
            finding.code, finding.rule, finding.message
        ));
    }
    details.join("\n")
}

/// How an edge or node is drawn, by what the graph says about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Normal,
    /// An unreachable rule: grey, dashed.
    Unreachable,
    /// Has a finding (undefined, mode mismatch, unused): red.
    Finding,
}

pub fn edge_style(edge: &Edge) -> Style {
    if edge.shadowed_by.is_some() {
        Style::Unreachable
    } else if !edge.findings.is_empty() {
        Style::Finding
    } else {
        Style::Normal
    }
}

pub fn node_style(node: &Node) -> Style {
    if node.findings.is_empty() {
        Style::Normal
    } else {
        Style::Finding
    }
}
