//! The cell stream of a table region: whatever the layout (one cell per line, tab rows, pipe or
//! markdown rows, HTML rows, label-glued digit runs), a table becomes one sequence of events —
//! row labels, cells, text that ends a row, and rows of bare values — each with its range in the
//! normalised text. The table assemblers in `tables` work on this stream only.

use super::chrome;
use super::text::{lines_with_offsets, Compact};
use std::ops::Range;

/// A label to look for: an id the caller understands, compact variants, and the item number
/// that may be printed before it ("2." in "2.其他法律…").
pub struct LabelSpec<'a> {
    pub id: usize,
    pub variants: &'a [&'a str],
    pub item: Option<char>,
}

/// Finds every row label and header word of a table in a field at once (one automaton built
/// once per table, instead of a substring search per label variant per field).
pub struct LabelFinder {
    finder: aho_corasick::AhoCorasick,
    /// Per pattern: the label (id, item number char) it spells, or None for a header word.
    owners: Vec<Option<(usize, Option<char>)>>,
}

impl LabelFinder {
    pub fn new(labels: &[LabelSpec], header_words: &[&str]) -> LabelFinder {
        let mut patterns: Vec<&str> = Vec::new();
        let mut owners = Vec::new();
        for spec in labels {
            for v in spec.variants {
                patterns.push(v);
                owners.push(Some((spec.id, spec.item)));
            }
        }
        for w in header_words {
            patterns.push(w);
            owners.push(None);
        }
        let finder = aho_corasick::AhoCorasick::new(patterns).expect("labels make an automaton");
        LabelFinder { finder, owners }
    }
}

/// A group of digits as printed (no white space inside), with its range.
#[derive(Debug, Clone)]
pub struct Group {
    pub text: String,
    pub range: Range<usize>,
}

#[derive(Debug, Clone)]
pub enum CellKind {
    Blank,
    Na,
    /// A cell holding exactly one printed number.
    Fixed(f64),
    /// Digits that may hold several cells: groups separated by white space in the print, each
    /// group possibly several cells run together.
    Blob(Vec<Group>),
}

#[derive(Debug, Clone)]
pub struct CellTok {
    pub kind: CellKind,
    /// The printed extent (for a blank: the empty or white-space extent of the cell).
    pub range: Range<usize>,
}

#[derive(Debug, Clone)]
pub enum Event {
    Label {
        id: usize,
        range: Range<usize>,
    },
    Cell(CellTok),
    /// A cell of text that is neither label nor value: ends the current row.
    Text,
    /// A row of values without a label (a table row printed apart from its label).
    ValuesRow(Vec<CellTok>),
}

/// Units printed after a number in prose (such a number is not a table cell).
const PROSE_UNITS: &str = "年月日号时件条个次项人份篇期家%‰倍";

/// Scan a region into events. `header_words` are compact words after which a glued run of
/// digits is a cell (e.g. "总计000000000000000").
pub fn scan(text: &str, region: Range<usize>, labels: &LabelFinder) -> Vec<Event> {
    let mut events = Vec::new();
    let slice = &text[region.clone()];
    for (loff, line) in lines_with_offsets(slice) {
        let off = region.start + loff;
        if line.trim().is_empty() || chrome::is_chrome(line) {
            continue;
        }
        if is_md_separator(line) {
            continue;
        }
        let fields = split_fields(line, off);
        let structured = fields.len() > 1;
        let non_empty: Vec<&(Range<usize>, &str)> = fields
            .iter()
            .filter(|(_, t)| !t.trim().is_empty())
            .collect();
        if non_empty.is_empty() {
            continue;
        }
        // "\t0": a single value that a layout indented with a tab is not a row with a blank.
        if structured && non_empty.len() == 1 && parse_fixed(non_empty[0].1.trim()).is_some() {
            let (r, t) = non_empty[0];
            field_events(text, r.clone(), t, labels, false, &mut events);
            continue;
        }
        let mut line_events: Vec<Event> = Vec::new();
        for (r, t) in &fields {
            field_events(text, r.clone(), t, labels, structured, &mut line_events);
        }
        let values_only = line_events.iter().all(|e| matches!(e, Event::Cell(_)));
        let n_values = line_events
            .iter()
            .filter(|e| matches!(e, Event::Cell(c) if !matches!(c.kind, CellKind::Blank)))
            .count();
        if structured && values_only && n_values >= 1 && line_events.len() >= 2 {
            let cells = line_events
                .into_iter()
                .filter_map(|e| {
                    if let Event::Cell(c) = e {
                        Some(c)
                    } else {
                        None
                    }
                })
                .collect();
            events.push(Event::ValuesRow(cells));
        } else {
            events.extend(line_events);
        }
    }
    events
}

