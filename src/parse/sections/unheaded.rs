//! Tables printed without their part's heading. A text extractor may keep a page's paragraphs
//! and tables and drop its headings (trafilatura's fallback on a page whose headings are
//! `<h2>`/`<h3>`), a scan's recognised text may miss them, a report may print its tables bare
//! after the prose: the three tables are still there, told by their own labels. Each is found
//! from the line that opens it (`第二十条第（一）项`, `本年新收政府信息公开申请数量`, `行政复议`
//! over `行政诉讼`) with its header lines above, to the figures of its last row.

use super::super::text::lines_with_offsets;
use super::Candidate;
use crate::model::SectionKind;
use std::ops::Range;

/// How a table is told without its heading: what the line it opens at holds (any of the
/// alternatives, every word of one), the words its header lines are made of, and the words of
/// its last row (the table ends after that row's figures).
struct Anchors {
    kind: SectionKind,
    opens: &'static [&'static [&'static str]],
    /// Header lines made of these words only (and punctuation) above the opening line are the
    /// table's, and so are those below it (lists of words, the template's where it has them).
    header: &'static [&'static [&'static str]],
    last_row: &'static [&'static str],
    /// How many lines after the opening line the last row may be.
    reach: usize,
}

impl Anchors {
    fn header_words(&self) -> Vec<&'static str> {
        self.header.iter().flat_map(|w| w.iter().copied()).collect()
    }
}

const TABLES: &[Anchors] = &[
    Anchors {
        kind: SectionKind::DisclosureTable,
        opens: &[
            &["第二十条第(一)项"],
            &["信息内容", "本年制发件数"],
            &["信息内容", "本年新制作数量"],
        ],
        header: &[&[
            "信息内容",
            "本年制发件数",
            "本年废止件数",
            "现行有效件数",
            "本年新制作数量",
            "本年新公开数量",
            "对外公开总数量",
        ]],
        last_row: &["行政事业性收费", "政府集中采购"],
        reach: 120,
    },
    Anchors {
        kind: SectionKind::RequestsTable,
        opens: &[&["本年新收政府信息公开申请"]],
        header: &[
            crate::model::template::REQUEST_HEADER_WORDS,
            &[
                "本列数据的勾稽关系为",
                "第一项加第二项之和",
                "等于第三项加第四项之和",
            ],
        ],
        last_row: &["结转下年度继续办理"],
        reach: 400,
    },
    Anchors {
        kind: SectionKind::ReviewLitigationTable,
        opens: &[&["行政复议", "行政诉讼"]],
        header: &[crate::model::template::REVIEW_HEADER_WORDS],
        last_row: &[],
        reach: 0,
    },
];

/// A heading candidate of table 四's subject that is a line of the table's own header
/// ("行政复议 行政诉讼", "### 行政诉讼（未经复议直接起诉）" over a sub-table): no part heading.
pub(super) fn review_header_line(line: &str) -> bool {
    let review = TABLES
        .iter()
        .find(|t| t.kind == SectionKind::ReviewLitigationTable)
        .map_or(Vec::new(), Anchors::header_words);
    header_only(line, &review)
}

/// A line without what separates cells or decorates text, its brackets half-width, so that
/// labels match however a table was printed.
fn compact(line: &str) -> String {
    line.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '|' | '*' | '#' | '+' | '│' | '┃'))
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .collect()
}

/// A line of header words only (or of nothing but rules and punctuation), or of their pieces: a
/// PDF's layout breaks a narrow column's words across lines ("结果 结果 其他结 尚未" over
/// "维持 纠正 果 审结").
fn header_only(line: &str, words: &[&str]) -> bool {
    let punctuation = |c: char| {
        c.is_ascii_punctuation()
            || matches!(
                c,
                '：' | '，'
                    | '、'
                    | '。'
                    | '（'
                    | '）'
                    | '-'
                    | '—'
                    | '─'
                    | '━'
                    | '='
                    | '┼'
                    | '╋'
            )
    };
    let mut rest = compact(line);
    for w in words {
        rest = rest.replace(w, "");
    }
    rest.chars()
        .all(|c| punctuation(c) || words.iter().any(|w| w.contains(c)))
}

/// A line of figures only: the cells of a row printed on a line of their own (or a cell a line).
fn figures_only(line: &str) -> bool {
    let c = compact(line);
    !c.is_empty()
        && c.chars().any(|c| c.is_ascii_digit())
        && c.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '—' | '/' | ',' | '万' | '元'))
}

