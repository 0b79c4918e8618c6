//! A figure in a table cell printed otherwise than as bare digits: with emphasis (`**7**`), a
//! note's mark (`7*`, `7※`, `7①`), a unit (`7件`, `7件次`, `7（件）`), thousands grouped
//! (`10,690`, `10，690`, `10 690`), 本年增/减 in words (`减少9`). Every keyed report whose
//! tables are delimited (tab or pipe rows, HTML cells) is respelled, each figure cell rewritten
//! one way, and read again: every fact the original had right must stay right, to the cell.
//! Before one notion of a figure was shared by the cell reader and the row reader, a decorated
//! figure beside blank cells moved its row one column, silently.
//!
//! And the other way: a cell that is no single figure (`2，5`, a list) must be left out, never
//! read as another number.

use crate::common;

use common::{key_of, score, text_reports, Score, TEXT_FORMS};
use regex::Regex;

/// A figure as the corpus prints it in a cell: digits, perhaps signed, perhaps with decimals.
fn is_plain_figure(t: &str) -> bool {
    let body = t.strip_prefix('-').unwrap_or(t);
    let (int, frac) = body.split_once('.').unwrap_or((body, "0"));
    !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && !frac.is_empty()
        && frac.bytes().all(|b| b.is_ascii_digit())
}

