//! A statistical form's lines around its table that are no rows of it: who filled it in and
//! how to reach them, where its figures come from and up to when (`联系电话：0591-23165385`,
//! `填报人：李明 审核人：王芳`, `统计截止：2022.12.31`). Typed right under a table, such a
//! line's phone number or dotted date was read as the table's figures: its last row, or all of
//! table 四, was left out.

/// The labels a form note opens with, before its colon.
const NOTE_LABELS: &[&str] = &[
    "联系电话",
    "咨询电话",
    "办公电话",
    "电话",
    "手机",
    "传真",
    "邮编",
    "邮箱",
    "电子邮箱",
    "联系人",
    "填报人",
    "填表人",
    "制表人",
    "制表",
    "审核人",
    "审核",
    "负责人",
    "单位负责人",
    "分管领导",
    "填报日期",
    "填表日期",
    "制表日期",
    "报送日期",
    "统计截止",
    "统计截止日期",
    "截止日期",
    "统计时段",
    "统计时间",
    "统计期间",
    "数据来源",
    "数据截止",
];

/// Whether a line opens with a form note's label and its colon (decoration around the label:
/// spaces, markdown's `*` and `#`).
pub fn is_form_note(line: &str) -> bool {
    let t = line.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '#'));
    NOTE_LABELS.iter().any(|label| {
        t.strip_prefix(label)
            .map(|rest| rest.trim_start_matches(|c: char| c.is_whitespace() || c == '*'))
            .is_some_and(|rest| rest.starts_with(['：', ':']))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_notes_are_told_from_rows() {
        for note in [
            "联系电话：0591-23165385",
            "填报人：李明\t联系电话：0591-23165385\t审核人：王芳\t填报日期：2023年1月15日",
            "数据来源：广州市医疗保障局办公室  统计截止：2022.12.31",
            "  **手机**: 13800138000",
            "统计时段 ：2022年1月1日至12月31日",
        ] {
            assert!(is_form_note(note), "{note}");
        }
        for row in [
            "行政许可\t0",
            "电话23165385",
            "四、结转下年度继续办理\t10\t0",
            "联系电话号码公开情况 3",
            "审核制度",
        ] {
            assert!(!is_form_note(row), "{row}");
        }
    }
}
