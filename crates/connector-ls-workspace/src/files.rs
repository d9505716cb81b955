//! Reading and writing the files of a package folder without leaving it.
//!
//! A connector repository is untrusted: a package file may be a symbolic link to anywhere, a
//! FIFO that blocks whoever opens it, a device or a `/proc` file whose size on disk says nothing
//! about how much it yields. Every read of a package file goes through [`resolve`] and
//! [`read_bounded`], every write of `--fix` through [`write_atomically`]:
//! - a symbolic link is followed only when its target is inside the package folder;
//! - only regular files are opened (checked before opening, and again on the open file);
//! - a read stops at the limit by the bytes actually read, whatever the file system reports;
//! - a write goes to a new temporary file with a random name (`create_new`, which never follows
//!   a link), gets the original's permission bits, and replaces the real file by a rename, so a
//!   symbolic link inside the package stays a link.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// Why a package file was not read or written: a sentence for a finding or an error message.
pub type Refusal = String;

/// The real location of `path`, a file of package folder `dir`: `path` itself, or, for a
/// symbolic link, its target, which must be inside `dir` (or below it). Refused when the link
/// leads outside or nowhere, or the file is not a regular file (a folder, FIFO, socket or
/// device).
pub fn resolve(dir: &Path, path: &Path) -> Result<PathBuf, Refusal> {
    let link = fs::symlink_metadata(path).map_err(|e| e.to_string())?;
    let real = if link.file_type().is_symlink() {
        let target = fs::canonicalize(path)
            .map_err(|_| "the file is a symbolic link that leads nowhere; it was not read")?;
        let inside = fs::canonicalize(dir).is_ok_and(|d| target.starts_with(d));
        if !inside {
            return Err(
                "the file is a symbolic link to outside the package folder; it was not read".into(),
            );
        }
        target
    } else {
        path.to_path_buf()
    };
    let meta = fs::metadata(&real).map_err(|e| e.to_string())?;
    if !meta.file_type().is_file() {
        return Err(format!(
            "the file is {}, not a regular file; it was not read",
            kind_of(&meta)
        ));
    }
    Ok(real)
}

/// What a non-regular file is, for messages.
fn kind_of(meta: &fs::Metadata) -> &'static str {
    let ft = meta.file_type();
    if ft.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if ft.is_socket() {
            return "a socket";
        }
        if ft.is_block_device() || ft.is_char_device() {
            return "a device";
        }
    }
    "a special file"
}

/// `O_NONBLOCK`, so that a file swapped for a FIFO between the check and the open cannot block
/// the open. Plain reads of regular files ignore it.
#[cfg(all(
    target_os = "linux",
    any(
        target_arch = "x86_64",
        target_arch = "x86",
        target_arch = "aarch64",
        target_arch = "arm",
        target_arch = "riscv64",
        target_arch = "powerpc64",
        target_arch = "s390x"
    )
))]
const O_NONBLOCK: i32 = 0o4000;
#[cfg(any(
    target_os = "macos",
    target_os = "ios",
    target_os = "freebsd",
    target_os = "openbsd",
    target_os = "netbsd"
))]
const O_NONBLOCK: i32 = 0x0004;

fn open_for_reading(path: &Path) -> io::Result<File> {
    let mut opts = OpenOptions::new();
    opts.read(true);
    #[cfg(any(
        all(
            target_os = "linux",
            any(
                target_arch = "x86_64",
                target_arch = "x86",
                target_arch = "aarch64",
                target_arch = "arm",
                target_arch = "riscv64",
                target_arch = "powerpc64",
                target_arch = "s390x"
            )
        ),
        target_os = "macos",
        target_os = "ios",
        target_os = "freebsd",
        target_os = "openbsd",
        target_os = "netbsd"
    ))]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(O_NONBLOCK);
    }
    opts.open(path)
}

pub use connector_ls_core::package::source::human_size;

fn over_limit(size: Option<u64>, limit: u64) -> Refusal {
    match size {
        Some(size) => format!(
            "the file is {}, over the {} limit; it was not read",
            human_size(size),
            human_size(limit)
        ),
        None => format!(
            "the file is over the {} limit; it was not read",
            human_size(limit)
        ),
    }
}

