//! Writing a set of files so that a reader never sees a half-written folder.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diag::Diagnostic;
use attain_core::msg::output as msg;

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
        Diagnostic::error(msg::cannot_write(e))
            .in_file(what)
            .help(msg::cannot_write_help())
    };
    if dir.exists() {
        if !dir.is_dir() {
            return Err(Diagnostic::error(msg::not_a_folder())
                .in_file(dir)
                .help(msg::not_a_folder_help()));
        }
        let existing: Vec<&str> = files
            .iter()
            .map(|(n, _)| n.as_ref())
            .filter(|n| dir.join(n).exists())
            .collect();
        if !existing.is_empty() && !force {
            return Err(
                Diagnostic::error(msg::would_replace(attain_core::msg::list(existing)))
                    .in_file(dir)
                    .help(msg::would_replace_help()),
            );
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
        assert!(err.message.en().contains("already has a.xlsx"), "{err}");
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

/// The prefix of the temporary folders [`replace_report`] makes beside a report
/// folder named `name`: `.name.attain-new-…` (being written) and `.name.attain-old-…`
/// (the previous report while it is swapped out).
fn temp_prefix(name: &str, which: &str) -> String {
    format!(".{name}.attain-{which}-")
}

/// Replace the report of kind `kind` (the stem of its files: `progress`, `midyear`,
/// `yearend`) in the folder `out` with `files`, so that a reader finds the previous
/// report or the new one, whole, never a mix:
///
/// - the files are written into a fresh temporary folder beside `out`;
/// - from the previous folder it takes over what this run does not replace: the
///   files of the other kinds of report (a month's progress and mid-year reports
///   share a folder), and the user's own files; it leaves out the previous files of
///   this kind that this run did not write (a workbook of an earlier `--format`) and,
///   when this run draws charts (SVG or PNG), charts it did not draw (the chart of a
///   budget line that no longer exists);
/// - the new folder then takes the old one's place (two renames: for a moment the
///   folder is absent, never half-written), and the old one is removed.
///
/// Runs into the same folder take turns (a lock on the parent folder, released by
/// the system if a run is killed), and each first cleans what a killed run left
/// behind, restoring the previous report if a run died between the two renames. An
/// error (a full disk, say) leaves the previous report as it was.
pub fn replace_report<N: AsRef<str> + Sync, C: Content>(
    out: &Path,
    files: &[(N, C)],
    kind: &str,
) -> Result<(), Diagnostic> {
    replace_report_with(out, files, kind, &[])
}

/// [`replace_report`] with subfolders of this kind of report: each `(name, from)`
/// replaces the previous report's subfolder `name`, by the folder `from` (written
/// beforehand beside `out`, on the same file system: it is moved, not copied) or by
/// nothing when `from` is `None`; in both cases the previous one is not carried over.
/// (`attain portfolio --per-unit`: the units' own reports in `units/`.)
pub fn replace_report_with<N: AsRef<str> + Sync, C: Content>(
    out: &Path,
    files: &[(N, C)],
    kind: &str,
    folders: &[(&str, Option<&Path>)],
) -> Result<(), Diagnostic> {
    let staged = Staged::begin(out)?;
    // The files are written and synced at the same time (a portfolio's json and csv
    // are megabytes each); the first failure in the files' order is the one told.
    let results: Vec<Result<(), Diagnostic>> = files
        .par_iter()
        .map(|(name, content)| staged.write(name.as_ref(), content))
        .collect();
    results
        .into_iter()
        .collect::<Result<Vec<()>, Diagnostic>>()?;
    let written: Vec<&str> = files.iter().map(|(n, _)| n.as_ref()).collect();
    staged.commit(&written, kind, folders)
}

/// A report folder being rebuilt ([`replace_report_with`] in steps): begun (the
/// checks, the lock on the parent folder, a fresh temporary folder), its files
/// written and synced one by one, from several threads at once, as they are made
/// ([`Staged::write`], [`Staged::write_parts`]), then put in place
/// ([`Staged::commit`]). Dropped without a commit, it leaves the previous report as
/// it was and removes the temporary folder.
#[derive(Debug)]
pub struct Staged {
    out: PathBuf,
    parent: PathBuf,
    name: String,
    new: tempfile::TempDir,
    _lock: Option<std::fs::File>,
}

/// A failure to write the report `what`, told as such.
fn cannot_write(e: std::io::Error, what: &Path) -> Diagnostic {
    Diagnostic::error(msg::cannot_write_report(e))
        .in_file(what)
        .help(msg::cannot_write_report_help())
}

impl Staged {
    /// Begin rebuilding the report folder `out`.
    pub fn begin(out: &Path) -> Result<Staged, Diagnostic> {
        let io = cannot_write;
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let Some(name) = out.file_name().map(|n| n.to_string_lossy().into_owned()) else {
            return Err(Diagnostic::error(msg::no_folder_name())
                .in_file(out)
                .help(msg::no_folder_name_help()));
        };
        if out.exists() && !out.is_dir() {
            return Err(Diagnostic::error(msg::not_a_folder())
                .in_file(out)
                .help(msg::not_a_folder_help()));
        }
        if !parent.exists() {
            create_shared_dirs(&parent).map_err(|e| io(e, &parent))?;
        }
        let lock = lock_folder(&parent).map_err(|e| io(e, &parent))?;
        clean_stale(&parent, &name, out).map_err(|e| io(e, &parent))?;
        let new = tempfile::Builder::new()
            .prefix(&temp_prefix(&name, "new"))
            .tempdir_in(&parent)
            .map_err(|e| io(e, &parent))?;
        shared(new.path(), DIR_MODE).map_err(|e| io(e, new.path()))?;
        Ok(Staged {
            out: out.to_path_buf(),
            parent,
            name,
            new,
            _lock: lock,
        })
    }

    /// The new file `name` (its folders made), for `write` to fill; then synced.
    fn file_with(
        &self,
        name: &str,
        write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
    ) -> Result<(), Diagnostic> {
        let path = self.new.path().join(name);
        let io = |e| cannot_write(e, &self.out.join(name));
        if let Some(d) = path.parent() {
            if !d.exists() {
                create_shared_dirs(d).map_err(|e| cannot_write(e, d))?;
            }
        }
        let mut f = std::fs::File::create(&path).map_err(io)?;
        write(&mut f).map_err(io)?;
        f.sync_all().map_err(io)?;
        shared(&path, FILE_MODE).map_err(io)
    }

    /// Write and sync file `name` of the new report.
    pub fn write(&self, name: &str, content: &impl Content) -> Result<(), Diagnostic> {
        self.file_with(name, |f| content.write_to(f))
    }

    /// Write and sync file `name` of the new report from its parts, as `make` hands
    /// them over in order (while it makes the next ones): they are written by a
    /// thread of their own, which also syncs the file every few megabytes written,
    /// so that little is left to sync at the end. Gives the file's size.
    pub fn write_parts(
        &self,
        name: &str,
        make: impl FnOnce(&mut dyn FnMut(Vec<u8>)),
    ) -> Result<u64, Diagnostic> {
        let mut size = 0u64;
        self.file_with(name, |f| {
            std::thread::scope(|s| {
                let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<u8>>(4);
                let writer = s.spawn(move || -> std::io::Result<u64> {
                    use std::io::Write as _;
                    let (mut written, mut unsynced) = (0u64, 0u64);
                    for part in rx {
                        f.write_all(&part)?;
                        written += part.len() as u64;
                        unsynced += part.len() as u64;
                        if unsynced >= SYNC_EVERY {
                            f.sync_data()?;
                            unsynced = 0;
                        }
                    }
                    Ok(written)
                });
                // A writer that failed stops taking parts: the rest are dropped and
                // its error is told.
                make(&mut |part| {
                    let _ = tx.send(part);
                });
                drop(tx);
                size = writer
                    .join()
                    .unwrap_or_else(|p| std::panic::resume_unwind(p))?;
                Ok(())
            })
        })?;
        Ok(size)
    }

    /// Put the new report in place of the previous one, `written` being the files
    /// it wrote (the previous report's other files are kept as [`replace_report`]
    /// says), and each of `folders` as [`replace_report_with`] says.
    pub fn commit(
        self,
        written: &[&str],
        kind: &str,
        folders: &[(&str, Option<&Path>)],
    ) -> Result<(), Diagnostic> {
        let io = cannot_write;
        // The lock is held to the end.
        let Staged {
            out,
            parent,
            name,
            new,
            _lock,
        } = self;
        let out = out.as_path();
        if out.is_dir() {
            let draws = |ext: &str| written.iter().any(|w| extension(w) == ext);
            for e in std::fs::read_dir(out).map_err(|e| io(e, out))? {
                let e = e.map_err(|e| io(e, out))?;
                let file = e.file_name().to_string_lossy().into_owned();
                let stale_kind = stem(&file) == kind;
                let stale_chart =
                    matches!(extension(&file), "svg" | "png") && draws(extension(&file));
                let temporary = file.starts_with(".tmp") || file.starts_with(".attain-");
                let replaced = folders.iter().any(|(n, _)| *n == file);
                if written.contains(&file.as_str())
                    || stale_kind
                    || stale_chart
                    || temporary
                    || replaced
                {
                    continue;
                }
                carry_over(&e.path(), &new.path().join(&file)).map_err(|err| io(err, &e.path()))?;
            }
        }
        for (name, from) in folders {
            if let Some(from) = from {
                std::fs::rename(from, new.path().join(name)).map_err(|e| io(e, from))?;
            }
        }
        let new_path = new.keep();
        let fail = |e: std::io::Error| {
            let _ = std::fs::remove_dir_all(&new_path);
            io(e, out)
        };
        if out.is_dir() {
            let old = tempfile::Builder::new()
                .prefix(&temp_prefix(&name, "old"))
                .tempdir_in(&parent)
                .map_err(fail)?
                .keep();
            // `old` is an empty folder: the report folder replaces it.
            std::fs::rename(out, &old).map_err(fail)?;
            if let Err(e) = std::fs::rename(&new_path, out) {
                let _ = std::fs::rename(&old, out);
                return Err(fail(e));
            }
            let _ = std::fs::remove_dir_all(&old);
        } else {
            std::fs::rename(&new_path, out).map_err(fail)?;
        }
        Ok(())
    }
}

/// Bytes written to a file in parts between two syncs of it ([`Staged::write_parts`]).
const SYNC_EVERY: u64 = 8 << 20;

/// The part of a file name before its first dot (`progress` of `progress.md`).
fn stem(file: &str) -> &str {
    file.split('.').next().unwrap_or(file)
}

/// The part after the last dot, lower case by convention of the renderers.
fn extension(file: &str) -> &str {
    file.rsplit_once('.').map_or("", |(_, e)| e)
}

/// Keep a file of the previous report in the new folder: a hard link (the same
/// bytes, no copy), or a copy where links are not possible.
fn carry_over(from: &Path, to: &Path) -> std::io::Result<()> {
    if from.is_dir() {
        create_shared_dirs(to)?;
        for e in std::fs::read_dir(from)? {
            let e = e?;
            carry_over(&e.path(), &to.join(e.file_name()))?;
        }
        return Ok(());
    }
    std::fs::hard_link(from, to).or_else(|_| std::fs::copy(from, to).map(|_| ()))
}

/// What a file of a report holds: its bytes, or [`Parts`].
pub trait Content: Sync {
    /// Write it all to `w`.
    fn write_to(&self, w: &mut impl std::io::Write) -> std::io::Result<()>;
}

impl<T: AsRef<[u8]> + Sync> Content for T {
    fn write_to(&self, w: &mut impl std::io::Write) -> std::io::Result<()> {
        w.write_all(self.as_ref())
    }
}

/// A file's bytes in parts, written one after another: a large file rendered in
/// pieces on several threads (a portfolio's JSON, tens of megabytes) is not copied
/// into one buffer first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parts(pub Vec<Vec<u8>>);

impl Parts {
    /// The file's size in bytes.
    pub fn len(&self) -> usize {
        self.0.iter().map(Vec::len).sum()
    }

    /// Whether the file is empty.
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(Vec::is_empty)
    }
}

impl Content for Parts {
    fn write_to(&self, w: &mut impl std::io::Write) -> std::io::Result<()> {
        for p in &self.0 {
            w.write_all(p)?;
        }
        Ok(())
    }
}

fn create_shared_dirs(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    shared(dir, DIR_MODE)
}

/// Remove what a killed run left beside `out`; if it died between its two renames
/// (no report folder, but the previous one swapped out), put the previous one back.
fn clean_stale(parent: &Path, name: &str, out: &Path) -> std::io::Result<()> {
    let (new_prefix, old_prefix) = (temp_prefix(name, "new"), temp_prefix(name, "old"));
    let mut olds = Vec::new();
    for e in std::fs::read_dir(parent)? {
        let e = e?;
        let file = e.file_name().to_string_lossy().into_owned();
        if file.starts_with(&new_prefix) {
            std::fs::remove_dir_all(e.path())?;
        } else if file.starts_with(&old_prefix) {
            olds.push(e.path());
        }
    }
    for old in olds {
        let is_empty = std::fs::read_dir(&old)?.next().is_none();
        if !out.exists() && !is_empty {
            std::fs::rename(&old, out)?;
        } else {
            std::fs::remove_dir_all(&old)?;
        }
    }
    Ok(())
}

/// An exclusive lock on `dir`, held until the returned handle is dropped (or the
/// process ends). On systems where a folder cannot be opened as a file, no lock.
fn lock_folder(dir: &Path) -> std::io::Result<Option<std::fs::File>> {
    #[cfg(unix)]
    {
        let f = std::fs::File::open(dir)?;
        f.lock()?;
        Ok(Some(f))
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(None)
    }
}

#[cfg(test)]
mod report_tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_run_replaces_its_own_kind_and_keeps_the_others() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("2026-06");
        let progress = [
            ("progress.md", "p1"),
            ("progress.xlsx", "x1"),
            ("execution.svg", "e1"),
            ("execution-5.svg", "line 5"),
        ];
        replace_report(&out, &progress, "progress").unwrap();
        // The mid-year report of the same month, without charts.
        replace_report(&out, &[("midyear.md", "m1")], "midyear").unwrap();
        assert_eq!(
            names(&out),
            [
                "execution-5.svg",
                "execution.svg",
                "midyear.md",
                "progress.md",
                "progress.xlsx"
            ]
        );
        // Progress again, without xlsx and without budget line 5: both go, midyear stays.
        replace_report(
            &out,
            &[("progress.md", "p2"), ("execution.svg", "e2")],
            "progress",
        )
        .unwrap();
        assert_eq!(names(&out), ["execution.svg", "midyear.md", "progress.md"]);
        assert_eq!(
            std::fs::read_to_string(out.join("progress.md")).unwrap(),
            "p2"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("midyear.md")).unwrap(),
            "m1"
        );
        // A user's own file stays; nothing is left beside the folder.
        std::fs::write(out.join("notes.txt"), "mine").unwrap();
        replace_report(&out, &[("progress.md", "p3")], "progress").unwrap();
        assert!(names(&out).contains(&"notes.txt".to_string()));
        assert_eq!(names(t.path()), ["2026-06"]);
    }

    #[test]
    fn a_file_in_parts_is_its_parts_one_after_another() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("2026-06");
        let parts = Parts(vec![
            b"{\n".to_vec(),
            Vec::new(),
            "  \"单位\": 1\n".into(),
            b"}".to_vec(),
        ]);
        assert_eq!(parts.len(), 17);
        assert!(!parts.is_empty() && Parts(vec![Vec::new()]).is_empty());
        replace_report(&out, &[("portfolio.json", parts.clone())], "portfolio").unwrap();
        assert_eq!(
            std::fs::read(out.join("portfolio.json")).unwrap(),
            parts.0.concat()
        );
        assert_eq!(
            std::fs::read_to_string(out.join("portfolio.json")).unwrap(),
            "{\n  \"单位\": 1\n}"
        );
    }

    #[test]
    fn a_report_staged_in_steps_is_its_files_once_committed() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("2026-06");
        replace_report(&out, &[("portfolio.json", "old")], "portfolio").unwrap();
        // Parts of more than the bytes between two syncs, handed over in order.
        let parts: Vec<Vec<u8>> = (0..24u8).map(|k| vec![b'a' + k; 1 << 20]).collect();
        let staged = Staged::begin(&out).unwrap();
        let size = staged
            .write_parts("portfolio.json", |part| {
                for p in &parts {
                    part(p.clone());
                }
            })
            .unwrap();
        staged.write("portfolio.csv", &"x,y\n").unwrap();
        assert_eq!(size, 24 << 20);
        // Nothing is in place before the commit.
        assert_eq!(std::fs::read(out.join("portfolio.json")).unwrap(), b"old");
        staged
            .commit(&["portfolio.json", "portfolio.csv"], "portfolio", &[])
            .unwrap();
        assert_eq!(
            std::fs::read(out.join("portfolio.json")).unwrap(),
            parts.concat()
        );
        assert_eq!(names(&out), ["portfolio.csv", "portfolio.json"]);
        assert_eq!(names(t.path()), ["2026-06"]);
        // Dropped without a commit: the report stays as it was, nothing beside it.
        let staged = Staged::begin(&out).unwrap();
        staged.write("portfolio.json", &"new").unwrap();
        drop(staged);
        assert_eq!(
            std::fs::read(out.join("portfolio.json")).unwrap(),
            parts.concat()
        );
        assert_eq!(names(t.path()), ["2026-06"]);
    }

    #[test]
    fn a_subfolder_of_the_kind_is_replaced_or_removed() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("2026-06");
        let staged = |n: &str, file: &str| {
            let d = t.path().join(n);
            std::fs::create_dir_all(d.join("U1")).unwrap();
            std::fs::write(d.join("U1").join("progress.md"), file).unwrap();
            d
        };
        let first = staged(".units-1", "u1");
        let files = [("portfolio.md", "p1")];
        replace_report_with(&out, &files, "portfolio", &[("units", Some(&first))]).unwrap();
        assert_eq!(names(&out), ["portfolio.md", "units"]);
        assert!(!first.exists());
        // The next run's units replace the previous ones whole.
        let second = staged(".units-2", "u2");
        std::fs::create_dir_all(out.join("units/U9")).unwrap();
        replace_report_with(&out, &files, "portfolio", &[("units", Some(&second))]).unwrap();
        assert_eq!(names(&out.join("units")), ["U1"]);
        assert_eq!(
            std::fs::read_to_string(out.join("units/U1/progress.md")).unwrap(),
            "u2"
        );
        // A run without them leaves none behind.
        replace_report_with(&out, &files, "portfolio", &[("units", None)]).unwrap();
        assert_eq!(names(&out), ["portfolio.md"]);
        assert_eq!(names(t.path()), ["2026-06"]);
    }

    #[test]
    fn what_a_killed_run_left_is_cleaned_and_a_swapped_out_report_restored() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("r");
        replace_report(&out, &[("progress.md", "p1")], "progress").unwrap();
        // Killed while writing: a half-written new folder.
        let half = t.path().join(".r.attain-new-XYZ");
        std::fs::create_dir(&half).unwrap();
        std::fs::write(half.join("progress.md"), "half").unwrap();
        // Killed between the renames: the report is swapped out, none in place.
        std::fs::rename(&out, t.path().join(".r.attain-old-ABC")).unwrap();
        replace_report(&out, &[("midyear.md", "m1")], "midyear").unwrap();
        assert_eq!(names(t.path()), ["r"]);
        assert_eq!(names(&out), ["midyear.md", "progress.md"]);
        assert_eq!(
            std::fs::read_to_string(out.join("progress.md")).unwrap(),
            "p1"
        );
    }

    #[test]
    fn concurrent_runs_leave_one_whole_report() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("r");
        let runs: Vec<_> = (0..8)
            .map(|i| {
                let out = out.clone();
                std::thread::spawn(move || {
                    let v = format!("run {i}");
                    let files = [("progress.md", v.clone()), ("progress.json", v)];
                    replace_report(&out, &files, "progress").unwrap();
                })
            })
            .collect();
        for r in runs {
            r.join().unwrap();
        }
        let md = std::fs::read_to_string(out.join("progress.md")).unwrap();
        let json = std::fs::read_to_string(out.join("progress.json")).unwrap();
        assert_eq!(md, json, "both files come from the same run");
        assert_eq!(names(&out), ["progress.json", "progress.md"]);
        assert_eq!(names(t.path()), ["r"]);
    }
}
