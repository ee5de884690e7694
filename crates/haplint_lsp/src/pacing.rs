//! When a document's lint runs after an edit.
//!
//! Two rules keep the editor responsive on any size of file:
//! - **Adaptive delay.** Unless the client fixed a debounce, a document
//!   whose last lint took less than [`FAST_LINT`] is linted at once after
//!   an edit (the user sees the result of each key press), and a slower one
//!   after [`ADAPTIVE_DEBOUNCE`], so that typing a word gives one lint.
//! - **One lint per document at a time.** An edit made while the document
//!   is being linted does not queue a second lint beside it: the running one
//!   is marked outdated (its result is then dropped, the version check does
//!   that) and, when it ends, one lint of the newest text starts.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use lsp_types::Url;

/// A lint faster than this does not wait for the user to stop typing.
pub const FAST_LINT: Duration = Duration::from_millis(10);

/// The wait after an edit for a document whose lint is not fast.
pub const ADAPTIVE_DEBOUNCE: Duration = Duration::from_millis(30);

/// Per open document: its lint in progress and how long the last one took.
#[derive(Debug, Default)]
pub struct Pacing {
    documents: Mutex<HashMap<Url, Pace>>,
}

#[derive(Debug, Default, Clone, Copy)]
struct Pace {
    running: bool,
    /// An edit (or a settings change) came while the lint was running.
    again: bool,
    last: Option<Duration>,
}

impl Pacing {
    fn documents(&self) -> MutexGuard<'_, HashMap<Url, Pace>> {
        // A poisoned lock only means a lint panicked; the flags stay valid.
        self.documents
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// How long to wait before linting `uri`: `fixed` when the client set a
    /// debounce, else the adaptive delay.
    pub fn delay(&self, uri: &Url, fixed: Option<Duration>) -> Duration {
        if let Some(fixed) = fixed {
            return fixed;
        }
        match self.documents().get(uri).and_then(|pace| pace.last) {
            Some(last) if last < FAST_LINT => Duration::ZERO,
            // The first lint of a document runs at once: opening a file
            // should show its findings without a wait.
            None => Duration::ZERO,
            Some(_) => ADAPTIVE_DEBOUNCE,
        }
    }

    /// Claims the lint of `uri`. `false` when one is already running: it
    /// is told to run again for the newest text when it ends.
    pub fn start(&self, uri: &Url) -> bool {
        let mut documents = self.documents();
        let pace = documents.entry(uri.clone()).or_default();
        if pace.running {
            pace.again = true;
            return false;
        }
        pace.running = true;
        pace.again = false;
        true
    }

    /// Ends the lint of `uri`, which took `took` (`None` when it did not
    /// run to the end). Returns whether another lint must start now.
    pub fn finish(&self, uri: &Url, took: Option<Duration>) -> bool {
        let mut documents = self.documents();
        let Some(pace) = documents.get_mut(uri) else {
            return false;
        };
        pace.running = false;
        if took.is_some() {
            pace.last = took;
        }
        std::mem::take(&mut pace.again)
    }

    /// The document was closed.
    pub fn forget(&self, uri: &Url) {
        self.documents().remove(uri);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri() -> Url {
        Url::parse("file:///etc/haproxy/haproxy.cfg").expect("url")
    }

    #[test]
    fn fast_documents_are_linted_at_once_and_slow_ones_after_a_short_wait() {
        let pacing = Pacing::default();
        let uri = uri();
        assert_eq!(pacing.delay(&uri, None), Duration::ZERO);
        assert!(pacing.start(&uri));
        pacing.finish(&uri, Some(Duration::from_millis(3)));
        assert_eq!(pacing.delay(&uri, None), Duration::ZERO);
        assert!(pacing.start(&uri));
        pacing.finish(&uri, Some(Duration::from_millis(40)));
        assert_eq!(pacing.delay(&uri, None), ADAPTIVE_DEBOUNCE);
        // A debounce the client set is kept as it is.
        assert_eq!(
            pacing.delay(&uri, Some(Duration::from_millis(150))),
            Duration::from_millis(150)
        );
    }

    #[test]
    fn an_edit_during_a_lint_runs_one_more_lint_after_it_not_beside_it() {
        let pacing = Pacing::default();
        let uri = uri();
        assert!(pacing.start(&uri));
        // Three edits while it runs: none starts a lint of its own.
        assert!(!pacing.start(&uri));
        assert!(!pacing.start(&uri));
        assert!(!pacing.start(&uri));
        // The running one ends: exactly one more is due.
        assert!(pacing.finish(&uri, Some(Duration::from_millis(50))));
        assert!(pacing.start(&uri));
        assert!(!pacing.finish(&uri, Some(Duration::from_millis(50))));
    }

    #[test]
    fn a_closed_document_starts_afresh() {
        let pacing = Pacing::default();
        let uri = uri();
        assert!(pacing.start(&uri));
        pacing.forget(&uri);
        assert!(!pacing.finish(&uri, None));
        assert!(pacing.start(&uri));
    }
}
