//! A report's title as its file's name gives it (`某区人民政府2023年政府信息公开工作年度报告.pdf`).
//!
//! Reports are downloaded and kept under their titles, while the text may print no title a
//! reader can find: a scanned cover, a page crawled without its heading, a title cut by the
//! extraction. The metadata reads the name last, only for what the text itself never says
//! (`meta::metadata`): a name the user gave the file never overrules the report.

/// The file name of `path` without its extensions, normalised as text is (traditional
/// characters simplified, full-width forms folded), and without a leading attachment mark or
/// index (`附件1：`, `3_`, `01.`); `None` where the name has no Han character to read.
/// Whether it names a report is for the caller (`meta::report_title_of_head`, as for a page's
/// `<title>`).
pub(crate) fn of(path: &str) -> Option<String> {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let mut stem = name;
    // `报告.pdf`, `报告.gbk.txt`: extensions are short ASCII words.
    while let Some((before, ext)) = stem.rsplit_once('.') {
        let is_ext = (1..=5).contains(&ext.len()) && ext.chars().all(|c| c.is_ascii_alphanumeric());
        if !is_ext || before.is_empty() {
            break;
        }
        stem = before;
    }
    if !stem.chars().any(crate::ingest::normalize::is_han) {
        return None;
    }
    let normal = crate::ingest::normalize::normalize_str(stem);
    let t = normal.trim();
    let t = t.strip_prefix("附件").unwrap_or(t);
    // The index a list or a download gave the file, and the mark after it.
    let t = t.trim_start_matches(|c: char| {
        c.is_ascii_digit() || c.is_whitespace() || "：:、.-_)）".contains(c)
    });
    (!t.is_empty()).then(|| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::of;

    #[test]
    fn the_stem_without_extensions_directories_or_a_leading_index() {
        assert_eq!(
            of("dl/2024/3_某区人民政府2023年政府信息公开工作年度报告.pdf").as_deref(),
            Some("某区人民政府2023年政府信息公开工作年度报告")
        );
        assert_eq!(
            of(r"C:\报告\附件1：某局2022年度政府信息公开工作年度报告.gbk.txt").as_deref(),
            Some("某局2022年度政府信息公开工作年度报告")
        );
        // Traditional characters and full-width digits, as the text is normalised.
        assert_eq!(
            of("某縣人民政府２０２１年政府資訊公開工作年度報告.html").as_deref(),
            Some("某县人民政府2021年政府信息公开工作年度报告")
        );
    }

    #[test]
    fn names_without_han_characters_read_nothing() {
        assert_eq!(of("corpus/pingtan-2019.txt"), None);
        assert_eq!(of("P020240131543210.pdf"), None);
        assert_eq!(of("report"), None);
    }
}
