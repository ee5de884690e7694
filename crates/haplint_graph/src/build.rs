//! The graph of a configuration set from its semantic model.

use std::collections::{HashMap, HashSet};

use haplint_keywords::SectionKind;
use haplint_semantic::effective::{Inheritance, Mode};
use haplint_semantic::{ConfigSet, FileId, Model, Section, Statement};
use haplint_syntax::TextRange;

use crate::condition::{AclTable, condition, condition_start, join};
use crate::dynamic::{DynamicTargets, is_dynamic};
use crate::findings::Findings;
use crate::graph::{Bind, Edge, EdgeKind, Graph, Location, Node, NodeKind, SCHEMA_VERSION};
use crate::lines::Lines;
use crate::rules::{Role, routing_rules};
use crate::servers::servers;

/// Reads a map file by the name the configuration gives it.
pub type ReadMap<'a> = &'a dyn Fn(&str) -> Option<String>;

/// What to put in the graph.
#[derive(Default)]
pub struct BuildOptions<'a> {
    /// The criteria of each named ACL a condition uses.
    pub acl_definitions: bool,
    /// Reads a map file a dynamic target names (`--live`), giving its text.
    pub read_map: Option<ReadMap<'a>>,
}

struct Builder<'a> {
    model: &'a Model,
    inheritance: &'a Inheritance,
    findings: &'a Findings,
    lines: Lines,
    options: &'a BuildOptions<'a>,
    /// Backend-side proxies by name: their node id and index.
    targets: HashMap<&'a str, (String, usize)>,
    graph: Graph,
    ids: HashSet<String>,
    /// Edges out of a node made for a rule, written after the rule's edge.
    pending: Vec<Edge>,
    /// The first unconditional terminal rule of the proxy being drawn:
    /// every rule after it in evaluation order never runs.
    stopped: Option<Location>,
}

pub fn build(
    set: &ConfigSet,
    model: &Model,
    inheritance: &Inheritance,
    findings: &Findings,
    options: &BuildOptions<'_>,
) -> Graph {
    let mut targets = HashMap::new();
    for (index, section) in model.sections.iter().enumerate() {
        if let (true, Some(name)) = (section.has_backend_side(), section.name_text()) {
            // HAProxy refuses a duplicate name; the first one is drawn.
            targets
                .entry(name)
                .or_insert_with(|| (proxy_id(section, name), index));
        }
    }
    let mut builder = Builder {
        model,
        inheritance,
        findings,
        lines: Lines::new(set),
        options,
        targets,
        graph: Graph {
            version: SCHEMA_VERSION,
            ..Graph::default()
        },
        ids: HashSet::new(),
        pending: Vec::new(),
        stopped: None,
    };
    for (index, section) in model.sections.iter().enumerate() {
        if section.is_proxy() && section.name.is_some() {
            builder.proxy(index, section);
        }
    }
    builder.graph
}

fn proxy_id(section: &Section, name: &str) -> String {
    format!("{}:{name}", section.kind.name())
}

fn mode_name(mode: Mode) -> &'static str {
    match mode {
        Mode::Tcp => "tcp",
        Mode::Http => "http",
        Mode::Log => "log",
    }
}

impl<'a> Builder<'a> {
    fn location(&self, file: FileId, range: TextRange) -> Location {
        Location {
            file: self.lines.path(file),
            line: self.lines.line(file, range.start().into()),
        }
    }

    /// Adds a node unless one with its id exists (a duplicate name).
    fn add_node(&mut self, node: Node) -> bool {
        if !self.ids.insert(node.id.clone()) {
            return false;
        }
        self.graph.nodes.push(node);
        true
    }

