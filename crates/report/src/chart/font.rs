//! Finding and loading a CJK font for the PNG charts.
//!
//! plotters' `ab_glyph` feature draws text with a font we hand it as bytes
//! (`plotters::style::register_font`), so the build needs no fontconfig or freetype.
//! We look for a font file ourselves: in the usual font folders, by the file names of
//! the common CJK fonts (Noto Sans CJK, Source Han Sans, WenQuanYi, Droid Sans
//! Fallback, AR PL, and the macOS / Windows system fonts), and check that the face
//! really has Chinese glyphs before using it, so a chart never shows boxes.
//!
//! Collections (.ttc/.otc) hold several faces; ab_glyph's `register_font` only takes
//! the first one, so for another face we copy the file and point its first
//! collection entry at the face we want (the table offsets in a collection are from
//! the start of the file, so nothing else needs to move).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use super::ChartError;

/// Characters a font must have for our labels (title words, months, axis, legend).
const REQUIRED: &str =
    "中文月年累计执行率预测里程碑目标序时进度实际个百分点绿黄红蓝无截至0123456789%";

/// Where the PNG charts get their font.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum FontSource {
    /// Search the usual font folders ([`font_dirs`]) for a CJK font.
    #[default]
    System,
    /// This font file (e.g. `--font PATH`). For a collection, `index` picks the
    /// face; `None` takes the first Simplified Chinese face, else the first with
    /// Chinese glyphs.
    File { path: PathBuf, index: Option<u32> },
}

impl FontSource {
    /// A font file, with its face chosen automatically.
    pub fn file(path: impl Into<PathBuf>) -> Self {
        FontSource::File {
            path: path.into(),
            index: None,
        }
    }

    /// The font file and face to draw with, checked to have Chinese glyphs.
    pub fn resolve(&self) -> Result<CjkFont, ChartError> {
        match self {
            FontSource::System => find_cjk_font(),
            FontSource::File { path, index } => {
                let data = std::fs::read(path).map_err(|source| ChartError::FontUnreadable {
                    path: path.clone(),
                    source,
                })?;
                choose_face(path, &data, *index)
            }
        }
    }
}

/// A font file and face that has Chinese glyphs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CjkFont {
    pub path: PathBuf,
    /// Face index in a collection (0 for a single font).
    pub index: u32,
    /// The face's family name as the file gives it, e.g. `WenQuanYi Micro Hei`.
    pub family: String,
}

/// The folders searched for fonts, in order: the user's, then the system's.
pub fn font_dirs() -> Vec<PathBuf> {
    font_dirs_with(|name| std::env::var_os(name))
}

/// [`font_dirs`] with the environment given: `XDG_DATA_HOME`, `HOME`,
/// `LOCALAPPDATA` (Windows installs a user's fonts in
/// `%LOCALAPPDATA%\Microsoft\Windows\Fonts`) and `WINDIR`.
pub fn font_dirs_with(env: impl Fn(&str) -> Option<std::ffi::OsString>) -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Some(d) = env("XDG_DATA_HOME") {
        dirs.push(PathBuf::from(d).join("fonts"));
    }
    if let Some(home) = env("HOME") {
        let home = PathBuf::from(home);
        dirs.push(home.join(".local/share/fonts"));
        dirs.push(home.join(".fonts"));
        dirs.push(home.join("Library/Fonts"));
    }
    if let Some(local) = env("LOCALAPPDATA") {
        dirs.push(
            PathBuf::from(local)
                .join("Microsoft")
                .join("Windows")
                .join("Fonts"),
        );
    }
    for d in [
        "/usr/local/share/fonts",
        "/usr/share/fonts",
        "/Library/Fonts",
        "/System/Library/Fonts",
    ] {
        dirs.push(PathBuf::from(d));
    }
    if let Some(win) = env("WINDIR") {
        dirs.push(PathBuf::from(win).join("Fonts"));
    }
    dirs
}

