//! Line numbers printed at the start of every line (Word's line numbering, a copy from a code
//! viewer or a diff tool: "  12 一、总体情况"): not figures of the report. They are found for the
//! document as a whole — a number at the start of (nearly) every line, headings and prose
//! included, that goes up by one from line to line — and dropped before anything else reads
//! the text. A table whose first column counts up (a 序号 column) is no such run: its numbers
//! stand on its rows only, not on the prose and headings around it.

use super::MChar;

/// The fewest numbered lines that make a run: fewer could be a short numbered list.
const MIN_NUMBERED: usize = 5;
/// The least share of the non-blank lines that must carry a number.
const MIN_COVER: f64 = 0.95;
/// The least share of the numbered lines whose number is the previous one's plus one (or 1: a
/// numbering that restarts on each page).
const MIN_STEPS: f64 = 0.95;
/// The fewest numbered lines with Han text after the number: a run over a document's prose and
/// headings, not over a list of figures.
const MIN_HAN_LINES: usize = 2;
/// The most digits of a line number (a report has at most some thousands of lines).
const MAX_DIGITS: usize = 6;

/// A line number at the start of a line.
#[derive(Clone, Copy)]
struct Prefix {
    value: u64,
    /// How many characters the number takes with the one space or tab after it.
    plain: usize,
    /// With a bar after it instead, as viewers print them ("  12 | text"): up to the bar and one
    /// space after it.
    barred: Option<usize>,
}

/// The line number at the start of a line, if it has one.
fn prefix(line: &[MChar]) -> Option<Prefix> {
    let mut i = line.iter().take_while(|m| m.c == ' ').count();
    let digits = line[i..]
        .iter()
        .take_while(|m| m.c.is_ascii_digit())
        .count();
    if digits == 0 || digits > MAX_DIGITS {
        return None;
    }
    let value = line[i..i + digits]
        .iter()
        .fold(0u64, |v, m| v * 10 + u64::from(m.c as u32 - '0' as u32));
    i += digits;
    // A bar after the number, perhaps after spaces ("  12 | text").
    let bar = i + line[i..].iter().take_while(|m| m.c == ' ').count();
    let barred = line.get(bar).is_some_and(|m| m.c == '|').then(|| {
        let space = usize::from(line.get(bar + 1).is_some_and(|m| m.c == ' '));
        bar + 1 + space
    });
    let plain = match line.get(i).map(|m| m.c) {
        // A number alone on its line: a blank line numbered.
        None => i,
        // One separator: the text's own indent after it is kept.
        Some(' ' | '\t') => i + 1,
        // Glued to a bar: the bar is the text's when the numbering is not barred.
        Some('|') => i,
        _ => return None,
    };
    Some(Prefix {
        value,
        plain,
        barred,
    })
}

