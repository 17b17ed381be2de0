//! Reading a file's bytes and text: special files, sizes, encodings.

crate::catalogue! { "text";
    /// An Excel workbook given where text is read.
    workbook_as_text() {
        zh: "这是 Excel 工作簿，而此处按文本读取（CSV 或粘贴为文本的表格）",
        en: "this is an Excel workbook; this file is read as text (CSV or a table pasted as text)",
    }
    workbook_as_text_help() {
        zh: "请在 Excel 中用“另存为 → CSV UTF-8（逗号分隔）”保存，或复制表格粘贴到 .txt 文件中；单位文件夹中的文件（targets.csv、budget.csv 等）是 CSV，而 `attain import` 和 actuals/ 可直接读取保留 .xlsx 文件名的工作簿",
        en: "in Excel use 另存为 → CSV (UTF-8), or copy the table and paste it into a .txt file; the files of a unit folder (targets.csv, budget.csv …) are CSV, while `attain import` and actuals/ read a workbook as it is, under its .xlsx name",
    }
    /// The file cannot be read (an OS error).
    cannot_read(error) {
        zh: "无法读取文件：{error}",
        en: "cannot read the file: {error}",
    }
    cannot_read_not_found_help() {
        zh: "请检查路径和文件名",
        en: "check the path and the file name",
    }
    cannot_read_permission_help() {
        zh: "请检查是否有读取该文件的权限",
        en: "check that you may read the file",
    }
    cannot_read_help() {
        zh: "请检查文件是否存在，且是文件而不是文件夹",
        en: "check that the file exists and is a file, not a folder",
    }
    /// A symbolic link to nothing.
    dangling_link(target) {
        zh: "这是指向“{target}”的链接，但所指向的文件不存在",
        en: "this is a link to `{target}`, which does not exist",
    }
    dangling_link_help() {
        zh: "请用文件本身替换该链接，或删除该链接",
        en: "replace the link with the file itself, or delete it",
    }
    /// A folder, FIFO, device … where a file is read.
    not_a_file(what) {
        zh: "这是{what}，不是普通文件，不予读取",
        en: "this is {what}, not a regular file: it is not read",
    }
    not_a_file_help() {
        zh: "attain 只读取普通文件：请用文件本身替换它，或把它移出单位文件夹",
        en: "attain reads only regular files; replace it with the file itself, or move it out of the unit folder",
    }
    kind_folder() { zh: "一个文件夹", en: "a folder" }
    kind_fifo() { zh: "一个命名管道（FIFO）", en: "a named pipe (FIFO)" }
    kind_device() { zh: "一个设备", en: "a device" }
    kind_socket() { zh: "一个套接字", en: "a socket" }
    kind_special() { zh: "一个特殊文件", en: "a special file" }
    /// A file above the size limit.
    too_big(mib) {
        zh: "文件大于 {mib} MiB，超出 attain 可读取的上限",
        en: "the file is larger than {mib} MiB, the most attain reads",
    }
    too_big_help() {
        zh: "请拆分文件（实际数可以每月一个文件），或确认是否选错了文件",
        en: "split it (actuals may be one file per month), or check that it is the right file",
    }
    /// Big5 text.
    big5() {
        zh: "该文件似乎是 Big5（繁体中文）编码，不是 UTF-8 或 GB18030/GBK",
        en: "this file seems to be in Big5 (traditional Chinese), not UTF-8 or GB18030/GBK",
    }
    /// Big5 text, with the line that shows it.
    big5_line(line, text) {
        zh: "该文件似乎是 Big5（繁体中文）编码，不是 UTF-8 或 GB18030/GBK；按 GB18030 读取，第 {line} 行会是“{text}”",
        en: "this file seems to be in Big5 (traditional Chinese), not UTF-8 or GB18030/GBK; read as GB18030 its line {line} would be `{text}`",
    }
    big5_help() {
        zh: "请打开文件另存为 UTF-8（Excel：另存为 → “CSV UTF-8”；记事本：另存为 → 编码 UTF-8）；attain 可读取 UTF-8、GB18030/GBK 和带 BOM 的 UTF-16",
        en: "open it and save it as UTF-8 (Excel: 另存为 → “CSV UTF-8”; Notepad: 另存为 → 编码 UTF-8); attain reads UTF-8, GB18030/GBK and UTF-16 with a BOM",
    }
    /// Bytes that cannot be decoded.
    undecodable(encoding, byte, offset) {
        zh: "该文件不是以下编码的文本：{encoding}（偏移 {offset} 处的字节 {byte} 无法解码）",
        en: "the file is not text in {encoding} (byte {byte} at offset {offset} cannot be decoded)",
    }
    undecodable_help() {
        zh: "请另存为 UTF-8（Excel：“CSV UTF-8”）或 GBK 编码的 CSV 或文本；.xlsx 工作簿须保留 .xlsx 文件名",
        en: "save it as CSV or text in UTF-8 (Excel: “CSV UTF-8”) or in GBK; a .xlsx workbook must keep its .xlsx name",
    }
    /// The encodings tried when a file is neither UTF-8 nor GB18030.
    utf8_or_gb18030() { zh: "UTF-8 或 GB18030", en: "UTF-8 or GB18030" }
    /// UTF-8 with a byte-order mark.
    utf8_bom() { zh: "带 BOM 的 UTF-8", en: "UTF-8 with BOM" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_answers() {
        let m = undecodable(utf8_or_gb18030(), "0xFF", 12);
        assert_eq!(
            m.zh(),
            "该文件不是以下编码的文本：UTF-8 或 GB18030（偏移 12 处的字节 0xFF 无法解码）"
        );
        assert_eq!(
            m.en(),
            "the file is not text in UTF-8 or GB18030 (byte 0xFF at offset 12 cannot be decoded)"
        );
        let m = not_a_file(kind_fifo());
        assert_eq!(m.zh(), "这是一个命名管道（FIFO），不是普通文件，不予读取");
        assert_eq!(
            m.en(),
            "this is a named pipe (FIFO), not a regular file: it is not read"
        );
    }
}