/// How much we like a font file by its name: lower is better; `None` for a file that
/// is not a known CJK font.
fn rank(path: &Path) -> Option<(u8, u8)> {
    let name = path.file_name()?.to_string_lossy().to_lowercase();
    let ext = path.extension()?.to_string_lossy().to_lowercase();
    if !matches!(ext.as_str(), "ttf" | "otf" | "ttc" | "otc") {
        return None;
    }
    const FAMILIES: [(&[&str], u8); 5] = [
        (
            &[
                "notosanscjk",
                "notosanssc",
                "sourcehansans",
                "source-han-sans",
            ],
            0,
        ),
        (&["wqy-microhei", "wqy-zenhei"], 1),
        (&["droidsansfallback"], 2),
        (
            &[
                "notoserifcjk",
                "notoserifsc",
                "sourcehanserif",
                "uming",
                "ukai",
            ],
            3,
        ),
        (
            &[
                "pingfang",
                "hiragino sans gb",
                "stheiti",
                "msyh",
                "simhei",
                "simsun",
                "simkai",
            ],
            4,
        ),
    ];
    let family = FAMILIES
        .iter()
        .find(|(keys, _)| keys.iter().any(|k| name.contains(k)))?
        .1;
    // Regular weight first.
    let heavy_or_light = [
        "bold", "black", "heavy", "light", "thin", "medium", "demi", "semi",
    ]
    .iter()
    .any(|w| name.contains(w));
    Some((family, u8::from(heavy_or_light)))
}

/// Font files under `dir`, to a depth of 6, in path order.
fn walk(dir: &Path, depth: u8, out: &mut BTreeSet<PathBuf>) {
    if depth > 6 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        match e.file_type() {
            Ok(t) if t.is_dir() => walk(&p, depth + 1, out),
            Ok(_) => {
                if rank(&p).is_some() {
                    out.insert(p);
                }
            }
            Err(_) => {}
        }
    }
}

/// The best CJK font in [`font_dirs`]: known CJK font files by preference
/// (Noto Sans CJK / Source Han Sans, WenQuanYi, Droid Sans Fallback, serif ones,
/// then macOS and Windows fonts), the first that parses and has Chinese glyphs.
pub fn find_cjk_font() -> Result<CjkFont, ChartError> {
    find_cjk_font_in(&font_dirs())
}

/// As [`find_cjk_font`], in these folders only.
pub fn find_cjk_font_in(dirs: &[PathBuf]) -> Result<CjkFont, ChartError> {
    let mut files = BTreeSet::new();
    for d in dirs {
        walk(d, 0, &mut files);
    }
    let mut files: Vec<PathBuf> = files.into_iter().collect();
    files.sort_by_key(|p| (rank(p), p.clone()));
    for p in &files {
        let Ok(data) = std::fs::read(p) else {
            continue;
        };
        if let Ok(font) = choose_face(p, &data, None) {
            return Ok(font);
        }
    }
    Err(ChartError::NoCjkFont {
        searched: dirs
            .iter()
            .map(|d| d.display().to_string())
            .collect::<Vec<_>>()
            .join(", "),
    })
}

fn family_name(face: &ttf_parser::Face<'_>) -> String {
    let names: Vec<ttf_parser::name::Name<'_>> = face
        .names()
        .into_iter()
        .filter(|n| {
            n.name_id == ttf_parser::name_id::TYPOGRAPHIC_FAMILY
                || n.name_id == ttf_parser::name_id::FAMILY
        })
        .collect();
    // Prefer the typographic family, in English (language 0x409).
    let mut best: Option<(u8, String)> = None;
    for n in names {
        let Some(s) = n.to_string() else { continue };
        let score = u8::from(n.name_id != ttf_parser::name_id::TYPOGRAPHIC_FAMILY)
            + 2 * u8::from(n.language_id != 0x409);
        if best.as_ref().is_none_or(|(b, _)| score < *b) {
            best = Some((score, s));
        }
    }
    best.map(|(_, s)| s).unwrap_or_default()
}

