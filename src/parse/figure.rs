//! What a table cell's text reads as one figure: the one notion of "a figure" that the event
//! scanner (`cells::field_events`) and the row reader (`fields::structured_fields`) share, so
//! that a cell is a figure for both or for neither (a cell one takes for a figure and the other
//! for text moves its row's cells one column).
//!
//! A figure may be printed with what does not change it: emphasis around it (`**7**`, `__7__`,
//! `<b>7</b>`), a mark pointing at a note under the table (`7*`, `7※`, `7①`, `7(注)`), a unit of
//! the count or amount (`7件`, `7件次`, `7(件)`, `9116.36万元`), a currency's sign or code
//! before an amount (`￥96171.6`, `¥96171.6`, `RMB96171.6`), thousands grouped by commas
//! (`10,690`, `10，690`) or, inside one delimited cell, by spaces (`10 690`), 本年增/减 in
//! words (`增加3`, `减少9`, `持平`), and a zero typed as a numeral (`〇`). Anything else is no figure: a
//! list (`1，2`), a misgrouped number
//! (`9116,36`), a unit the list does not know. Such a cell is text, and its row is then reported
//! rather than read wrong.

/// Units a cell may print after its figure: counts (件, and 件次/人次 for agencies that count
/// requests by the visit) and amounts. A unit that ends another (次 ends 件次) comes after it.
pub const UNITS: &[&str] = &[
    "万元", "件次", "人次", "元", "件", "个", "条", "次", "项", "人", "份", "家", "起", "篇", "宗",
];

/// Count units a row may print after each of its figures on a line of text ("95件   0件   0件"),
/// a unit that ends another after it.
const ROW_UNITS: &[&str] = &["件次", "人次", "件", "条", "个", "次", "项"];

/// `text` with the count unit after every figure of a row blanked, byte for byte (offsets stay
/// those of `text`): a line that ends with two figures or more, separated by white space, each
/// printed with the same unit ("（一）予以公开  50件  0件  0件 …"). A unit after a figure of
/// running text reads as prose (`2019年`, `25件` are no cells), so such a row's figures were no
/// cells at all; a cell of a delimited row reads its unit itself (`parse_fixed`).
pub fn blank_row_units(text: &str) -> std::borrow::Cow<'_, str> {
    if !ROW_UNITS.iter().any(|u| text.contains(u)) {
        return std::borrow::Cow::Borrowed(text);
    }
    // Bytes overwritten in place (a unit's bytes by as many ASCII spaces, so the text stays
    // UTF-8): `replace_range` moved the rest of the text for each unit.
    let mut out: Option<Vec<u8>> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let units = row_unit_spans(line);
        if !units.is_empty() {
            let o = out.get_or_insert_with(|| text.as_bytes().to_vec());
            for r in units {
                o[at + r.start..at + r.end].fill(b' ');
            }
        }
        at += line.len();
    }
    out.map_or(std::borrow::Cow::Borrowed(text), |o| {
        std::borrow::Cow::Owned(String::from_utf8(o).expect("units replaced by ASCII spaces"))
    })
}

/// The byte ranges of the units `blank_row_units` blanks on one line.
fn row_unit_spans(line: &str) -> Vec<std::ops::Range<usize>> {
    let mut spans = Vec::new();
    let mut unit: Option<&str> = None;
    let mut end = line.trim_end().len();
    loop {
        let head = &line[..end];
        let start = head.rfind(|c: char| c.is_whitespace()).map_or(0, |i| {
            i + head[i..].chars().next().map_or(1, char::len_utf8)
        });
        let tok = &head[start..];
        let Some(u) = ROW_UNITS.iter().find(|u| tok.ends_with(**u)) else {
            break;
        };
        let num = &tok[..tok.len() - u.len()];
        let is_figure = !num.is_empty()
            && num.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && num.bytes().next().is_some_and(|b| b.is_ascii_digit());
        // The row's first figure glued on its label ("…申请数量3001件": normalising joins a
        // Han character and a digit a space apart): its unit is blanked too, the last one.
        let digits = num.len() - num.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let glued = !is_figure
            && digits > 0
            && num[..num.len() - digits]
                .chars()
                .next_back()
                .is_some_and(crate::ingest::normalize::is_han);
        if (!is_figure && !glued) || unit.is_some_and(|v| v != *u) {
            break;
        }
        if glued {
            if !spans.is_empty() {
                spans.push(start + num.len()..start + tok.len());
            }
            break;
        }
        unit = Some(u);
        spans.push(start + num.len()..start + tok.len());
        if start == 0 {
            break;
        }
        end = head[..start].trim_end().len();
        if end == 0 {
            break;
        }
    }
    if spans.len() < 2 {
        spans.clear();
    }
    spans
}

