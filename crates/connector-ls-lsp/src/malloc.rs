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
//! The server also uses one arena (`MALLOC_ARENA_MAX=1`): checks run on whichever blocking
//! thread and rule threads are free, and with an arena per thread each one's heap grew to its
//! own high-water mark in turn (10,000 edits: 1.19-1.24x the level after 100, 31-32 MB; with one
//! arena 1.10-1.11x, 26 MB, and no slower: the threads rarely allocate at the same moment).
//! Large buffers that would be fresh pages on every keystroke are recycled instead
//! ([`connector_ls_core::recycle`]).
//!
//! The crate forbids `unsafe`, so `mallopt` is out of reach; glibc reads the same settings from
//! the environment when the process starts, so the server re-executes itself once with them
//! set. A setting the user made (either variable, or any `GLIBC_TUNABLES`) is left alone, and
//! so is a failed re-exec: the server then simply runs with the allocator as it is.
//!
//! **Against the alternatives** (issue 16, re-measured 2026-12-03 on the 2-core machine, with
//! `benches/edit_memory.py`: 10,000 edits of Encodian, a pull every 100, the three variants
//! alternating in the same run, medians of 3 rounds; and `lsp_latency.py`, 40 keystrokes, two
//! rounds each). Plain glibc is this binary with `GLIBC_TUNABLES` set (no re-exec); mimalloc
//! 0.1.52 was tried as the binary's `#[global_allocator]`:
//!
//! | allocator | RSS after 100 edits | after 10,000 | ratio | keystroke p50 / p95 |
//! |---|---|---|---|---|
//! | glibc, re-exec with these settings | 25.7 MB | 26.2-30.4 MB | 1.01-1.19 | 4.9-5.9 / 9.8-11.4 ms |
//! | plain glibc | 28.7-31.5 MB | 38.7-44.3 MB | 1.35-1.41 | 8.6-9.8 / 17.4-17.7 ms |
//! | mimalloc | 78-82 MB | 105-118 MB | 1.28-1.38 | 8.2-11.3 / 13.7-39.6 ms |
//!
//! mimalloc keeps a heap per thread, and a check runs on whichever blocking and rule threads
//! are free: three to four times the memory, for no gain in latency (with
//! `MIMALLOC_PURGE_DELAY=0`, again an environment setting, still 67-78 MB). The numbers are not
//! equal, so the re-exec stays: it is the one of the three that meets the 40 MB bound.

/// The variables glibc reads: 128 KiB is its default mmap threshold, kept fixed; one arena.
const SETTINGS: [(&str, &str); 2] = [
    ("MALLOC_MMAP_THRESHOLD_", "131072"),
    ("MALLOC_ARENA_MAX", "1"),
];

/// Re-executes the current process with the allocator setting, unless it is already set (or
/// the platform has no glibc). Returns only when the process was not replaced.
pub fn tune_and_reexec() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        use std::os::unix::process::CommandExt;
        let user_set = SETTINGS
            .iter()
            .any(|(var, _)| std::env::var_os(var).is_some());
        if user_set || std::env::var_os("GLIBC_TUNABLES").is_some() {
            return;
        }
        let Ok(exe) = std::env::current_exe() else {
            return;
        };
        let err = std::process::Command::new(exe)
            .args(std::env::args_os().skip(1))
            .envs(SETTINGS)
            .exec();
        tracing::debug!(%err, "could not re-execute with the allocator settings; running as is");
    }
}
