//! The language server: the only module that knows LSP.
//!
//! Documents are ropes edited in arrival order (`didChange` handlers apply their edit before any
//! `.await`); every change bumps the package's generation and schedules a debounced check on a
//! blocking thread; results for a generation that is no longer current are dropped.

mod breaking;
mod code_action;
mod completion;
mod config;
mod config_file;
mod convert;
mod diagnostics;
pub mod document;
mod frames;
use connector_ls_core::ide::hover;
mod malloc;
mod memory;
mod navigation;
mod state;
mod submission;
mod symbols;
mod validator;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::Arc;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer, LspService, Server};

use self::document::OpenDocument;
use self::state::State;
use connector_ls_core::text::Encoding;

pub use self::code_action::FIX_ALL_KIND;
pub use self::validator::SHOW_VALIDATOR_OUTPUT_COMMAND;

/// `workspace/executeCommand`: check every connector under the workspace folders (or the folder
/// URIs given as arguments) and publish diagnostics for all their files.
pub const CHECK_WORKSPACE_COMMAND: &str = "connector-ls.checkWorkspace";

/// Runs the server on stdin/stdout until the client says `exit`. Returns the process exit code:
/// 0 after `shutdown`, 1 when `exit` came without it.
pub fn serve_stdio() -> i32 {
    malloc::tune_and_reexec();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            tracing::error!(%e, "cannot start the async runtime");
            return 1;
        }
    };
    let code = runtime.block_on(async {
        let state = Arc::new(State::default());
        let texts = Arc::new(frames::OpenTexts::default());
        let (st, tx) = (state.clone(), texts.clone());
        let (service, socket) = LspService::new(move |client| Backend {
            client,
            state: st,
            texts: tx,
        });
        let (input, filtered) = tokio::io::duplex(1 << 20);
        let reader =
            tokio::spawn(async move { frames::filter(tokio::io::stdin(), input, &texts).await });
        let serve = Server::new(filtered, tokio::io::stdout(), socket).serve(service);
        // When the client closes our input, or after `exit` (where the filter stops reading), the
        // transport can stay blocked on requests the client will never answer: give it a
        // moment, then end (exit code 0 after `shutdown`, 1 otherwise).
        let input_closed = async {
            let _ = reader.await;
            tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        };
        tokio::select! {
            () = serve => {}
            () = input_closed => tracing::info!("input ended; ending the session"),
        }
        if state.shutdown.load(Ordering::SeqCst) {
            0
        } else {
            1
        }
    });
    // Tasks still waiting on the client are abandoned, not awaited.
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    code
}

pub struct Backend {
    client: Client,
    state: Arc<State>,
    /// Texts of opened documents, handed over by the input filter.
    texts: Arc<frames::OpenTexts>,
}

/// Runs `f`, turning a panic into an `InternalError` answer that carries the panic's message
/// (and a log line), so one bad request does not end the session and the client sees why.
fn guard<T>(what: &str, f: impl FnOnce() -> T) -> Result<T> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown cause".to_string());
        tracing::error!(handler = what, %message, "handler panicked");
        tower_lsp_server::jsonrpc::Error {
            code: tower_lsp_server::jsonrpc::ErrorCode::InternalError,
            message: format!("connector-ls: {what} failed: {message}").into(),
            data: None,
        }
    })
}

impl Backend {
    fn path_of(uri: &Uri) -> Option<PathBuf> {
        uri.to_file_path().map(|p| p.into_owned())
    }

    /// Marks the document's package as changed and schedules its check.
    fn changed(&self, path: Option<PathBuf>) {
        let Some(dir) = path.as_deref().and_then(diagnostics::package_dir) else {
            return;
        };
        self.changed_dir(dir);
    }

    /// Reads (`force`: re-reads) the git base of the document's package in the background.
    fn refresh_base(&self, path: Option<&std::path::Path>, force: bool) {
        if let Some(dir) = path.and_then(diagnostics::package_dir) {
            breaking::refresh(self.state.clone(), self.client.clone(), dir, force);
        }
    }

