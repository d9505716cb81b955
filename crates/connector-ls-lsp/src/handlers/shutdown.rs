//! `shutdown`.

use crate::*;

pub(crate) async fn handle(backend: &Backend) -> Result<()> {
    backend.state.shutdown.store(true, Ordering::SeqCst);
    Ok(())
}
