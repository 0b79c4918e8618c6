//! Shapes of reports found by the fourteenth generality hunt, made from every keyed report (the
//! shipped corpus and, where present, the pdftotext extractions of `../shared/corpus-pdf`) and
//! scored against its key: every fact right on the original stays right, none becomes wrong.
//!
//! - Markdown's hard line breaks: pandoc writes a backslash at the end of each line a Word
//!   document broke by hand (a title over two lines, a sign-off, a table cell's lines): the
//!   backslash ended titles, figures and labels (173 facts lost on 9 of 15 variants).
//! - Subsections numbered by a Word multilevel list, `1.1 主动公开情况` under `1 总体情况`:
//!   一's five subsections were lost (41 facts on 9 variants).
//! - Parts numbered with Roman numerals typed in ASCII capitals (`IV. 政府信息公开行政复议…`,
//!   `IV、`), on lines of their own or in a report crawled into one line: the part was no
//!   heading, and in a one-line body every table after it was lost (444 facts on 6 of 30).
//! - Lines broken by a vertical tab (a Word document's manual line break, as its object model
//!   and some converters give it) or by NEL (U+0085): 26 of 30 such variants refused whole as
//!   binary, and the one-line crawls, with too few breaks to be refused, lost their outline
//!   under vertical tabs (425 facts on 3 variants). U+2028, U+2029 and `\r\r\n` read right
//!   alone; `\r\r\n` (a CRLF text saved again in text mode) with a page footer every few
//!   lines read as a blank line after every line, which table cells a line take for blank
//!   cells (guangzhou's tables 三 and 四, 206 facts on 1 of 16 variants).
//! - Parts numbered `第4部分`, `第4章` (digits where 第四部分 has a numeral): 58 facts on 4 of
//!   30 variants.
//! - Subsections numbered with spaces inside the brackets (`（ 一 ）`, `( 一 )`, an OCR's or a
//!   letter-spaced PDF's): subsections lost (100 facts on all 22 variants).
//! - Table 三's item numbers typed with a comma for 、 (`2,申请人逾期…`, `3,其他`, an OCR's
//!   or an English-mode input method's): rows lost (500 facts on 16 of 22 variants).
//! - A part's heading numbered otherwise (`第4部分 `, `四,`, `IV. `) and wrapped onto a second
//!   line as a PDF prints a long heading (`第4部分 政府信息公开行政复议、` / `行政诉讼情况`): the
//!   wrapped-heading reader knew 四、 only (284 facts on 25 of 36 variants).
//! - A title in corner brackets (`「某局2023年政府信息公开工作年度报告」`, `『…』`): the agency
//!   read as `「某局` (a wrong agency on all 8 such variants); 《》, 【】, `（全文）` after it
//!   and `标题：` before it read right.
//! - A footnote's number in a web page's table cell (`<td>524<sup>1</sup></td>`, shown 524¹):
//!   read as part of the figure (524 as 5241, 0 as 1): 50 facts on each of the 2 of 5
//!   variants whose mark is a number, most of them wrong values; `注1`, `*` and `①` read right.
//!   A note linked in square brackets after the figure (`524<a href="#note">[1]</a>`): the
//!   cell was no figure and its row was left out (107 facts on the `[1]` variant; `[注2]`
//!   read right).
//! - A correction in a web page's table cell, the old figure struck out before the new one
//!   (`<td><s>99</s>60</td>`, Word's strikethrough; `<del>`, `<strike>`): read as one figure,
//!   9960 (50 facts, most of them wrong values, on each of the 3 variants).
//! - Problems numbered `问题一：…问题二：…`: one problem where there were two or three (a wrong
//!   count on 5 of 8 variants); 第一，, 首先…最后, `1)`, ①, `（1）` and 一是 read right.

use crate::common;

use common::{every_variant_keeps_every_fact, replaced, section_span, Keyed};
use gongkai::model::{Report, SectionKind};

