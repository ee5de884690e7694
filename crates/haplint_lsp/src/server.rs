//! The LSP front: capabilities, and each request or notification handed
//! to the module that does the work. Handlers run their work through
//! [`Server::on_snapshot`], which keeps it off the protocol loop and turns
//! a panic into an empty answer.

use std::sync::Arc;

use lsp_types::{
    CodeActionParams, CodeActionResponse, CompletionParams, CompletionResponse,
    DidChangeConfigurationParams, DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidChangeWatchedFilesRegistrationOptions, DidChangeWorkspaceFoldersParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DidSaveTextDocumentParams,
    DocumentFormattingParams, DocumentHighlight, DocumentHighlightParams, DocumentLink,
    DocumentLinkParams, DocumentRangeFormattingParams, DocumentSymbolParams,
    DocumentSymbolResponse, ExecuteCommandParams, FileSystemWatcher, FoldingRange,
    FoldingRangeParams, GlobPattern, GotoDefinitionParams, GotoDefinitionResponse, Hover,
    HoverParams, InitializeParams, InitializeResult, InitializedParams, InlayHint, InlayHintParams,
    Location, PrepareRenameResponse, ReferenceParams, Registration, RenameParams, SelectionRange,
    SelectionRangeParams, SemanticTokens, SemanticTokensParams, SemanticTokensRangeParams,
    SemanticTokensRangeResult, SemanticTokensResult, ServerInfo, SymbolInformation,
    TextDocumentPositionParams, TextEdit, Url, WorkspaceEdit, WorkspaceSymbolParams,
};
use serde_json::Value;
use tower_lsp::jsonrpc::Result;
use tower_lsp::{Client, LanguageServer};

use crate::capabilities::{capabilities, negotiate_encoding};
use crate::features;
use crate::guard::blocking;
use crate::lint;
use crate::log::{info, warning};
use crate::snapshot::Snapshot;
use crate::state::State;

pub struct Server {
    pub(crate) client: Client,
    pub(crate) state: Arc<State>,
    /// The client said it registers file watchers on request; asking one
    /// that did not is an error on its side.
    watches_files: std::sync::atomic::AtomicBool,
}