fn missing_chars(face: &ttf_parser::Face<'_>) -> String {
    REQUIRED
        .chars()
        .filter(|c| face.glyph_index(*c).is_none())
        .collect()
}

/// Picks the face of `data` to use: `index` if given, else the first Simplified
/// Chinese face (family with SC, CN or GB in it, or WenQuanYi's proportional one),
/// else the first with all the glyphs we need.
fn choose_face(path: &Path, data: &[u8], index: Option<u32>) -> Result<CjkFont, ChartError> {
    let count = ttf_parser::fonts_in_collection(data).unwrap_or(1);
    let invalid = |reason: String| ChartError::FontInvalid {
        path: path.to_path_buf(),
        reason,
    };
    let indices: Vec<u32> = match index {
        Some(i) if i >= count => {
            return Err(invalid(format!(
                "it has {count} face(s); there is no face {i}"
            )))
        }
        Some(i) => vec![i],
        None => (0..count).collect(),
    };
    let mut first_error = None;
    let mut usable: Vec<(u8, u32, String)> = Vec::new();
    for i in indices {
        let face = match ttf_parser::Face::parse(data, i) {
            Ok(f) => f,
            Err(e) => {
                first_error.get_or_insert_with(|| invalid(e.to_string()));
                continue;
            }
        };
        let missing = missing_chars(&face);
        if !missing.is_empty() {
            first_error.get_or_insert_with(|| ChartError::FontLacksCjk {
                path: path.to_path_buf(),
                missing,
            });
            continue;
        }
        let family = family_name(&face);
        let words: Vec<&str> = family.split([' ', '-', '_']).collect();
        let simplified = words.iter().any(|w| matches!(*w, "SC" | "CN" | "GB"))
            || family.contains("Micro Hei") && !family.contains("Mono");
        let mono = family.contains("Mono");
        let score = if simplified {
            0
        } else if mono {
            2
        } else {
            1
        };
        usable.push((score, i, family));
    }
    usable.sort();
    match usable.into_iter().next() {
        Some((_, index, family)) => Ok(CjkFont {
            path: path.to_path_buf(),
            index,
            family,
        }),
        None => Err(first_error.unwrap_or_else(|| invalid("it has no font faces".into()))),
    }
}

/// A font handed to plotters: the name it is registered under, its bytes (for glyph
/// checks) and how its pixel size relates to the CSS font size.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Loaded {
    pub family: &'static str,
    pub data: &'static [u8],
    /// ab_glyph sizes text by the font's ascent-to-descent height; CSS by the em. A
    /// CSS size `s` is an ab_glyph size `s × px_per_em`.
    pub px_per_em: f64,
}

impl Loaded {
    /// `c` if the font has it, else a plain stand-in (`−` → `-`), else `c` anyway.
    pub(crate) fn printable(&self, text: &str) -> String {
        let Ok(face) = ttf_parser::Face::parse(self.data, 0) else {
            return text.to_string();
        };
        text.chars()
            .flat_map(|c| {
                if face.glyph_index(c).is_some() {
                    return vec![c];
                }
                match c {
                    '\u{2212}' => vec!['-'],
                    '…' => vec!['.', '.', '.'],
                    '（' => vec!['('],
                    '）' => vec![')'],
                    '±' => vec!['+', '/', '-'],
                    c => vec![c],
                }
            })
            .collect()
    }
}

/// One glyph's horizontal metrics at a CSS pixel size.
#[derive(Debug, Clone, Copy)]
pub(crate) struct GlyphMetrics {
    pub ch: char,
    /// Pen advance, in pixels.
    pub advance: f64,
    /// From the pen to the left of the ink, in pixels; `None` for a blank glyph.
    pub bearing: Option<f64>,
}