/// The headings the original's parse found that open with `open` + a numeral 一…六 + `close`:
/// (byte offset, the marker's length, its number).
fn numbered_headings(k: &Keyed, r: &Report, open: &str, close: &str) -> Vec<(usize, usize, usize)> {
    let mut out: Vec<(usize, usize, usize)> = r
        .provenance
        .sections
        .iter()
        .filter_map(|s| {
            let rest = &k.source[s.offset..];
            "一二三四五六".chars().enumerate().find_map(|(n, c)| {
                let m = format!("{open}{c}{close}");
                rest.starts_with(&m).then_some((s.offset, m.len(), n + 1))
            })
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

#[test]
fn markdown_hard_line_breaks_keep_every_fact() {
    let made = every_variant_keeps_every_fact("hard line breaks", |k, _| {
        if k.name.ends_with(".html") {
            return vec![];
        }
        // A backslash at the end of every line of a paragraph or a cell a line but its last
        // (pipe rows are a table's: pandoc breaks no line there).
        let lines: Vec<&str> = k.source.lines().collect();
        let mut out = String::new();
        for (i, l) in lines.iter().enumerate() {
            out.push_str(l);
            let next = lines.get(i + 1).map_or("", |n| n.trim());
            let row = |s: &str| s.trim_start().starts_with('|');
            if !l.trim().is_empty() && !next.is_empty() && !row(l) && !row(next) {
                out.push('\\');
            }
            out.push('\n');
        }
        vec![out]
    });
    assert!(made >= 15, "{made} variants");
}

#[test]
fn subsections_numbered_by_a_multilevel_list_keep_every_fact() {
    let made = every_variant_keeps_every_fact("1.1 subsections", |k, r| {
        let parts = numbered_headings(k, r, "", "、");
        // Each part on a line of its own: in a report crawled into one line, `4 政府信息…`
        // after a table's last figure is that figure's neighbour, whoever reads it.
        let on_own_line = |off: usize| {
            let before = &k.source[..off];
            let line = &before[before.rfind('\n').map_or(0, |n| n + 1)..];
            line.chars()
                .all(|c| c.is_whitespace() || matches!(c, '#' | '*'))
        };
        if parts.len() < 4 || !parts.iter().all(|p| on_own_line(p.0)) {
            return vec![];
        }
        let mut at: Vec<(usize, usize, String)> = parts
            .iter()
            .map(|(o, l, n)| (*o, *l, format!("{n} ")))
            .collect();
        for (open, close) in [("（", "）"), ("(", ")")] {
            for (o, l, n) in numbered_headings(k, r, open, close) {
                let part = parts.iter().rev().find(|p| p.0 < o).map_or(1, |p| p.2);
                at.push((o, l, format!("{part}.{n} ")));
            }
        }
        at.sort();
        vec![replaced(&k.source, &at)]
    });
    assert!(made >= 10, "{made} variants");
}

/// The report with its parts (numbered 一、…六、 where the original's parse found them)
/// numbered by each of `numberings` in turn (1…6 → the number as printed); none where fewer
/// than four parts are so numbered.
fn parts_numbered(k: &Keyed, r: &Report, numberings: &[&dyn Fn(usize) -> String]) -> Vec<String> {
    let parts = numbered_headings(k, r, "", "、");
    if parts.len() < 4 {
        return vec![];
    }
    numberings
        .iter()
        .map(|number| {
            let at: Vec<(usize, usize, String)> =
                parts.iter().map(|(o, l, n)| (*o, *l, number(*n))).collect();
            replaced(&k.source, &at)
        })
        .collect()
}

#[test]
fn parts_numbered_with_ascii_roman_numerals_keep_every_fact() {
    const ROMAN: [&str; 7] = ["", "I", "II", "III", "IV", "V", "VI"];
    let made = every_variant_keeps_every_fact("ASCII Roman parts", |k, r| {
        parts_numbered(
            k,
            r,
            &[&|n| format!("{}. ", ROMAN[n]), &|n| {
                format!("{}、", ROMAN[n])
            }],
        )
    });
    assert!(made >= 28, "{made} variants");
}

#[test]
fn lines_broken_by_a_vertical_tab_or_nel_keep_every_fact() {
    let made = every_variant_keeps_every_fact("line separators", |k, _| {
        if k.name.ends_with(".html") {
            return vec![];
        }
        let text = k.source.replace("\r\n", "\n");
        ["\u{b}", "\u{85}", "\u{2028}", "\u{2029}", "\r\r\n"]
            .iter()
            .map(|sep| text.replace('\n', sep))
            .collect()
    });
    assert!(made >= 75, "{made} variants");
}

#[test]
fn parts_numbered_di_n_in_digits_keep_every_fact() {
    let made = every_variant_keeps_every_fact("第4部分", |k, r| {
        parts_numbered(
            k,
            r,
            &[&|n| format!("第{n}部分 "), &|n| format!("第{n}章 ")],
        )
    });
    assert!(made >= 28, "{made} variants");
}

#[test]
fn subsections_numbered_with_spaces_inside_their_brackets_keep_every_fact() {
    let made = every_variant_keeps_every_fact("（ 一 ）", |k, r| {
        [("（ ", " ）"), ("( ", " )")]
            .iter()
            .filter_map(|(open, close)| {
                let at: Vec<(usize, usize, String)> = [("（", "）"), ("(", ")")]
                    .iter()
                    .flat_map(|(o, c)| numbered_headings(k, r, o, c))
                    .map(|(off, l, n)| {
                        let numeral = "一二三四五六".chars().nth(n - 1).unwrap();
                        (off, l, format!("{open}{numeral}{close}"))
                    })
                    .collect();
                let mut at = at;
                at.sort();
                (!at.is_empty()).then(|| replaced(&k.source, &at))
            })
            .collect()
    });
    assert!(made >= 20, "{made} variants");
}

#[test]
fn table_three_item_numbers_typed_with_a_comma_keep_every_fact() {
    let item = regex::Regex::new(r"(?m)^(\s*)(\d)[.、．]").unwrap();
    let made = every_variant_keeps_every_fact("1,申请人…", |k, r| {
        let Some((a, b)) = section_span(r, SectionKind::RequestsTable, k.source.len()) else {
            return vec![];
        };
        ["$1$2,", "$1$2，"]
            .iter()
            .map(|with| {
                let table = item.replace_all(&k.source[a..b], *with);
                format!("{}{table}{}", &k.source[..a], &k.source[b..])
            })
            .collect()
    });
    assert!(made >= 20, "{made} variants");
}

#[test]
fn problems_numbered_otherwise_keep_every_fact() {
    const CN: [&str; 7] = ["", "一", "二", "三", "四", "五", "六"];
    let made = every_variant_keeps_every_fact("problems renumbered", |k, r| {
        let problems = &r.problems.problems;
        let Some((a, _)) = section_span(r, SectionKind::Problems, k.source.len()) else {
            return vec![];
        };
        if problems.len() < 2 {
            return vec![];
        }
        // Each problem's start in the source and the marker before it (back to white space or
        // a stop).
        let mut at: Vec<(usize, usize)> = Vec::new();
        let mut from = a;
        for p in problems {
            let head: String = p.chars().take(8).collect();
            let Some(i) = k.source[from..].find(&head) else {
                return vec![];
            };
            let start = from + i;
            let mut marker = start;
            for (j, c) in k.source[..start].char_indices().rev() {
                if c.is_whitespace() || "。：:；;，".contains(c) || start - j > 18 {
                    break;
                }
                marker = j;
            }
            at.push((marker, start));
            from = start + head.len();
        }
        let n = problems.len();
        let schemes: [&dyn Fn(usize) -> String; 7] = [
            &|i| format!("问题{}：", CN[i + 1]),
            &|i| format!("第{}，", CN[i + 1]),
            &|i| {
                match i {
                    0 => "首先，",
                    _ if i + 1 == n => "最后，",
                    1 => "其次，",
                    _ => "再次，",
                }
                .to_string()
            },
            &|i| format!("{})", i + 1),
            &|i| char::from_u32('①' as u32 + i as u32).unwrap().to_string(),
            &|i| format!("（{}）", i + 1),
            &|i| format!("{}是", CN[i + 1]),
        ];
        schemes
            .iter()
            .map(|number| {
                let with: Vec<(usize, usize, String)> = at
                    .iter()
                    .enumerate()
                    .map(|(i, (m, s))| (*m, s - m, number(i)))
                    .collect();
                replaced(&k.source, &with)
            })
            .collect()
    });
    assert!(made >= 50, "{made} variants");
}

#[test]
fn lines_ending_in_a_doubled_cr_across_pages_keep_every_fact() {
    let made = every_variant_keeps_every_fact("\\r\\r\\n with page footers", |k, _| {
        if k.name.ends_with(".html") {
            return vec![];
        }
        let mut out = String::new();
        for (i, line) in k.source.replace("\r\n", "\n").split('\n').enumerate() {
            if i > 0 {
                out.push_str("\r\r\n");
                if i % 3 == 0 {
                    out.push_str(&format!("-{}-\r\r\n\u{c}", i / 3));
                }
            }
            out.push_str(line);
        }
        vec![out]
    });
    assert!(made >= 15, "{made} variants");
}

#[test]
fn wrapped_headings_numbered_otherwise_keep_every_fact() {
    const ROMAN: [&str; 7] = ["", "I", "II", "III", "IV", "V", "VI"];
    const CN: [&str; 7] = ["", "一", "二", "三", "四", "五", "六"];
    let numberings: [&dyn Fn(usize) -> String; 4] = [
        &|n| format!("第{n}部分 "),
        &|n| format!("第{n}章 "),
        &|n| format!("{},", CN[n]),
        &|n| format!("{}. ", ROMAN[n]),
    ];
    let made = every_variant_keeps_every_fact("wrapped, numbered otherwise", |k, r| {
        if k.name.ends_with(".html") {
            return vec![];
        }
        let parts = numbered_headings(k, r, "", "、");
        if parts.len() < 4 {
            return vec![];
        }
        numberings
            .iter()
            .filter_map(|number| {
                let mut at: Vec<(usize, usize, String)> = Vec::new();
                let mut wrapped = 0;
                for (off, len, n) in &parts {
                    // The title to the line's end; parts 二 to 五 with a long title wrap before
                    // their last six characters.
                    let title_start = off + len;
                    let line_end = k.source[title_start..]
                        .find('\n')
                        .map_or(k.source.len(), |e| title_start + e);
                    let title = k.source[title_start..line_end].trim_end_matches('\r');
                    let chars: Vec<char> = title.chars().collect();
                    // (A markdown heading, `## 四、…`, is one line by its syntax: no wrap.)
                    let line_start = k.source[..*off].rfind('\n').map_or(0, |i| i + 1);
                    let atx = k.source[line_start..*off].contains('#');
                    // Only a part numbered as the template numbers it (shanghai-stcsm numbers
                    // its tables 一 to 三: renumbered, its number names another part).
                    let own = ["", "", "主动公开", "申请", "行政复议", "问题"]
                        .get(*n)
                        .is_some_and(|w| !w.is_empty() && title.contains(w));
                    let long = !atx
                        && own
                        && chars.len() >= 10
                        && title.ends_with('况')
                        && !title.contains(['。', '，', ' ']);
                    let new_title = if long {
                        wrapped += 1;
                        let cut = chars.len() - 6;
                        let (a, b): (String, String) =
                            (chars[..cut].iter().collect(), chars[cut..].iter().collect());
                        format!("{a}\n{b}")
                    } else {
                        title.to_string()
                    };
                    at.push((
                        *off,
                        len + title.len(),
                        format!("{}{new_title}", number(*n)),
                    ));
                }
                (wrapped >= 2).then(|| replaced(&k.source, &at))
            })
            .collect()
    });
    assert!(made >= 30, "{made} variants");
}

#[test]
fn titles_in_brackets_and_labels_keep_every_fact() {
    let made = every_variant_keeps_every_fact("title forms", |k, _| {
        if k.name.ends_with(".html") {
            return vec![];
        }
        // The report's title: the first line naming the report whose words before the year
        // name an agency (a title split over two lines is left as it is).
        let Some(at) = k.source.find("年度报告") else {
            return vec![];
        };
        let start = k.source[..at].rfind('\n').map_or(0, |i| i + 1);
        let end = k.source[at..].find('\n').map_or(k.source.len(), |i| at + i);
        let title = k.source[start..end].trim().trim_start_matches('#').trim();
        let before_year = &title[..title.find('年').unwrap_or(0)];
        if title.chars().count() > 60
            || !["局", "政府", "委"].iter().any(|w| before_year.contains(w))
        {
            return vec![];
        }
        [
            format!("「{title}」"),
            format!("『{title}』"),
            format!("《{title}》"),
            format!("【{title}】"),
            format!("{title}（全文）"),
            format!("标题：{title}"),
        ]
        .iter()
        .map(|t| format!("{}{t}{}", &k.source[..start], &k.source[end..]))
        .collect()
    });
    assert!(made >= 24, "{made} variants");
}

/// A web page with every third figure cell's figure rewritten by `edit` (its text as printed).
fn every_third_figure_cell(source: &str, edit: &dyn Fn(&str) -> String) -> String {
    let figure_cell = regex::Regex::new(r"(<td[^>]*>\s*(?:<[^>]+>\s*)*)(\d+)(\s*<)").unwrap();
    let mut n = 0;
    figure_cell
        .replace_all(source, |c: &regex::Captures| {
            n += 1;
            if n % 3 == 0 {
                format!("{}{}{}", &c[1], edit(&c[2]), &c[3])
            } else {
                c[0].to_string()
            }
        })
        .into_owned()
}

#[test]
fn footnote_marks_raised_in_web_page_cells_keep_every_fact() {
    let made = every_variant_keeps_every_fact("<sup> in cells", |k, _| {
        if !k.name.ends_with(".html") {
            return vec![];
        }
        let raised = ["1", "12", "注1", "*", "①"]
            .map(|mark| every_third_figure_cell(&k.source, &|f| format!("{f}<sup>{mark}</sup>")));
        // A note linked in square brackets, not raised.
        let linked = ["[1]", "[注2]"].map(|mark| {
            every_third_figure_cell(&k.source, &|f| format!("{f}<a href=\"#note\">{mark}</a>"))
        });
        raised.into_iter().chain(linked).collect()
    });
    assert!(made >= 7, "{made} variants");
}

#[test]
fn figures_struck_out_in_web_page_cells_keep_every_fact() {
    let made = every_variant_keeps_every_fact("struck out in cells", |k, _| {
        if !k.name.ends_with(".html") {
            return vec![];
        }
        ["s", "del", "strike"]
            .iter()
            .map(|tag| every_third_figure_cell(&k.source, &|f| format!("<{tag}>99</{tag}>{f}")))
            .collect()
    });
    assert!(made >= 3, "{made} variants");
}
