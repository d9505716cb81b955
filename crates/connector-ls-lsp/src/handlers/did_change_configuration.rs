//! `workspace/didChangeConfiguration`: new settings, every open package checked again.

use crate::*;

pub(crate) async fn handle(backend: &Backend, params: DidChangeConfigurationParams) {
    let settings = params
        .settings
        .get("connectorLs")
        .cloned()
        .unwrap_or(params.settings);
    if settings.is_object() && !settings.as_object().is_some_and(|o| o.is_empty()) {
        backend.apply_settings(&settings);
    } else {
        backend.pull_configuration().await;
    }
    // `breakingChanges`/`baseRef` may have changed: read every open package's base again.
    backend.state.breaking.clear();
    for dir in backend.open_dirs() {
        breaking::refresh(backend.state.clone(), backend.client.clone(), dir, true);
    }
    backend.recheck_all();
    backend.refresh_pulled().await;
}
