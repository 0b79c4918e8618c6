//! Variations of PDF-extracted reports nobody has printed yet: the six pdftotext extractions of
//! `../shared/corpus-pdf/text/` (skipped cleanly where `../shared` is absent) and the shipped
//! line-based reports of `corpus/`, changed the ways PDF extraction changes them:
//!
//! - a page footer or a form feed inserted at every line boundary inside the tables, one at a
//!   time (`-3-`, `- 3 -`, `— 3 —`, `第3页 共6页`, `\f`, footer then form feed);
//! - table 三's row labels re-wrapped at 4, 6, 8, 12 and 16 characters, the values after the first
//!   piece or the last, on a line of their own after it, or between the first piece and the rest;
//! - column headers one character per line; a running page header after a footer; a bare page
//!   number (no dashes); two rows printed labels first, then values;
//! - one character dropped from each row label in turn (a misprint like `2.其他法律行政止公开`).
//!
//! Every fact right on the unchanged text must stay right (for a misprint: where the label stays
//! unique, i.e. it still has five characters of a template label), and no fact may become wrong.

use crate::common;

use common::{read_key, score, shared_pdf_dir, Score};
use gongkai::model::template::{DISCLOSURE_2021, REQUEST_ROWS};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

/// A fact's identity in a score's lists ("cell requests.new_received.total").
fn fact_id(what: &str) -> String {
    let first = what.lines().next().unwrap_or("");
    let head = first.split(':').next().unwrap_or(first);
    let words: Vec<&str> = head.split_whitespace().collect();
    match words.first() {
        Some(&("cell" | "check" | "table" | "section" | "problem")) => {
            words[..2.min(words.len())].join(" ")
        }
        Some(w) => w.to_string(),
        None => String::new(),
    }
}

fn not_right(s: &Score) -> BTreeSet<String> {
    s.wrong
        .iter()
        .chain(&s.missing)
        .map(|w| fact_id(w))
        .collect()
}

/// One report text with its key and its score unchanged.
struct Sample {
    name: String,
    text: String,
    key: Value,
    base: Score,
}

fn parse(name: &str, text: &str) -> gongkai::model::Report {
    gongkai::report_from_bytes(name, text.as_bytes()).unwrap()
}

fn sample(name: &str, text: String, key: Value) -> Sample {
    let base = score(&parse(name, &text), &key);
    Sample {
        name: name.to_string(),
        text,
        key,
        base,
    }
}

fn pdf_samples() -> Vec<Sample> {
    let Some(dir) = shared_pdf_dir() else {
        eprintln!("../shared/corpus-pdf absent: PDF shapes skipped");
        return Vec::new();
    };
    let mut out = Vec::new();
    for stem in [
        "huaian-city-2024",
        "huaian-hongze-2023",
        "huaian-hongze-2024",
    ] {
        let key = read_key(&dir.join(format!("expected/{stem}.json")));
        for variant in ["layout", "raw"] {
            let text =
                std::fs::read_to_string(dir.join(format!("text/{stem}.{variant}.txt"))).unwrap();
            out.push(sample(&format!("{stem}.{variant}.txt"), text, key.clone()));
        }
    }
    out
}

