//! The package's non-JSON files (readme, intro, script, icon), read with the package
//! ([`Package::load`]: an open buffer wins over the file) and capped in size, so a huge or
//! binary file costs nothing more than a finding. The icon is decoded on first use.

use std::sync::OnceLock;

use super::{FileKind, Package};
use crate::text::LineIndex;

/// Companion files larger than this are not read (the platform's own limits are far lower).
pub const MAX_COMPANION_SIZE: u64 = 8 * 1024 * 1024;

/// The companion files of a package.
#[derive(Debug, Default)]
pub struct Companions {
    readme: Option<String>,
    intro: Option<String>,
    script: Option<String>,
    icon_bytes: Option<Vec<u8>>,
    /// Line indexes of the readme and the script, for findings that point into them.
    readme_lines: OnceLock<LineIndex>,
    script_lines: OnceLock<LineIndex>,
    icon: OnceLock<Option<Result<Icon, String>>>,
}

impl Companions {
    /// Whether `other` has the same files (the same texts and icon bytes).
    pub fn same_files(&self, other: &Companions) -> bool {
        self.readme == other.readme
            && self.intro == other.intro
            && self.script == other.script
            && self.icon_bytes == other.icon_bytes
    }

    /// The texts of the readme, intro and script (lossily decoded), and the icon's bytes, of a
    /// package that has them.
    pub fn new(
        readme: Option<String>,
        intro: Option<String>,
        script: Option<String>,
        icon: Option<Vec<u8>>,
    ) -> Self {
        Self {
            readme,
            intro,
            script,
            icon_bytes: icon,
            ..Self::default()
        }
    }
}

/// What matters about the icon: its size and the colour of its edges (its background).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Icon {
    pub width: u32,
    pub height: u32,
    /// The most common colour among the edge pixels, as RGBA.
    pub edge_color: [u8; 4],
    /// Share (0–100) of edge pixels that are (nearly) transparent.
    pub transparent_edge_percent: u8,
}

impl Package {
    /// The text of `readme.md` (any case of the name), lossily decoded.
    pub fn readme_text(&self) -> Option<&str> {
        // Files beside the documents may change between two checks.
        crate::json::track::note_companions();
        self.companions.readme.as_deref()
    }

    /// The text of `intro.md` (any case of the name), lossily decoded.
    pub fn intro_text(&self) -> Option<&str> {
        // Files beside the documents may change between two checks.
        crate::json::track::note_companions();
        self.companions.intro.as_deref()
    }

    /// The text of `script.csx`, lossily decoded.
    pub fn script_text(&self) -> Option<&str> {
        // Files beside the documents may change between two checks.
        crate::json::track::note_companions();
        self.companions.script.as_deref()
    }

    /// The bytes of `icon.png`, as read.
    pub fn icon_bytes(&self) -> Option<&[u8]> {
        crate::json::track::note_companions();
        self.companions.icon_bytes.as_deref()
    }

    /// Gives the package a script held in memory — the custom code of a submission package's
    /// solution — named `path` in findings.
    pub fn set_script(&mut self, path: std::path::PathBuf, text: String) {
        self.files.retain(|f| f.kind != Some(FileKind::Script));
        self.files.push(super::PackageFile {
            name: FileKind::Script.file_name().to_string(),
            path,
            kind: Some(FileKind::Script),
            size: text.len() as u64,
        });
        self.companions.script = Some(text);
        self.companions.script_lines = OnceLock::new();
    }

    /// The text of the readme or the script with its line index (built once), to place the
    /// findings that point into them; `None` for other kinds or a missing file.
    pub fn companion_lines(&self, kind: FileKind) -> Option<(&str, &LineIndex)> {
        let (text, lines) = match kind {
            FileKind::Readme => (self.readme_text()?, &self.companions.readme_lines),
            FileKind::Script => (self.script_text()?, &self.companions.script_lines),
            _ => return None,
        };
        Some((text, lines.get_or_init(|| LineIndex::new(text))))
    }

    /// The decoded icon, or why it could not be decoded; `None` when there is no icon file.
    pub fn icon(&self) -> Option<&Result<Icon, String>> {
        // Files beside the documents may change between two checks.
        crate::json::track::note_companions();
        self.companions
            .icon
            .get_or_init(|| self.companions.icon_bytes.as_deref().map(decode_icon))
            .as_ref()
    }
}

/// Decodes a PNG and measures its edges.
pub fn decode_icon(bytes: &[u8]) -> Result<Icon, String> {
    if !bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Err("it is not a PNG file".to_string());
    }
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder
        .read_info()
        .map_err(|e| format!("the PNG cannot be read: {e}"))?;
    let (width, height) = {
        let info = reader.info();
        (info.width, info.height)
    };
    if width == 0 || height == 0 || u64::from(width) * u64::from(height) > 16_000_000 {
        return Err(format!(
            "the PNG is {width}×{height}, too large or empty to read"
        ));
    }
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| "the PNG is too large to read".to_string())?;
    let mut buf = vec![0; size];
    let frame = reader
        .next_frame(&mut buf)
        .map_err(|e| format!("the PNG cannot be decoded: {e}"))?;
    let channels = match frame.color_type {
        png::ColorType::Grayscale => 1,
        png::ColorType::GrayscaleAlpha => 2,
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => 4,
        png::ColorType::Indexed => return Err("indexed PNG could not be expanded".to_string()),
    };
    let stride = frame.line_size;
    let pixel = |x: u32, y: u32| -> [u8; 4] {
        let i = y as usize * stride + x as usize * channels;
        let p = &buf[i..i + channels];
        match channels {
            1 => [p[0], p[0], p[0], 255],
            2 => [p[0], p[0], p[0], p[1]],
            3 => [p[0], p[1], p[2], 255],
            _ => [p[0], p[1], p[2], p[3]],
        }
    };
    let mut edge = Vec::with_capacity(2 * (width + height) as usize);
    for x in 0..width {
        edge.push(pixel(x, 0));
        edge.push(pixel(x, height - 1));
    }
    for y in 1..height.saturating_sub(1) {
        edge.push(pixel(0, y));
        edge.push(pixel(width - 1, y));
    }
    let transparent = edge.iter().filter(|p| p[3] < 16).count();
    let mut counts: std::collections::HashMap<[u8; 4], usize> = std::collections::HashMap::new();
    for p in &edge {
        *counts.entry(*p).or_default() += 1;
    }
    let edge_color = counts
        .into_iter()
        .max_by_key(|(c, n)| (*n, *c))
        .map(|(c, _)| c)
        .unwrap_or([0, 0, 0, 0]);
    Ok(Icon {
        width,
        height,
        edge_color,
        transparent_edge_percent: (transparent * 100 / edge.len().max(1)) as u8,
    })
}
