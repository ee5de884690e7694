//! The server's state: open documents, the client's options and the
//! settings files. Locks are held briefly and never across an `.await`,
//! except `publishing`, which orders publishes with closes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};

use lsp_types::{TextDocumentContentChangeEvent, Url};

use haplint_linter::live::LiveFacts;

use haplint_linter::find_set;

use crate::config::{Applied, ClientOptions, SettingsCache};
use crate::line_index::Encoding;
use crate::log::warning;
use crate::snapshot::{Member, Snapshot, uri_to_path};
use crate::text_document::TextDocument;

/// Larger documents are not analysed: the same default limit as the
/// command line's, past which an analysis costs gigabytes. They get one
/// diagnostic saying so (see [`State::oversized`]).
pub const MAX_DOCUMENT: usize = 64 << 20;

/// The snapshot of one generation of a document, built by the first
/// caller: requests arriving together with the lint (an editor asks for
/// symbols, folding and tokens right after opening) wait for that build
/// instead of each running their own. Concurrent builds of a 20 MB
/// document held one model each (2.3 GB on two cores, more on more).
type Slot = Arc<OnceLock<Option<Arc<Snapshot>>>>;

/// A document the client has open.
struct OpenDocument {
    document: TextDocument,
    /// Bumped by every change, so a pending lint knows it is outdated.
    generation: u64,
    /// The snapshot of the current generation, once someone asked for
    /// it; replaced by an empty slot on every change.
    snapshot: Slot,
    /// Facts of the machine read at the last open or save, frozen: edits
    /// in between are checked against them without touching the disk.
    live: Option<Arc<LiveFacts>>,
    /// Opened or saved since the facts were read: read them again.
    refresh_live: bool,
}

#[derive(Default)]
pub struct State {
    documents: Mutex<HashMap<Url, OpenDocument>>,
    settings: Mutex<SettingsCache>,
    client: Mutex<ClientOptions>,
    encoding: Mutex<Encoding>,
    /// The client's `foldingRange.rangeLimit`: it shows no more, so a
    /// generated document must not cost a larger answer.
    folding_limit: Mutex<Option<usize>>,
    workspace_folders: Mutex<Vec<Url>>,
    /// Held from a lint's "is this version still open?" to its publish,
    /// and by `didClose` from removing the document to publishing its
    /// empty list: otherwise a lint that checked just before the close
    /// could publish after it, leaving findings of a closed file in the
    /// editor for good. The one lock here held across an `.await`.
    pub publishing: tokio::sync::Mutex<()>,
    /// When each document's next lint runs (see [`crate::pacing`]).
    pub pacing: crate::pacing::Pacing,
}

