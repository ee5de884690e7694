//! Linting open documents: paced (see [`crate::pacing`]), off the async
//! runtime, and published only while the linted version is still the
//! current one.

use std::sync::Arc;

use lsp_types::Url;
use tower_lsp::Client;

use crate::convert::document_diagnostics;
use crate::guard::blocking;
use crate::log::{debug, error};
use crate::state::State;

/// Lints `uri` after the delay the pacing gives, unless it changes
/// meanwhile or a lint of it is running (which then lints it again).
pub fn schedule(state: &Arc<State>, client: &Client, uri: Url, generation: u64) {
    let state = Arc::clone(state);
    let client = client.clone();
    let delay = state.pacing.delay(&uri, state.client_options().debounce);
    tokio::spawn(async move {
        if !delay.is_zero() {
            tokio::time::sleep(delay).await;
        }
        if !state.is_current(&uri, generation) || !state.pacing.start(&uri) {
            return;
        }
        let started = std::time::Instant::now();
        let worker_state = Arc::clone(&state);
        let worker_uri = uri.clone();
        let linted = blocking("lint", move || {
            if let Some((size, version)) = worker_state.oversized(&worker_uri) {
                return Some((version, vec![too_large(size)]));
            }
            let started = std::time::Instant::now();
            let snapshot = worker_state.snapshot(&worker_uri)?;
            let built = started.elapsed();
            snapshot.diagnostics();
            let found = started.elapsed();
            let diagnostics = document_diagnostics(&snapshot);
            debug!(
                "linted {worker_uri} version {}: snapshot {built:?}, lint {:?}, conversion {:?}",
                snapshot.version,
                found.saturating_sub(built),
                started.elapsed().saturating_sub(found)
            );
            if diagnostics.iter().any(|diagnostic| {
                diagnostic.code
                    == Some(lsp_types::NumberOrString::String(
                        "internal-error".to_owned(),
                    ))
            }) {
                error!("a rule failed on {worker_uri}; its findings are missing");
            }
            Some((snapshot.version, diagnostics))
        })
        .await;
        let took = linted.as_ref().map(|_| started.elapsed());
        if state.pacing.finish(&uri, took)
            && let Some(newest) = state.generation(&uri)
        {
            schedule(&state, &client, uri.clone(), newest);
        }
        // A broken `haplint.toml` silently changes what is reported: say so.
        for problem in state.take_settings_problems() {
            client
                .show_message(
                    lsp_types::MessageType::WARNING,
                    format!("haplint: {problem}"),
                )
                .await;
        }
        let Some((version, diagnostics)) = linted else {
            return;
        };
        {
            let _publishing = state.publishing.lock().await;
            if is_stale(state.version(&uri), version) {
                debug!("dropping diagnostics of {uri} version {version}: outdated");
                return;
            }
            client
                .publish_diagnostics(uri.clone(), diagnostics, Some(version))
                .await;
        }
        // Requests usually follow an edit (completion, hover): build the
        // model they need now, while the user reads the diagnostics.
        blocking("prefetch", move || {
            let snapshot = state.snapshot(&uri)?;
            (snapshot.version == version).then(|| {
                snapshot.occurrences();
            })
        })
        .await;
    });
}

/// The one diagnostic of a document too large to analyse.
fn too_large(size: usize) -> lsp_types::Diagnostic {
    lsp_types::Diagnostic {
        severity: Some(lsp_types::DiagnosticSeverity::WARNING),
        code: Some(lsp_types::NumberOrString::String("too-large".to_owned())),
        source: Some(crate::convert::SOURCE.to_owned()),
        message: format!(
            "this document is {} MiB, above the {} MiB haplint analyses; it is not checked",
            size >> 20,
            crate::state::MAX_DOCUMENT >> 20
        ),
        ..lsp_types::Diagnostic::default()
    }
}

/// Whether results for `linted` must be dropped: the document was closed
/// or has a newer version.
pub fn is_stale(current: Option<i32>, linted: i32) -> bool {
    current != Some(linted)
}

/// Lints every open document again (settings changed).
pub fn relint_all(state: &Arc<State>, client: &Client) {
    for uri in state.open_uris() {
        if let Some(generation) = state.generation(&uri) {
            schedule(state, client, uri, generation);
        }
    }
}

#[cfg(test)]
mod tests {
    use lsp_types::{Position, Range, TextDocumentContentChangeEvent};

    use super::*;

    #[test]
    fn results_for_an_older_version_are_dropped() {
        let state = State::default();
        let uri = Url::parse("file:///tmp/haproxy.cfg").expect("url");
        state.open(uri.clone(), "global\n".to_owned(), 1);
        let linted = state.snapshot(&uri).expect("open").version;
        let change = TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(0, 0), Position::new(0, 0))),
            range_length: None,
            text: "#".to_owned(),
        };
        state.change(&uri, 2, &[change]);
        assert!(is_stale(state.version(&uri), linted));
        assert!(!is_stale(state.version(&uri), 2));
        state.close(&uri);
        assert!(is_stale(state.version(&uri), 2));
    }
}
