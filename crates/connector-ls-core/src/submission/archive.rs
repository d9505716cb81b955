//! Reading a zip archive held in memory, safely: nothing is extracted to disk, every entry
//! name is checked before it is used, and every read is bounded ([`Limits`]), so a hostile
//! archive (a zip bomb, traversal names, a truncated or encrypted file) costs a finding, never
//! an out-of-memory or a file written elsewhere.

use std::io::{Cursor, Read};

use zip::result::ZipError;
use zip::ZipArchive;

use super::{codes, shown, ZipFinding};
use crate::rules::Severity;

/// The bounds of one check of a submission package (all levels of nesting together).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The zip file on disk is not read past this size.
    pub max_file_size: u64,
    /// Entries of one archive.
    pub max_entries: usize,
    /// Archives inside archives: the outer zip is depth 1, the package zip 2, a solution zip 3.
    pub max_depth: usize,
    /// The uncompressed bytes of every entry read, all archives together; and, separately,
    /// the sizes the entries of one archive declare.
    pub max_total: u64,
    /// The uncompressed size of one entry that is read.
    pub max_entry: u64,
    /// Entries larger than [`Limits::ratio_from`] that expand more than this many times are
    /// not read (a deflated entry of a real package rarely passes 20).
    pub max_ratio: u64,
    pub ratio_from: u64,
}

impl Default for Limits {
    fn default() -> Self {
        const MB: u64 = 1024 * 1024;
        Self {
            max_file_size: 512 * MB,
            max_entries: 20_000,
            max_depth: 3,
            max_total: 2048 * MB,
            max_entry: 256 * MB,
            max_ratio: 200,
            ratio_from: MB,
        }
    }
}

/// What has been read so far in one check, against [`Limits::max_total`].
#[derive(Debug, Default)]
pub struct Budget {
    pub read: u64,
    exhausted: bool,
}

/// One entry of an archive, as its central directory lists it.
#[derive(Clone, Debug)]
pub struct Entry {
    /// The name with `\` read as `/`.
    pub name: String,
    pub is_dir: bool,
    pub size: u64,
    pub compressed: u64,
    pub encrypted: bool,
    /// A traversal, absolute or drive-letter name: reported, and never used.
    pub unsafe_name: bool,
    index: usize,
}

/// An archive opened from bytes in memory.
pub struct Archive {
    zip: ZipArchive<Cursor<Vec<u8>>>,
    pub entries: Vec<Entry>,
    /// Where the archive is, for findings: `package.zip` or `package.zip!inner.zip`.
    pub location: String,
    pub depth: usize,
}

/// The `location!entry` path of an entry, as findings name it.
pub fn entry_path(location: &str, entry: &str) -> String {
    format!("{location}!{entry}")
}

/// Why an entry name cannot be used, if it cannot: `(severity, reason)`.
pub fn name_problem(raw: &str) -> Option<(Severity, &'static str)> {
    if raw.chars().any(|c| c.is_control()) {
        return Some((Severity::Error, "holds control characters"));
    }
    let name = raw.replace('\\', "/");
    if name.starts_with('/') {
        return Some((Severity::Error, "is an absolute path"));
    }
    let bytes = name.as_bytes();
    if bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' {
        return Some((Severity::Error, "starts with a drive letter"));
    }
    if name.split('/').any(|c| c == "..") {
        return Some((
            Severity::Error,
            "climbs out of the archive with a `..` component",
        ));
    }
    if raw.contains('\\') {
        return Some((
            Severity::Warning,
            "uses `\\` as its folder separator (zip names use `/`; tools outside Windows read \
             the `\\` as part of a file name)",
        ));
    }
    None
}

/// How many findings of one kind one archive reports before it says how many more there are.
const MAX_PER_KIND: usize = 20;

