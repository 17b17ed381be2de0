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
}
