//! The disk and git, for both edges: the one way package files are resolved and read
//! ([`files`]), the search for connector folders below a path ([`search`]), the engine's
//! [`FileSource`](connector_ls_core::package::FileSource) over the disk with open buffers over it
//! ([`source`]), and git ([`git`]).

pub mod files;
pub mod git;
pub mod search;
pub mod source;
