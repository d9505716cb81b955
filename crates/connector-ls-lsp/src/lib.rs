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
mod handlers;
use connector_ls_core::ide::hover;
mod malloc;
mod memory;
mod navigation;
mod preview;
mod replies;
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
pub use self::config::defaults as settings_defaults;
pub use self::preview::PREVIEW_COMMAND;
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
        let (answers, output) = tokio::io::duplex(1 << 20);
        let st = state.clone();
        let writer =
            tokio::spawn(
                async move { replies::filter(output, tokio::io::stdout(), &st.reports).await },
            );
        let serve = Server::new(filtered, answers, socket).serve(service);
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
        // The transport's end of the output is dropped with it: what it wrote is passed on.
        let _ = tokio::time::timeout(std::time::Duration::from_millis(500), writer).await;
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
        let Some(path) = convert::file_path(uri) else {
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
        let t0 = std::time::Instant::now();
        let Some((snap, path)) = self.snapshot(&pos.text_document.uri)? else {
            return Ok(None);
        };
        let t1 = t0.elapsed();
        let enc = self.state.encoding();
        let r = guard(what, || {
            let at = navigation::At::new(&snap.package, &path, pos.position, enc)?;
            f(&at, enc)
        });
        tracing::debug!(
            request = what,
            view_ms = t1.as_secs_f64() * 1e3,
            total_ms = t0.elapsed().as_secs_f64() * 1e3,
            "answered"
        );
        r
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
                .and_then(|u| convert::file_path(&u))
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
        // Open documents of a pulling client pull them again; every other file is pushed.
        for path in affected {
            let Some(uri) = convert::uri_of(&path) else {
                continue;
            };
            let version = self.state.docs.get(&uri).map(|d| d.version);
            let shown = diagnostics::diagnostics_for(&self.state, &analysis, &path);
            diagnostics::push(&self.state, &self.client, uri, shown, version, None).await;
        }
        self.refresh_pulled().await;
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
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        handlers::initialize::handle(self, params).await
    }

    async fn initialized(&self, params: InitializedParams) {
        handlers::initialized::handle(self, params).await
    }

    async fn shutdown(&self) -> Result<()> {
        handlers::shutdown::handle(self).await
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        handlers::did_open::handle(self, params).await
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        handlers::did_change::handle(self, params).await
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        handlers::did_save::handle(self, params).await
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        handlers::did_close::handle(self, params).await
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        handlers::did_change_watched_files::handle(self, params).await
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        handlers::did_change_configuration::handle(self, params).await
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        handlers::diagnostic::handle(self, params).await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        handlers::code_action::handle(self, params).await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        handlers::completion::handle(self, params).await
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        handlers::hover::handle(self, params).await
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        handlers::goto_definition::handle(self, params).await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        handlers::references::handle(self, params).await
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        handlers::prepare_rename::handle(self, params).await
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        handlers::rename::handle(self, params).await
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        handlers::document_symbol::handle(self, params).await
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        handlers::folding_range::handle(self, params).await
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        handlers::symbol::handle(self, params).await
    }

    async fn execute_command(
        &self,
        params: ExecuteCommandParams,
    ) -> Result<Option<serde_json::Value>> {
        handlers::execute_command::handle(self, params).await
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
