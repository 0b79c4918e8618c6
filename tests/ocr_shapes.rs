//! The shipped reports (`corpus/`, and the pre-2019 fixtures) as scanning and copying damage
//! them, scored against their hand-checked keys: every fact right on the original stays right.
//!
//! - OCR letters for digits: in every printed table figure, every third `0` printed `O` and
//!   every third `1` printed `l` (and, in a second pass, `o`/`I`), as OCR of a scanned report
//!   prints them. The figures are read as digits, with a warning naming each row. A body
//!   flattened into one line (its table a run of glued figures) may lose table facts, never
//!   read one wrong.
//! - Line numbers: every line numbered as a code viewer or Word's line numbering prints it;
//!   the numbers are dropped before the report is read.
//! - Negatives: a table whose first column counts up is not taken for line numbers.

use crate::common;

use common::{key_of, score, text_reports, Score, TEXT_FORMS};

fn parse(file: &str, text: &str) -> gongkai::model::Report {
    gongkai::report_from_bytes(file, text.as_bytes()).unwrap()
}

/// The facts right before and not after.
fn lost(before: &Score, after: &Score) -> Vec<String> {
    after
        .wrong
        .iter()
        .chain(&after.missing)
        .filter(|d| !before.wrong.contains(d) && !before.missing.contains(d))
        .cloned()
        .collect()
}

/// Every printed table figure of `text` (as the parser read it from the original) with OCR's
/// letters for some of its digits: every third `0` becomes `zero`, every third `1` becomes
/// `one`. How many digits were changed.
fn ocr_figures(file: &str, text: &str, zero: char, one: char) -> (String, usize) {
    let r = parse(file, text);
    let mut spans: Vec<(usize, usize)> = r
        .provenance
        .cells
        .values()
        .filter(|c| !c.raw.is_empty() && text.get(c.offset..c.offset + c.raw.len()) == Some(&c.raw))
        .map(|c| (c.offset, c.offset + c.raw.len()))
        .collect();
    spans.sort();
    spans.dedup();
    let (mut zeros, mut ones, mut changed) = (0, 0, 0);
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for (a, b) in spans {
        if a < at {
            continue;
        }
        out.push_str(&text[at..a]);
        for c in text[a..b].chars() {
            let swap = match c {
                '0' => {
                    zeros += 1;
                    zeros % 3 == 0
                }
                '1' => {
                    ones += 1;
                    ones % 3 == 0
                }
                _ => false,
            };
            if swap {
                changed += 1;
                out.push(if c == '0' { zero } else { one });
            } else {
                out.push(c);
            }
        }
        at = b;
    }
    out.push_str(&text[at..]);
    (out, changed)
}