/// The bytes of `path`, a file of package folder `dir`, resolved with [`resolve`]; refused when
/// it holds more than `limit` bytes. The limit is applied to the bytes read (at most `limit + 1`
/// are), not to the size the file system reports, which is 0 for `/proc` files.
pub fn read_bounded(dir: &Path, path: &Path, limit: u64) -> Result<Vec<u8>, Refusal> {
    let real = resolve(dir, path)?;
    let before = fs::metadata(&real).map_err(|e| e.to_string())?;
    if before.len() > limit {
        return Err(over_limit(Some(before.len()), limit));
    }
    let file = open_for_reading(&real).map_err(|e| e.to_string())?;
    // The file opened must still be the regular file checked above.
    let opened = file.metadata().map_err(|e| e.to_string())?;
    if !opened.file_type().is_file() || !same_file(&before, &opened) {
        return Err("the file changed while it was opened; it was not read".into());
    }
    let mut bytes = Vec::with_capacity(opened.len().min(limit) as usize);
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > limit {
        return Err(over_limit(None, limit));
    }
    Ok(bytes)
}

#[cfg(unix)]
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_: &fs::Metadata, _: &fs::Metadata) -> bool {
    true
}

/// A name no one can plant in advance: a hash of the process id, the time, a counter and the
/// standard library's per-process random hash keys.
fn random_suffix() -> String {
    use std::collections::hash_map::RandomState;
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut h = RandomState::new().build_hasher();
    h.write_u32(std::process::id());
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    if let Ok(t) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        h.write_u128(t.as_nanos());
    }
    format!("{:016x}", h.finish())
}

fn refused(message: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::PermissionDenied, message.into())
}

/// Replaces the content of `path`, a file of package folder `dir`, with `text`, so that a
/// failure never leaves it half written and nothing else is touched:
/// - a symbolic link is written through to its target, which must be inside the package (the
///   link stays a link); one leading outside is refused;
/// - a read-only file (no owner write permission) is refused, as an editor would;
/// - the new text goes to a new file with a random name beside the real file, created with
///   `create_new` (which fails on anything already there, a planted link included), given the
///   original's permission bits, then renamed over the real file.
pub fn write_atomically(dir: &Path, path: &Path, text: &str) -> io::Result<()> {
    let real =
        resolve(dir, path).map_err(|e| refused(e.replace("was not read", "was not written")))?;
    let meta = fs::metadata(&real)?;
    let permissions = meta.permissions();
    if permissions.readonly() {
        return Err(refused("the file is read-only; it was not written"));
    }
    replace_through_new_file(&real, text, "fix", Some(permissions))
}

/// Puts `text` at `path` without writing through what is there: the text goes to a new file
/// with a random name beside it (`.NAME.RANDOM.connector-ls-TAG`, created with `create_new`,
/// which fails on anything already in its place, a planted link included), synced, then
/// renamed over `path`, so a failure never leaves `path` half written and a symbolic link at
/// `path` is replaced, never followed. With `permissions`, the new file is private until it
/// gets them; without, it has a new file's default mode.
pub fn replace_through_new_file(
    path: &Path,
    text: &str,
    tag: &str,
    permissions: Option<fs::Permissions>,
) -> io::Result<()> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut attempt = 0;
    let (tmp, mut file) = loop {
        let tmp = folder.join(format!(".{name}.{}.connector-ls-{tag}", random_suffix()));
        let mut opts = OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        if permissions.is_some() {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        match opts.open(&tmp) {
            Ok(f) => break (tmp, f),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 8 => attempt += 1,
            Err(e) => return Err(e),
        }
    };
    let written = file
        .write_all(text.as_bytes())
        .and_then(|()| match permissions {
            Some(p) => file.set_permissions(p),
            None => Ok(()),
        })
        .and_then(|()| file.sync_all());
    drop(file);
    written
        .and_then(|()| fs::rename(&tmp, path))
        .inspect_err(|_| {
            let _ = fs::remove_file(&tmp);
        })
}
