//! Reading text files in the encodings users actually have: UTF-8, UTF-8 with a BOM
//! (Excel's "CSV UTF-8"), GB18030/GBK (Excel's CSV on Chinese Windows) and UTF-16
//! with a BOM (Excel's "Unicode text"). Detected automatically.

use std::path::Path;

use encoding_rs::{Encoding, BIG5, GB18030, UTF_16BE, UTF_16LE, UTF_8};

use crate::diag::{Diagnostic, Msg};
use attain_core::msg::text as msg;

/// The encoding a file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Utf8Bom,
    Gb18030,
    Utf16Le,
    Utf16Be,
}

impl TextEncoding {
    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Bom => "UTF-8 with BOM",
            TextEncoding::Gb18030 => "GB18030/GBK",
            TextEncoding::Utf16Le => "UTF-16LE",
            TextEncoding::Utf16Be => "UTF-16BE",
        }
    }

    /// The encoding's name in a message, in the user's language (`UTF-8 with BOM`
    /// is words; the other names read the same in every language).
    pub fn label(self) -> Msg {
        match self {
            TextEncoding::Utf8Bom => msg::utf8_bom(),
            other => Msg::verbatim(other.name()),
        }
    }
}

/// A decoded text file.
#[derive(Debug, Clone)]
pub struct Text {
    pub content: String,
    pub encoding: TextEncoding,
}

impl Text {
    /// Lines without their terminators (`\n` or `\r\n`; a lone `\r` is not a line end).
    pub fn lines(&self) -> impl Iterator<Item = &str> {
        self.content
            .split('\n')
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
    }
}

/// Decode bytes read from `path`.
///
/// ```
/// use std::path::Path;
/// use attain_ingest::text::{decode, TextEncoding};
/// // "月份" in GBK, as Excel on Chinese Windows saves it.
/// let t = decode(&[0xD4, 0xC2, 0xB7, 0xDD], Path::new("a.csv")).unwrap();
/// assert_eq!((t.content.as_str(), t.encoding), ("月份", TextEncoding::Gb18030));
/// ```
pub fn decode(bytes: &[u8], path: &Path) -> Result<Text, Diagnostic> {
    if is_workbook(bytes) {
        return Err(Diagnostic::error(msg::workbook_as_text())
            .in_file(path)
            .help(msg::workbook_as_text_help()));
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let which = if enc == UTF_8 {
            TextEncoding::Utf8Bom
        } else if enc == UTF_16LE {
            TextEncoding::Utf16Le
        } else if enc == UTF_16BE {
            TextEncoding::Utf16Be
        } else {
            TextEncoding::Utf8Bom
        };
        let (content, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(undecodable(bytes, path, which.label()));
        }
        return Ok(Text {
            content: content.into_owned(),
            encoding: which,
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Text {
            content: s.to_string(),
            encoding: TextEncoding::Utf8,
        }),
        Err(_) => {
            let (content, had_errors) = GB18030.decode_without_bom_handling(bytes);
            if had_errors || unlikely_chars(&content) > 0 {
                if let Some(d) = big5_hint(bytes, &content, had_errors, path) {
                    return Err(d);
                }
            }
            if had_errors {
                return Err(undecodable(bytes, path, msg::utf8_or_gb18030()));
            }
            Ok(Text {
                content: content.into_owned(),
                encoding: TextEncoding::Gb18030,
            })
        }
    }
}

/// Whether `bytes` are an Excel workbook: a zip file (`.xlsx`, starting
/// `PK\x03\x04`) or an old compound document (`.xls`, starting `D0 CF 11 E0`).
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// The largest input file attain reads (100 MiB): a year of actuals is a few
/// megabytes; anything far larger is a mistake (or a device) and would only exhaust
/// memory.
pub const MAX_FILE_BYTES: u64 = 100 * 1024 * 1024;

/// Read a file's bytes: only a regular file (a symbolic link to one is followed), of
/// at most [`MAX_FILE_BYTES`]. A FIFO, a device or a folder is refused before it is
/// opened (reading a FIFO would wait forever, `/dev/zero` would never end).
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    use std::io::Read as _;
    let cannot = |e: std::io::Error| {
        Diagnostic::error(msg::cannot_read(&e))
            .in_file(path)
            .help(match e.kind() {
                std::io::ErrorKind::NotFound => msg::cannot_read_not_found_help(),
                std::io::ErrorKind::PermissionDenied => msg::cannot_read_permission_help(),
                _ => msg::cannot_read_help(),
            })
    };
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if let Ok(target) = std::fs::read_link(path) {
                return Err(Diagnostic::error(msg::dangling_link(target.display()))
                    .in_file(path)
                    .help(msg::dangling_link_help()));
            }
            return Err(cannot(e));
        }
        Err(e) => return Err(cannot(e)),
    };
    if !meta.is_file() {
        let what = if meta.is_dir() {
            msg::kind_folder()
        } else {
            special_kind(&meta)
        };
        return Err(Diagnostic::error(msg::not_a_file(what))
            .in_file(path)
            .help(msg::not_a_file_help()));
    }
    let too_big = || {
        Diagnostic::error(msg::too_big(MAX_FILE_BYTES / (1024 * 1024)))
            .in_file(path)
            .help(msg::too_big_help())
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big());
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big());
    }
    Ok(bytes)
}