fn is_md_separator(line: &str) -> bool {
    let t = line.trim();
    t.contains('-') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// Split a line into fields: tabs, or pipes for markdown/pipe rows; otherwise one field.
fn split_fields(line: &str, off: usize) -> Vec<(Range<usize>, &str)> {
    let sep = if line.contains('\t') {
        Some('\t')
    } else {
        let t = line.trim();
        if t.starts_with('|') || t.ends_with('|') || t.contains(" | ") {
            Some('|')
        } else {
            None
        }
    };
    let Some(sep) = sep else {
        return vec![(off..off + line.len(), line)];
    };
    let mut fields = Vec::new();
    let mut start = 0;
    for (i, c) in line.char_indices() {
        if c == sep {
            fields.push((off + start..off + i, &line[start..i]));
            start = i + 1;
        }
    }
    fields.push((off + start..off + line.len(), &line[start..]));
    if sep == '|' {
        // The pipes around a markdown row are borders, not empty cells.
        if fields.first().is_some_and(|(_, t)| t.trim().is_empty())
            && line.trim_start().starts_with('|')
        {
            fields.remove(0);
        }
        if fields.last().is_some_and(|(_, t)| t.trim().is_empty()) && line.trim_end().ends_with('|')
        {
            fields.pop();
        }
    }
    fields
}

pub fn is_na(t: &str) -> bool {
    matches!(
        t,
        "/" | "-" | "—" | "——" | "–" | "无" | "不适用" | "\\" | "－" | "／"
    )
}

/// "25", "-9", "9116.36", "251000元", "4068.208万元" → the number.
pub fn parse_fixed(t: &str) -> Option<f64> {
    // The common case first, cheaply: a cell of plain digits (this runs for every field).
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        return t.parse().ok();
    }
    let t = t.trim();
    let t = t
        .strip_suffix("万元")
        .or_else(|| t.strip_suffix('元'))
        .unwrap_or(t)
        .trim();
    // Runs for every field of a table: copy only when there is a ',' to drop.
    let t: std::borrow::Cow<str> = if t.contains(',') {
        t.replace(',', "").into()
    } else {
        t.into()
    };
    let body = t.strip_prefix('-').unwrap_or(&t);
    if body.is_empty() || !body.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    if body.starts_with('.') || body.ends_with('.') || body.matches('.').count() > 1 {
        return None;
    }
    t.parse().ok()
}

/// Whether the text right after a digit run glues it to more digits with a character that is
/// neither white space, a Han character nor a cell border: "1?3", "1\u{fffd}3" (a character
/// lost in decoding), "1·3", "1O3" (OCR), "1́3". Such a number cannot be read; it is left
/// out (its row then lacks a cell and is reported), never read as the digits before it.
fn glued_to_digits(rest: &str) -> bool {
    let mut it = rest.chars();
    match (it.next(), it.next()) {
        (Some(c), Some(d)) => {
            d.is_ascii_digit()
                && !(c.is_whitespace() || crate::ingest::normalize::is_han(c) || c == '|')
        }
        _ => false,
    }
}