impl Archive {
    /// Opens `bytes` as a zip archive at `location`. A limit passed or an unreadable archive is
    /// a finding and `None`.
    pub fn open(
        bytes: Vec<u8>,
        location: &str,
        depth: usize,
        limits: &Limits,
        out: &mut Vec<ZipFinding>,
    ) -> Option<Archive> {
        if depth > limits.max_depth {
            out.push(ZipFinding::new(
                &codes::SubmissionZipLimitExceeded,
                location,
                format!(
                    "this archive is nested {depth} levels deep, more than the {} a submission \
                     package has; it was not opened",
                    limits.max_depth
                ),
            ));
            return None;
        }
        let looks_like_zip = bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06");
        let zip = match ZipArchive::new(Cursor::new(bytes)) {
            Ok(zip) => zip,
            Err(e) => {
                let message = if looks_like_zip {
                    format!("the archive is corrupt or truncated: {}", describe(&e))
                } else {
                    "the file is not a zip archive (it does not start with a zip header and \
                     has no zip directory)"
                        .to_string()
                };
                out.push(ZipFinding::new(
                    &codes::SubmissionZipUnreadable,
                    location,
                    message,
                ));
                return None;
            }
        };
        let mut archive = Archive {
            zip,
            entries: Vec::new(),
            location: location.to_string(),
            depth,
        };
        if archive.zip.len() > limits.max_entries {
            out.push(ZipFinding::new(
                &codes::SubmissionZipLimitExceeded,
                location,
                format!(
                    "the archive has {} entries, more than the {} limit; it was not read",
                    archive.zip.len(),
                    limits.max_entries
                ),
            ));
            return None;
        }
        let mut declared: u64 = 0;
        let (mut bad_names, mut encrypted) = (0usize, 0usize);
        for index in 0..archive.zip.len() {
            let file = match archive.zip.by_index_raw(index) {
                Ok(f) => f,
                Err(e) => {
                    out.push(ZipFinding::new(
                        &codes::SubmissionZipUnreadable,
                        location,
                        format!(
                            "entry {index} of the archive cannot be read: {}",
                            describe(&e)
                        ),
                    ));
                    continue;
                }
            };
            let raw = file.name().to_string();
            let entry = Entry {
                name: raw.replace('\\', "/"),
                is_dir: file.is_dir() || raw.ends_with('\\'),
                size: file.size(),
                compressed: file.compressed_size(),
                encrypted: file.encrypted(),
                unsafe_name: false,
                index,
            };
            drop(file);
            let mut entry = entry;
            if let Some((severity, why)) = name_problem(&raw) {
                entry.unsafe_name = severity == Severity::Error;
                bad_names += 1;
                if bad_names <= MAX_PER_KIND {
                    out.push(
                        ZipFinding::new(
                            &codes::SubmissionEntryNameUnsafe,
                            location,
                            format!(
                                "the entry name {} {why}{}",
                                shown(&raw),
                                if entry.unsafe_name {
                                    "; it was not read"
                                } else {
                                    ""
                                }
                            ),
                        )
                        .severity(severity),
                    );
                }
            }
            if entry.encrypted {
                encrypted += 1;
                if encrypted <= MAX_PER_KIND {
                    out.push(ZipFinding::new(
                        &codes::SubmissionZipEncrypted,
                        &entry_path(location, &entry.name),
                        "the entry is encrypted (password-protected); Microsoft cannot read it"
                            .to_string(),
                    ));
                }
            }
            declared = declared.saturating_add(entry.size);
            archive.entries.push(entry);
        }
        for (count, code, what) in [
            (
                bad_names,
                &codes::SubmissionEntryNameUnsafe,
                "entry names of this kind",
            ),
            (
                encrypted,
                &codes::SubmissionZipEncrypted,
                "encrypted entries",
            ),
        ] {
            if count > MAX_PER_KIND {
                out.push(ZipFinding::new(
                    code,
                    location,
                    format!(
                        "{} more {what} are not listed (the first {MAX_PER_KIND} are)",
                        count - MAX_PER_KIND
                    ),
                ));
            }
        }
        if declared > limits.max_total {
            out.push(ZipFinding::new(
                &codes::SubmissionZipLimitExceeded,
                location,
                format!(
                    "the entries of this archive declare {} uncompressed, more than the {} \
                     limit; entries are read only within the limit",
                    human(declared),
                    human(limits.max_total)
                ),
            ));
        }
        Some(archive)
    }