/// The report with every figure cell of its delimited tables (tab fields, pipe fields, HTML
/// `<td>` cells) rewritten by `spell` (None: left as printed); None when no cell changed. With
/// `lone_lines`, a line that is one figure (a table printed one cell per line) is a cell too.
fn respell(text: &str, spell: &dyn Fn(&str) -> Option<String>, lone_lines: bool) -> Option<String> {
    let mut changed = 0;
    let mut field = |f: &str| -> String {
        let t = f.trim();
        match is_plain_figure(t).then(|| spell(t)).flatten() {
            Some(s) => {
                changed += 1;
                f.replacen(t, &s, 1)
            }
            None => f.to_string(),
        }
    };
    let out = if text.contains("<td") {
        let cell = Regex::new(r"(<td[^>]*>(?:<p[^>]*>|<span[^>]*>)*)([^<]*)(</)").unwrap();
        cell.replace_all(text, |c: &regex::Captures| {
            format!("{}{}{}", &c[1], field(&c[2]), &c[3])
        })
        .into_owned()
    } else {
        text.lines()
            .map(|l| {
                let sep = if l.contains('\t') {
                    '\t'
                } else if l.trim_start().starts_with('|') {
                    '|'
                } else if lone_lines {
                    return field(l);
                } else {
                    return l.to_string();
                };
                l.split(sep)
                    .map(&mut field)
                    .collect::<Vec<_>>()
                    .join(&sep.to_string())
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    (changed > 0).then_some(out)
}

fn read(file: &str, text: &str) -> Score {
    score(
        &gongkai::report_from_bytes(file, text.as_bytes()).unwrap(),
        &key_of(file),
    )
}

/// The facts right in `before` that `after` has wrong or missing.
fn lost(before: &Score, after: &Score) -> Vec<String> {
    after
        .wrong
        .iter()
        .chain(&after.missing)
        .filter(|d| !before.wrong.contains(d) && !before.missing.contains(d))
        .cloned()
        .collect()
}

/// Thousands grouped with `sep` in a figure of four digits or more ("10690" → "10，690").
fn grouped(t: &str, sep: &str) -> Option<String> {
    let (sign, body) = t.strip_prefix('-').map_or(("", t), |b| ("-", b));
    let (int, frac) = body
        .split_once('.')
        .map_or((body, None), |(i, f)| (i, Some(f)));
    if int.len() < 4 {
        return None;
    }
    let head = int.len() % 3;
    let mut groups: Vec<&str> = Vec::new();
    if head > 0 {
        groups.push(&int[..head]);
    }
    groups.extend((head..int.len()).step_by(3).map(|i| &int[i..i + 3]));
    let frac = frac.map(|f| format!(".{f}")).unwrap_or_default();
    Some(format!("{sign}{}{frac}", groups.join(sep)))
}

/// A spelling's name, what it makes of a figure, and whether it applies to a figure alone on
/// its line too (本年增/减 is printed so in a one-cell-per-line table; a page number is never
/// negative).
type Spelling = (&'static str, fn(&str) -> Option<String>, bool);

/// Each way of printing a figure `t` that keeps it the same figure (None: `t` is left as it is).
const SPELLINGS: &[Spelling] = &[
    ("note star", |t| (t != "0").then(|| format!("{t}*")), false),
    (
        "two note stars",
        |t| (t != "0").then(|| format!("{t}**")),
        false,
    ),
    (
        "note mark ※",
        |t| (t != "0").then(|| format!("{t}※")),
        false,
    ),
    (
        "circled note ①",
        |t| (t != "0").then(|| format!("{t}①")),
        false,
    ),
    (
        "note in brackets",
        |t| (t != "0").then(|| format!("{t}（注）")),
        false,
    ),
    (
        "markdown bold",
        |t| (t != "0").then(|| format!("**{t}**")),
        false,
    ),
    (
        "markdown underscores",
        |t| (t != "0").then(|| format!("__{t}__")),
        false,
    ),
    (
        "html bold left in text",
        |t| (t != "0").then(|| format!("<b>{t}</b>")),
        false,
    ),
    ("unit in brackets", |t| Some(format!("{t}（件）")), false),
    ("unit 件次", |t| Some(format!("{t}件次")), false),
    (
        "unit 人次 after a space",
        |t| Some(format!("{t} 人次")),
        false,
    ),
    (
        "bold with unit",
        |t| (t != "0").then(|| format!("**{t}件**")),
        false,
    ),
    ("ascii thousands", |t| grouped(t, ","), false),
    ("full-width thousands", |t| grouped(t, "，"), false),
    ("space thousands", |t| grouped(t, " "), false),
    ("no-break space thousands", |t| grouped(t, "\u{a0}"), false),
    ("thin space thousands", |t| grouped(t, "\u{2009}"), false),
    (
        "decrease as 减少",
        |t| t.strip_prefix('-').map(|b| format!("减少{b}")),
        true,
    ),
    (
        "decrease as 减",
        |t| t.strip_prefix('-').map(|b| format!("减{b}")),
        true,
    ),
    (
        "decrease as 下降",
        |t| t.strip_prefix('-').map(|b| format!("下降{b}")),
        true,
    ),
];

/// Known losses, each a layout the spelling meets outside a delimited row (left as missing,
/// never wrong; see the report of the `cells` branch):
/// - suining prints table 四 one cell per line, its first figure on a line led by a pipe
///   ("| 0"): a line of one field is read as text, where a unit made of prose units ("件次",
///   "人次") is no cell;
/// - chongming prints cells one per line behind a tab ("\t2"): "__2__" there loses its row
///   (not yet understood; "**2**" is read).
const KNOWN_LOSSES: &[(&str, &str)] = &[
    ("suining-chuanshan-ybj-2020.txt", "unit 件次"),
    ("suining-chuanshan-ybj-2020.txt", "unit 人次 after a space"),
    ("shanghai-chongming-ybj-2023.txt", "markdown underscores"),
];

#[test]
fn a_figure_spelled_otherwise_is_the_same_figure() {
    let mut failures = Vec::new();
    for (name, spell, lone_lines) in SPELLINGS {
        let mut respelled = 0;
        for (file, text) in text_reports(TEXT_FORMS, false) {
            let Some(shaped) = respell(&text, spell, *lone_lines) else {
                continue;
            };
            respelled += 1;
            let before = read(&file, &text);
            let after = read(&file, &shaped);
            let lost = lost(&before, &after);
            let known = KNOWN_LOSSES.contains(&(file.as_str(), *name));
            // A known loss must still be a loss (else it is fixed: take it off the list), and
            // never a wrong figure.
            if known {
                assert!(
                    !lost.is_empty(),
                    "{file} ({name}) is read now: not a known loss"
                );
                assert!(
                    !lost.iter().any(|d| after.wrong.contains(d)),
                    "{file} ({name}): {lost:?}"
                );
                continue;
            }
            if !lost.is_empty() {
                failures.push(format!("{file} ({name}):\n  {}", lost.join("\n  ")));
            }
        }
        // Every spelling reaches some report (the negative ones only those printing a decrease).
        assert!(respelled > 0, "{name}: no report respelled");
        eprintln!("{name}: {respelled} reports respelled");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Spellings of a figure `t` that make it no single figure: its digits split by a list's comma
/// or another separator that groups no thousands. Such a cell is left out (its row reported),
/// never read as a number.
const NO_FIGURE: &[Spelling] = &[
    ("list comma", |t| split_digits(t, "，"), false),
    (
        "ascii comma not in thousands",
        |t| split_digits(t, ","),
        false,
    ),
    ("enumeration comma", |t| split_digits(t, "、"), false),
    (
        "unknown unit",
        |t| (t != "0").then(|| format!("{t}米")),
        false,
    ),
];

/// "25" → "2，5": the digits split after the first by `sep` (figures of two or three digits).
fn split_digits(t: &str, sep: &str) -> Option<String> {
    (t.len() >= 2 && t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit()))
        .then(|| format!("{}{sep}{}", &t[..1], &t[1..]))
}

#[test]
fn a_cell_that_is_no_single_figure_is_never_read_as_one() {
    let mut failures = Vec::new();
    for (name, spell, lone_lines) in NO_FIGURE {
        let mut respelled = 0;
        for (file, text) in text_reports(TEXT_FORMS, false) {
            let Some(shaped) = respell(&text, spell, *lone_lines) else {
                continue;
            };
            respelled += 1;
            let before = read(&file, &text);
            let after = read(&file, &shaped);
            let wrong: Vec<&String> = after
                .wrong
                .iter()
                .filter(|d| d.starts_with("cell ") && !before.wrong.contains(d))
                .collect();
            if !wrong.is_empty() {
                failures.push(format!("{file} ({name}): {wrong:?}"));
            }
        }
        assert!(respelled > 0, "{name}: no report respelled");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_respelling_reaches_every_delimited_report() {
    // The test above is only as good as its reach: every report with tab, pipe or HTML tables.
    let reached: Vec<String> = text_reports(TEXT_FORMS, false)
        .into_iter()
        .filter(|(_, t)| respell(t, &|t| Some(format!("{t}*")), false).is_some())
        .map(|(f, _)| f)
        .collect();
    assert!(reached.len() >= 6, "{reached:?}");
    assert_eq!(grouped("10690", "，").as_deref(), Some("10，690"));
    assert_eq!(grouped("9116.36", " ").as_deref(), Some("9 116.36"));
    assert_eq!(grouped("1234567", ",").as_deref(), Some("1,234,567"));
    assert_eq!(grouped("690", ","), None);
}