/// A poisoned lock only means another request panicked; its data is
/// still a consistent value for us (every update is a single assignment).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl State {
    pub fn encoding(&self) -> Encoding {
        *lock(&self.encoding)
    }

    pub fn set_encoding(&self, encoding: Encoding) {
        *lock(&self.encoding) = encoding;
    }

    pub fn folding_limit(&self) -> Option<usize> {
        *lock(&self.folding_limit)
    }

    pub fn set_folding_limit(&self, limit: Option<usize>) {
        *lock(&self.folding_limit) = limit;
    }

    pub fn client_options(&self) -> ClientOptions {
        lock(&self.client).clone()
    }

    pub fn update_client_options(&self, value: &serde_json::Value) {
        lock(&self.client).update(value);
        self.settings_changed();
    }

    /// Settings files or options changed: every snapshot is outdated.
    pub fn settings_changed(&self) {
        lock(&self.settings).clear();
        for open in lock(&self.documents).values_mut() {
            open.snapshot = Slot::default();
            open.generation += 1;
        }
    }

    /// Problems in settings files not yet shown to the user.
    pub fn take_settings_problems(&self) -> Vec<String> {
        lock(&self.settings).take_problems()
    }

    pub fn set_workspace_folders(&self, folders: Vec<Url>) {
        *lock(&self.workspace_folders) = folders;
    }

    pub fn change_workspace_folders(&self, added: Vec<Url>, removed: &[Url]) {
        let mut folders = lock(&self.workspace_folders);
        folders.retain(|folder| !removed.contains(folder));
        for folder in added {
            if !folders.contains(&folder) {
                folders.push(folder);
            }
        }
    }

    pub fn open(&self, uri: Url, text: String, version: i32) -> u64 {
        let mut documents = lock(&self.documents);
        let generation = documents.get(&uri).map_or(0, |open| open.generation + 1);
        documents.insert(
            uri,
            OpenDocument {
                document: TextDocument::new(text, version),
                generation,
                snapshot: Slot::default(),
                live: None,
                refresh_live: true,
            },
        );
        self.forget_set_snapshots(&mut documents);
        generation
    }

    /// Applies the changes of one notification, in order; `None` for a
    /// document that is not open.
    pub fn change(
        &self,
        uri: &Url,
        version: i32,
        changes: &[TextDocumentContentChangeEvent],
    ) -> Option<u64> {
        let encoding = self.encoding();
        let mut documents = lock(&self.documents);
        let open = documents.get_mut(uri)?;
        for change in changes {
            open.document.apply(change, encoding);
        }
        open.document.version = version;
        open.generation += 1;
        open.snapshot = Slot::default();
        let generation = open.generation;
        self.forget_set_snapshots(&mut documents);
        Some(generation)
    }

    /// The whole text sent with `didSave`, when the client includes it.
    pub fn replace_text(&self, uri: &Url, text: String) -> Option<u64> {
        let mut documents = lock(&self.documents);
        let open = documents.get_mut(uri)?;
        if open.document.text == text {
            return Some(open.generation);
        }
        let version = open.document.version;
        open.document = TextDocument::new(text, version);
        open.generation += 1;
        open.snapshot = Slot::default();
        let generation = open.generation;
        self.forget_set_snapshots(&mut documents);
        Some(generation)
    }

    /// The document was saved: the next lint reads the machine again.
    pub fn saved(&self, uri: &Url) -> Option<u64> {
        let mut documents = lock(&self.documents);
        let open = documents.get_mut(uri)?;
        open.refresh_live = true;
        open.generation += 1;
        open.snapshot = Slot::default();
        Some(open.generation)
    }

    pub fn close(&self, uri: &Url) -> bool {
        let mut documents = lock(&self.documents);
        let closed = documents.remove(uri).is_some();
        self.pacing.forget(uri);
        // The closed file is now read from disk by its set's members.
        self.forget_set_snapshots(&mut documents);
        closed
    }

    /// The size and version of an open document too large to analyse.
    pub fn oversized(&self, uri: &Url) -> Option<(usize, i32)> {
        lock(&self.documents)
            .get(uri)
            .map(|open| (open.document.text.len(), open.document.version))
            .filter(|(size, _)| *size > MAX_DOCUMENT)
    }

    /// How many documents are open (what a closed one must leave).
    #[cfg(test)]
    pub fn open_count(&self) -> usize {
        lock(&self.documents).len()
    }

    pub fn open_uris(&self) -> Vec<Url> {
        lock(&self.documents).keys().cloned().collect()
    }

    /// Whether `generation` is still the latest of an open document.
    pub fn is_current(&self, uri: &Url, generation: u64) -> bool {
        lock(&self.documents)
            .get(uri)
            .is_some_and(|open| open.generation == generation)
    }

    /// The current version of an open document.
    pub fn version(&self, uri: &Url) -> Option<i32> {
        lock(&self.documents)
            .get(uri)
            .map(|open| open.document.version)
    }

    /// The snapshot of the current version, built on first use, once: a
    /// caller arriving during the build waits for it. The document lock
    /// is released while it is built; a change meanwhile starts a new slot,
    /// and this snapshot still goes to the callers that asked before it
    /// (for the version it describes).
    pub fn snapshot(&self, uri: &Url) -> Option<Arc<Snapshot>> {
        let (slot, generation) = {
            let documents = lock(&self.documents);
            let open = documents.get(uri)?;
            if open.document.text.len() > MAX_DOCUMENT {
                return None;
            }
            (Arc::clone(&open.snapshot), open.generation)
        };
        slot.get_or_init(|| self.build_snapshot(uri, generation))
            .clone()
    }

    /// Builds the snapshot of the document as it is now, for the slot of
    /// `generation`.
    fn build_snapshot(&self, uri: &Url, generation: u64) -> Option<Arc<Snapshot>> {
        let (text, index, version, kept_live, refresh_live) = {
            let documents = lock(&self.documents);
            let open = documents.get(uri)?;
            (
                open.document.text.clone(),
                open.document.index.clone(),
                open.document.version,
                open.live.clone(),
                open.refresh_live,
            )
        };
        let client = self.client_options();
        let path = uri_to_path(uri);
        let mut applied = lock(&self.settings).for_document(&path, &client);
        // Fresh facts on open and save; the frozen ones otherwise.
        let fresh = match (&applied.live, kept_live) {
            (None, _) => None,
            (Some(settings), Some(kept)) if !refresh_live && kept.settings() == settings => {
                applied.options.live = Some(kept);
                None
            }
            (Some(settings), _) => {
                let facts = Arc::new(LiveFacts::gather(settings.clone()));
                applied.options.live = Some(Arc::clone(&facts));
                Some(facts)
            }
        };
        let own = Member {
            uri: uri.clone(),
            text,
            index: Some(index),
        };
        let (members, position) = match self.set_of(&path, &client, &applied) {
            Some(files) => self.members(files, own),
            None => (vec![own], 0),
        };
        let snapshot = Arc::new(Snapshot::new(
            members,
            position,
            version,
            self.encoding(),
            applied,
        )?);
        if let Some(facts) = &fresh {
            // The live rules read what they need while linting; after
            // that the facts are frozen for the edits to come.
            snapshot.diagnostics();
            facts.freeze();
            let mut documents = lock(&self.documents);
            if let Some(open) = documents.get_mut(uri)
                && open.generation == generation
            {
                open.live = fresh;
                open.refresh_live = false;
            }
        }
        Some(snapshot)
    }

    /// The set of files `path` is checked with, if any: one the client
    /// declared, else one of its `haplint.toml`.
    fn set_of(
        &self,
        path: &Path,
        client: &ClientOptions,
        applied: &Applied,
    ) -> Option<Vec<PathBuf>> {
        if client.uses_sets() {
            let root = lock(&self.workspace_folders)
                .first()
                .and_then(|folder| folder.to_file_path().ok());
            if let Some(files) = client.set_of(path, root.as_deref()) {
                return Some(files);
            }
        }
        find_set(applied.config_sets.iter().cloned(), path).map(|found| found.files)
    }

    /// The members of a set: `own` where it belongs, other open documents
    /// as the editor has them, the rest as they are on disk.
    fn members(&self, files: Vec<PathBuf>, own: Member) -> (Vec<Member>, usize) {
        let mut members = Vec::with_capacity(files.len());
        let mut position = 0;
        let mut own = Some(own);
        for file in files {
            let Ok(uri) = Url::from_file_path(&file) else {
                continue;
            };
            if own.as_ref().is_some_and(|member| member.uri == uri) {
                position = members.len();
                members.extend(own.take());
                continue;
            }
            let open = lock(&self.documents)
                .get(&uri)
                .map(|open| (open.document.text.clone(), open.document.index.clone()));
            let member = match open {
                Some((text, index)) => Member {
                    uri,
                    text,
                    index: Some(index),
                },
                None => match std::fs::read(&file) {
                    Ok(bytes) => Member {
                        uri,
                        text: String::from_utf8_lossy(&bytes).into_owned(),
                        index: None,
                    },
                    Err(error) => {
                        warning!("cannot read `{}`: {error}", file.display());
                        continue;
                    }
                },
            };
            members.push(member);
        }
        if let Some(own) = own {
            position = members.len();
            members.push(own);
        }
        (members, position)
    }

    /// Open documents checked together with `uri` (not `uri` itself),
    /// with their generations: their findings may change with it.
    pub fn set_peers(&self, uri: &Url) -> Vec<(Url, u64)> {
        let client = self.client_options();
        let path = uri_to_path(uri);
        let applied = lock(&self.settings).for_document(&path, &client);
        let Some(files) = self.set_of(&path, &client, &applied) else {
            return Vec::new();
        };
        lock(&self.documents)
            .iter()
            .filter(|(other, _)| *other != uri && files.contains(&uri_to_path(other)))
            .map(|(other, open)| (other.clone(), open.generation))
            .collect()
    }

    /// Drops every snapshot when documents are checked together: one
    /// document's change can change another's findings.
    fn forget_set_snapshots(&self, documents: &mut HashMap<Url, OpenDocument>) {
        if lock(&self.client).uses_sets() || lock(&self.settings).declares_sets() {
            for open in documents.values_mut() {
                open.snapshot = Slot::default();
            }
        }
    }
}

