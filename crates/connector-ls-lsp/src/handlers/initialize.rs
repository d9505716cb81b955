//! `initialize`: the capabilities, the client's encoding and settings.

use crate::*;

pub(crate) async fn handle(
    backend: &Backend,
    params: InitializeParams,
) -> Result<InitializeResult> {
    // The first check of a package would otherwise build the rules' regular expressions and
    // schemas while the user waits.
    tokio::task::spawn_blocking(connector_ls_core::rules::warm_up);
    let enc = convert::negotiate_encoding(
        params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_deref()),
    );
    *backend.state.encoding.write().expect("encoding lock") = enc;
    let pull = params
        .capabilities
        .text_document
        .as_ref()
        .and_then(|t| t.diagnostic.as_ref())
        .is_some();
    backend.state.pull_diagnostics.store(pull, Ordering::SeqCst);
    let refresh = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.diagnostics.as_ref())
        .and_then(|d| d.refresh_support)
        .unwrap_or(false);
    backend
        .state
        .diagnostic_refresh
        .store(refresh, Ordering::SeqCst);
    let watched = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        .unwrap_or(false);
    backend.state.watched_files.store(watched, Ordering::SeqCst);
    if let Some(opts) = params.initialization_options.as_ref() {
        // Clients that share one table for initializationOptions and workspace/configuration
        // (Helix, Sublime LSP) send it wrapped in the section name.
        backend.apply_settings(opts.get("connectorLs").unwrap_or(opts));
    }
    let mut roots: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| convert::file_path(&f.uri))
        .collect();
    #[allow(deprecated)] // Older clients send only `rootUri`.
    if roots.is_empty() {
        roots.extend(params.root_uri.as_ref().and_then(convert::file_path));
    }
    *backend.state.roots.write().expect("roots lock") = roots;
    backend.state.initialized.store(true, Ordering::SeqCst);
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
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![
                    CodeActionKind::QUICKFIX,
                    CodeActionKind::from(FIX_ALL_KIND),
                ]),
                resolve_provider: Some(false),
                work_done_progress_options: WorkDoneProgressOptions::default(),
            })),
            completion_provider: Some(CompletionOptions {
                trigger_characters: Some(vec!["\"".to_string(), ":".to_string()]),
                ..CompletionOptions::default()
            }),
            execute_command_provider: Some(ExecuteCommandOptions {
                commands: vec![
                    CHECK_WORKSPACE_COMMAND.to_string(),
                    SHOW_VALIDATOR_OUTPUT_COMMAND.to_string(),
                    PREVIEW_COMMAND.to_string(),
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