/// The shipped reports whose tables are printed over several lines.
fn corpus_samples() -> Vec<Sample> {
    let mut out = Vec::new();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    for e in std::fs::read_dir(dir.join("corpus")).unwrap() {
        let path = e.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        if name.ends_with(".html") {
            continue;
        }
        let stem = name.rsplit_once('.').unwrap().0;
        let key = read_key(&dir.join(format!("tests/expected/{stem}.json")));
        let text = std::fs::read_to_string(&path).unwrap();
        if table_lines(&text).len() < 10 {
            continue;
        }
        out.push(sample(&name, text, key));
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// Indices of the lines from the heading of table 二 to the heading after table 四.
fn table_lines(text: &str) -> std::ops::Range<usize> {
    let lines: Vec<&str> = text.split('\n').collect();
    let start = lines
        .iter()
        .position(|l| l.contains("主动公开政府信息情况"))
        .unwrap_or(lines.len());
    let end = lines[start.min(lines.len())..]
        .iter()
        .position(|l| l.contains("存在的主要问题"))
        .map(|p| start + p)
        .unwrap_or(lines.len());
    start..end
}

/// Check a changed text against its sample; returns a failure message, if any.
fn check(s: &Sample, what: &str, text: &str, strict: bool) -> Option<String> {
    let got = score(&parse(&s.name, text), &s.key);
    if !got.wrong.is_empty() {
        return Some(format!("{} [{what}]: WRONG\n  {}", s.name, got.report()));
    }
    if strict {
        let before = not_right(&s.base);
        let lost: Vec<String> = not_right(&got).difference(&before).cloned().collect();
        if !lost.is_empty() {
            return Some(format!("{} [{what}]: no longer right: {lost:?}", s.name));
        }
    }
    None
}

fn finish(kind: &str, tried: usize, failures: Vec<String>) {
    eprintln!(
        "{kind}: {} of {tried} variants pass",
        tried - failures.len()
    );
    assert!(
        failures.is_empty(),
        "{kind}: {} of {tried} variants fail:\n{}",
        failures.len(),
        failures[..failures.len().min(20)].join("\n")
    );
}

const FOOTERS: &[&str] = &[
    "                    -7-\n",
    "\u{c}",
    "        - 7 -\n\u{c}",
    "— 7 —\n",
    "第7页 共9页\n",
    "\n\n                                       -7-\n\u{c}",
    "第 7 页\n\u{c}",
];

/// A footer or form feed at every line boundary inside the tables, one at a time.
fn footers_everywhere(samples: &[Sample], kind: &str) {
    let mut tried = 0;
    let mut failures = Vec::new();
    for s in samples {
        let lines: Vec<&str> = s.text.split('\n').collect();
        let range = table_lines(&s.text);
        for at in range.start + 1..range.end {
            let footer = FOOTERS[at % FOOTERS.len()];
            let mut text = lines[..at].join("\n");
            text.push('\n');
            text.push_str(footer);
            text.push_str(&lines[at..].join("\n"));
            tried += 1;
            if let Some(f) = check(
                s,
                &format!("footer {footer:?} before line {}", at + 1),
                &text,
                true,
            ) {
                failures.push(f);
            }
        }
    }
    finish(kind, tried, failures);
}

#[test]
fn pdf_footers_and_form_feeds_anywhere_in_the_tables() {
    footers_everywhere(&pdf_samples(), "PDF texts, footers");
}

#[test]
fn corpus_footers_and_form_feeds_anywhere_in_the_tables() {
    footers_everywhere(&corpus_samples(), "corpus, footers");
}

/// A table row printed on one line as "label values": (indent, label, values) when the label
/// holds a template label and the values are one, three or seven numbers.
fn label_row(line: &str) -> Option<(&str, &str, &str)> {
    let trimmed = line.trim_end();
    let indent = &trimmed[..trimmed.len() - trimmed.trim_start().len()];
    let body = trimmed.trim_start();
    let words: Vec<(usize, &str)> = body
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - body.as_ptr() as usize, w))
        .collect();
    let is_num = |w: &str| w.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    let n_vals = words.iter().rev().take_while(|(_, w)| is_num(w)).count();
    if ![1, 3, 7].contains(&n_vals) || words.len() <= n_vals {
        return None;
    }
    let first = words[words.len() - n_vals].0;
    let label = body[..first].trim_end();
    // One label only (no side heading before it, no white space inside).
    if label.contains(char::is_whitespace) || !label.chars().any(|c| c > '\u{2e80}') {
        return None;
    }
    longest_variant(label)?;
    Some((indent, label, &body[first..]))
}

/// The longest template label variant (tables 二 and 三) in a label, with its char offset.
fn longest_variant(label: &str) -> Option<(usize, &'static str)> {
    let compact: String = label.chars().filter(|c| !c.is_whitespace()).collect();
    let compact = compact.replace('（', "(").replace('）', ")");
    REQUEST_ROWS
        .iter()
        .chain(DISCLOSURE_2021)
        .flat_map(|r| r.variants.iter())
        .filter(|v| !v.chars().any(|c| c.is_ascii_digit()))
        .filter_map(|v| compact.find(v).map(|b| (compact[..b].chars().count(), *v)))
        .max_by_key(|(_, v)| v.chars().count())
}