    /// Marks package `dir` as changed and schedules its check.
    fn changed_dir(&self, dir: PathBuf) {
        let generation = self.state.touch(&dir);
        tokio::spawn(diagnostics::schedule(
            self.state.clone(),
            self.client.clone(),
            dir,
            generation,
        ));
    }

    /// The package of the document at `uri` as requests see it ([`State::view`]: the open
    /// buffers as they are, no disk read), with the document's path.
    fn snapshot(&self, uri: &Uri) -> Result<Option<(state::Snapshot, PathBuf)>> {
        let Some(path) = Self::path_of(uri) else {
            return Ok(None);
        };
        let Some(dir) = diagnostics::package_dir(&path) else {
            return Ok(None);
        };
        let state = self.state.clone();
        let snap = guard("snapshot", || state.view(&dir))?;
        Ok(Some((snap, path)))
    }

    /// Runs `f` on the package and cursor of a text-document position request.
    fn at<T>(
        &self,
        what: &str,
        pos: &TextDocumentPositionParams,
        f: impl FnOnce(&navigation::At, Encoding) -> Option<T>,
    ) -> Result<Option<T>> {
        let Some((snap, path)) = self.snapshot(&pos.text_document.uri)? else {
            return Ok(None);
        };
        let enc = self.state.encoding();
        guard(what, || {
            let at = navigation::At::new(&snap.package, &path, pos.position, enc)?;
            f(&at, enc)
        })
    }

    /// `connector-ls.showValidatorOutput`: places the pasted text in the document's package and
    /// publishes it; answers with what was placed and what was not.
    async fn show_validator_output(
        &self,
        args: &[serde_json::Value],
    ) -> Result<Option<serde_json::Value>> {
        use tower_lsp_server::jsonrpc::Error;
        let (text, uri) = validator::arguments(args).ok_or_else(|| {
            Error::invalid_params("expected the validator output text (and the document URI)")
        })?;
        let dir = match uri {
            Some(u) => u
                .parse::<Uri>()
                .ok()
                .and_then(|u| Self::path_of(&u))
                .and_then(|p| diagnostics::package_dir(&p))
                .ok_or_else(|| Error::invalid_params(format!("not a file URI: {u}")))?,
            None => {
                let dirs = self.open_dirs();
                match (dirs.len(), dirs.into_iter().next()) {
                    (1, Some(d)) => d,
                    _ => {
                        return Err(Error::invalid_params(
                            "give the URI of a document of the connector the output is about",
                        ))
                    }
                }
            }
        };
        let Some(analysis) = diagnostics::current_analysis(self.state.clone(), dir.clone()).await
        else {
            return Err(Error::internal_error());
        };
        let enc = self.state.encoding();
        let base = self.state.settings().rules.docs_base_url;
        let (diags, summary) = guard("showValidatorOutput", || {
            validator::build(&analysis.package, &analysis.findings, &text, enc, &base)
        })?;
        let affected = self.state.validator.replace_package(&dir, diags);
        if self.state.pull_diagnostics.load(Ordering::SeqCst) {
            self.refresh_pulled().await;
        } else {
            for path in affected {
                let Some(uri) = convert::uri_of(&path) else {
                    continue;
                };
                let version = self.state.docs.get(&uri).map(|d| d.version);
                let shown = diagnostics::diagnostics_for(&self.state, &analysis, &path);
                self.client.publish_diagnostics(uri, shown, version).await;
            }
        }
        Ok(Some(summary))
    }

    /// A pulling client asks for diagnostics only when its documents change: after a change that
    /// is not an edit (settings, files on disk), tell it to pull again.
    async fn refresh_pulled(&self) {
        if self.state.pull_diagnostics.load(Ordering::SeqCst)
            && self.state.diagnostic_refresh.load(Ordering::SeqCst)
        {
            if let Err(e) = self.client.workspace_diagnostic_refresh().await {
                tracing::debug!(%e, "workspace/diagnostic/refresh failed");
            }
        }
    }

