//! `textDocument/codeAction`: the fixes of the findings under the range, and fix-all.

use crate::*;

pub(crate) async fn handle(
    backend: &Backend,
    params: CodeActionParams,
) -> Result<Option<CodeActionResponse>> {
    let uri = params.text_document.uri;
    let Some(path) = convert::file_path(&uri) else {
        return Ok(None);
    };
    let Some(dir) = diagnostics::package_dir(&path) else {
        return Ok(None);
    };
    let Some(analysis) = diagnostics::current_analysis(backend.state.clone(), dir).await else {
        return Ok(None);
    };
    let enc = backend.state.encoding();
    let base = backend.state.settings().rules.docs_base_url;
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
