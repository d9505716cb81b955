//! Allocator tuning for the long-running server process (Linux with glibc only).
//!
//! Every check of a package allocates large short-lived buffers (the document text, its tree,
//! the rules' indexes: megabytes for a large swagger). glibc serves blocks of 128 KiB and more
//! with `mmap` and returns them on `free`, but the first time such a block is freed it raises
//! its mmap threshold to that block's size (up to 32 MiB): from then on the large buffers come
//! from the arenas' heaps, where they fragment and stay resident. On the 10,000-edit measurement
//! (`tests/tests/resources.rs`) resident memory grew to 1.4-1.5x its level after 100 edits and
//! stayed there; with the threshold fixed it stays within 1.2x.
//!
//! The crate forbids `unsafe`, so `mallopt` is out of reach; glibc reads the same setting from
//! the environment when the process starts, so the server re-executes itself once with
//! `MALLOC_MMAP_THRESHOLD_` set (fixing the threshold at glibc's default). A setting the user
//! made (that variable, or any `GLIBC_TUNABLES`) is left alone, and so is a failed re-exec: the
//! server then simply runs with the allocator as it is.

/// The variable glibc reads; 128 KiB is its default threshold, kept fixed.
const VAR: &str = "MALLOC_MMAP_THRESHOLD_";
const VALUE: &str = "131072";

/// Re-executes the current process with the allocator setting, unless it is already set (or
/// the platform has no glibc). Returns only when the process was not replaced.
pub fn tune_and_reexec() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        use std::os::unix::process::CommandExt;
        if std::env::var_os(VAR).is_some() || std::env::var_os("GLIBC_TUNABLES").is_some() {
            return;
        }
        let Ok(exe) = std::env::current_exe() else {
            return;
        };
        let err = std::process::Command::new(exe)
            .args(std::env::args_os().skip(1))
            .env(VAR, VALUE)
            .exec();
        tracing::debug!(%err, "could not re-execute with {VAR} set; running as is");
    }
}