/// Words that print 本年增/减 as a change, and the sign each gives.
const CHANGE_WORDS: &[(&str, f64)] = &[
    ("增加", 1.0),
    ("增长", 1.0),
    ("上升", 1.0),
    ("增", 1.0),
    ("减少", -1.0),
    ("下降", -1.0),
    ("减", -1.0),
];

/// Words that print 本年增/减 as no change.
const NO_CHANGE_WORDS: &[&str] = &[
    "持平",
    "无变化",
    "不变",
    "无增减",
    "没有变化",
    "未变化",
    "无增长",
];

/// Emphasis printed around a whole cell: markdown bold and italics, HTML tags left in text.
const EMPHASIS: &[(&str, &str)] = &[
    ("**", "**"),
    ("__", "__"),
    ("*", "*"),
    ("_", "_"),
    ("<b>", "</b>"),
    ("<strong>", "</strong>"),
    ("<B>", "</B>"),
    ("<STRONG>", "</STRONG>"),
];

/// A cell that marks nothing to report.
pub fn is_na(t: &str) -> bool {
    matches!(
        unwrap_emphasis(t),
        "/" | "-" | "—" | "——" | "–" | "无" | "不适用" | "\\" | "－" | "／"
    )
}

/// A whole cell's figure ("25", "-9", "9116.36", "251000元", "4068.208万元", "24件", "**7**",
/// "7*", "10，690", "减少9"). A cell is the whole field or line here, so a count's unit after
/// it is the cell's ("收到申请25件" in a sentence is not a field).
pub fn parse_fixed(t: &str) -> Option<f64> {
    figure(t, false)
}

/// [`parse_fixed`] for a cell of a delimited row (a tab or pipe field): there a figure may also
/// group its thousands with spaces ("10 690"), which on a line of text would be two cells.
pub fn delimited_figure(t: &str) -> Option<f64> {
    figure(t, true)
}

fn figure(t: &str, spaced: bool) -> Option<f64> {
    // The common case first, cheaply: a cell of plain digits (this runs for every field).
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        return t.parse().ok();
    }
    let t = unwrap_emphasis(t.trim());
    // An amount printed after its currency's sign or code ("￥96171.6", "¥ 96171.6",
    // "RMB96171.6"), as some forms print table 三's fees: read as text, the fees were lost.
    let t = t
        .strip_prefix(['¥', '￥'])
        .or_else(|| t.strip_prefix("RMB"))
        .map_or(t, str::trim_start);
    // A zero typed with the input method's numeral (〇), a circle or the word (零): a cell of
    // nothing but it can be no other figure.
    if matches!(t, "〇" | "○" | "零") {
        return Some(0.0);
    }
    // 本年增/减 printed in words where nothing changed (持平, 无变化): a whole cell of it can be
    // no other figure.
    if NO_CHANGE_WORDS.contains(&t) {
        return Some(0.0);
    }
    // Every other reading ends in ASCII digits (what follows only strips marks, units and
    // signs): a label's text, most of the cells this is asked about, is no figure at once.
    if !t.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let t = strip_note_mark(t);
    let t = strip_unit(t);
    // "7件*": a note's mark after the unit.
    let t = strip_note_mark(t);
    let (t, wan) = split_wan(t);
    // A change printed with its sign either way ("-9", "+3": 本年增/减, or a 同比 column). A
    // typesetter's dash for the minus ("–9", Word's autocorrect; "−9") and a space after the
    // sign ("- 9", a PDF's glyph spacing) read the same: "- 9" read 9 before, a wrong sign.
    let (sign, body) = match (t.strip_prefix(['-', '–', '—', '−']), t.strip_prefix('+')) {
        (Some(b), _) => (-1.0, b.trim_start()),
        (_, Some(b)) => (1.0, b.trim_start()),
        _ => CHANGE_WORDS
            .iter()
            .find_map(|(w, s)| t.strip_prefix(w).map(|b| (*s, b.trim_start())))
            .unwrap_or((1.0, t)),
    };
    let digits = ungrouped(body, spaced)?;
    let v: f64 = if wan {
        times_ten_thousand(&digits).parse().ok()?
    } else {
        digits.parse().ok()?
    };
    Some(sign * v)
}