    /// The package folders of the open documents.
    fn open_dirs(&self) -> std::collections::BTreeSet<PathBuf> {
        self.state
            .docs
            .iter()
            .filter_map(|d| d.path.as_deref().and_then(diagnostics::package_dir))
            .collect()
    }

    fn recheck_all(&self) {
        let dirs = self.open_dirs();
        // Not `changed(dir.join("."))`: `Path::parent` drops a trailing `.`, which re-checked the
        // folder above the package instead of the package.
        for dir in dirs {
            self.changed_dir(dir);
        }
    }

    async fn pull_configuration(&self) {
        let item = ConfigurationItem {
            scope_uri: None,
            section: Some("connectorLs".to_string()),
        };
        match self.client.configuration(vec![item]).await {
            Ok(values) => {
                if let Some(v) = values.into_iter().next().filter(|v| !v.is_null()) {
                    self.apply_settings(&v);
                }
            }
            Err(e) => tracing::debug!(%e, "workspace/configuration not answered"),
        }
    }

    fn apply_settings(&self, value: &serde_json::Value) {
        let problems = self
            .state
            .settings
            .write()
            .expect("settings lock")
            .update(value);
        for p in &problems {
            tracing::warn!("{p}");
        }
        // Shown, not only logged: a setting that is ignored should not be ignored silently.
        if !problems.is_empty() {
            let client = self.client.clone();
            let message = format!("connector-ls settings: {}", problems.join("; "));
            tokio::spawn(async move {
                client.show_message(MessageType::WARNING, message).await;
            });
        }
    }
}

