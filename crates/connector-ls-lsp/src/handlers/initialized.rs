//! `initialized`: registrations and the first configuration pull.

use crate::*;

pub(crate) async fn handle(backend: &Backend, _params: InitializedParams) {
    backend.pull_configuration().await;
    // Only a client that says it accepts the registration gets it (Neovim 0.7 logs an error
    // otherwise); without watchers, opens and saves read the package again (`did_open`,
    // `did_save`).
    if !backend.watches_files() {
        tracing::info!(
            "the client registers no file watchers; files are read again on open and save"
        );
        return;
    }
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
    if let Err(e) = backend.client.register_capability(vec![registration]).await {
        tracing::debug!(%e, "client did not accept file watchers");
    }
}