impl State {
    /// The current generation of an open document.
    pub fn generation(&self, uri: &Url) -> Option<u64> {
        lock(&self.documents).get(uri).map(|open| open.generation)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    fn uri() -> Url {
        Url::parse("file:///nonexistent-haplint-test/state.cfg").expect("url")
    }

    /// Closing drops the document and everything computed from it: no
    /// snapshot (parse, model, diagnostics) outlives the close.
    #[test]
    fn closing_frees_the_document_and_its_snapshot() {
        let state = State::default();
        let text = "backend b\n".repeat(2000);
        state.open(uri(), text, 1);
        let snapshot = state.snapshot(&uri()).expect("open");
        snapshot.diagnostics();
        snapshot.occurrences();
        let weak = Arc::downgrade(&snapshot);
        drop(snapshot);
        assert!(weak.upgrade().is_some(), "kept while open");
        assert!(state.close(&uri()));
        assert!(weak.upgrade().is_none(), "freed by the close");
        assert_eq!(state.open_count(), 0);
        assert!(state.snapshot(&uri()).is_none());
    }

    /// Requests arriving while the snapshot is built share that build.
    #[test]
    fn concurrent_callers_share_one_snapshot() {
        let state = State::default();
        state.open(
            uri(),
            "backend b\n    server s 127.0.0.1:80\n".repeat(2000),
            1,
        );
        let built: Vec<Arc<Snapshot>> = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..4)
                .map(|_| scope.spawn(|| state.snapshot(&uri())))
                .collect();
            workers
                .into_iter()
                .filter_map(|worker| worker.join().ok().flatten())
                .collect()
        });
        assert_eq!(built.len(), 4);
        assert!(
            built
                .iter()
                .all(|snapshot| Arc::ptr_eq(snapshot, &built[0]))
        );
    }

    #[test]
    fn a_document_above_the_limit_is_not_analysed() {
        let state = State::default();
        state.open(uri(), "#".repeat(MAX_DOCUMENT + 1), 3);
        assert!(state.snapshot(&uri()).is_none());
        assert_eq!(state.oversized(&uri()), Some((MAX_DOCUMENT + 1, 3)));
        state.open(uri(), "#".repeat(MAX_DOCUMENT), 4);
        assert_eq!(state.oversized(&uri()), None);
        assert!(state.snapshot(&uri()).is_some());
    }
}
