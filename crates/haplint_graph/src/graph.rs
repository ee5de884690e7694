//! The routing graph as data: what every output format draws, and what the
//! JSON output serializes (docs/graph.md, docs/graph-schema.json).

use serde::Serialize;

/// The version of the JSON shape; it changes only on a breaking change.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Graph {
    /// Always [`SCHEMA_VERSION`].
    pub version: u32,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

impl Graph {
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|node| node.id == id)
    }
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    Frontend,
    Listen,
    Backend,
    Server,
    /// A rule that ends processing (`http-request deny`, `tcp-request ... reject`).
    Action,
    /// A backend a rule names that no section defines.
    Undefined,
    /// A backend chosen at run time from an expression.
    Dynamic,
}

impl NodeKind {
    pub fn name(self) -> &'static str {
        match self {
            Self::Frontend => "frontend",
            Self::Listen => "listen",
            Self::Backend => "backend",
            Self::Server => "server",
            Self::Action => "action",
            Self::Undefined => "undefined",
            Self::Dynamic => "dynamic",
        }
    }
}

/// Where a node or edge comes from in the configuration.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    /// 1-based.
    pub line: u32,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Bind {
    pub address: String,
    pub tls: bool,
}

/// A finding of the linter drawn on the picture.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Finding {
    pub rule: String,
    pub code: String,
    pub message: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Node {
    /// Unique in the graph: `frontend:NAME`, `backend:NAME`,
    /// `server:BACKEND/NAME`, `action:PROXY#N`, `undefined:NAME`,
    /// `dynamic:PROXY#N`.
    pub id: String,
    pub kind: NodeKind,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// Effective mode (after defaults) of a proxy.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub binds: Vec<Bind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub balance: Option<String>,
    /// Servers of a backend or listen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub servers: Option<usize>,
    /// The health check of a backend: `option httpchk GET /health`, or
    /// `check` when servers are checked with the default connect check.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub health_check: Option<String>,
    /// A server's address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// A server's flags, after `default-server`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server: Option<ServerFlags>,
    /// An action's rule, or a dynamic target's expression.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<Finding>,
}

impl Node {
    pub fn new(id: String, kind: NodeKind, name: String) -> Self {
        Self {
            id,
            kind,
            name,
            location: None,
            mode: None,
            binds: Vec::new(),
            balance: None,
            servers: None,
            health_check: None,
            address: None,
            server: None,
            text: None,
            findings: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ServerFlags {
    pub check: bool,
    pub backup: bool,
    pub disabled: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<String>,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum EdgeKind {
    /// A terminal rule (`http-request deny if ...`).
    Action,
    UseBackend,
    DefaultBackend,
    UseServer,
    /// A backend's server (no rule: load balancing picks it).
    Server,
    /// `use_backend` with a target computed at run time.
    Dynamic,
    /// A backend a dynamic target's map names (`--live`).
    MapEntry,
}

impl EdgeKind {
    pub fn name(self) -> &'static str {
        match self {
            Self::Action => "action",
            Self::UseBackend => "use_backend",
            Self::DefaultBackend => "default_backend",
            Self::UseServer => "use-server",
            Self::Server => "server",
            Self::Dynamic => "dynamic",
            Self::MapEntry => "map_entry",
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Condition {
    /// `if` or `unless`.
    pub polarity: String,
    /// The condition as written after `if`/`unless`.
    pub text: String,
    /// The named ACLs it uses, in order of first use.
    pub acls: Vec<Acl>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Acl {
    pub name: String,
    /// The criteria of each `acl NAME ...` line (with `--acl-definitions`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub definitions: Vec<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Edge {
    pub from: String,
    pub to: String,
    pub kind: EdgeKind,
    /// Position in the order HAProxy evaluates the rules of `from`
    /// (1-based); server edges have none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub condition: Option<Condition>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// The rule never runs: the rule at this location stops processing first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shadowed_by: Option<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<Finding>,
}

impl Edge {
    pub fn new(from: String, to: String, kind: EdgeKind) -> Self {
        Self {
            from,
            to,
            kind,
            order: None,
            condition: None,
            location: None,
            shadowed_by: None,
            findings: Vec::new(),
        }
    }

    /// Text for the edge: order and condition (`2: if is_api`).
    pub fn label(&self) -> String {
        let mut label = String::new();
        if let Some(order) = self.order {
            label.push_str(&order.to_string());
        }
        if let Some(condition) = &self.condition {
            if !label.is_empty() {
                label.push_str(": ");
            }
            label.push_str(&condition.polarity);
            label.push(' ');
            label.push_str(&condition.text);
        }
        if self.kind == EdgeKind::DefaultBackend {
            if !label.is_empty() {
                label.push_str(": ");
            }
            label.push_str("default");
        }
        label
    }
}
