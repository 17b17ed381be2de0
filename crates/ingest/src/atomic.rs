//! Writing a set of files so that a reader never sees a half-written folder.

use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;

/// Write `files` into `dir` so that a reader never sees a half-written folder: a new
/// folder is built under a temporary name beside it and renamed into place; in an
/// existing folder each file is written to a temporary file and renamed over the old
/// one. Refuses to replace existing files unless `force`. Names are relative to `dir`;
/// contents are text or bytes (a PNG).
pub fn write_atomically<N: AsRef<str>, C: AsRef<[u8]>>(
    dir: &Path,
    files: &[(N, C)],
    force: bool,
) -> Result<(), Diagnostic> {
    let io = |e: std::io::Error, what: &Path| {
        Diagnostic::error(format!("cannot write: {e}"))
            .in_file(what)
            .help("check that the folder is writable and the disk is not full")
    };
    if dir.exists() {
        if !dir.is_dir() {
            return Err(Diagnostic::error("the output exists and is not a folder")
                .in_file(dir)
                .help("choose another --out"));
        }
        let existing: Vec<&str> = files
            .iter()
            .map(|(n, _)| n.as_ref())
            .filter(|n| dir.join(n).exists())
            .collect();
        if !existing.is_empty() && !force {
            return Err(Diagnostic::error(format!(
                "the folder already has {}; not replacing them",
                existing.join(", ")
            ))
            .in_file(dir)
            .help("pass --force to replace them (edits made to them are lost), or choose another --out"));
        }
        let mut temps = Vec::new();
        for (name, content) in files {
            let name = name.as_ref();
            let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| io(e, dir))?;
            std::io::Write::write_all(&mut tmp, content.as_ref())
                .map_err(|e| io(e, &dir.join(name)))?;
            // A temporary file is private (0600): reports go on shared drives.
            shared(tmp.path(), FILE_MODE).map_err(|e| io(e, &dir.join(name)))?;
            temps.push((tmp, dir.join(name)));
        }
        for (tmp, target) in temps {
            tmp.persist(&target).map_err(|e| io(e.error, &target))?;
        }
        return Ok(());
    }
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(|e| io(e, &parent))?;
    let tmp = tempfile::Builder::new()
        .prefix(".attain-")
        .tempdir_in(&parent)
        .map_err(|e| io(e, &parent))?;
    // A temporary folder is private (0700): open it up like a folder made by hand.
    shared(tmp.path(), DIR_MODE).map_err(|e| io(e, tmp.path()))?;
    for (name, content) in files {
        let p = tmp.path().join(name.as_ref());
        if let Some(d) = p.parent() {
            if !d.exists() {
                std::fs::create_dir_all(d).map_err(|e| io(e, d))?;
                shared(d, DIR_MODE).map_err(|e| io(e, d))?;
            }
        }
        std::fs::write(&p, content.as_ref()).map_err(|e| io(e, &p))?;
        shared(&p, FILE_MODE).map_err(|e| io(e, &p))?;
    }
    let tmp_path = tmp.keep();
    std::fs::rename(&tmp_path, dir).map_err(|e| {
        let _ = std::fs::remove_dir_all(&tmp_path);
        io(e, dir)
    })?;
    Ok(())
}

/// Unix permissions of written files (rw-r--r--) and new folders (rwxr-xr-x): others
/// on a shared drive may read the reports.
#[cfg(unix)]
const FILE_MODE: u32 = 0o644;
#[cfg(unix)]
const DIR_MODE: u32 = 0o755;
#[cfg(not(unix))]
const FILE_MODE: u32 = 0;
#[cfg(not(unix))]
const DIR_MODE: u32 = 0;

/// Give `path` the Unix permissions `mode` (nothing elsewhere).
fn shared(path: &Path, mode: u32) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
    }
    #[cfg(not(unix))]
    {
        let _ = (path, mode);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_atomically_writes_bytes_into_new_and_existing_folders() {
        // Not UTF-8: a workbook's bytes must arrive unchanged.
        let bytes: Vec<u8> = vec![0x50, 0x4b, 0x03, 0x04, 0xff, 0x00, 0xfe];
        let t = tempfile::tempdir().unwrap();
        let dir = t.path().join("out");
        let files: Vec<(&str, Vec<u8>)> =
            vec![("a.xlsx", bytes.clone()), ("a.md", b"# a\n".to_vec())];
        write_atomically(&dir, &files, false).unwrap();
        assert_eq!(std::fs::read(dir.join("a.xlsx")).unwrap(), bytes);
        assert_eq!(std::fs::read_to_string(dir.join("a.md")).unwrap(), "# a\n");
        // Into the existing folder: refused without force, replaced with it.
        let again: Vec<(&str, Vec<u8>)> = vec![("a.xlsx", vec![1, 2, 3])];
        let err = write_atomically(&dir, &again, false).unwrap_err();
        assert!(err.message.contains("already has a.xlsx"), "{err}");
        assert_eq!(std::fs::read(dir.join("a.xlsx")).unwrap(), bytes);
        write_atomically(&dir, &again, true).unwrap();
        assert_eq!(std::fs::read(dir.join("a.xlsx")).unwrap(), [1, 2, 3]);
        // No temporary files are left behind.
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["a.md", "a.xlsx"]);
        let beside: Vec<_> = std::fs::read_dir(t.path()).unwrap().collect();
        assert_eq!(beside.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn written_files_and_new_folders_are_readable_by_others() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let t = tempfile::tempdir().unwrap();
        let dir = t.path().join("out");
        write_atomically(&dir, &[("a.md", "a"), ("charts/b.svg", "b")], false).unwrap();
        assert_eq!(mode(&dir), 0o755);
        assert_eq!(mode(&dir.join("charts")), 0o755);
        assert_eq!(mode(&dir.join("a.md")), 0o644);
        assert_eq!(mode(&dir.join("charts/b.svg")), 0o644);
        // Into the existing folder, new and replaced files alike.
        write_atomically(&dir, &[("a.md", "A"), ("c.json", "{}")], true).unwrap();
        assert_eq!(mode(&dir.join("a.md")), 0o644);
        assert_eq!(mode(&dir.join("c.json")), 0o644);
    }
}