    fn proxy(&mut self, index: usize, section: &'a Section) {
        let name = section.name_text().unwrap_or_default();
        let id = proxy_id(section, name);
        let kind = match section.kind {
            SectionKind::Frontend => NodeKind::Frontend,
            SectionKind::Listen => NodeKind::Listen,
            _ => NodeKind::Backend,
        };
        let mut node = Node::new(id.clone(), kind, name.to_owned());
        node.location = Some(self.location(section.file, section.header_range));
        node.mode = Some(if self.inheritance.mode_is_known(self.model, index) {
            mode_name(self.inheritance.mode(self.model, index)).to_owned()
        } else {
            "unknown".to_owned()
        });
        if section.has_frontend_side() {
            node.binds = section
                .statements_of("bind")
                .filter_map(|statement| {
                    let (address, params) = statement.args().split_first()?;
                    Some(Bind {
                        address: address.value.clone(),
                        tls: address.value.starts_with("quic")
                            || params.iter().any(|word| word.value == "ssl"),
                    })
                })
                .collect();
        }
        node.findings = self
            .findings
            .within(section.file, section.header_range)
            .map(|located| located.finding.clone())
            .collect();
        let servers = if section.has_backend_side() {
            servers(self.model, self.inheritance, index)
        } else {
            Vec::new()
        };
        if section.has_backend_side() {
            let settings = self.inheritance.settings(self.model, index);
            node.balance = settings
                .get("balance")
                .map(|setting| setting.value.join(" "));
            node.servers = Some(servers.iter().map(|server| server.count).sum());
            if servers.iter().any(|server| server.flags.check) {
                let option = settings
                    .iter()
                    .find(|(key, _)| is_health_check_option(key))
                    .map(|(key, setting)| {
                        let mut text = key.to_string();
                        for word in setting.value.iter() {
                            text.push(' ');
                            text.push_str(word);
                        }
                        text
                    });
                node.health_check = Some(option.unwrap_or_else(|| "tcp connect".to_owned()));
            }
        }
        if !self.add_node(node) {
            return;
        }
        let acls = AclTable::of(section);
        let mut order = 0u32;
        let mut server_ids: HashMap<String, String> = HashMap::new();
        for server in &servers {
            // A duplicate server name (refused by HAProxy, reported by
            // the linter) is still drawn, under a numbered id.
            let mut server_id = format!("server:{name}/{}", server.name);
            let mut copy = 1;
            while self.ids.contains(&server_id) {
                copy += 1;
                server_id = format!("server:{name}/{}#{copy}", server.name);
            }
            let mut node = Node::new(server_id.clone(), NodeKind::Server, server.name.clone());
            node.location = Some(self.location(server.statement.file, server.statement.range));
            node.address = Some(server.address.clone());
            node.server = Some(server.flags.clone());
            if self.add_node(node) {
                server_ids
                    .entry(server.name.clone())
                    .or_insert_with(|| server_id.clone());
                self.graph
                    .edges
                    .push(Edge::new(id.clone(), server_id, EdgeKind::Server));
            }
        }
        self.stopped = None;
        for rule in routing_rules(self.model, self.inheritance, index) {
            // A backend's `use_backend` is refused by HAProxy; a frontend
            // has no servers for `use-server`.
            let fits = match rule.role {
                Role::UseBackend | Role::DefaultBackend => section.has_frontend_side(),
                Role::UseServer => section.has_backend_side(),
                Role::Terminal => true,
            };
            if !fits {
                continue;
            }
            order += 1;
            self.rule(&id, order, rule.role, rule.statement, &acls, &server_ids);
        }
    }