impl Loaded {
    /// Metrics of each character of `text` at `px` pixels per em.
    pub(crate) fn glyphs(&self, text: &str, px: f64) -> Vec<GlyphMetrics> {
        let Ok(face) = ttf_parser::Face::parse(self.data, 0) else {
            return Vec::new();
        };
        let unit = px / f64::from(face.units_per_em().max(1));
        text.chars()
            .map(|ch| {
                let gid = face.glyph_index(ch).unwrap_or(ttf_parser::GlyphId(0));
                let advance = f64::from(face.glyph_hor_advance(gid).unwrap_or(0)) * unit;
                let bearing = face
                    .glyph_bounding_box(gid)
                    .map(|b| f64::from(b.x_min) * unit);
                GlyphMetrics {
                    ch,
                    advance,
                    bearing,
                }
            })
            .collect()
    }
}

type Registry = Mutex<Vec<((PathBuf, u32), Loaded)>>;

/// Registers `font` with plotters once per process and returns it. plotters keeps
/// fonts in a global table for the life of the process (`&'static` bytes), so each
/// file is read and kept once.
pub(crate) fn load(font: &CjkFont) -> Result<Loaded, ChartError> {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    let registry = REGISTRY.get_or_init(|| Mutex::new(Vec::new()));
    let mut reg = registry
        .lock()
        .map_err(|_| ChartError::Draw("font registry poisoned".into()))?;
    let key = (font.path.clone(), font.index);
    if let Some((_, l)) = reg.iter().find(|(k, _)| *k == key) {
        return Ok(*l);
    }
    let mut data = std::fs::read(&font.path).map_err(|source| ChartError::FontUnreadable {
        path: font.path.clone(),
        source,
    })?;
    if font.index > 0 {
        // Point the collection's first entry at our face.
        let at = 12 + 4 * font.index as usize;
        if data.len() < at + 4 || data.get(0..4) != Some(b"ttcf") {
            return Err(ChartError::FontInvalid {
                path: font.path.clone(),
                reason: format!("face {} is not in the collection header", font.index),
            });
        }
        let entry: [u8; 4] = [data[at], data[at + 1], data[at + 2], data[at + 3]];
        data[12..16].copy_from_slice(&entry);
    }
    let data: &'static [u8] = Box::leak(data.into_boxed_slice());
    let face = ttf_parser::Face::parse(data, 0).map_err(|e| ChartError::FontInvalid {
        path: font.path.clone(),
        reason: e.to_string(),
    })?;
    let upem = f64::from(face.units_per_em().max(1));
    let height = f64::from(face.ascender()) - f64::from(face.descender());
    let px_per_em = if height > 0.0 { height / upem } else { 1.0 };
    let family: &'static str = Box::leak(format!("attain-cjk-{}", reg.len()).into_boxed_str());
    plotters::style::register_font(family, plotters::style::FontStyle::Normal, data).map_err(
        |_| ChartError::FontInvalid {
            path: font.path.clone(),
            reason: "ab_glyph could not read it".into(),
        },
    )?;
    let loaded = Loaded {
        family,
        data,
        px_per_em,
    };
    reg.push((key, loaded));
    Ok(loaded)
}

#[cfg(test)]
mod dir_tests {
    use super::*;

    #[test]
    fn windows_per_user_fonts_come_before_the_system_fonts() {
        let dirs = font_dirs_with(|name| match name {
            "LOCALAPPDATA" => Some(r"C:\Users\li\AppData\Local".into()),
            "WINDIR" => Some(r"C:\Windows".into()),
            _ => None,
        });
        let user = PathBuf::from(r"C:\Users\li\AppData\Local")
            .join("Microsoft")
            .join("Windows")
            .join("Fonts");
        let system = PathBuf::from(r"C:\Windows").join("Fonts");
        let at = |p: &PathBuf| dirs.iter().position(|d| d == p);
        assert!(at(&user).is_some() && at(&user) < at(&system), "{dirs:?}");
    }
}