/// Events of one field, pushed onto `out` (no vector per field: a row may have millions).
fn field_events(
    text: &str,
    r: Range<usize>,
    t: &str,
    labels: &LabelFinder,
    structured: bool,
    out: &mut Vec<Event>,
) {
    let trimmed = t.trim();
    let lead = t.len() - t.trim_start().len();
    let tr = r.start + lead..r.start + lead + trimmed.len();
    if trimmed.is_empty() {
        if !structured {
            return;
        }
        // A blank cell: point at white space that stands for it (&nbsp;) if any.
        let range = if t.chars().any(|c| c == ' ') {
            r.start..r.end
        } else {
            r.start..r.start
        };
        out.push(Event::Cell(CellTok {
            kind: CellKind::Blank,
            range,
        }));
        return;
    }
    if is_na(trimmed) {
        out.push(Event::Cell(CellTok {
            kind: CellKind::Na,
            range: tr,
        }));
        return;
    }
    if let Some(v) = parse_fixed(trimmed) {
        out.push(Event::Cell(CellTok {
            kind: CellKind::Fixed(v),
            range: tr,
        }));
        return;
    }
    if let Some(groups) = spaced_groups(trimmed, tr.start) {
        out.push(Event::Cell(CellTok {
            kind: CellKind::Blob(groups),
            range: tr,
        }));
        return;
    }
    // Text with labels and perhaps glued digit runs.
    let _ = text;
    let compact = Compact::new(t);
    // (start, end, label id or None for a header word, pattern number)
    let mut found: Vec<(usize, usize, Option<usize>, usize)> = Vec::new();
    for m in labels.finder.find_overlapping_iter(compact.s.as_str()) {
        let (p, end, n) = (m.start(), m.end(), m.pattern().as_usize());
        match labels.owners[n] {
            Some((id, item)) => {
                let start = match item {
                    Some(k) => extend_item_number(&compact.s, p, k),
                    None => p,
                };
                found.push((start, end, Some(id), n));
            }
            None => found.push((p, end, None, n)),
        }
    }
    // Longest match wins; row labels before header words of the same length; then the first
    // in the text, then the first in the template's list.
    found.sort_by(|a, b| {
        (b.1 - b.0)
            .cmp(&(a.1 - a.0))
            .then(b.2.is_some().cmp(&a.2.is_some()))
            .then(a.0.cmp(&b.0))
            .then(a.3.cmp(&b.3))
    });
    // Chosen matches by start, so that the overlap test looks at two neighbours rather than at
    // every match chosen so far (a line of a million labels would be quadratic).
    let mut taken: std::collections::BTreeMap<usize, (usize, Option<usize>)> = Default::default();
    for f in found {
        let before_ok = taken
            .range(..=f.0)
            .next_back()
            .is_none_or(|(_, &(end, _))| end <= f.0);
        let after_ok = taken
            .range(f.0..)
            .next()
            .is_none_or(|(&start, _)| f.1 <= start);
        if before_ok && after_ok {
            taken.insert(f.0, (f.1, f.2));
        }
    }
    let chosen: Vec<(usize, usize, Option<usize>)> =
        taken.into_iter().map(|(a, (b, id))| (a, b, id)).collect();
    let has_row_label = chosen.iter().any(|c| c.2.is_some());

    let mut events = Vec::new();
    // Walk the segments between matches in original offsets.
    let mut seg_start = 0usize; // original byte offset within t
    let mut after_label = true; // start of field counts as a boundary
    let to_orig = |a: usize, b: usize| compact.orig(a, b);
    let mut segments: Vec<(usize, usize, bool)> = Vec::new(); // (start, end, preceded by label)
    let mut marks: Vec<(usize, usize, Option<usize>)> = Vec::new();
    for &(a, b, id) in &chosen {
        let (oa, ob) = to_orig(a, b);
        segments.push((seg_start, oa, after_label));
        marks.push((oa, ob, id));
        seg_start = ob;
        after_label = true;
    }
    segments.push((
        seg_start,
        t.len(),
        after_label,
    ));
    let mut text_seen = false;
    for (i, &(s, e, _)) in segments.iter().enumerate() {
        let seg = &t[s..e];
        // Every segment starts at a boundary: the field's start or a label's end.
        let runs = glued_runs(seg, r.start + s, true);
        if runs.is_empty() && seg.chars().any(crate::ingest::normalize::is_han) {
            text_seen = true;
        }
        for run in runs {
            events.push((r.start + s, Event::Cell(run)));
        }
        if let Some(&(oa, ob, Some(id))) = marks.get(i) {
            events.push((
                r.start + oa,
                Event::Label {
                    id,
                    range: r.start + oa..r.start + ob,
                },
            ));
        }
    }
    let no_cells = events.iter().all(|(_, e)| !matches!(e, Event::Cell(_)));
    out.extend(events.into_iter().map(|(_, e)| e));
    if !has_row_label && no_cells && text_seen && !trimmed.starts_with('(') {
        out.push(Event::Text);
    }
}

/// Include a printed item number ("2.", "2、") right before a label match at `p`.
fn extend_item_number(s: &str, p: usize, k: char) -> usize {
    let before = &s[..p];
    for sep in ['.', '、', ')'] {
        let pat: String = [k, sep].iter().collect();
        if before.ends_with(&pat) {
            let mut start = p - pat.len();
            if sep == ')' && s[..start].ends_with('(') {
                start -= 1;
            }
            return start;
        }
    }
    p
}

