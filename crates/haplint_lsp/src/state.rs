//! The server's state: open documents, the client's options and the
//! settings files. Locks are held briefly and never across an `.await`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use lsp_types::{TextDocumentContentChangeEvent, Url};

use crate::config::{ClientOptions, SettingsCache};
use crate::line_index::Encoding;
use crate::snapshot::{Snapshot, uri_to_path};
use crate::text_document::TextDocument;

/// A document the client has open.
struct OpenDocument {
    document: TextDocument,
    /// Bumped by every change, so a pending lint knows it is outdated.
    generation: u64,
    /// The snapshot of the current version, once someone asked for it.
    snapshot: Option<Arc<Snapshot>>,
}

#[derive(Default)]
pub struct State {
    documents: Mutex<HashMap<Url, OpenDocument>>,
    settings: Mutex<SettingsCache>,
    client: Mutex<ClientOptions>,
    encoding: Mutex<Encoding>,
    workspace_folders: Mutex<Vec<Url>>,
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
            open.snapshot = None;
            open.generation += 1;
        }
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
                snapshot: None,
            },
        );
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
        open.snapshot = None;
        Some(open.generation)
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
        open.snapshot = None;
        Some(open.generation)
    }

    pub fn close(&self, uri: &Url) -> bool {
        lock(&self.documents).remove(uri).is_some()
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

    /// The snapshot of the current version, built on first use. The
    /// document lock is released while it is built; if the document
    /// changed meanwhile, the snapshot is still returned (for the version
    /// it describes) but not kept.
    pub fn snapshot(&self, uri: &Url) -> Option<Arc<Snapshot>> {
        let (text, index, version, generation) = {
            let documents = lock(&self.documents);
            let open = documents.get(uri)?;
            if let Some(snapshot) = &open.snapshot {
                return Some(Arc::clone(snapshot));
            }
            (
                open.document.text.clone(),
                open.document.index.clone(),
                open.document.version,
                open.generation,
            )
        };
        let client = self.client_options();
        let applied = lock(&self.settings).for_document(&uri_to_path(uri), &client);
        let snapshot = Arc::new(Snapshot::single(
            uri.clone(),
            version,
            &text,
            index,
            self.encoding(),
            applied,
        ));
        let mut documents = lock(&self.documents);
        if let Some(open) = documents.get_mut(uri)
            && open.generation == generation
        {
            open.snapshot = Some(Arc::clone(&snapshot));
        }
        Some(snapshot)
    }
}

impl State {
    /// The current generation of an open document.
    pub fn generation(&self, uri: &Url) -> Option<u64> {
        lock(&self.documents).get(uri).map(|open| open.generation)
    }
}