fn chunks(s: &str, w: usize) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    chars.chunks(w).map(|c| c.iter().collect()).collect()
}

#[test]
fn pdf_labels_rewrapped_at_other_widths() {
    let samples = pdf_samples();
    let mut tried = 0;
    let mut failures = Vec::new();
    for s in &samples {
        let lines: Vec<&str> = s.text.split('\n').collect();
        for width in [4, 6, 8, 12, 16] {
            // Where the values go: after the first piece or the last, on their own line after
            // it, or between the first piece and the rest (as pdftotext -layout prints a row
            // centred vertically).
            for place in ["first", "end", "after", "middle"] {
                let mut changed = 0;
                let out: Vec<String> = lines
                    .iter()
                    .map(|l| {
                        let Some((indent, label, vals)) = label_row(l) else {
                            return l.to_string();
                        };
                        let pieces = chunks(label, width);
                        if pieces.len() < 2 {
                            return l.to_string();
                        }
                        changed += 1;
                        let p: Vec<String> =
                            pieces.iter().map(|x| format!("{indent}{x}")).collect();
                        let v = format!("{indent}    {vals}");
                        match place {
                            "first" => format!("{}    {vals}\n{}", p[0], p[1..].join("\n")),
                            "end" => format!("{}    {vals}", p.join("\n")),
                            "after" => format!("{}\n{v}", p.join("\n")),
                            _ => format!("{}\n{v}\n{}", p[0], p[1..].join("\n")),
                        }
                    })
                    .collect();
                if changed == 0 {
                    continue;
                }
                tried += 1;
                let what = format!("labels wrapped at {width}, values {place}");
                if let Some(f) = check(s, &what, &out.join("\n"), true) {
                    failures.push(f);
                }
            }
        }
    }
    finish("PDF texts, re-wrapped labels", tried, failures);
}

#[test]
fn pdf_labels_misprinted_by_one_character() {
    let samples = pdf_samples();
    let mut tried = 0;
    let mut failures = Vec::new();
    for s in &samples {
        let lines: Vec<&str> = s.text.split('\n').collect();
        for (i, l) in lines.iter().enumerate() {
            let Some((indent, label, vals)) = label_row(l) else {
                continue;
            };
            let (at, v) = longest_variant(label).unwrap();
            let n = v.chars().count();
            let chars: Vec<char> = label.chars().collect();
            // The first, a middle and the last character of the template label dropped; an
            // extra character in the middle; the middle one printed wrong.
            let mut misprints: Vec<String> = [0, n / 2, n - 1]
                .iter()
                .map(|&k| {
                    let mut m: String = chars[..at + k].iter().collect();
                    m.extend(&chars[at + k + 1..]);
                    m
                })
                .collect();
            let mid = at + n / 2;
            for (insert, c) in [(true, '之'), (false, '口')] {
                let mut m: String = chars[..mid].iter().collect();
                m.push(c);
                m.extend(&chars[mid + usize::from(!insert)..]);
                misprints.push(m);
            }
            for misprint in misprints {
                // On one line, and wrapped at 6 with the values between the first piece and the
                // rest.
                let p = chunks(&misprint, 6);
                let wrapped = format!(
                    "{indent}{}\n{indent}    {vals}\n{indent}{}",
                    p[0],
                    p[1..].join("\n")
                );
                for (shape, line) in [
                    ("", format!("{indent}{misprint}    {vals}")),
                    (", wrapped", wrapped),
                ] {
                    let mut out: Vec<String> = lines.iter().map(|x| x.to_string()).collect();
                    out[i] = line;
                    tried += 1;
                    // Unique: five characters of the template label are left as printed.
                    let strict = n >= 6;
                    let what = format!("'{label}' printed '{misprint}'{shape}");
                    if let Some(f) = check(s, &what, &out.join("\n"), strict) {
                        failures.push(f);
                    }
                }
            }
        }
    }
    finish("PDF texts, misprinted labels", tried, failures);
}

/// Lines of a table's header (after its heading, before its first line with a digit).
fn header_lines(lines: &[&str], heading: &str) -> std::ops::Range<usize> {
    let Some(start) = lines.iter().position(|l| l.contains(heading)) else {
        return 0..0;
    };
    let end = lines[start + 1..]
        .iter()
        .position(|l| l.chars().any(|c| c.is_ascii_digit()))
        .map(|p| start + 1 + p)
        .unwrap_or(start + 1);
    start + 1..end
}