    fn rule(
        &mut self,
        from: &str,
        order: u32,
        role: Role,
        statement: &'a Statement,
        acls: &AclTable<'_>,
        server_ids: &HashMap<String, String>,
    ) {
        let args = statement.args();
        let start = condition_start(args);
        let before_condition = &args[..start.unwrap_or(args.len())];
        let (to, kind) = match role {
            Role::Terminal => {
                let action = statement
                    .keyword
                    .and_then(|entry| entry.extra("action"))
                    .unwrap_or("redirect");
                let id = format!(
                    "action:{}#{order}",
                    from.split_once(':').map_or(from, |(_, name)| name)
                );
                let mut node = Node::new(id.clone(), NodeKind::Action, action.to_owned());
                let mut text = statement.keyword_text(statement.keyword_words);
                if !before_condition.is_empty() {
                    text.push(' ');
                    text.push_str(&join(before_condition));
                }
                node.text = Some(text);
                node.location = Some(self.location(statement.file, statement.range));
                self.add_node(node);
                (id, EdgeKind::Action)
            }
            Role::UseServer => {
                let target = before_condition
                    .first()
                    .map(|word| word.value.as_str())
                    .unwrap_or_default();
                match server_ids.get(target) {
                    Some(id) => (id.clone(), EdgeKind::UseServer),
                    None => (self.undefined(target), EdgeKind::UseServer),
                }
            }
            Role::UseBackend | Role::DefaultBackend => {
                let kind = if role == Role::UseBackend {
                    EdgeKind::UseBackend
                } else {
                    EdgeKind::DefaultBackend
                };
                match before_condition.first() {
                    Some(target) if is_dynamic(target) => {
                        (self.dynamic(from, order, &target.value), EdgeKind::Dynamic)
                    }
                    Some(target) => match self.targets.get(target.value.as_str()) {
                        Some((id, _)) => (id.clone(), kind),
                        None => (self.undefined(&target.value), kind),
                    },
                    None => return,
                }
            }
        };
        let mut edge = Edge::new(from.to_owned(), to, kind);
        edge.order = Some(order);
        edge.location = Some(self.location(statement.file, statement.range));
        edge.condition =
            start.and_then(|start| condition(args, start, acls, self.options.acl_definitions));
        for located in self.findings.within(statement.file, statement.range) {
            if located.finding.rule == "unreachable-rule" {
                edge.shadowed_by = located
                    .related
                    .map(|(file, range)| self.location(file, range));
            }
            edge.findings.push(located.finding.clone());
        }
        // The linter's `unreachable-rule` compares rules of one rule set;
        // across sets (a `use_backend` after an unconditional
        // `http-request deny`) the evaluation order drawn here decides.
        if edge.shadowed_by.is_none() {
            edge.shadowed_by.clone_from(&self.stopped);
        }
        if kind == EdgeKind::Action && edge.condition.is_none() && self.stopped.is_none() {
            self.stopped.clone_from(&edge.location);
        }
        self.graph.edges.push(edge);
        self.graph.edges.append(&mut self.pending);
    }

    /// The node of a backend no section defines.
    fn undefined(&mut self, name: &str) -> String {
        let id = format!("undefined:{name}");
        self.add_node(Node::new(id.clone(), NodeKind::Undefined, name.to_owned()));
        id
    }

    /// The node of a target computed at run time, with the backends its
    /// map names when the map could be read.
    fn dynamic(&mut self, from: &str, order: u32, expression: &str) -> String {
        let proxy = from.split_once(':').map_or(from, |(_, name)| name);
        let id = format!("dynamic:{proxy}#{order}");
        let mut node = Node::new(id.clone(), NodeKind::Dynamic, "dynamic".to_owned());
        node.text = Some(expression.to_owned());
        self.add_node(node);
        if let Some(read) = self.options.read_map {
            let names = DynamicTargets::from_maps(expression, read);
            for name in names {
                if let Some((target, _)) = self.targets.get(name.as_str()) {
                    self.pending
                        .push(Edge::new(id.clone(), target.clone(), EdgeKind::MapEntry));
                }
            }
        }
        id
    }
}

/// Settings keys of the options that choose a health check.
fn is_health_check_option(key: &str) -> bool {
    matches!(
        key,
        "option httpchk"
            | "option ssl-hello-chk"
            | "option tcp-check"
            | "option mysql-check"
            | "option pgsql-check"
            | "option redis-check"
            | "option smtpchk"
            | "option ldap-check"
            | "option spop-check"
            | "option external-check"
    )
}