/// The ranges of the tables of `missing` kinds (no heading of theirs was found) that the text
/// from `from` to `to` prints without a heading, in the order they are printed.
pub(super) fn tables_without_headings(
    text: &str,
    from: usize,
    to: usize,
    missing: &[SectionKind],
) -> Vec<(SectionKind, Range<usize>)> {
    let lines: Vec<(usize, &str)> = lines_with_offsets(&text[from..to])
        .into_iter()
        .map(|(o, l)| (from + o, l))
        .collect();
    let compacted: Vec<String> = lines.iter().map(|(_, l)| compact(l)).collect();
    // Where each table opens, in the order the template prints them.
    let mut opened: Vec<(&Anchors, usize)> = Vec::new();
    for t in TABLES {
        let from = opened.last().map_or(0, |&(_, i)| i + 1);
        if let Some(open) = (from..lines.len()).find(|&i| opens(t, &compacted, i)) {
            opened.push((t, open));
        }
    }
    let mut found = Vec::new();
    // Where the table before ends: the next one's header starts after it.
    let mut after = 0;
    for (n, &(t, open)) in opened.iter().enumerate() {
        let bound = opened.get(n + 1).map_or(lines.len(), |&(_, i)| i);
        let Some(end) = table_end(t, &lines[..bound], &compacted[..bound], open) else {
            continue;
        };
        // The header lines above the opening line (not into the table before).
        let words = t.header_words();
        let mut start = open;
        while start > after
            && open - start < 12
            && !compacted[start - 1].is_empty()
            && header_only(lines[start - 1].1, &words)
        {
            start -= 1;
        }
        after = end + 1;
        if missing.contains(&t.kind) {
            let (s, _) = lines[start];
            let (e, l) = lines[end];
            found.push((t.kind, s..e + l.len()));
        }
    }
    found
}

/// Tables printed apart from their parts, which are printed in their place with nothing in them
/// (no figures after their heading): before 一, right after the title, or after 六 with no
/// heading of their own. Each is found by its own labels in `span` and read as a table printed
/// again is (`again`, kept in printed order). Cheap where every table part holds figures: the
/// digits of the parts' bodies are counted first.
pub(super) fn tables_printed_apart(
    text: &str,
    span: Range<usize>,
    accepted: &[Candidate],
    again: &mut Vec<(SectionKind, Range<usize>)>,
) {
    // The table parts with no figures after their heading, and their bodies.
    let empty: Vec<(SectionKind, Range<usize>)> = accepted
        .iter()
        .enumerate()
        .filter(|(_, c)| c.kind.is_table() && !again.iter().any(|(k, _)| *k == c.kind))
        .filter_map(|(i, c)| {
            let end = accepted.get(i + 1).map_or(span.end, |n| n.start);
            let body = c.title_end.min(end)..end;
            let digits = text[body.clone()]
                .bytes()
                .filter(u8::is_ascii_digit)
                .count();
            (digits <= 3).then_some((c.kind, body))
        })
        .collect();
    if empty.is_empty() {
        return;
    }
    let kinds: Vec<SectionKind> = empty.iter().map(|(k, _)| *k).collect();
    // (A table found in its own part's body is read there: its figures printed otherwise than
    // in digits, as OCR's letters.)
    again.extend(
        tables_without_headings(text, span.start, span.end, &kinds)
            .into_iter()
            .filter(|(k, r)| !empty.iter().any(|(e, b)| e == k && b.contains(&r.start))),
    );
    again.sort_by_key(|(_, r)| r.start);
}

/// Where the table of `kind` printed in `r` (its heading's line, or its header's) ends, found
/// by its own labels: after its last row's figures; `None` when they do not tell.
pub(super) fn table_end_in(text: &str, kind: SectionKind, r: Range<usize>) -> Option<usize> {
    tables_without_headings(text, r.start, r.end, &[kind])
        .first()
        .map(|(_, t)| t.end)
}

