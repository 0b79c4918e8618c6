//! A page's info box (the record a government site prints above every document: 索引号, 分类,
//! 发布机构, 发布日期, 文号, 主题词, 时效 …) crawled row by row above the report, each label in a
//! cell of its own with no colon after it: `索 引 号 | 0142581323/2025-00001 | 分 类 | 报告 |`,
//! `发布机构⇥教育局⇥发文日期⇥2025-01-20`, `索引号 000014349/2024-00600 文      号`. Such a row
//! is the page's, not the report's: an 索引号's digits and a 分类 of 报告 made it pass for the
//! report's title, and then the title's own row for the agency printed after it.

/// The labels of the box's cells (a label's characters may be spaced out: `索 引 号`, as
/// [`super::text::strip_spaced_prefix`] reads them).
const LABELS: &[&str] = &[
    "索引号",
    "信息索引号",
    "分类",
    "主题分类",
    "信息分类",
    "组配分类",
    "体裁分类",
    "发布机构",
    "发文机关",
    "发文机构",
    "所属机构",
    "生成日期",
    "发布日期",
    "发文日期",
    "成文日期",
    "发布时间",
    "文号",
    "发文字号",
    "主题词",
    "关键字",
    "关键词",
    "时效",
    "有效性",
    "内容概述",
    "信息来源",
    "来源",
    "浏览次数",
    "公开方式",
    "公开范围",
    "标题",
];

/// `s` after a label of the box at its start, or None.
fn after_label(s: &str) -> Option<&str> {
    // Asked of nearly every line of every report: a first character that opens no label (a
    // binary search of the labels' first characters) ends it before the labels are tried.
    static FIRST: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    let first = FIRST.get_or_init(|| {
        let mut v: Vec<char> = LABELS.iter().filter_map(|l| l.chars().next()).collect();
        v.sort_unstable();
        v.dedup();
        v
    });
    let c = s.chars().next()?;
    first.binary_search(&c).ok()?;
    LABELS
        .iter()
        .find_map(|l| super::text::strip_spaced_prefix(s, l))
}

/// Is `line` a row of a page's info box: it opens with a label (after the row's border), and
/// the label's cell ends there (a pipe or a tab after it), or, where only spaces part the
/// cells (and normalising may have taken those between a label and figures:
/// `索引号000014349/2024-00600文      号`), the line is short, no sentence, and a second
/// label follows on it (`发布机构 某局 发布日期 2024-03-31`). A line of the report that opens
/// with one of these words (`分类推进…`, `来源于…`) has neither.
pub(super) fn is_info_box_row(line: &str) -> bool {
    let row = line.trim_start();
    let row = row.strip_prefix('|').map_or(row, str::trim_start);
    let Some(rest) = after_label(row) else {
        return false;
    };
    if rest.starts_with('\t') || rest.trim_start_matches([' ', '\u{3000}']).starts_with('|') {
        return true;
    }
    if row.chars().count() > 80 || row.contains(['。', '，', '；', ',', ';']) {
        return false;
    }
    rest.char_indices().any(|(i, _)| {
        after_label(&rest[i..]).is_some_and(|r| {
            r.is_empty()
                || r.starts_with([' ', '\u{3000}', '\t', '|', ':', '：'])
                || r.starts_with(|c: char| c.is_ascii_digit())
        })
    })
}

#[cfg(test)]
mod tests {
    use super::is_info_box_row;

    #[test]
    fn rows_of_a_pages_info_box() {
        for row in [
            "索 引 号 | 0142581323/2025-00001 | 分 类 | 科技、教育/教育 / 报告 |",
            "| 索引号 | 000014349/2024-00459 | 文 号 | |",
            "发布机构 | 教育局 | 发文日期 | 2025-01-20 |",
            "发布机构\t教育局\t发文日期\t2025-01-20",
            "索引号 000014349/2024-00600 文      号",
            "索引号000014349/2024-00600文      号",
            "发布机构 发布日期2023-01-31 17:44:04",
            "发布机构 西藏自治区人民政府办公厅 发布日期 2024-03-31 18:46:07",
            "内容概述 | 本年度报告根据《中华人民共和国政府信息公开条例》编制。 | ||",
            "时 效 | 有效 |",
        ] {
            assert!(is_info_box_row(row), "{row}");
        }
    }

    #[test]
    fn the_reports_own_lines_are_no_rows() {
        for line in [
            "分类推进政务公开标准化规范化建设。",
            "来源于群众的意见建议均已办结。",
            "时效性有待提高 发布时间不够及时",
            "关键 环节把关不严",
            "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
            "发布机构：某局",
            "分类推进 信息公开 工作",
            "来源广泛的政策解读和发布时间表",
        ] {
            assert!(!is_info_box_row(line), "{line}");
        }
    }
}
