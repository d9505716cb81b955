//! `initialized`: registrations and the first configuration pull.

use crate::*;

pub(crate) async fn handle(backend: &Backend, _params: InitializedParams) {
    backend.pull_configuration().await;
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