/// Column headers of tables 三 and 四 printed one character per line (as pdftotext -raw prints
/// narrow header cells).
#[test]
fn pdf_headers_one_character_per_line() {
    let samples = pdf_samples();
    let mut failures = Vec::new();
    for s in &samples {
        let lines: Vec<&str> = s.text.split('\n').collect();
        let mut out: Vec<String> = Vec::new();
        let r3 = header_lines(&lines, "收到和处理政府信息公开申请情况");
        let r4 = header_lines(&lines, "行政复议、行政诉讼情况");
        for (i, l) in lines.iter().enumerate() {
            if r3.contains(&i) || r4.contains(&i) {
                out.extend(l.chars().filter(|c| !c.is_whitespace()).map(String::from));
            } else {
                out.push(l.to_string());
            }
        }
        if let Some(f) = check(s, "headers one character per line", &out.join("\n"), true) {
            failures.push(f);
        }
    }
    finish(
        "PDF texts, headers one character per line",
        samples.len(),
        failures,
    );
}

/// Labels wrapped at 8 characters with their values between the first piece and the rest, and
/// then a footer and form feed at every line boundary of table 三, one at a time.
#[test]
fn pdf_wrapped_labels_with_footers_anywhere() {
    let samples = pdf_samples();
    let mut tried = 0;
    let mut failures = Vec::new();
    for s in &samples {
        let wrapped: Vec<String> = s
            .text
            .split('\n')
            .map(|l| match label_row(l) {
                Some((indent, label, vals)) if label.chars().count() > 8 => {
                    let p = chunks(label, 8);
                    format!(
                        "{indent}{}\n{indent}    {vals}\n{indent}{}",
                        p[0],
                        p[1..].join("\n")
                    )
                }
                _ => l.to_string(),
            })
            .collect();
        let text = wrapped.join("\n");
        let lines: Vec<&str> = text.split('\n').collect();
        let Some(start) = lines
            .iter()
            .position(|l| l.contains("收到和处理政府信息公开申请情况"))
        else {
            continue;
        };
        let end = lines
            .iter()
            .position(|l| l.contains("行政复议、行政诉讼情况"))
            .unwrap_or(lines.len());
        for at in start + 1..end {
            let footer = FOOTERS[at % FOOTERS.len()];
            let mut t = lines[..at].join("\n");
            t.push('\n');
            t.push_str(footer);
            t.push_str(&lines[at..].join("\n"));
            tried += 1;
            let what = format!("wrapped at 8, footer {footer:?} before line {}", at + 1);
            if let Some(f) = check(s, &what, &t, true) {
                failures.push(f);
            }
        }
    }
    finish("PDF texts, wrapped labels and footers", tried, failures);
}

/// A row label of a tab-, pipe- or space-separated row of the shipped reports misprinted by one
/// character (the middle one dropped, or one extra): (line, misprinted line, strict).
fn corpus_misprints(text: &str) -> Vec<(usize, String, bool)> {
    let mut out = Vec::new();
    let range = table_lines(text);
    for (i, l) in text.split('\n').enumerate() {
        if !range.contains(&i) {
            continue;
        }
        let sep = if l.contains('\t') { '\t' } else { '|' };
        let fields: Vec<&str> = l.split(sep).collect();
        let numeric = |f: &str| {
            let f = f.trim();
            !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        };
        // The label: the last text field before the first value.
        let Some(first_value) = fields.iter().position(|f| numeric(f)) else {
            continue;
        };
        let Some(fi) = fields[..first_value]
            .iter()
            .rposition(|f| !f.trim().is_empty())
        else {
            continue;
        };
        let Some((_, v)) = longest_variant(fields[fi]) else {
            continue;
        };
        if !fields[fi].contains(v) {
            continue;
        }
        let n = v.chars().count();
        let chars: Vec<char> = v.chars().collect();
        for insert in [false, true] {
            let mut m: String = chars[..n / 2].iter().collect();
            if insert {
                m.push('之');
                m.extend(&chars[n / 2..]);
            } else {
                m.extend(&chars[n / 2 + 1..]);
            }
            let mut f: Vec<String> = fields.iter().map(|x| x.to_string()).collect();
            f[fi] = f[fi].replacen(v, &m, 1);
            out.push((i, f.join(&sep.to_string()), n >= 6));
        }
    }
    out
}