/// What a file that is neither a regular file nor a folder is.
fn special_kind(meta: &std::fs::Metadata) -> Msg {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return msg::kind_fifo();
        }
        if t.is_char_device() || t.is_block_device() {
            return msg::kind_device();
        }
        if t.is_socket() {
            return msg::kind_socket();
        }
    }
    let _ = meta;
    msg::kind_special()
}

/// Read and decode a file; an unreadable file is a diagnostic too.
pub fn read(path: &Path) -> Result<Text, Diagnostic> {
    let bytes = read_bytes(path)?;
    decode(&bytes, path)
}

/// Characters that a Chinese budget file practically never holds but that other
/// encodings read as GB18030 produce: kana, hangul, vertical and compatibility
/// forms, box drawing, Greek and Cyrillic, CJK extension A, private use.
fn is_unlikely(c: char) -> bool {
    matches!(c as u32,
        0x0370..=0x04FF
        | 0x1100..=0x11FF
        | 0x2500..=0x257F
        | 0x3040..=0x30FF
        | 0x3130..=0x318F
        | 0x3400..=0x4DBF
        | 0xAC00..=0xD7AF
        | 0xE000..=0xF8FF
        | 0xFE10..=0xFE1F
        | 0xFE30..=0xFE4F)
}

fn unlikely_chars(s: &str) -> usize {
    s.chars().filter(|&c| is_unlikely(c)).count()
}

/// When bytes that are not UTF-8 read badly as GB18030 (undecodable, or with
/// characters such as `る` that a Chinese table does not hold) but cleanly as Big5
/// (traditional Chinese, as saved on Taiwanese or Hong Kong Windows), say so.
fn big5_hint(bytes: &[u8], gb: &str, gb_failed: bool, path: &Path) -> Option<Diagnostic> {
    let (big5, big5_failed) = BIG5.decode_without_bom_handling(bytes);
    if big5_failed || unlikely_chars(&big5) > 0 {
        return None;
    }
    // Quote the first line holding an unlikely character, as GB18030 shows it.
    let sample = gb
        .lines()
        .enumerate()
        .find(|(_, l)| l.chars().any(is_unlikely));
    let message = match (gb_failed, sample) {
        (false, Some((n, l))) => msg::big5_line(n + 1, l.chars().take(40).collect::<String>()),
        _ => msg::big5(),
    };
    Some(
        Diagnostic::error(message)
            .in_file(path)
            .help(msg::big5_help()),
    )
}