/// A count printed in 万 ("3.5万", "12万件": a large city's 行政许可) is the figure times ten
/// thousand, where it was read as printed (3.5) before: the figure without its 万, and whether
/// it had one. (The fees' row, whose unit is 万元, reads "4068.2万" in 万元 again:
/// [`printed_in_wan`].)
fn split_wan(t: &str) -> (&str, bool) {
    match t.strip_suffix('万') {
        Some(b) if b.ends_with(|c: char| c.is_ascii_digit()) => (b.trim_end(), true),
        _ => (t, false),
    }
}

/// Whether a cell's figure is printed with 万 after it ("4068.2万", "**12万**"), which the
/// cell readers take as ten thousand times the figure.
pub fn printed_in_wan(t: &str) -> bool {
    let t = strip_note_mark(unwrap_emphasis(t.trim()));
    split_wan(strip_note_mark(strip_unit(t))).1
}

/// Plain decimal digits ("3.5") times 10,000, moving the point ("35000"): exact, where a
/// float's product is not (1.2 × 10⁴ need not print 12000).
fn times_ten_thousand(digits: &str) -> String {
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let moved = frac.len().min(4);
    let mut out = format!("{int}{}{}", &frac[..moved], "0".repeat(4 - moved));
    if moved < frac.len() {
        out.push('.');
        out.push_str(&frac[moved..]);
    }
    out
}

/// The cell without emphasis around it ("**7**" → "7"); as printed when there is none.
fn unwrap_emphasis(t: &str) -> &str {
    let mut t = t.trim();
    // Bold italics nest ("***7***"): a few layers at most.
    for _ in 0..3 {
        let Some(inner) = EMPHASIS.iter().find_map(|(open, close)| {
            t.strip_prefix(open)
                .and_then(|r| r.strip_suffix(close))
                .filter(|r| !r.trim().is_empty())
        }) else {
            break;
        };
        t = inner.trim();
    }
    t
}

/// The cell without a note's mark after its figure: "7*", "7**", "7※", "7①", "7¹", "7(注)",
/// "7注1".
/// Only after a figure or its unit, so that a mark alone or after text is left as printed.
fn strip_note_mark(t: &str) -> &str {
    let body = if let Some(b) = t.strip_suffix(['※', '†', '‡']) {
        b
    } else if t.ends_with('*') {
        let b = t.trim_end_matches('*');
        if t.len() - b.len() > 3 {
            return t;
        }
        b
    } else if let Some(b) = t.strip_suffix(|c: char| ('①'..='⑳').contains(&c)) {
        b
    } else if t.ends_with(is_superscript_digit) {
        // "524¹": a footnote's number printed raised (a web page's <sup>1</sup>).
        let b = t.trim_end_matches(is_superscript_digit);
        if t.chars().count() - b.chars().count() > 2 {
            return t;
        }
        b
    } else if let Some(b) = strip_note_word(t) {
        b
    } else {
        return t;
    };
    // The mark follows the figure, or its unit ("7件*", "7(件)*").
    let body = body.trim_end();
    let after_figure = body.ends_with(|c: char| c.is_ascii_digit() || c == ')' || c == '）')
        || UNITS.iter().any(|u| body.ends_with(u));
    if after_figure {
        body
    } else {
        t
    }
}

/// ⁰ ¹ ² ³ … ⁹: a digit printed raised.
fn is_superscript_digit(c: char) -> bool {
    matches!(
        c,
        '\u{2070}' | '\u{b9}' | '\u{b2}' | '\u{b3}' | '\u{2074}'..='\u{2079}'
    )
}

