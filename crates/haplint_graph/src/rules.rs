//! The rules of a proxy that route or stop a request, in the order HAProxy
//! evaluates them: by phase, and within a phase inherited rules (named
//! defaults) first, then the proxy's own in the order written.

use haplint_keywords::SectionKind;
use haplint_semantic::effective::Inheritance;
use haplint_semantic::{Model, Section, Statement};

use crate::servers::chain;

/// The phases that can end processing or pick a target, in order.
const PHASES: [&str; 8] = [
    "tcp-request connection",
    "tcp-request session",
    "tcp-request content",
    "http-request",
    "redirect",
    "use_backend",
    "use-server",
    "default_backend",
];

/// What a rule does to the graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Ends processing (`deny`, `reject`, `redirect`, `return`, `tarpit`).
    Terminal,
    UseBackend,
    UseServer,
    DefaultBackend,
}

pub struct RoutingRule<'a> {
    pub statement: &'a Statement,
    pub role: Role,
    phase: usize,
}

/// Actions that end processing and that the graph draws as a node.
fn is_terminal(ruleset: &str, action: &str) -> bool {
    match ruleset {
        "http-request" => matches!(action, "deny" | "tarpit" | "redirect" | "return" | "reject"),
        "tcp-request connection" | "tcp-request session" | "tcp-request content" => {
            action == "reject"
        }
        _ => false,
    }
}

fn classify(statement: &Statement) -> Option<(usize, Role)> {
    let entry = statement.keyword?;
    if statement.prefix.is_some() {
        return None;
    }
    let (phase_name, role) = match (entry.extra("ruleset"), entry.extra("action")) {
        (Some(ruleset), Some(action)) if is_terminal(ruleset, action) => (ruleset, Role::Terminal),
        (Some(_), _) => return None,
        _ => match entry.keyword {
            "redirect" => ("redirect", Role::Terminal),
            "use_backend" => ("use_backend", Role::UseBackend),
            "use-server" => ("use-server", Role::UseServer),
            _ => return None,
        },
    };
    let phase = PHASES.iter().position(|phase| *phase == phase_name)?;
    Some((phase, role))
}

/// The routing rules of proxy `index`, in evaluation order; its
/// `default_backend` (own or inherited) last.
pub fn routing_rules<'a>(
    model: &'a Model,
    inheritance: &Inheritance,
    index: usize,
) -> Vec<RoutingRule<'a>> {
    let mut rules = Vec::new();
    for position in chain(model, inheritance, index) {
        let Some(section) = model.sections.get(position) else {
            continue;
        };
        // Only named defaults carry rules to the proxies that use them.
        if position != index && !inherits_rules(section) {
            continue;
        }
        for statement in &section.statements {
            if let Some((phase, role)) = classify(statement) {
                rules.push(RoutingRule {
                    statement,
                    role,
                    phase,
                });
            }
        }
    }
    // Stable: inherited and written order stay within a phase.
    rules.sort_by_key(|rule| rule.phase);
    if let Some(statement) = default_backend(model, inheritance, index) {
        rules.push(RoutingRule {
            statement,
            role: Role::DefaultBackend,
            phase: PHASES.len() - 1,
        });
    }
    rules
}

fn inherits_rules(section: &Section) -> bool {
    section.kind == SectionKind::Defaults && section.name.is_some()
}

/// The `default_backend` statement that applies to proxy `index`.
fn default_backend<'a>(
    model: &'a Model,
    inheritance: &Inheritance,
    index: usize,
) -> Option<&'a Statement> {
    inheritance.setter(model, index, "default_backend")
}