fn undecodable(bytes: &[u8], path: &Path, tried: impl Into<attain_core::msg::Arg>) -> Diagnostic {
    // Point at the first byte that is not UTF-8, by line.
    let bad = match std::str::from_utf8(bytes) {
        Err(e) => e.valid_up_to(),
        Ok(_) => 0,
    };
    let line = bytes[..bad].iter().filter(|&&b| b == b'\n').count() + 1;
    let byte = format!("0x{:02X}", bytes.get(bad).copied().unwrap_or(0));
    Diagnostic::error(msg::undecodable(tried, byte, bad))
        .in_file(path)
        .at_line(line)
        .help(msg::undecodable_help())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Known answers found by cargo-mutants (crates/ingest/MUTANTS.md): the
    /// encodings' names, UTF-16BE, lines, and the help for a missing file.
    #[test]
    fn encoding_names_lines_and_missing_files() {
        let names = [
            TextEncoding::Utf8,
            TextEncoding::Utf8Bom,
            TextEncoding::Gb18030,
            TextEncoding::Utf16Le,
            TextEncoding::Utf16Be,
        ]
        .map(TextEncoding::name);
        assert_eq!(
            names,
            [
                "UTF-8",
                "UTF-8 with BOM",
                "GB18030/GBK",
                "UTF-16LE",
                "UTF-16BE"
            ]
        );
        assert_eq!(TextEncoding::Utf8Bom.label().zh(), "带 BOM 的 UTF-8");
        assert_eq!(TextEncoding::Utf16Be.label().zh(), "UTF-16BE");

        let s = "月份,项目\n";
        let mut be = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        let t = decode(&be, Path::new("x.csv")).unwrap();
        assert_eq!((t.encoding, t.content.as_str()), (TextEncoding::Utf16Be, s));

        let t = Text {
            content: "a\r\nb\n\nc\r".into(),
            encoding: TextEncoding::Utf8,
        };
        assert_eq!(t.lines().collect::<Vec<_>>(), ["a", "b", "", "c"]);

        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("无此文件.csv");
        let d = read_bytes(&missing).unwrap_err();
        assert_eq!(
            d.help.as_ref().map(|h| h.key()),
            Some("text.cannot_read_not_found_help")
        );
        #[cfg(unix)]
        {
            let link = dir.path().join("link.csv");
            std::os::unix::fs::symlink(dir.path().join("gone.csv"), &link).unwrap();
            let d = read_bytes(&link).unwrap_err();
            assert_eq!(d.message.key(), "text.dangling_link");
            assert!(d.message.en().contains("gone.csv"), "{}", d.message.en());
        }
    }

    /// The size limit at its edge: a file of exactly MAX_FILE_BYTES is read whole,
    /// one byte more is refused (sparse files: nothing is written to disk).
    #[test]
    fn the_size_limit_is_exact() {
        let dir = tempfile::tempdir().unwrap();
        let at = dir.path().join("at.csv");
        std::fs::File::create(&at)
            .unwrap()
            .set_len(MAX_FILE_BYTES)
            .unwrap();
        assert_eq!(read_bytes(&at).unwrap().len() as u64, MAX_FILE_BYTES);
        let over = dir.path().join("over.csv");
        std::fs::File::create(&over)
            .unwrap()
            .set_len(MAX_FILE_BYTES + 1)
            .unwrap();
        assert_eq!(read_bytes(&over).unwrap_err().message.key(), "text.too_big");
    }

    /// Bytes that read as Big5 only with characters a Chinese table does not hold
    /// (kana) are not named Big5.
    #[test]
    fn no_big5_hint_when_big5_reads_badly_too() {
        let (b, _, unmappable) = BIG5.encode("月份,項目る\n");
        assert!(!unmappable, "る is in Big5");
        let gb = GB18030.decode_without_bom_handling(&b).0;
        assert!(big5_hint(&b, &gb, false, Path::new("x.csv")).is_none());
        let (b, _, _) = BIG5.encode("月份,項目\n");
        let gb = GB18030.decode_without_bom_handling(&b).0;
        assert!(big5_hint(&b, &gb, false, Path::new("x.csv")).is_some());
    }

    #[test]
    fn detects_encodings() {
        let p = Path::new("x.csv");
        let s = "月份,项目\n2026-06,预算执行率\n";
        assert_eq!(
            decode(s.as_bytes(), p).unwrap().encoding,
            TextEncoding::Utf8
        );
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(s.as_bytes());
        let t = decode(&bom, p).unwrap();
        assert_eq!((t.encoding, t.content.as_str()), (TextEncoding::Utf8Bom, s));
        let (gbk, _, _) = GB18030.encode(s);
        let t = decode(&gbk, p).unwrap();
        assert_eq!((t.encoding, t.content.as_str()), (TextEncoding::Gb18030, s));
        let mut u16 = vec![0xFF, 0xFE];
        for u in s.encode_utf16() {
            u16.extend_from_slice(&u.to_le_bytes());
        }
        let t = decode(&u16, p).unwrap();
        assert_eq!((t.encoding, t.content.as_str()), (TextEncoding::Utf16Le, s));
    }

    #[test]
    fn workbooks_are_named_as_such() {
        for bytes in [
            &b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00"[..],
            &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0x00][..],
        ] {
            let e = decode(bytes, Path::new("t.xlsx")).unwrap_err();
            assert!(
                e.message.en().starts_with("this is an Excel workbook;"),
                "{e}"
            );
            assert!(e
                .help
                .unwrap()
                .en()
                .starts_with("in Excel use 另存为 → CSV (UTF-8)"));
        }
        // Other binaries keep the generic message.
        let e = decode(b"\x81\xFF\xFE\x00", Path::new("b.bin")).unwrap_err();
        assert!(e.message.en().starts_with("the file is not text"), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn only_regular_files_are_read() {
        let e = read(Path::new("/dev/zero")).unwrap_err();
        assert_eq!(
            e.message.en(),
            "this is a device, not a regular file: it is not read"
        );
        let t = tempfile::tempdir().unwrap();
        let e = read(t.path()).unwrap_err();
        assert_eq!(
            e.message.en(),
            "this is a folder, not a regular file: it is not read"
        );
        let link = t.path().join("zero.csv");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        let e = read(&link).unwrap_err();
        assert!(e.message.en().starts_with("this is a device"), "{e}");
        let fifo = t.path().join("pipe.csv");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            let e = read(&fifo).unwrap_err();
            assert!(
                e.message.en().starts_with("this is a named pipe (FIFO)"),
                "{e}"
            );
        }
    }

    #[test]
    fn a_file_above_the_limit_is_refused() {
        let t = tempfile::tempdir().unwrap();
        let p = t.path().join("big.csv");
        let f = std::fs::File::create(&p).unwrap();
        f.set_len(MAX_FILE_BYTES + 1).unwrap();
        let e = read(&p).unwrap_err();
        assert_eq!(
            e.message.en(),
            "the file is larger than 100 MiB, the most attain reads"
        );
    }

    #[test]
    fn big5_is_named_instead_of_misread() {
        // Traditional Chinese saved as Big5: read as GB18030 it gives `る…,兜ヘ,…`
        // (`份` becomes a private-use character).
        let (big5, _, _) = BIG5.encode("月份,項目,實際數\n2026-06,預算執行率,46%\n");
        let gb = GB18030.decode_without_bom_handling(&big5).0;
        assert!(gb.starts_with('る') && gb.contains(",兜ヘ,"), "{gb}");
        let e = decode(&big5, Path::new("b5.csv")).unwrap_err();
        assert!(
            e.message.en().starts_with("this file seems to be in Big5"),
            "{e}"
        );
        assert!(e.message.en().contains("line 1 would be `る"), "{e}");
        assert!(e.help.unwrap().en().contains("UTF-8"));
        // Simplified Chinese in GBK still reads as GBK.
        let (gbk, _, _) = GB18030.encode("月份,项目,实际数\n2026-06,预算执行率,46%\n");
        let t = decode(&gbk, Path::new("gbk.csv")).unwrap();
        assert_eq!(t.encoding, TextEncoding::Gb18030);
        assert!(t.content.starts_with("月份,项目,实际数"));
    }

    #[test]
    fn binary_is_refused_with_a_line() {
        let e = decode(b"ok\nok\n\x81\xFF\xFE", Path::new("b.csv")).unwrap_err();
        assert!(e.is_error());
        assert_eq!(e.line, Some(3));
    }
}