/// "7注", "7注1", "7(注)", "7(注1)" → "7"; and a reference in square brackets, as a web page
/// links a note ("7[1]", "7[注1]", "7【1】").
fn strip_note_word(t: &str) -> Option<&str> {
    if let Some(inside) = t.strip_suffix([']', '】']) {
        let r = inside.trim_end_matches(|c: char| c.is_ascii_digit());
        let r = r.strip_suffix('注').unwrap_or(r);
        // Digits or 注 inside: "7[]" is no note's mark.
        if r.len() < inside.len() {
            return r.strip_suffix(['[', '【']);
        }
        return None;
    }
    let inner = t
        .strip_suffix([')', '）'])
        .map(|r| (r, true))
        .unwrap_or((t, false));
    let (r, bracketed) = inner;
    let r = r.strip_suffix(|c: char| c.is_ascii_digit()).unwrap_or(r);
    let r = r.strip_suffix('注')?;
    if bracketed {
        r.strip_suffix(['(', '（'])
    } else {
        Some(r)
    }
}

/// The cell without a known unit after its figure, bare or in brackets ("21件", "21 件次",
/// "21(件)").
fn strip_unit(t: &str) -> &str {
    let (inner, bracketed) = match t
        .strip_suffix([')', '）'])
        .and_then(|r| r.rfind(['(', '（']).map(|p| (r, p)))
    {
        Some((r, p)) => {
            let open = r[p..].chars().next().map_or(1, char::len_utf8);
            (&r[p + open..], Some(&r[..p]))
        }
        None => (t, None),
    };
    let Some(unit) = UNITS.iter().find(|u| inner.trim().ends_with(**u)) else {
        return t;
    };
    let body = match bracketed {
        // The bracket holds the unit alone.
        Some(before) if inner.trim() == *unit => before,
        Some(_) => return t,
        None => &inner.trim_end()[..inner.trim_end().len() - unit.len()],
    };
    let body = body.trim_end();
    // "1.2万件": a count's unit after 万, which `figure` reads.
    let in_wan = body
        .strip_suffix('万')
        .is_some_and(|b| b.ends_with(|c: char| c.is_ascii_digit()));
    if body.ends_with(|c: char| c.is_ascii_digit()) || in_wan && !unit.contains('元') {
        body
    } else {
        t
    }
}

/// The digits of an unsigned number as printed, its thousands groups joined ("10,690",
/// "10，690", with `spaced` "10 690" → "10690"); None unless the text is exactly such a number.
/// Every group after the first has exactly three digits and the first one to three, with the
/// same separator throughout: "1，2" (a list) and "9116,36" are no number.
fn ungrouped(body: &str, spaced: bool) -> Option<std::borrow::Cow<'_, str>> {
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    if frac.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    if int.is_empty() {
        return None;
    }
    if int.bytes().all(|b| b.is_ascii_digit()) {
        return Some(body.into());
    }
    let sep = int.chars().find(|c| !c.is_ascii_digit())?;
    if !(matches!(sep, ',' | '，') || (spaced && sep == ' ')) {
        return None;
    }
    let mut groups = int.split(sep);
    let first = groups.next()?;
    if first.is_empty()
        || first.len() > 3
        || first.starts_with('0')
        || !first.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let mut out = String::with_capacity(body.len());
    out.push_str(first);
    for g in groups {
        if g.len() != 3 || !g.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        out.push_str(g);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    Some(out.into())
}