impl Server {
    pub fn new(client: Client) -> Self {
        Self {
            client,
            state: Arc::new(State::default()),
            watches_files: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// Runs `work` on the current snapshot of `uri` on the blocking pool;
    /// an unknown document or a panic gives `None`.
    pub(crate) async fn on_snapshot<T: Send + 'static>(
        &self,
        what: &'static str,
        uri: Url,
        work: impl FnOnce(&Snapshot) -> Option<T> + Send + 'static,
    ) -> Option<T> {
        let state = Arc::clone(&self.state);
        blocking(what, move || {
            let snapshot = state.snapshot(&uri)?;
            work(&snapshot)
        })
        .await
    }

    /// Lints `uri`, and the open documents checked together with it,
    /// whose cross-file findings may have changed.
    fn schedule_lint(&self, uri: Url, generation: u64) {
        for (peer, peer_generation) in self.state.set_peers(&uri) {
            lint::schedule(&self.state, &self.client, peer, peer_generation);
        }
        lint::schedule(&self.state, &self.client, uri, generation);
    }
}

#[tower_lsp::async_trait]
impl LanguageServer for Server {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let encoding = negotiate_encoding(&params);
        self.state.set_encoding(encoding);
        self.state.set_folding_limit(
            params
                .capabilities
                .text_document
                .as_ref()
                .and_then(|document| document.folding_range.as_ref())
                .and_then(|folding| folding.range_limit)
                .and_then(|limit| usize::try_from(limit).ok()),
        );
        if let Some(options) = &params.initialization_options {
            self.state.update_client_options(options);
        }
        let mut folders: Vec<Url> = params
            .workspace_folders
            .iter()
            .flatten()
            .map(|folder| folder.uri.clone())
            .collect();
        #[allow(deprecated)] // older clients only send the root
        if folders.is_empty()
            && let Some(root) = &params.root_uri
        {
            folders.push(root.clone());
        }
        self.state.set_workspace_folders(folders);
        let watches_files = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|workspace| workspace.did_change_watched_files.as_ref())
            .and_then(|watched| watched.dynamic_registration)
            .unwrap_or(false);
        self.watches_files
            .store(watches_files, std::sync::atomic::Ordering::Relaxed);
        info!("initialized with {encoding:?} positions");
        Ok(InitializeResult {
            capabilities: capabilities(encoding),
            server_info: Some(ServerInfo {
                name: "haplint".to_owned(),
                version: Some(env!("CARGO_PKG_VERSION").to_owned()),
            }),
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        // Relint when a settings file changes, and when a configuration
        // file does: a set reads its unopened members from disk. Clients
        // that cannot register watchers dynamically are not asked.
        if !self
            .watches_files
            .load(std::sync::atomic::Ordering::Relaxed)
        {
            return;
        }
        let options = DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![
                FileSystemWatcher {
                    glob_pattern: GlobPattern::String(format!(
                        "**/{}",
                        haplint_linter::SETTINGS_FILE
                    )),
                    kind: None,
                },
                FileSystemWatcher {
                    glob_pattern: GlobPattern::String("**/*.cfg".to_owned()),
                    kind: None,
                },
            ],
        };
        let registration = Registration {
            id: "haplint-settings-watcher".to_owned(),
            method: "workspace/didChangeWatchedFiles".to_owned(),
            register_options: serde_json::to_value(options).ok(),
        };
        // Not awaited here: a client that never answers must not keep this
        // notification, and so the server's shutdown, pending forever.
        let client = self.client.clone();
        tokio::spawn(async move {
            if let Err(error) = client.register_capability(vec![registration]).await {
                info!("the client does not watch files for us: {error}");
            }
        });
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let uri = params.text_document_position.text_document.uri.clone();
        Ok(self
            .on_snapshot("completion", uri, move |snapshot| {
                let items = features::completion::completion(snapshot, &params);
                Some(CompletionResponse::Array(items))
            })
            .await)
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        Ok(self
            .on_snapshot("documentSymbol", params.text_document.uri, |snapshot| {
                Some(DocumentSymbolResponse::Nested(
                    features::symbols::document_symbols(snapshot),
                ))
            })
            .await)
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<Vec<SymbolInformation>>> {
        let state = Arc::clone(&self.state);
        let query = params.query;
        Ok(blocking("workspaceSymbol", move || {
            let mut found = Vec::new();
            for uri in state.open_uris() {
                let room = features::symbols::MAX_SYMBOLS - found.len();
                if room == 0 {
                    warning!("workspaceSymbol: stopped at {} symbols", found.len());
                    break;
                }
                if let Some(snapshot) = state.snapshot(&uri) {
                    found.extend(features::symbols::workspace_symbols(
                        &snapshot, &query, room,
                    ));
                }
            }
            Some(found)
        })
        .await)
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        let limit = self.state.folding_limit();
        Ok(self
            .on_snapshot("foldingRange", params.text_document.uri, move |snapshot| {
                let mut found = features::folding::folding_ranges(snapshot);
                // The first ones, in document order: the client drops the
                // rest anyway, and would choose less predictably.
                found.truncate(limit.unwrap_or(usize::MAX));
                Some(found)
            })
            .await)
    }

    async fn selection_range(
        &self,
        params: SelectionRangeParams,
    ) -> Result<Option<Vec<SelectionRange>>> {
        let positions = params.positions;
        Ok(self
            .on_snapshot(
                "selectionRange",
                params.text_document.uri,
                move |snapshot| Some(features::symbols::selection_ranges(snapshot, &positions)),
            )
            .await)
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        Ok(self
            .on_snapshot("semanticTokens", params.text_document.uri, |snapshot| {
                Some(SemanticTokensResult::Tokens(SemanticTokens {
                    result_id: None,
                    data: features::semantic_tokens::tokens(snapshot, None),
                }))
            })
            .await)
    }

    async fn semantic_tokens_range(
        &self,
        params: SemanticTokensRangeParams,
    ) -> Result<Option<SemanticTokensRangeResult>> {
        let range = params.range;
        Ok(self
            .on_snapshot(
                "semanticTokensRange",
                params.text_document.uri,
                move |snapshot| {
                    Some(SemanticTokensRangeResult::Tokens(SemanticTokens {
                        result_id: None,
                        data: features::semantic_tokens::tokens(snapshot, Some(range)),
                    }))
                },
            )
            .await)
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let range = params.range;
        Ok(self
            .on_snapshot("inlayHint", params.text_document.uri, move |snapshot| {
                Some(features::inlay_hints::inlay_hints(snapshot, range))
            })
            .await)
    }

    async fn document_link(&self, params: DocumentLinkParams) -> Result<Option<Vec<DocumentLink>>> {
        Ok(self
            .on_snapshot("documentLink", params.text_document.uri, |snapshot| {
                Some(features::links::document_links(snapshot))
            })
            .await)
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<Value>> {
        use features::routing_graph::{COMMAND, parse, routing_graph};
        if params.command != COMMAND {
            return Err(tower_lsp::jsonrpc::Error::invalid_params(format!(
                "unknown command `{}`",
                params.command
            )));
        }
        let request =
            parse(&params.arguments).map_err(tower_lsp::jsonrpc::Error::invalid_params)?;
        let uri = request.uri.clone();
        let drawn = self
            .on_snapshot("routingGraph", uri, move |snapshot| {
                Some(routing_graph(snapshot, &request))
            })
            .await;
        match drawn {
            Some(Ok(text)) => Ok(Some(Value::String(text))),
            Some(Err(message)) => Err(tower_lsp::jsonrpc::Error::invalid_params(message)),
            None => Err(tower_lsp::jsonrpc::Error::invalid_params(
                "the document is not open, or its graph could not be drawn",
            )),
        }
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let at = params.text_document_position_params;
        Ok(self
            .on_snapshot("hover", at.text_document.uri, move |snapshot| {
                features::hover::hover(snapshot, at.position)
            })
            .await)
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let at = params.text_document_position_params;
        Ok(self
            .on_snapshot("definition", at.text_document.uri, move |snapshot| {
                let found = features::navigation::definition(snapshot, at.position);
                (!found.is_empty()).then_some(GotoDefinitionResponse::Array(found))
            })
            .await)
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let at = params.text_document_position;
        let declarations = params.context.include_declaration;
        Ok(self
            .on_snapshot("references", at.text_document.uri, move |snapshot| {
                Some(features::navigation::references(
                    snapshot,
                    at.position,
                    declarations,
                ))
            })
            .await)
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        let at = params.text_document_position_params;
        Ok(self
            .on_snapshot("documentHighlight", at.text_document.uri, move |snapshot| {
                Some(features::navigation::highlights(snapshot, at.position))
            })
            .await)
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        Ok(self
            .on_snapshot("prepareRename", params.text_document.uri, move |snapshot| {
                features::navigation::prepare_rename(snapshot, params.position)
            })
            .await)
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let at = params.text_document_position;
        let new_name = params.new_name;
        let outcome = self
            .on_snapshot("rename", at.text_document.uri, move |snapshot| {
                features::navigation::rename(snapshot, at.position, &new_name)
            })
            .await;
        match outcome {
            None => Ok(None),
            Some(Ok(edit)) => Ok(Some(edit)),
            Some(Err(message)) => Err(tower_lsp::jsonrpc::Error::invalid_params(message)),
        }
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri.clone();
        Ok(self
            .on_snapshot("codeAction", uri, move |snapshot| {
                Some(features::code_action::code_actions(snapshot, &params))
            })
            .await)
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        let editor = params.options;
        Ok(self
            .on_snapshot("formatting", params.text_document.uri, move |snapshot| {
                features::formatting::formatting(snapshot, &editor, None)
            })
            .await)
    }

    async fn range_formatting(
        &self,
        params: DocumentRangeFormattingParams,
    ) -> Result<Option<Vec<TextEdit>>> {
        let editor = params.options;
        let lines = features::formatting::range_lines(params.range);
        Ok(self
            .on_snapshot(
                "rangeFormatting",
                params.text_document.uri,
                move |snapshot| features::formatting::formatting(snapshot, &editor, Some(lines)),
            )
            .await)
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let document = params.text_document;
        let generation = self
            .state
            .open(document.uri.clone(), document.text, document.version);
        self.schedule_lint(document.uri, generation);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        match self
            .state
            .change(&uri, params.text_document.version, &params.content_changes)
        {
            Some(generation) => self.schedule_lint(uri, generation),
            None => warning!("change to {uri}, which is not open"),
        }
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        let uri = params.text_document.uri;
        if let Some(text) = params.text {
            self.state.replace_text(&uri, text);
        }
        // Saving is when the live checks read the machine again.
        if let Some(generation) = self.state.saved(&uri) {
            self.schedule_lint(uri, generation);
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let publishing = self.state.publishing.lock().await;
        self.state.close(&uri);
        // Findings of a closed file would otherwise stay in the problem
        // list forever.
        self.client
            .publish_diagnostics(uri.clone(), Vec::new(), None)
            .await;
        drop(publishing);
        for (peer, generation) in self.state.set_peers(&uri) {
            lint::schedule(&self.state, &self.client, peer, generation);
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        self.state.update_client_options(&params.settings);
        lint::relint_all(&self.state, &self.client);
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let settings_changed = params.changes.iter().any(|change| {
            change
                .uri
                .path()
                .ends_with(&format!("/{}", haplint_linter::SETTINGS_FILE))
        });
        let members_changed = self.state.client_options().uses_sets()
            && params.changes.iter().any(|change| {
                std::path::Path::new(change.uri.path())
                    .extension()
                    .is_some_and(|extension| extension == "cfg")
            });
        if settings_changed || members_changed {
            self.state.settings_changed();
            lint::relint_all(&self.state, &self.client);
        }
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        let added = params
            .event
            .added
            .into_iter()
            .map(|folder| folder.uri)
            .collect();
        let removed: Vec<Url> = params
            .event
            .removed
            .into_iter()
            .map(|folder| folder.uri)
            .collect();
        self.state.change_workspace_folders(added, &removed);
    }
}
