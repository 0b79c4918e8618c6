//! What of a section the search reads: its heading and its text, a line apart (监督保障 finds the
//! section headed by it); of the three statistical tables, the lines of prose only.
//!
//! Every report prints the same labels in its tables (自然人, 行政许可, 商业企业) and the same
//! headings over them (行政复议、行政诉讼情况): read by the search, they made every report's
//! table a hit for those words, ranked above the reports that write about them (a table's
//! searched text is short), and the labels were three tenths of the index's tokens. A table's
//! figures are searched with `--where`; what an agency writes in a table's part ("本年度未收到
//! 政府信息公开申请。", a note under the table) is prose and stays searchable.

use crate::model::Section;

/// The text a section is found by (the `grams` field of its document).
pub fn searchable_text(s: &Section) -> String {
    if s.kind.is_table() {
        return prose_lines(&s.text);
    }
    match &s.title {
        Some(t) => format!("{t}\n{}", s.text),
        None => s.text.clone(),
    }
}

/// The lines of a text that write sentences, each followed by a line break.
pub fn prose_lines(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines().filter(|l| is_prose(l)) {
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// A line that writes sentences: a sentence's mark outside brackets. A table's labels have
/// none there (部分公开(区分处理的，只计这一情形，不计其他情形) holds its commas inside its
/// brackets; 1.申请人无正当理由逾期不补正、行政机关不再处理… enumerates with 、).
fn is_prose(line: &str) -> bool {
    let mut depth = 0usize;
    for c in line.chars() {
        match c {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth = depth.saturating_sub(1),
            '，' | '。' | '；' | '！' | '？' if depth == 0 => return true,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SectionKind;

    fn section(kind: SectionKind, title: Option<&str>, text: &str) -> Section {
        Section {
            kind,
            title: title.map(String::from),
            text: text.to_string(),
        }
    }

    #[test]
    fn a_tables_heading_labels_and_figures_are_not_read_its_prose_is() {
        let s = section(
            SectionKind::RequestsTable,
            Some("三、收到和处理政府信息公开申请情况"),
            "申请人情况\t自然人\t法人或其他组织\n一、本年新收政府信息公开申请数量\t12\t0\n\
             1.部分公开(区分处理的，只计这一情形，不计其他情形)\t0\t0\n\
             1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t0\t0\n\
             注：本年度申请均已按期答复。\n本年度未收到涉及商业秘密的申请，无需征求第三方意见",
        );
        assert_eq!(
            searchable_text(&s),
            "注：本年度申请均已按期答复。\n本年度未收到涉及商业秘密的申请，无需征求第三方意见\n"
        );
        let only_labels = section(
            SectionKind::ReviewLitigationTable,
            Some("四、行政复议"),
            "行政复议\t0",
        );
        assert_eq!(searchable_text(&only_labels), "");
    }

    #[test]
    fn prose_is_read_whole_with_its_heading() {
        let s = section(
            SectionKind::Platforms,
            Some("（四）平台建设"),
            "一行。\n二行",
        );
        assert_eq!(searchable_text(&s), "（四）平台建设\n一行。\n二行");
        let s = section(SectionKind::Preamble, None, "前言");
        assert_eq!(searchable_text(&s), "前言");
    }
}