    /// The files (not folders, not unsafe names) of the archive.
    pub fn files(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| !e.is_dir && !e.unsafe_name)
    }

    /// The folders of the archive: the folder entries and the folders the file names imply,
    /// each as its path without the trailing `/`.
    pub fn folders(&self) -> std::collections::BTreeSet<String> {
        let mut out = std::collections::BTreeSet::new();
        for e in self.entries.iter().filter(|e| !e.unsafe_name) {
            let name = e.name.trim_end_matches('/');
            let mut parts: Vec<&str> = name.split('/').filter(|p| !p.is_empty()).collect();
            if !e.is_dir {
                parts.pop();
            }
            for i in 1..=parts.len() {
                out.insert(parts[..i].join("/"));
            }
        }
        out
    }

    /// The bytes of `entry`, or `None` (with a finding) when a limit forbids reading it or it
    /// cannot be read. At most [`Limits::max_entry`] + 1 bytes are ever decompressed.
    pub fn read(
        &mut self,
        entry: &Entry,
        limits: &Limits,
        budget: &mut Budget,
        out: &mut Vec<ZipFinding>,
    ) -> Option<Vec<u8>> {
        let at = entry_path(&self.location, &entry.name);
        if entry.unsafe_name || entry.encrypted {
            return None;
        }
        if entry.size > limits.max_entry {
            out.push(ZipFinding::new(
                &codes::SubmissionZipLimitExceeded,
                &at,
                format!(
                    "the entry is {} uncompressed, more than the {} limit; it was not read",
                    human(entry.size),
                    human(limits.max_entry)
                ),
            ));
            return None;
        }
        if entry.size > limits.ratio_from && entry.size / entry.compressed.max(1) > limits.max_ratio
        {
            out.push(ZipFinding::new(
                &codes::SubmissionZipLimitExceeded,
                &at,
                format!(
                    "the entry expands {} times ({} to {}), a zip bomb's ratio; it was not read",
                    entry.size / entry.compressed.max(1),
                    human(entry.compressed),
                    human(entry.size)
                ),
            ));
            return None;
        }
        let room = limits.max_total.saturating_sub(budget.read);
        if budget.exhausted || entry.size > room {
            if !budget.exhausted {
                out.push(ZipFinding::new(
                    &codes::SubmissionZipLimitExceeded,
                    &at,
                    format!(
                        "reading this entry would pass {} uncompressed for the whole package; \
                         it and the entries after it were not read",
                        human(limits.max_total)
                    ),
                ));
            }
            budget.exhausted = true;
            return None;
        }
        let mut file = match self.zip.by_index(entry.index) {
            Ok(f) => f,
            Err(e) => {
                out.push(ZipFinding::new(
                    &codes::SubmissionZipUnreadable,
                    &at,
                    format!("the entry cannot be read: {}", describe(&e)),
                ));
                return None;
            }
        };
        // The declared size may lie: never decompress more than the limit allows.
        let cap = limits.max_entry.min(room);
        let mut buf = Vec::with_capacity(entry.size.min(16 * 1024 * 1024) as usize);
        let read = file.by_ref().take(cap + 1).read_to_end(&mut buf);
        budget.read += buf.len() as u64;
        match read {
            Ok(_) if buf.len() as u64 > cap => {
                out.push(ZipFinding::new(
                    &codes::SubmissionZipLimitExceeded,
                    &at,
                    format!(
                        "the entry declares {} but expands past {}; it was not read (a zip \
                         bomb, or a corrupt entry)",
                        human(entry.size),
                        human(cap)
                    ),
                ));
                None
            }
            Ok(_) => Some(buf),
            Err(e) => {
                out.push(ZipFinding::new(
                    &codes::SubmissionZipUnreadable,
                    &at,
                    format!("the entry is corrupt: {e}"),
                ));
                None
            }
        }
    }
}

/// A zip error in words.
fn describe(e: &ZipError) -> String {
    match e {
        ZipError::UnsupportedArchive(m) if *m == ZipError::PASSWORD_REQUIRED => {
            "it is encrypted".to_string()
        }
        ZipError::CompressionMethodNotSupported(m) => {
            format!("it uses compression method {m}, which is not deflate or stored")
        }
        other => other.to_string(),
    }
}

/// `size` in MB with one decimal (bytes below 1 MB), for messages.
pub fn human(size: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if size < MB {
        format!("{size} bytes")
    } else {
        format!("{:.1} MB", size as f64 / MB as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_names_are_recognised() {
        for bad in [
            "../x",
            "a/../../x",
            "/etc/passwd",
            "C:/x",
            "c:x",
            "a\\..\\b",
            "\\x",
        ] {
            assert_eq!(
                name_problem(bad).map(|p| p.0),
                Some(Severity::Error),
                "{bad}"
            );
        }
        assert_eq!(
            name_problem("Connector\\a.json").map(|p| p.0),
            Some(Severity::Warning)
        );
        for good in ["a.zip", "PkgAssets/x.zip", "a..b/c", "[Content_Types].xml"] {
            assert_eq!(name_problem(good), None, "{good}");
        }
    }
}