/// `strict`: every fact stays right; otherwise none may become wrong (a lone `o` or `I` after a
/// label may be a letter, and is left unread).
fn check_ocr(zero: char, one: char, strict: bool) {
    let mut failures = Vec::new();
    let mut reshaped = 0;
    for (file, text) in text_reports(TEXT_FORMS, true) {
        let (shaped, changed) = ocr_figures(&file, &text, zero, one);
        if changed == 0 {
            continue;
        }
        reshaped += 1;
        let key = key_of(&file);
        let before = score(&parse(&file, &text), &key);
        let r = parse(&file, &shaped);
        let after = score(&r, &key);
        let mut lost = lost(&before, &after);
        if !strict || text.lines().count() < 30 {
            lost.retain(|d| after.wrong.contains(d));
        }
        if !lost.is_empty() {
            failures.push(format!("{file}: {changed} digits as letters\n  {lost:?}"));
        }
        // Every figure read from letters is reported with its row.
        if !r
            .warnings
            .iter()
            .any(|w| w.contains("letters for digits") && w.contains(": row "))
        {
            failures.push(format!(
                "{file}: no warning about the letters read as digits"
            ));
        }
    }
    assert!(
        reshaped >= 5,
        "only {reshaped} reports had figures to damage"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn ocr_zeros_as_o_and_ones_as_l_in_the_figures() {
    check_ocr('O', 'l', true);
}

#[test]
fn ocr_zeros_as_small_o_and_ones_as_capital_i_in_the_figures() {
    check_ocr('o', 'I', false);
}

/// Every line of a text numbered: `f(index, line)` is the numbered line.
fn numbered(text: &str, mut f: impl FnMut(usize, &str) -> String) -> String {
    text.split('\n')
        .enumerate()
        .map(|(i, l)| f(i, l))
        .collect::<Vec<_>>()
        .join("\n")
}

fn check_line_numbers(shape: &str, f: impl Fn(&str) -> String) {
    let mut failures = Vec::new();
    let mut reshaped = 0;
    for (file, text) in text_reports(TEXT_FORMS, true) {
        // A web page's lines are its markup: a copy of its text is what gets numbered. A text
        // of a line or two numbered is not told from one that starts with a figure.
        if file.ends_with(".html") || text.lines().count() < 5 {
            continue;
        }
        reshaped += 1;
        let key = key_of(&file);
        let before = score(&parse(&file, &text), &key);
        let after = score(&parse(&file, &f(&text)), &key);
        let lost = lost(&before, &after);
        if !lost.is_empty() {
            failures.push(format!("{file} ({shape}):\n  {lost:?}"));
        }
    }
    assert!(reshaped >= 5);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn line_numbers_of_a_code_viewer() {
    check_line_numbers("right-aligned, every line", |t| {
        numbered(t, |i, l| format!("{:>4} {l}", i + 1))
    });
    check_line_numbers("tab after the number", |t| {
        numbered(t, |i, l| format!("{}\t{l}", i + 1))
    });
    check_line_numbers("bar after the number", |t| {
        numbered(t, |i, l| format!("{:>3} | {l}", i + 1))
    });
}

#[test]
fn line_numbers_of_word_skip_blank_lines_and_restart_on_each_page() {
    check_line_numbers("blank lines unnumbered, 40 lines a page", |t| {
        let mut n = 0;
        numbered(t, |_, l| {
            if l.trim().is_empty() {
                return l.to_string();
            }
            n += 1;
            format!("{} {l}", (n - 1) % 40 + 1)
        })
    });
}

/// A table whose rows are numbered (a 序号 column counting up) is no run of line numbers: the
/// prose and headings around it are not numbered. The text keeps its numbers.
#[test]
fn a_counting_first_column_is_not_taken_for_line_numbers() {
    let mut tried = 0;
    for (file, text) in text_reports(TEXT_FORMS, true) {
        if file.ends_with(".html") {
            continue;
        }
        // Every line with a figure on it numbered, the others (prose, headings) not.
        let mut n = 0;
        let shaped = numbered(&text, |_, l| {
            if l.trim().is_empty() || !l.bytes().any(|b| b.is_ascii_digit()) {
                return l.to_string();
            }
            n += 1;
            format!("{n} {l}")
        });
        let doc = gongkai::ingest::Document::from_bytes(&file, shaped.as_bytes()).unwrap();
        let kept = doc
            .text
            .lines()
            .filter(|l| l.trim_start().starts_with(|c: char| c.is_ascii_digit()))
            .count();
        let lines_with_figures = text
            .split('\n')
            .filter(|l| !l.trim().is_empty() && l.bytes().any(|b| b.is_ascii_digit()))
            .count();
        // Every numbered line still starts with its number (some figures are numbered in
        // their own right, so at least as many).
        assert!(
            kept >= lines_with_figures,
            "{file}: {kept} lines start with a number, {lines_with_figures} were numbered"
        );
        tried += 1;
    }
    assert!(tried >= 5);
}

/// OCR's period for a thousands separator in a count of table 三 (`2.932` for 2,932): a count
/// has no decimal point, so the row is left out with a warning naming the figure, never read as
/// 2.932 (before: the row was read so, two wrong facts).
#[test]
fn a_count_with_a_period_for_its_thousands_separator_is_never_read_as_a_fraction() {
    use gongkai::model::template::REQUEST_ROWS;
    let mut text = String::from(
        "某局2023年政府信息公开工作年度报告\n一、总体情况\n本局认真贯彻落实《条例》。\n\
         三、收到和处理政府信息公开申请情况\n\
         申请人情况\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n",
    );
    for row in REQUEST_ROWS.iter().filter(|r| r.in_2021) {
        let cells = match row.key {
            "new_received" | "disclosed" => "2932\t53\t0\t0\t0\t0\t2985",
            "total_processed" => "2.932\t53\t0\t0\t0\t0\t2.985",
            _ => "0\t0\t0\t0\t0\t0\t0",
        };
        text += &format!("{}\t{cells}\n", row.label);
    }
    text += "五、存在的主要问题及改进情况\n无。\n";
    let r = parse("r.txt", &text);
    let requests = r.tables.requests.as_ref().expect("table 三");
    assert_eq!(
        requests["disclosed"]["natural_person"].map(|n| n.0),
        Some(2932.0),
        "the other rows are read"
    );
    let total = requests
        .get("total_processed")
        .and_then(|row| row.get("natural_person"))
        .and_then(|c| c.map(|n| n.0));
    assert!(total != Some(2.932), "read as a fraction: {total:?}");
    assert!(
        r.warnings
            .iter()
            .any(|w| w.contains("prints 2.932 where a whole count is expected")),
        "{:?}",
        r.warnings
    );
}