#[test]
fn corpus_labels_misprinted_by_one_character() {
    let samples = corpus_samples();
    let mut tried = 0;
    let mut failures = Vec::new();
    for s in &samples {
        let lines: Vec<&str> = s.text.split('\n').collect();
        for (i, line, strict) in corpus_misprints(&s.text) {
            let mut out: Vec<String> = lines.iter().map(|x| x.to_string()).collect();
            out[i] = line;
            tried += 1;
            let what = format!("line {} printed '{}'", i + 1, out[i]);
            if let Some(f) = check(s, &what, &out.join("\n"), strict) {
                failures.push(f);
            }
        }
    }
    finish("corpus, misprinted labels", tried, failures);
}

/// A running page header (the report's title, as many PDFs print it at the top of each page)
/// after a footer and form feed at every line boundary of table 三, one at a time.
#[test]
fn pdf_running_headers_between_rows() {
    let samples = pdf_samples();
    let mut tried = 0;
    let mut failures = Vec::new();
    for s in &samples {
        let lines: Vec<&str> = s.text.split('\n').collect();
        let Some(start) = lines
            .iter()
            .position(|l| l.contains("收到和处理政府信息公开申请情况"))
        else {
            continue;
        };
        let end = lines
            .iter()
            .position(|l| l.contains("行政复议、行政诉讼情况"))
            .unwrap_or(lines.len());
        for at in start + 1..end {
            let mut t = lines[..at].join("\n");
            t.push_str("\n        - 7 -\n\u{c}            政府信息公开工作年度报告\n");
            t.push_str(&lines[at..].join("\n"));
            tried += 1;
            let what = format!("running header before line {}", at + 1);
            if let Some(f) = check(s, &what, &t, true) {
                failures.push(f);
            }
        }
    }
    finish("PDF texts, running headers", tried, failures);
}

/// Two rows printed labels first, then their values (content-stream order by column): the
/// values cannot be told apart by their labels, and are placed by the template's row order.
#[test]
fn pdf_two_rows_labels_before_values() {
    let samples = pdf_samples();
    let mut tried = 0;
    let mut failures = Vec::new();
    for s in &samples {
        let lines: Vec<&str> = s.text.split('\n').collect();
        for i in 0..lines.len().saturating_sub(1) {
            let (Some(a), Some(b)) = (label_row(lines[i]), label_row(lines[i + 1])) else {
                continue;
            };
            if a.2.split_whitespace().count() != 7 || b.2.split_whitespace().count() != 7 {
                continue;
            }
            let mut out: Vec<String> = lines.iter().map(|x| x.to_string()).collect();
            out[i] = format!("{}{}\n{}{}", a.0, a.1, b.0, b.1);
            out[i + 1] = format!("{}\n{}", a.2, b.2);
            tried += 1;
            let what = format!("'{}' and '{}' before their values", a.1, b.1);
            if let Some(f) = check(s, &what, &out.join("\n"), true) {
                failures.push(f);
            }
        }
    }
    finish("PDF texts, labels before values", tried, failures);
}

/// A bare page number (no dashes: "7") before a form feed at every line boundary inside the
/// tables: a lone number beside rows printed as lines of values is no cell of them.
#[test]
fn pdf_bare_page_numbers_are_never_figures() {
    let samples = pdf_samples();
    let mut tried = 0;
    let mut failures = Vec::new();
    for s in &samples {
        let lines: Vec<&str> = s.text.split('\n').collect();
        let range = table_lines(&s.text);
        for at in range.start + 1..range.end {
            let mut t = lines[..at].join("\n");
            t.push_str("\n                    7\n\u{c}");
            t.push_str(&lines[at..].join("\n"));
            tried += 1;
            let what = format!("bare page number before line {}", at + 1);
            if let Some(f) = check(s, &what, &t, true) {
                failures.push(f);
            }
        }
    }
    finish("PDF texts, bare page numbers", tried, failures);
}
