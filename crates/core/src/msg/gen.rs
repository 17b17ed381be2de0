//! Findings of `attain gen` (synthetic units for benchmarks and tests).

crate::catalogue! { "gen";
    cannot_write(error) {
        zh: "无法写入：{error}",
        en: "cannot write: {error}",
    }
    cannot_write_help() {
        zh: "请检查输出文件夹是否可写，磁盘是否还有空间",
        en: "check that the output folder is writable and the disk has room",
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn gen_messages_in_both_languages() {
        let m = super::cannot_write("disk full");
        assert_eq!(m.zh(), "无法写入：disk full");
        assert_eq!(m.en(), "cannot write: disk full");
        assert_eq!(
            super::cannot_write_help().zh(),
            "请检查输出文件夹是否可写，磁盘是否还有空间"
        );
    }
}
