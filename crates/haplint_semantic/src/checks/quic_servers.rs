//! QUIC towards servers (`server s quic4@host:443`, `quic+host:443`): which
//! HAProxy versions take it, measured on 2.6.12, 2.8.25, 3.0.11, 3.2.26 and
//! 3.4.7.
//!
//! - before 3.0 a server address must be a stream socket: refused;
//! - 3.0 and 3.1 accept the line;
//! - 3.2 refuses it ("QUIC protocol is unsupported on the backend side");
//! - from 3.3 QUIC servers are experimental: refused unless `global` has
//!   `expose-experimental-directives`.

use haplint_keywords::Version;

use crate::diagnostic::{Rule, SemanticDiagnostic};
use crate::model::{Model, Statement};

const QUIC_ADDRESS_STARTS: [&str; 3] = ["quic4@", "quic6@", "quic+"];

pub fn check(model: &Model, version: Version, out: &mut Vec<SemanticDiagnostic>) {
    if (Version::new(3, 0)..Version::new(3, 2)).contains(&version) {
        return;
    }
    let experimental_allowed = model.global_sets("expose-experimental-directives");
    for proxy in model.proxies().filter(|proxy| proxy.has_backend_side()) {
        for statement in &proxy.statements {
            if let Some(address) = quic_server_address(statement)
                && let Some(reason) = refusal(version, experimental_allowed)
            {
                out.push(SemanticDiagnostic::error(
                    Rule::InvalidValue,
                    statement.file,
                    address.range,
                    format!("QUIC server address `{}`: {reason}", address.value),
                ));
            }
        }
    }
}

/// The address word of a `server` or `server-template` line that speaks QUIC.
fn quic_server_address(statement: &Statement) -> Option<&crate::model::Word> {
    let position = match statement.head() {
        "server" => 1,
        "server-template" => 2,
        _ => return None,
    };
    if statement.prefix.is_some() {
        return None;
    }
    let word = statement.args().get(position)?;
    (!word.has_variables
        && QUIC_ADDRESS_STARTS
            .iter()
            .any(|start| word.value.starts_with(start)))
    .then_some(word)
}

fn refusal(version: Version, experimental_allowed: bool) -> Option<String> {
    if version < Version::new(3, 0) {
        Some(format!(
            "HAProxy {version} connects to servers over stream sockets only"
        ))
    } else if version < Version::new(3, 3) {
        Some(format!(
            "HAProxy {version} has no QUIC towards servers (3.0 and 3.1 accepted the line, 3.3 brings it back as experimental)"
        ))
    } else if !experimental_allowed {
        Some(format!(
            "QUIC towards servers is experimental in HAProxy {version}: add `expose-experimental-directives` to `global`"
        ))
    } else {
        None
    }
}