/// "23 0 00 0 023" → groups; None unless the whole string is digit groups.
fn spaced_groups(t: &str, off: usize) -> Option<Vec<Group>> {
    let mut groups = Vec::new();
    for (i, w) in split_ws_with_offsets(t) {
        if !w
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
            || !w.chars().any(|c| c.is_ascii_digit())
        {
            return None;
        }
        groups.push(Group {
            text: w.to_string(),
            range: off + i..off + i + w.len(),
        });
    }
    if groups.len() > 1 {
        Some(groups)
    } else {
        None
    }
}

fn split_ws_with_offsets(t: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in t.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push((s, &t[s..i]));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push((s, &t[s..]));
    }
    out
}

/// Runs of digits inside a text segment that follows a label (or a field start): each run is
/// digit groups separated only by white space. A run glued to a word ("数据1") or followed by
/// a prose unit ("2019年") is not a cell.
fn glued_runs(seg: &str, off: usize, at_boundary: bool) -> Vec<CellTok> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = seg.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        let starts_num = c.is_ascii_digit()
            || (c == '-' && chars.get(i + 1).is_some_and(|(_, d)| d.is_ascii_digit()));
        if !starts_num {
            i += 1;
            continue;
        }
        // What precedes the run: white space, a label (segment start) or a closing bracket.
        let before = &seg[..pos];
        let spaced = before.ends_with(char::is_whitespace);
        let prev = before
            .trim_end()
            .trim_end_matches(|c: char| super::text::is_ignorable(c))
            .chars()
            .last();
        let prev_ok = spaced
            || match prev {
                None => at_boundary,
                Some(p) => matches!(p, ')' | ']' | ':' | '：' | '|' | '」' | '>' | '》'),
            };
        // Extend the run over digits, '.', and single spaces between digit groups.
        let mut j = i;
        let mut groups: Vec<Group> = Vec::new();
        let mut g_start = pos;
        let mut last_end = pos;
        while j < chars.len() {
            let (p2, d) = chars[j];
            if d.is_ascii_digit() || d == '.' || (d == '-' && p2 == g_start) {
                last_end = p2 + d.len_utf8();
                j += 1;
            } else if d == ' ' {
                // Close a group; continue if more digits follow after spaces.
                let mut k = j;
                while k < chars.len() && chars[k].1 == ' ' {
                    k += 1;
                }
                if k < chars.len() && chars[k].1.is_ascii_digit() {
                    groups.push(Group {
                        text: seg[g_start..last_end].to_string(),
                        range: off + g_start..off + last_end,
                    });
                    g_start = chars[k].0;
                    j = k;
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        groups.push(Group {
            text: seg[g_start..last_end].to_string(),
            range: off + g_start..off + last_end,
        });
        let mut run_end = last_end;
        let next = seg[last_end..].chars().next();
        let mut unit_ok = true;
        if let Some(n) = next {
            if seg[last_end..].starts_with("万元") {
                run_end += "万元".len();
            } else if n == '元' {
                run_end += '元'.len_utf8();
            } else if PROSE_UNITS.contains(n) || glued_to_digits(&seg[last_end..]) {
                unit_ok = false;
            }
        }
        let groups: Vec<Group> = groups
            .into_iter()
            .filter(|g| g.text.chars().any(|c| c.is_ascii_digit()))
            .collect();
        if prev_ok && unit_ok && !groups.is_empty() {
            out.push(CellTok {
                kind: CellKind::Blob(groups),
                range: off + pos..off + run_end,
            });
        }
        i = j.max(i + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::template::REQUEST_ROWS;

    fn specs() -> Vec<LabelSpec<'static>> {
        crate::parse::tables::request_label_specs()
    }

    #[test]
    fn glued_rows_split_at_the_next_items_number() {
        let t = "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 20000022.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 00000003.其他 0200002";
        let t = crate::ingest::normalize::normalize_str(t);
        let ev = scan(&t, 0..t.len(), &LabelFinder::new(&specs(), &[]));
        let desc: Vec<String> = ev
            .iter()
            .map(|e| match e {
                Event::Label { id, .. } => format!("L{}", REQUEST_ROWS[*id].key),
                Event::Cell(c) => format!("C{}", &t[c.range.clone()]),
                Event::Text => "T".into(),
                Event::ValuesRow(_) => "R".into(),
            })
            .collect();
        assert_eq!(
            desc,
            [
                "Lother",
                "Lother_overdue_correction",
                "C2000002",
                "Lother_unpaid_fee",
                "C0000000",
                "Lother_other",
                "C0200002"
            ]
        );
    }
}
