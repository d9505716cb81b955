//! `workspace/symbol`: the operations of the open packages.

use crate::*;

pub(crate) async fn handle(
    backend: &Backend,
    params: WorkspaceSymbolParams,
) -> Result<Option<WorkspaceSymbolResponse>> {
    let dirs: std::collections::BTreeSet<PathBuf> = backend
        .state
        .docs
        .iter()
        .filter_map(|d| d.path.as_deref().and_then(diagnostics::package_dir))
        .collect();
    let enc = backend.state.encoding();
    let mut out = Vec::new();
    for dir in dirs {
        let state = backend.state.clone();
        let snap = guard("workspaceSymbol", || state.view(&dir))?;
        if let Some(doc) = snap.package.swagger.as_ref() {
            out.extend(symbols::workspace_operations(doc, &params.query, enc));
        }
    }
    Ok(Some(WorkspaceSymbolResponse::Flat(out)))
}
