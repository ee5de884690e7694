//! The graph of a configuration set from its semantic model.

use std::hash::BuildHasherDefault;

use rustc_hash::{FxHashMap, FxHashSet};

use haplint_keywords::SectionKind;
use haplint_semantic::effective::{Inheritance, Mode};
use haplint_semantic::{ConfigSet, FileId, Model, Section, Statement, Word};
use haplint_syntax::TextRange;

use crate::condition::{AclTable, condition, condition_start, join};
use crate::dynamic::{DynamicTargets, is_dynamic};
use crate::findings::Findings;
use crate::graph::{Bind, Edge, EdgeKind, Graph, Location, Node, NodeKind, SCHEMA_VERSION};
use crate::lines::Lines;
use crate::rules::{Role, routing_rules};
use crate::servers::servers;

/// Reads a map file by the name the configuration gives it (from either
/// thread of a large graph's drawing).
pub type ReadMap<'a> = &'a (dyn Fn(&str) -> Option<String> + Sync);

/// What to put in the graph.
#[derive(Default)]
pub struct BuildOptions<'a> {
    /// The criteria of each named ACL a condition uses.
    pub acl_definitions: bool,
    /// Reads a map file a dynamic target names (`--live`), giving its text.
    pub read_map: Option<ReadMap<'a>>,
}

/// What every part of the drawing reads.
struct Shared<'a> {
    model: &'a Model,
    inheritance: &'a Inheritance,
    findings: &'a Findings,
    lines: &'a Lines,
    options: &'a BuildOptions<'a>,
    /// Backend-side proxies by name: their node id and index.
    targets: &'a FxHashMap<&'a str, (String, usize)>,
}

struct Builder<'a> {
    shared: &'a Shared<'a>,
    graph: Graph,
    ids: FxHashSet<String>,
    /// Edges out of a node made for a rule, written after the rule's edge.
    pending: Vec<Edge>,
    /// The first unconditional terminal rule of the proxy being drawn:
    /// every rule after it in evaluation order never runs.
    stopped: Option<Location>,
}

/// From this many bytes of configuration, the proxies are drawn in two
/// halves on two threads.
const PARALLEL_FROM: usize = 256 * 1024;

pub fn build(
    set: &ConfigSet,
    model: &Model,
    inheritance: &Inheritance,
    findings: &Findings,
    options: &BuildOptions<'_>,
) -> Graph {
    let parallel = set.text_len() >= PARALLEL_FROM;
    build_with(set, model, inheritance, findings, options, parallel)
}

fn build_with(
    set: &ConfigSet,
    model: &Model,
    inheritance: &Inheritance,
    findings: &Findings,
    options: &BuildOptions<'_>,
    parallel: bool,
) -> Graph {
    let mut targets = FxHashMap::default();
    for (index, section) in model.sections.iter().enumerate() {
        if let (true, Some(name)) = (section.has_backend_side(), section.name_text()) {
            // HAProxy refuses a duplicate name; the first one is drawn.
            targets
                .entry(name)
                .or_insert_with(|| (proxy_id(section, name), index));
        }
    }
    let proxies: Vec<usize> = model
        .sections
        .iter()
        .enumerate()
        .filter(|(_, section)| section.is_proxy() && section.name.is_some())
        .map(|(index, _)| index)
        .collect();
    let lines = Lines::new(set);
    let shared = Shared {
        model,
        inheritance,
        findings,
        lines: &lines,
        options,
        targets: &targets,
    };
    if parallel {
        let (first, second) = proxies.split_at(proxies.len() / 2);
        let (first, second) = std::thread::scope(|scope| {
            let later = scope.spawn(|| draw(&shared, second, most_items(model, second)));
            // The first half's lists have room for the second's.
            let first = draw(&shared, first, most_items(model, &proxies));
            (first, later.join())
        });
        if let Some(graph) = second.ok().and_then(|second| first.join(second)) {
            return graph;
        }
    }
    draw(&shared, &proxies, most_items(model, &proxies)).graph
}

