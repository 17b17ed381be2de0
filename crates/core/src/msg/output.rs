//! Writing report and unit folders.

crate::catalogue! { "output";
    /// Writing failed (an OS error).
    cannot_write(error) {
        zh: "无法写入：{error}",
        en: "cannot write: {error}",
    }
    cannot_write_help() {
        zh: "请检查该文件夹是否可写、磁盘是否已满",
        en: "check that the folder is writable and the disk is not full",
    }
    /// `--out` names a file.
    not_a_folder() {
        zh: "输出位置已存在，且不是文件夹",
        en: "the output exists and is not a folder",
    }
    not_a_folder_help() {
        zh: "请另选一个 --out",
        en: "choose another --out",
    }
    /// Files that would be replaced.
    would_replace(files) {
        zh: "该文件夹中已有 {files}；不予替换",
        en: "the folder already has {files}; not replacing them",
    }
    would_replace_help() {
        zh: "如需替换请加 --force（对这些文件所做的修改将丢失），或另选一个 --out",
        en: "pass --force to replace them (edits made to them are lost), or choose another --out",
    }
    /// Writing a report failed (an OS error); the old report stays.
    cannot_write_report(error) {
        zh: "无法写入报告：{error}",
        en: "cannot write the report: {error}",
    }
    cannot_write_report_help() {
        zh: "请检查该文件夹是否可写、磁盘是否已满；原有报告（如有）保持不变",
        en: "check that the folder is writable and the disk is not full; the previous report, if any, is unchanged",
    }
    /// `--out` without a folder name.
    no_folder_name() {
        zh: "输出文件夹没有名称",
        en: "the output folder has no name",
    }
    no_folder_name_help() {
        zh: "请在 --out 后写文件夹名称，例如 --out reports/2026-06",
        en: "pass --out with a folder name, e.g. --out reports/2026-06",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_answers() {
        let m = would_replace("progress.md, progress.html");
        assert_eq!(
            m.zh(),
            "该文件夹中已有 progress.md, progress.html；不予替换"
        );
        assert_eq!(
            m.en(),
            "the folder already has progress.md, progress.html; not replacing them"
        );
        assert_eq!(not_a_folder_help().zh(), "请另选一个 --out");
    }
}