/// A delimited field that prints a figure with more than the figure (a share, a second count,
/// a sum, an arrow: "1（12.5%）", "5(3)", "2+1", "↑3"): digits, no Han character, and not one of
/// the readings a field of digits has elsewhere (a figure, digit groups, an item number "1."
/// or "（1）" of a 序号 column, a date or a page number "4/9" — these are left to their own
/// readers). The caller has found it no figure.
pub fn unreadable_figure(t: &str) -> bool {
    if !t.contains(|c: char| c.is_ascii_digit()) || t.chars().any(crate::ingest::normalize::is_han)
    {
        return false;
    }
    let item_number = {
        let inner = t
            .strip_prefix(['(', '（'])
            .and_then(|r| r.strip_suffix([')', '）']))
            .unwrap_or(t);
        let inner = inner.strip_suffix(['.', '、', ')', '）']).unwrap_or(inner);
        inner.len() <= 2 && inner.bytes().all(|b| b.is_ascii_digit())
    };
    let date_or_page = t
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'/' | b' '))
        && t.contains(['-', '/']);
    // Text glued to its digits ("1a", "No.3") is text, not a figure misprinted.
    let words = t.chars().any(|c| c.is_ascii_alphabetic());
    !item_number && !date_or_page && !words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_after_every_figure_of_a_row_are_blanked() {
        let row = "（一）予以公开  50件  0件   9件\n本年收到申请25件，办结20件。\n行政处罚 82件\n";
        let got = blank_row_units(row);
        assert_eq!(got.len(), row.len());
        assert!(
            got.starts_with("（一）予以公开  50     0      9   \n"),
            "{got}"
        );
        // Prose and a lone figure keep their units; mixed units are no row of counts.
        assert!(got.ends_with("\n本年收到申请25件，办结20件。\n行政处罚 82件\n"));
        assert_eq!(blank_row_units("合计 3件 2人次\n"), "合计 3件 2人次\n");
        // pdftotext's raw row: the label runs into the first figure once normalised.
        assert_eq!(
            blank_row_units("申请数量3001件 53件 0件\n"),
            "申请数量3001    53    0   \n"
        );
        assert_eq!(blank_row_units("申请数量3001件\n"), "申请数量3001件\n");
    }

    #[test]
    fn plain_and_signed_figures() {
        assert_eq!(parse_fixed("25"), Some(25.0));
        assert_eq!(parse_fixed("-9"), Some(-9.0));
        assert_eq!(parse_fixed("+3"), Some(3.0));
        // A dash for the minus, a space after the sign.
        for t in ["–9", "—9", "−9", "- 9", "–  9", "**- 9**"] {
            assert_eq!(parse_fixed(t), Some(-9.0), "{t}");
        }
        assert_eq!(parse_fixed("+ 3"), Some(3.0));
        // A count in 万.
        assert_eq!(parse_fixed("3.5万"), Some(35000.0));
        assert_eq!(parse_fixed("12万"), Some(120000.0));
        assert_eq!(parse_fixed("1.2万件"), Some(12000.0));
        assert_eq!(parse_fixed("51.76345万"), Some(517634.5));
        assert_eq!(parse_fixed("4068.208万元"), Some(4068.208));
        assert_eq!(parse_fixed("万"), None);
        assert_eq!(parse_fixed("3万5千"), None);
        assert_eq!(delimited_figure("- 1 288"), Some(-1288.0));
        assert_eq!(parse_fixed(" 9116.36 "), Some(9116.36));
        assert_eq!(parse_fixed("0"), Some(0.0));
        for t in [
            "", "-", ".5", "5.", "1.2.3", "abc", "2021年", "1-2", "+", "2+1", "+-3", "++3", "——9",
            "- -9", "--9",
        ] {
            assert_eq!(parse_fixed(t), None, "{t}");
        }
    }

    #[test]
    fn an_amount_after_its_currency_sign_is_the_amount() {
        for t in [
            "￥96171.6",
            "¥96171.6",
            "¥ 96171.6",
            "RMB96171.6",
            "RMB 96171.6",
            "￥96171.6元",
        ] {
            assert_eq!(parse_fixed(t), Some(96171.6), "{t}");
            assert_eq!(delimited_figure(t), Some(96171.6), "{t}");
        }
        // The sign alone, or before text, is no figure.
        for t in ["￥", "¥元", "￥1，2"] {
            assert_eq!(parse_fixed(t), None, "{t}");
        }
    }

    #[test]
    fn units_are_a_known_list() {
        assert_eq!(parse_fixed("24件"), Some(24.0));
        assert_eq!(parse_fixed("24 件"), Some(24.0));
        assert_eq!(parse_fixed("25件次"), Some(25.0));
        assert_eq!(parse_fixed("3人次"), Some(3.0));
        assert_eq!(parse_fixed("1(件)"), Some(1.0));
        assert_eq!(parse_fixed("1（件次）"), Some(1.0));
        assert_eq!(parse_fixed("251000元"), Some(251000.0));
        assert_eq!(parse_fixed("4068.208万元"), Some(4068.208));
        // Not a unit of a count: the cell is text.
        for t in [
            "24年",
            "24米",
            "24件件",
            "24次件",
            "(件)",
            "件",
            "1(其中20件)",
            "24%",
        ] {
            assert_eq!(parse_fixed(t), None, "{t}");
        }
    }

    #[test]
    fn emphasis_and_note_marks_do_not_change_the_figure() {
        for t in [
            "**7**",
            "__7__",
            "*7*",
            "***7***",
            "<b>7</b>",
            "<strong>7</strong>",
            "7*",
            "7**",
            "7※",
            "7¹",
            "7²³",
            "7①",
            "7⑫",
            "7注",
            "7注1",
            "7(注)",
            "7（注2）",
            "7[1]",
            "7[注1]",
            "7【2】",
            "7件*",
            "**7件**",
            "**7***",
        ] {
            assert_eq!(parse_fixed(t), Some(7.0), "{t}");
        }
        for t in [
            "****", "*", "**", "7****", "※", "①", "注", "a*", "**7", "7**注", "(注)7", "¹", "7¹²³",
            "7[]", "[1]",
        ] {
            assert_eq!(parse_fixed(t), None, "{t}");
        }
        assert!(is_na("**—**"));
        assert!(!is_na("**7**"));
    }

    #[test]
    fn thousands_are_groups_of_three() {
        assert_eq!(parse_fixed("10,690"), Some(10690.0));
        assert_eq!(parse_fixed("10，690"), Some(10690.0));
        assert_eq!(parse_fixed("1,234,567"), Some(1234567.0));
        assert_eq!(parse_fixed("9，116.36"), Some(9116.36));
        assert_eq!(parse_fixed("-1,362"), Some(-1362.0));
        // A list, a misgrouped number, a decimal comma, mixed separators: no figure.
        for t in [
            "1，2",
            "1,2",
            "12,34",
            "9116,36",
            "1234,567",
            ",690",
            "10,",
            "1,234，567",
            "0,690",
            "1、2",
            "10 690",
            "1,234.5.6",
        ] {
            assert_eq!(parse_fixed(t), None, "{t}");
        }
        // Spaces group thousands only inside one delimited cell.
        assert_eq!(delimited_figure("10 690"), Some(10690.0));
        assert_eq!(delimited_figure("9 116.36"), Some(9116.36));
        assert_eq!(delimited_figure("1 234 567"), Some(1234567.0));
        for t in ["1 2", "10 69", "0 690", "10  690", "1234 567", "10 690 1"] {
            assert_eq!(delimited_figure(t), None, "{t}");
        }
    }

    #[test]
    fn a_figure_printed_with_more_is_unreadable() {
        for t in ["1（12.5%）", "5(3)", "2+1", "↑3", "0（0）", "9116\\.36"] {
            assert!(unreadable_figure(t), "{t}");
        }
        // Item numbers, dates, page numbers, words, Han text: read elsewhere, not figures.
        for t in [
            "1.",
            "（1）",
            "(12)",
            "3、",
            "2023-01-29",
            "4/9",
            "No.3",
            "1a",
            "共3页",
            "—",
            "",
        ] {
            assert!(!unreadable_figure(t), "{t}");
        }
    }

    #[test]
    fn a_zero_typed_as_a_numeral_is_zero() {
        for t in ["〇", "○", "**〇**", " 〇 "] {
            assert_eq!(parse_fixed(t), Some(0.0), "{t}");
        }
        for t in ["〇〇", "二〇", "〇件件", "1〇"] {
            assert_eq!(parse_fixed(t), None, "{t}");
        }
    }

    #[test]
    fn no_change_in_words_is_zero() {
        for t in ["持平", "无变化", "**不变**"] {
            assert_eq!(parse_fixed(t), Some(0.0), "{t}");
        }
        for t in ["基本持平", "持平3", "变化"] {
            assert_eq!(parse_fixed(t), None, "{t}");
        }
    }

    #[test]
    fn a_change_in_words_is_signed() {
        assert_eq!(parse_fixed("增加3"), Some(3.0));
        assert_eq!(parse_fixed("增3"), Some(3.0));
        assert_eq!(parse_fixed("减少9"), Some(-9.0));
        assert_eq!(parse_fixed("减9"), Some(-9.0));
        assert_eq!(parse_fixed("下降9"), Some(-9.0));
        assert_eq!(parse_fixed("减少 9件"), Some(-9.0));
        for t in ["减少", "减少-9", "增加-3", "减少9%", "减-9", "减少九"] {
            assert_eq!(parse_fixed(t), None, "{t}");
        }
    }
}