/// The proxies at `indexes` drawn in order, with room for `capacity`
/// nodes and edges.
fn draw<'a>(shared: &'a Shared<'a>, indexes: &[usize], capacity: usize) -> Builder<'a> {
    let mut builder = Builder {
        shared,
        graph: Graph {
            version: SCHEMA_VERSION,
            // Reserving spares copying a graph of tens of thousands of
            // nodes as it grows.
            nodes: Vec::with_capacity(capacity),
            edges: Vec::with_capacity(capacity),
        },
        ids: FxHashSet::with_capacity_and_hasher(capacity, BuildHasherDefault::default()),
        pending: Vec::new(),
        stopped: None,
    };
    for &index in indexes {
        if let Some(section) = shared.model.sections.get(index) {
            builder.proxy(index, section);
        }
    }
    builder
}

/// Nodes and edges come from proxies and their statements (map entries
/// aside): at most one node and one edge each.
fn most_items(model: &Model, indexes: &[usize]) -> usize {
    indexes
        .iter()
        .filter_map(|&index| model.sections.get(index))
        .map(|section| 1 + section.statements.len())
        .sum()
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
    /// This graph followed by `later`, the drawing of the proxies after
    /// this one's, as one drawing of all of them would be. `None` when a
    /// node of `later` has the id of one of this graph (a duplicate name):
    /// one drawing would have skipped or renamed it, so the caller draws
    /// again on one thread. A backend no section defines is drawn once,
    /// where it is first named.
    fn join(self, later: Builder<'_>) -> Option<Graph> {
        let mut graph = self.graph;
        for node in later.graph.nodes {
            if self.ids.contains(&node.id) {
                if node.kind == NodeKind::Undefined {
                    continue;
                }
                return None;
            }
            graph.nodes.push(node);
        }
        graph.edges.extend(later.graph.edges);
        Some(graph)
    }

    fn location(&self, file: FileId, range: TextRange) -> Location {
        Location {
            file: self.shared.lines.path(file),
            line: self.shared.lines.line(file, range.start().into()),
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
        node.mode = Some(
            if self
                .shared
                .inheritance
                .mode_is_known(self.shared.model, index)
            {
                mode_name(self.shared.inheritance.mode(self.shared.model, index)).to_owned()
            } else {
                "unknown".to_owned()
            },
        );
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
            .shared
            .findings
            .within(section.file, section.header_range)
            .map(|located| located.finding.clone())
            .collect();
        let servers = if section.has_backend_side() {
            servers(self.shared.model, self.shared.inheritance, index)
        } else {
            Vec::new()
        };
        if section.has_backend_side() {
            let setter = |key: &str| {
                self.shared
                    .inheritance
                    .setter(self.shared.model, index, key)
            };
            node.balance = setter("balance").map(|statement| join_values(statement.args()));
            node.servers = Some(servers.iter().map(|server| server.count).sum());
            if servers.iter().any(|server| server.flags.check) {
                let option = HEALTH_CHECK_OPTIONS.iter().find_map(|&key| {
                    let statement = setter(key)?;
                    let mut text = key.to_owned();
                    for word in statement.args() {
                        text.push(' ');
                        text.push_str(&word.value);
                    }
                    Some(text)
                });
                node.health_check = Some(option.unwrap_or_else(|| "tcp connect".to_owned()));
            }
        }
        if !self.add_node(node) {
            return;
        }
        let acls = AclTable::of(section);
        let mut order = 0u32;
        let mut server_ids: FxHashMap<String, String> = FxHashMap::default();
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
        for rule in routing_rules(self.shared.model, self.shared.inheritance, index) {
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
        server_ids: &FxHashMap<String, String>,
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
                    Some(target) => match self.shared.targets.get(target.value.as_str()) {
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
        edge.condition = start
            .and_then(|start| condition(args, start, acls, self.shared.options.acl_definitions));
        for located in self.shared.findings.within(statement.file, statement.range) {
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
        if let Some(read) = self.shared.options.read_map {
            let names = DynamicTargets::from_maps(expression, read);
            for name in names {
                if let Some((target, _)) = self.shared.targets.get(name.as_str()) {
                    self.pending
                        .push(Edge::new(id.clone(), target.clone(), EdgeKind::MapEntry));
                }
            }
        }
        id
    }
}

/// The options that choose a health check, in the order of their names:
/// when a backend has several, the first of them is drawn.
const HEALTH_CHECK_OPTIONS: [&str; 10] = [
    "option external-check",
    "option httpchk",
    "option ldap-check",
    "option mysql-check",
    "option pgsql-check",
    "option redis-check",
    "option smtpchk",
    "option spop-check",
    "option ssl-hello-chk",
    "option tcp-check",
];

/// Argument values joined by spaces.
fn join_values(words: &[Word]) -> String {
    let mut text = String::new();
    for word in words {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&word.value);
    }
    text
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use std::fmt::Write;

    use haplint_semantic::ConfigSet;

    use super::*;

    /// Both ways of drawing, on the same set.
    fn drawn_both_ways(text: &str) -> (Graph, Graph) {
        let set = ConfigSet::single(Path::new("t.cfg"), text.as_bytes());
        let lint = haplint_linter::LintOptions::default();
        let (analysis, inheritance) = haplint_linter::analyze_for(&set, &lint);
        let findings = Findings::collect(&set, &analysis, &inheritance, &lint);
        let options = BuildOptions::default();
        let draw = |parallel| {
            build_with(
                &set,
                &analysis.model,
                &inheritance,
                &findings,
                &options,
                parallel,
            )
        };
        (draw(false), draw(true))
    }

    #[test]
    fn two_halves_draw_what_one_drawing_does() {
        let mut text = String::from(
            "defaults\n    mode http\n    timeout client 5s\n\nfrontend fe\n    bind :80\n",
        );
        for app in 0..40 {
            let _ = write!(
                text,
                "    acl is_{app} path_beg /{app}\n    use_backend be_{app} if is_{app}\n"
            );
            // The same undefined backend named from both halves.
            text.push_str("    use_backend missing if { path /x }\n");
        }
        text.push_str("    default_backend be_0\n");
        for app in 0..40 {
            let _ = write!(
                text,
                "\nbackend be_{app}\n    server s1 10.0.0.{app}:80 check\n    server s1 10.0.1.{app}:80\n"
            );
            let _ = write!(
                text,
                "\nfrontend fe_{app}\n    bind :{}\n    http-request deny\n    use_backend nowhere_{}\n",
                1000 + app,
                app % 3
            );
        }
        let (one, two) = drawn_both_ways(&text);
        assert!(one.nodes.len() > 100);
        assert_eq!(one, two);
    }

    #[test]
    fn a_name_drawn_in_both_halves_is_drawn_on_one_thread() {
        // `listen dup` early and `backend dup` late: their servers and
        // actions share ids, which only one drawing numbers or skips.
        let mut text = String::from(
            "listen dup\n    bind :80\n    http-request deny\n    server s1 10.0.0.1:80\n",
        );
        for app in 0..20 {
            let _ = write!(text, "\nbackend b{app}\n    server s 10.0.0.{app}:80\n");
        }
        text.push_str("\nbackend dup\n    server s1 10.0.0.9:80\n\nfrontend dup\n    bind :81\n    http-request deny\n");
        let (one, two) = drawn_both_ways(&text);
        assert_eq!(one, two);
    }

    #[test]
    fn health_check_options_are_in_name_order() {
        let mut sorted = HEALTH_CHECK_OPTIONS;
        sorted.sort_unstable();
        assert_eq!(sorted, HEALTH_CHECK_OPTIONS);
    }
}