impl LanguageServer for Backend {
    #[tracing::instrument(skip_all)]
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        // The first check of a package would otherwise compile them while the user waits.
        tokio::task::spawn_blocking(connector_ls_core::schemas::warm_up);
        let enc = convert::negotiate_encoding(
            params
                .capabilities
                .general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        *self.state.encoding.write().expect("encoding lock") = enc;
        let pull = params
            .capabilities
            .text_document
            .as_ref()
            .and_then(|t| t.diagnostic.as_ref())
            .is_some();
        self.state.pull_diagnostics.store(pull, Ordering::SeqCst);
        let refresh = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.diagnostics.as_ref())
            .and_then(|d| d.refresh_support)
            .unwrap_or(false);
        self.state
            .diagnostic_refresh
            .store(refresh, Ordering::SeqCst);
        let watched = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        self.state.watched_files.store(watched, Ordering::SeqCst);
        if let Some(opts) = params.initialization_options.as_ref() {
            // Clients that share one table for initializationOptions and workspace/configuration
            // (Helix, Sublime LSP) send it wrapped in the section name.
            self.apply_settings(opts.get("connectorLs").unwrap_or(opts));
        }
        let mut roots: Vec<PathBuf> = params
            .workspace_folders
            .iter()
            .flatten()
            .filter_map(|f| Self::path_of(&f.uri))
            .collect();
        #[allow(deprecated)] // Older clients send only `rootUri`.
        if roots.is_empty() {
            roots.extend(params.root_uri.as_ref().and_then(Self::path_of));
        }
        *self.state.roots.write().expect("roots lock") = roots;
        self.state.initialized.store(true, Ordering::SeqCst);
        tracing::info!(?enc, pull, "initialized");
        Ok(InitializeResult {
            server_info: Some(ServerInfo {
                name: "connector-ls".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            capabilities: ServerCapabilities {
                position_encoding: Some(convert::encoding_kind(enc)),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                        ..TextDocumentSyncOptions::default()
                    },
                )),
                diagnostic_provider: pull.then(|| {
                    DiagnosticServerCapabilities::Options(DiagnosticOptions {
                        identifier: Some("connector-ls".to_string()),
                        inter_file_dependencies: true,
                        workspace_diagnostics: false,
                        work_done_progress_options: WorkDoneProgressOptions::default(),
                    })
                }),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            CodeActionKind::from(FIX_ALL_KIND),
                        ]),
                        resolve_provider: Some(false),
                        work_done_progress_options: WorkDoneProgressOptions::default(),
                    },
                )),
                completion_provider: Some(CompletionOptions {
                    trigger_characters: Some(vec!["\"".to_string(), ":".to_string()]),
                    ..CompletionOptions::default()
                }),
                execute_command_provider: Some(ExecuteCommandOptions {
                    commands: vec![
                        CHECK_WORKSPACE_COMMAND.to_string(),
                        SHOW_VALIDATOR_OUTPUT_COMMAND.to_string(),
                    ],
                    work_done_progress_options: WorkDoneProgressOptions::default(),
                }),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                definition_provider: Some(OneOf::Left(true)),
                references_provider: Some(OneOf::Left(true)),
                rename_provider: Some(OneOf::Right(RenameOptions {
                    prepare_provider: Some(true),
                    work_done_progress_options: WorkDoneProgressOptions::default(),
                })),
                document_symbol_provider: Some(OneOf::Left(true)),
                workspace_symbol_provider: Some(OneOf::Left(true)),
                folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
                ..ServerCapabilities::default()
            },
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        self.pull_configuration().await;
        let watchers = [
            "**/apiDefinition.swagger.json",
            "**/apiProperties.json",
            "**/settings.json",
            "**/script.csx",
            "**/icon.png",
            "**/*.md",
            "**/connector-ls.toml",
            "**/.connector-ls.toml",
            "**/*.zip",
        ]
        .into_iter()
        .map(|g| FileSystemWatcher {
            glob_pattern: GlobPattern::String(g.to_string()),
            kind: None,
        })
        .collect();
        let registration = Registration {
            id: "connector-ls-watch".to_string(),
            method: "workspace/didChangeWatchedFiles".to_string(),
            register_options: serde_json::to_value(DidChangeWatchedFilesRegistrationOptions {
                watchers,
            })
            .ok(),
        };
        if let Err(e) = self.client.register_capability(vec![registration]).await {
            tracing::debug!(%e, "client did not accept file watchers");
        }
    }

    async fn shutdown(&self) -> Result<()> {
        self.state.shutdown.store(true, Ordering::SeqCst);
        Ok(())
    }

    #[tracing::instrument(skip_all, fields(uri = %params.text_document.uri.as_str()))]
    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let path = Self::path_of(&doc.uri);
        // Large or small, the text usually comes from the input filter, not from the params.
        let text = self.texts.take(&doc.uri, doc.version).unwrap_or(doc.text);
        self.state.docs.insert(
            doc.uri,
            OpenDocument::opened(path.clone(), doc.version, text.into()),
        );
        let Some(dir) = path.as_deref().and_then(diagnostics::package_dir) else {
            return;
        };
        // The folder's submission zips, once per version of each.
        submission::refresh(self.state.clone(), self.client.clone(), dir.clone(), false);
        let generation = self.state.touch(&dir);
        let (state, client) = (self.state.clone(), self.client.clone());
        tokio::spawn(async move {
            diagnostics::schedule(state.clone(), client.clone(), dir.clone(), generation).await;
            config_file::after_open(state.clone(), client.clone());
            // The git base is read once the first check is done: reading it loads the package
            // and starts git, which competed with that check for the cores and, when it got
            // there first, loaded the package a second time.
            breaking::refresh(state, client, dir, false);
        });
        // After the package is marked changed (no await before that: a pull that arrives now
        // must see the new generation). Opened, a configuration file shows its problems as
        // diagnostics; without watchers, an open is when a changed file is noticed.
        if path
            .as_deref()
            .is_some_and(connector_ls_workspace::config::is_config_file)
            || !self.watches_files()
        {
            self.config_changed().await;
        }
    }

    #[tracing::instrument(skip_all, fields(uri = %params.text_document.uri.as_str(), version = params.text_document.version))]
    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let enc = self.state.encoding();
        let uri = params.text_document.uri;
        let path = {
            let Some(mut doc) = self.state.docs.get_mut(&uri) else {
                tracing::warn!("didChange for a document that is not open; ignored");
                return;
            };
            if params.text_document.version <= doc.version {
                tracing::warn!(
                    old = doc.version,
                    "document version did not increase; applying anyway"
                );
            }
            let version = params.text_document.version;
            let changes = params.content_changes;
            // Pasted validator output stays until its line is edited.
            if let Some(path) = &doc.path {
                self.state.validator.edited(path, &changes);
            }
            if guard("didChange", || doc.apply(version, changes, enc)).is_err() {
                return;
            }
            doc.path.clone()
        };
        self.changed(path);
    }

    /// A save is when the git base may have moved (a commit usually follows one): re-read it.
    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        let path = Self::path_of(&params.text_document.uri);
        if path
            .as_deref()
            .is_some_and(connector_ls_workspace::config::is_config_file)
            || !self.watches_files()
        {
            self.config_changed().await;
        }
        self.refresh_base(path.as_deref(), true);
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let Some((_, doc)) = self.state.docs.remove(&uri) else {
            return;
        };
        diagnostics::clear(&self.client, uri).await;
        // The file on disk (not the closed buffer) is now what the package holds.
        self.changed(doc.path);
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let mut dirs = std::collections::BTreeSet::new();
        let configs_changed = params.changes.iter().any(|c| {
            Self::path_of(&c.uri)
                .is_some_and(|p| connector_ls_workspace::config::is_config_file(&p))
        });
        for change in params.changes {
            let path = Self::path_of(&change.uri);
            // A file changed on disk (not through an open buffer): pasted validator output no
            // longer knows where its lines are.
            if !self.state.docs.contains_key(&change.uri) {
                if let Some(p) = &path {
                    self.state.validator.forget(p);
                }
            }
            if let Some(p) = &path {
                submission::changed(self.state.clone(), self.client.clone(), p);
            }
            dirs.extend(path.as_deref().and_then(diagnostics::package_dir));
            self.changed(path);
        }
        for dir in dirs {
            breaking::refresh(self.state.clone(), self.client.clone(), dir, true);
        }
        if configs_changed {
            self.config_changed().await;
        }
        self.refresh_pulled().await;
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let settings = params
            .settings
            .get("connectorLs")
            .cloned()
            .unwrap_or(params.settings);
        if settings.is_object() && !settings.as_object().is_some_and(|o| o.is_empty()) {
            self.apply_settings(&settings);
        } else {
            self.pull_configuration().await;
        }
        // `breakingChanges`/`baseRef` may have changed: read every open package's base again.
        self.state.breaking.clear();
        for dir in self.open_dirs() {
            breaking::refresh(self.state.clone(), self.client.clone(), dir, true);
        }
        self.recheck_all();
        self.refresh_pulled().await;
    }

    #[tracing::instrument(skip_all)]
    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let uri = params.text_document.uri;
        let path = Self::path_of(&uri);
        let analysis = match path.as_deref().and_then(diagnostics::package_dir) {
            Some(dir) if self.state.docs.contains_key(&uri) => {
                diagnostics::current_analysis(self.state.clone(), dir).await
            }
            _ => None,
        };
        // The result id is the generation of the analysis: generations are unique across
        // folders and bumped by every change of a package's files and of the settings.
        // Pasted validator output changes what is shown without a new generation: its epoch is
        // part of the id.
        let epoch = self.state.validator.epoch();
        let result_id = analysis
            .as_ref()
            .map(|a| format!("{}.{epoch}", a.generation));
        if let Some(id) = &result_id {
            if params.previous_result_id.as_ref() == Some(id) {
                return Ok(DocumentDiagnosticReportResult::Report(
                    DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                        related_documents: None,
                        unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                            result_id: id.clone(),
                        },
                    }),
                ));
            }
        }
        let items = analysis
            .map(|a| {
                guard("diagnostic", || {
                    diagnostics::diagnostics_for(
                        &self.state,
                        &a,
                        path.as_deref().unwrap_or_else(|| std::path::Path::new("")),
                    )
                })
            })
            .transpose()?
            .unwrap_or_default();
        Ok(DocumentDiagnosticReportResult::Report(
            DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport { result_id, items },
            }),
        ))
    }

    #[tracing::instrument(skip_all)]
    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri;
        let Some(path) = Self::path_of(&uri) else {
            return Ok(None);
        };
        let Some(dir) = diagnostics::package_dir(&path) else {
            return Ok(None);
        };
        let Some(analysis) = diagnostics::current_analysis(self.state.clone(), dir).await else {
            return Ok(None);
        };
        let enc = self.state.encoding();
        let base = self.state.settings().rules.docs_base_url;
        let actions = guard("codeAction", || {
            code_action::actions(
                &analysis,
                &path,
                params.range,
                params.context.only.as_deref(),
                enc,
                &base,
            )
        })?;
        Ok(Some(actions))
    }

    #[tracing::instrument(skip_all)]
    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let pos = &params.text_document_position;
        self.at("completion", pos, |at, enc| {
            let doc = at.package.document(at.file)?;
            let items = completion::complete(at.package, doc, at.offset, enc);
            Some(CompletionResponse::List(CompletionList {
                is_incomplete: false,
                items,
            }))
        })
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let pos = &params.text_document_position_params;
        self.at("hover", pos, |at, enc| {
            let md = hover::hover_markdown(at.package, at.file, at.offset)?;
            Some(Hover {
                contents: HoverContents::Markup(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value: md,
                }),
                range: navigation::symbol_range(at, enc),
            })
        })
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let pos = &params.text_document_position_params;
        self.at("definition", pos, |at, enc| {
            navigation::definition(at, enc).map(GotoDefinitionResponse::Scalar)
        })
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let include = params.context.include_declaration;
        self.at("references", &params.text_document_position, |at, enc| {
            Some(navigation::references(at, include, enc))
        })
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        self.at("prepareRename", &params, navigation::prepare_rename)
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let new_name = params.new_name.clone();
        let outcome = self.at("rename", &params.text_document_position, |at, enc| {
            Some(navigation::rename(at, &new_name, enc))
        })?;
        match outcome {
            Some(Ok(edit)) => Ok(edit),
            Some(Err(why)) => Err(tower_lsp_server::jsonrpc::Error::invalid_params(why)),
            None => Ok(None),
        }
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let Some((snap, path)) = self.snapshot(&params.text_document.uri)? else {
            return Ok(None);
        };
        let enc = self.state.encoding();
        guard("documentSymbol", || {
            let doc = snap.package.documents().find(|d| d.path == path)?;
            Some(DocumentSymbolResponse::Nested(symbols::document_symbols(
                doc, enc,
            )))
        })
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        let Some((snap, path)) = self.snapshot(&params.text_document.uri)? else {
            return Ok(None);
        };
        guard("foldingRange", || {
            let doc = snap.package.documents().find(|d| d.path == path)?;
            Some(symbols::folding_ranges(doc))
        })
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        let dirs: std::collections::BTreeSet<PathBuf> = self
            .state
            .docs
            .iter()
            .filter_map(|d| d.path.as_deref().and_then(diagnostics::package_dir))
            .collect();
        let enc = self.state.encoding();
        let mut out = Vec::new();
        for dir in dirs {
            let state = self.state.clone();
            let snap = guard("workspaceSymbol", || state.view(&dir))?;
            if let Some(doc) = snap.package.swagger.as_ref() {
                out.extend(symbols::workspace_operations(doc, &params.query, enc));
            }
        }
        Ok(Some(WorkspaceSymbolResponse::Flat(out)))
    }

    #[tracing::instrument(skip_all)]
    async fn execute_command(
        &self,
        params: ExecuteCommandParams,
    ) -> Result<Option<serde_json::Value>> {
        if params.command == SHOW_VALIDATOR_OUTPUT_COMMAND {
            return self.show_validator_output(&params.arguments).await;
        }
        if params.command != CHECK_WORKSPACE_COMMAND {
            return Err(tower_lsp_server::jsonrpc::Error::invalid_params(format!(
                "unknown command '{}'",
                params.command
            )));
        }
        let mut roots: Vec<PathBuf> = params
            .arguments
            .iter()
            .filter_map(|a| a.as_str())
            .filter_map(|s| s.parse::<Uri>().ok())
            .filter_map(|u| Self::path_of(&u))
            .collect();
        if roots.is_empty() {
            roots = self.state.roots.read().expect("roots lock").clone();
        }
        // Each root is searched on its own, and an entry that cannot be read (a folder without
        // permission, one nested beyond the path limit) is named in the answer: the rest of the
        // workspace is checked all the same.
        let (dirs, unreadable) = tokio::task::spawn_blocking(move || {
            let mut dirs = Vec::new();
            let mut unreadable = Vec::new();
            for root in &roots {
                match connector_ls_workspace::search::search_packages(std::slice::from_ref(root)) {
                    Ok(found) => {
                        dirs.extend(found.packages);
                        unreadable.extend(found.unreadable);
                    }
                    Err(e) => unreadable.push(e),
                }
            }
            (dirs, unreadable)
        })
        .await
        .map_err(|_| tower_lsp_server::jsonrpc::Error::internal_error())?;
        for e in &unreadable {
            tracing::warn!(path = %e.path.display(), error = %e.message, "not searched");
        }
        if let Some(first) = unreadable.first() {
            let more = match unreadable.len() {
                1 => String::new(),
                n => format!(" (and {} more)", n - 1),
            };
            self.client
                .show_message(
                    MessageType::WARNING,
                    format!(
                        "connector-ls: {} could not be searched: {}{more}; the rest of the workspace was checked.",
                        connector_ls_core::text::escape::escape(&first.path.display().to_string()),
                        connector_ls_core::text::escape::escape(&first.message)
                    ),
                )
                .await;
        }
        let (mut errors, mut warnings, mut files) = (0usize, 0usize, 0usize);
        for (dir, _) in &dirs {
            submission::refresh(self.state.clone(), self.client.clone(), dir.clone(), false);
            let Some(analysis) = diagnostics::analyze(self.state.clone(), dir.clone()).await else {
                continue;
            };
            for doc in analysis.package.documents() {
                let Some(uri) = convert::uri_of(&doc.path) else {
                    continue;
                };
                let diags = diagnostics::diagnostics_for(&self.state, &analysis, &doc.path);
                errors += diags
                    .iter()
                    .filter(|d| d.severity == Some(DiagnosticSeverity::ERROR))
                    .count();
                warnings += diags
                    .iter()
                    .filter(|d| d.severity == Some(DiagnosticSeverity::WARNING))
                    .count();
                files += 1;
                let version = analysis.versions.get(&doc.path).copied();
                self.client.publish_diagnostics(uri, diags, version).await;
            }
        }
        Ok(Some(serde_json::json!({
            "packages": dirs.len(),
            "files": files,
            "errors": errors,
            "warnings": warnings,
            "unreadable": unreadable
                .iter()
                .map(|e| serde_json::json!({"path": e.path.display().to_string(), "message": e.message}))
                .collect::<Vec<_>>(),
        })))
    }
}

#[cfg(test)]
mod tests {
    use super::guard;
    use tower_lsp_server::jsonrpc::ErrorCode;

    #[test]
    fn a_panicking_handler_answers_internal_error_with_the_message() {
        let answer: Result<(), _> = guard("hover", || panic!("index 7 out of range"));
        let error = answer.expect_err("a panic is an error answer");
        assert_eq!(error.code, ErrorCode::InternalError);
        assert_eq!(
            error.message,
            "connector-ls: hover failed: index 7 out of range"
        );
        let formatted: Result<(), _> = guard("completion", || panic!("{} items", 3));
        assert!(formatted
            .unwrap_err()
            .message
            .ends_with("completion failed: 3 items"));
        assert_eq!(guard("hover", || 5).ok(), Some(5));
    }
}