fn opens(t: &Anchors, compacted: &[String], i: usize) -> bool {
    if t.kind == SectionKind::ReviewLitigationTable {
        // 行政复议 over 行政诉讼 (a line each, one line, or the sub-table of 行政复议 between
        // them), the header's 结果维持 under them (its words may be broken across lines).
        let near = |from: usize, n: usize, w: &str| {
            compacted[from..(from + n).min(compacted.len())]
                .iter()
                .any(|l| l.contains(w))
        };
        return compacted[i].starts_with("行政复议")
            && near(i, 6, "行政诉讼")
            && near(i, 10, "结果");
    }
    // The opening label starts its line, after a row's number (`一、本年新收…`, `| 第二十条第
    // （一）项 |`), and the line is no sentence: prose that names the label ("按照《条例》第二十条
    // 第（一）项规定，…", "本年新收政府信息公开申请25件，…") opens no table.
    // (A heading's number, `一、` or `(一)`, read as the outline reads it.)
    let line = &compacted[i];
    let line = super::marker(line).map_or(line.as_str(), |(_, len, _)| &line[len..]);
    !compacted[i].contains(['。', '，', '；', ','])
        && t.opens
            .iter()
            .any(|words| line.starts_with(words[0]) && words.iter().all(|w| line.contains(w)))
}

/// The last line of the table that opens at line `open`: its last row's line and the lines of
/// figures after it; for table 四, the last line of figures among its header lines (a header
/// alone is no table).
fn table_end(
    t: &Anchors,
    lines: &[(usize, &str)],
    compacted: &[String],
    open: usize,
) -> Option<usize> {
    if t.last_row.is_empty() {
        // Table 四: its header lines and lines of figures, in any order (three sub-tables of a
        // header and a row each, "行政诉讼（未经复议直接起诉）" over the second), to its last figures.
        let words = t.header_words();
        return (open..lines.len().min(open + 120))
            .take_while(|&i| {
                compacted[i].is_empty()
                    || header_only(lines[i].1, &words)
                    || figures_only(lines[i].1)
            })
            .filter(|&i| figures_only(lines[i].1))
            .last();
    }
    let limit = lines.len().min(open + 1 + t.reach);
    let last = (open..limit)
        .rev()
        .find(|&i| t.last_row.iter().any(|w| compacted[i].contains(w)))?;
    // Then the lines of figures (a row's cells a line each, blank lines between them).
    let mut end = last;
    for i in last + 1..lines.len().min(last + 40) {
        if compacted[i].is_empty() {
            continue;
        }
        if !figures_only(lines[i].1) {
            break;
        }
        end = i;
    }
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_found_by_their_own_rows() {
        let text = "前文一段。\n\
                    | 第二十条第（一）项 | | | |\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n\
                    | 规章 | 0 | 0 | 0 |\n| 行政事业性收费 | 0 | | |\n\
                    申请人情况\n自然人 总计\n一、本年新收政府信息公开申请数量 1 1\n\
                    四、结转下年度继续办理\n0\n0\n\
                    ### 行政复议\n| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n| 1 | 0 | 0 | 0 | 1 |\n\
                    ### 行政诉讼（未经复议直接起诉）\n| 0 | 0 | 0 | 0 | 0 |\n\
                    存在的问题在于……\n";
        let kinds = [
            SectionKind::DisclosureTable,
            SectionKind::RequestsTable,
            SectionKind::ReviewLitigationTable,
        ];
        let found = tables_without_headings(text, 0, text.len(), &kinds);
        let got: Vec<(SectionKind, &str)> =
            found.iter().map(|(k, r)| (*k, &text[r.clone()])).collect();
        assert_eq!(got.len(), 3);
        assert!(
            got[0].1.starts_with("| 第二十条") && got[0].1.ends_with("| 行政事业性收费 | 0 | | |")
        );
        assert!(got[1].1.starts_with("申请人情况") && got[1].1.ends_with("0\n0"));
        assert!(
            got[2].1.starts_with("### 行政复议") && got[2].1.ends_with("| 0 | 0 | 0 | 0 | 0 |")
        );
        // Only the kinds asked for.
        let one = tables_without_headings(text, 0, text.len(), &kinds[1..2]);
        assert_eq!(one.len(), 1);
        // A sentence that names a label opens no table.
        let prose = "按照《条例》第二十条第（一）项规定，及时公开规章。\n\
                     全年新收政府信息公开申请25件，无结转下年度继续办理的申请。\n";
        assert!(tables_without_headings(prose, 0, prose.len(), &kinds).is_empty());
        assert!(review_header_line("### 行政诉讼（未经复议直接起诉）"));
        assert!(!review_header_line(
            "四、政府信息公开行政复议、行政诉讼情况"
        ));
    }
}