/// Drop the line numbers of a text numbered line by line; a text without such a run is left as
/// it is.
pub fn strip(chars: &mut Vec<MChar>) {
    // Most texts are not numbered: they are left at their first few lines without a number
    // (at most this many of the lines may lack one).
    let n_lines = 1 + chars.iter().filter(|m| m.c == '\n').count();
    let may_lack = ((1.0 - MIN_COVER) * n_lines as f64) as usize;
    let mut lines: Vec<std::ops::Range<usize>> = Vec::with_capacity(n_lines);
    let mut prefixes: Vec<Option<Prefix>> = Vec::with_capacity(n_lines);
    let (mut non_blank, mut numbered) = (0usize, 0usize);
    for line in chars.split(|m| m.c == '\n') {
        let start = lines
            .last()
            .map_or(0, |r: &std::ops::Range<usize>| r.end + 1);
        let p = prefix(line);
        if !line.iter().all(|m| m.c.is_whitespace()) {
            non_blank += 1;
            numbered += usize::from(p.is_some());
            if non_blank - numbered > may_lack {
                return;
            }
        }
        lines.push(start..start + line.len());
        prefixes.push(p);
    }
    if numbered < MIN_NUMBERED || (numbered as f64) < MIN_COVER * non_blank as f64 {
        return;
    }
    let mut steps = 0;
    let mut prev: Option<u64> = None;
    for n in prefixes.iter().flatten().map(|p| p.value) {
        if prev.is_some_and(|p| n == p + 1 || (n == 1 && p > 1)) {
            steps += 1;
        }
        prev = Some(n);
    }
    if (steps as f64) < MIN_STEPS * (numbered - 1) as f64 {
        return;
    }
    // A numbering printed with bars has a bar on (nearly) every numbered line; otherwise a bar
    // after the number is the text's own (a markdown row: " 163 | 27 | 10 |").
    let barred = prefixes
        .iter()
        .flatten()
        .filter(|p| p.barred.is_some())
        .count();
    let with_bars = barred as f64 >= MIN_COVER * numbered as f64;
    let width = |p: &Prefix| {
        if with_bars {
            p.barred.unwrap_or(p.plain)
        } else {
            p.plain
        }
    };
    let han_lines = lines
        .iter()
        .zip(&prefixes)
        .filter(|(r, p)| {
            p.is_some_and(|p| {
                chars[r.start + width(&p)..r.end]
                    .iter()
                    .any(|m| super::normalize::is_han(m.c))
            })
        })
        .count();
    if han_lines < MIN_HAN_LINES {
        return;
    }
    // Every line's number and its separator dropped, in place.
    let mut drop = vec![false; chars.len()];
    for (r, p) in lines.iter().zip(&prefixes) {
        if let Some(p) = p {
            drop[r.start..r.start + width(p)]
                .iter_mut()
                .for_each(|d| *d = true);
        }
    }
    let mut i = 0;
    chars.retain(|_| {
        i += 1;
        !drop[i - 1]
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stripped(s: &str) -> String {
        crate::ingest::applied(strip, s)
    }

    fn numbered(s: &str, first: usize) -> String {
        s.split('\n')
            .enumerate()
            .map(|(i, l)| format!("{:>4} {l}", i + first))
            .collect::<Vec<_>>()
            .join("\n")
    }

    const REPORT: &str = "平潭综合实验区2022年度政府信息公开工作年度报告\n\n一、总体情况\n\
        本年度共主动公开信息120条。\n二、主动公开政府信息情况\n规章\t0\t0\t0\n\
        规范性文件\t3\t1\t12\n三、收到和处理政府信息公开申请情况\n";

    #[test]
    fn numbers_on_every_line_are_dropped() {
        assert_eq!(stripped(&numbered(REPORT, 1)), REPORT);
        // Numbered from elsewhere (a page of a longer copy), with tabs or bars after them.
        assert_eq!(stripped(&numbered(REPORT, 37)), REPORT);
        let tabbed: String = REPORT
            .split('\n')
            .enumerate()
            .map(|(i, l)| format!("{}\t{l}", i + 1))
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(stripped(&tabbed), REPORT);
        let barred: String = REPORT
            .split('\n')
            .enumerate()
            .map(|(i, l)| format!("{:>3} | {l}", i + 1))
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(stripped(&barred), REPORT);
        // A markdown table numbered with spaces keeps its rows' borders.
        let md = REPORT.replace("规章\t0\t0\t0", "| 规章 | 0 | 0 | 0 |");
        assert_eq!(stripped(&numbered(&md, 1)), md);
    }

    #[test]
    fn word_numbering_skips_blank_lines_and_restarts_on_pages() {
        let mut n = 0;
        let word: String = REPORT
            .split('\n')
            .enumerate()
            .map(|(i, l)| {
                if l.is_empty() {
                    return String::new();
                }
                n = if i == 5 { 1 } else { n + 1 };
                format!("{n} {l}")
            })
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(stripped(&word), REPORT);
    }

    #[test]
    fn a_counting_column_or_a_numbered_list_is_kept() {
        // A table with a 序号 column inside prose that carries no numbers.
        let table = "一、总体情况\n本年度共主动公开信息120条。\n二、主动公开政府信息情况\n\
            1 规章 0 0 0\n2 规范性文件 3 1 12\n3 行政许可 5\n4 行政处罚 7\n5 行政强制 0\n\
            6 行政事业性收费 0\n三、收到和处理政府信息公开申请情况\n";
        assert_eq!(stripped(table), table);
        // Numbers that do not go up by one (figures, years).
        let figures = "2022 年报\n120 条\n7 件\n2021 年\n5 次\n10 人\n";
        assert_eq!(stripped(figures), figures);
        // Too few lines to tell.
        let short = "1 一、总体情况\n2 二、主动公开\n3 三、申请\n";
        assert_eq!(stripped(short), short);
    }
}
