//! The cell stream of a table region: whatever the layout (one cell per line, tab rows, pipe or
//! markdown rows, HTML rows, label-glued digit runs, PDF text with labels wrapped over lines),
//! a table becomes one sequence of events — row labels, cells, text that ends a row, and rows
//! of bare values — each with its range in the normalised text. The table assemblers in
//! `tables` work on this stream only.
//!
//! Lines that are not split into fields (PDF text, plain text) are read as one stream: their
//! text, without the values that end a line, is joined across lines, so that a row label
//! wrapped over two to four lines (with its values on the last line, or on a line of its own in
//! the middle) is found as one label. Page footers (`-3-`, `第3页 共6页`) are dropped. A label
//! misprinted or printed in a form the template does not list is matched tolerantly (edit
//! distance against every label variant of the table) when that match is unique and the text
//! is followed by a row of values.

use super::chrome;
use super::empty_cell_lines::{
    indented_cells, pipe_closed_cells, pipe_line_cells, space_line_cells, tab_line_cells,
};
use super::fields::{
    field_separator, is_md_separator, row_events, split_fields, structured_line, PipeBorders,
};
use super::figure::{delimited_figure, is_na, parse_fixed, unreadable_figure};
use super::grid;
use super::text::{lines_with_offsets, Compact};
use std::ops::Range;

/// A label to look for: an id the caller understands, compact variants, and the item number
/// that may be printed before it ("2." in "2.其他法律…").
pub struct LabelSpec<'a> {
    pub id: usize,
    pub variants: &'a [&'a str],
    pub item: Option<char>,
}

/// A pattern of the tolerant matcher: a label variant (`id`) or a competitor (None: a header
/// word or a heading printed in the table, which a label must match clearly better than).
struct FuzzyPat {
    chars: Vec<char>,
    /// `chars` sorted: how many of them a text holds at most, counted by one merge.
    sorted: Vec<char>,
    id: Option<usize>,
    item: Option<char>,
}

/// Finds every row label and header word of a table in a field at once (one automaton built
/// once per table, instead of a substring search per label variant per field), and matches
/// misprinted labels tolerantly.
pub struct LabelFinder {
    finder: aho_corasick::AhoCorasick,
    /// Per pattern: the label (id, item number char) it spells, or None for a header word.
    owners: Vec<Option<(usize, Option<char>)>>,
    fuzzy: Vec<FuzzyPat>,
}

/// The shortest variant the tolerant matcher uses (shorter ones are too easily near another).
const FUZZY_MIN_CHARS: usize = 4;
/// The least share of a variant's characters that a tolerant match must find in order.
const FUZZY_MIN_RATIO: f64 = 0.7;
/// Characters of text around a row of values that the tolerant matcher looks at.
const FUZZY_BEFORE: usize = 60;
const FUZZY_AFTER: usize = 40;
/// Work (DP cells) the tolerant matcher may spend in one table region: a real table needs
/// about a million; a pathological region stops matching tolerantly rather than take long.
const FUZZY_BUDGET: usize = 20_000_000;

impl LabelFinder {
    /// `competitors`: headings printed inside the table that are no row (（三）不予公开): a
    /// tolerant match must be clearly closer to a row label than to any of them.
    pub fn new(labels: &[LabelSpec], header_words: &[&str], competitors: &[&str]) -> LabelFinder {
        let mut patterns: Vec<&str> = Vec::new();
        let mut owners = Vec::new();
        let mut fuzzy = Vec::new();
        for spec in labels {
            for v in spec.variants {
                patterns.push(v);
                owners.push(Some((spec.id, spec.item)));
                let chars: Vec<char> = v.chars().map(fold_punct).collect();
                // Variants that spell an item number ("3.其他") are left to exact matching:
                // one digit apart is another row.
                if chars.len() >= FUZZY_MIN_CHARS && !chars.iter().any(|c| c.is_ascii_digit()) {
                    fuzzy.push(FuzzyPat {
                        sorted: sorted(&chars),
                        chars,
                        id: Some(spec.id),
                        item: spec.item,
                    });
                }
            }
        }
        for w in header_words {
            patterns.push(w);
            owners.push(None);
        }
        for w in header_words.iter().chain(competitors) {
            let chars: Vec<char> = w.chars().map(fold_punct).collect();
            if chars.len() >= 2 {
                fuzzy.push(FuzzyPat {
                    sorted: sorted(&chars),
                    chars,
                    id: None,
                    item: None,
                });
            }
        }
        let finder = aho_corasick::AhoCorasick::builder()
            // A DFA: the labels are searched on every line of every table, and a DFA is 2–3×
            // faster there than the default (contiguous NFA) for a few hundred kB once.
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(patterns)
            .expect("labels make an automaton");
        LabelFinder {
            finder,
            owners,
            fuzzy,
        }
    }

    /// `s` with the bracketed notes that name a row blanked (`label_notes`): a note's labels
    /// are no rows.
    fn without_notes<'s>(&self, s: &'s str) -> std::borrow::Cow<'s, str> {
        super::label_notes::without_notes(s, |a, b| {
            self.finder
                .find_overlapping_iter(&s[a..b])
                .any(|m| self.owners[m.pattern().as_usize()].is_some())
        })
    }

    /// Row labels and header words in a compact string, non-overlapping: (start, end, label id
    /// or None for a header word), by start. Longest match wins; row labels before header
    /// words of the same length; then the first in the text, then the first in the list.
    fn exact_marks(&self, s: &str) -> Vec<(usize, usize, Option<usize>)> {
        let mut found: Vec<(usize, usize, Option<usize>, usize)> = Vec::new();
        for m in self.finder.find_overlapping_iter(s) {
            let (p, end, n) = (m.start(), m.end(), m.pattern().as_usize());
            match self.owners[n] {
                Some((id, item)) => {
                    let start = match item {
                        Some(k) => extend_item_number(s, p, k),
                        None => p,
                    };
                    found.push((start, end, Some(id), n));
                }
                None => found.push((p, end, None, n)),
            }
        }
        // One match or none (most cells): nothing overlaps.
        if found.len() < 2 {
            return found.into_iter().map(|f| (f.0, f.1, f.2)).collect();
        }
        found.sort_by(|a, b| {
            (b.1 - b.0)
                .cmp(&(a.1 - a.0))
                .then(b.2.is_some().cmp(&a.2.is_some()))
                .then(a.0.cmp(&b.0))
                .then(a.3.cmp(&b.3))
        });
        // Chosen matches by start, so that the overlap test looks at two neighbours rather than
        // at every match chosen so far (a line of a million labels would be quadratic).
        let mut taken: std::collections::BTreeMap<usize, (usize, Option<usize>)> =
            Default::default();
        for f in found {
            if free(&taken, f.0, f.1) {
                taken.insert(f.0, (f.1, f.2));
            }
        }
        taken.into_iter().map(|(a, (b, id))| (a, b, id)).collect()
    }
}

fn free(
    taken: &std::collections::BTreeMap<usize, (usize, Option<usize>)>,
    a: usize,
    b: usize,
) -> bool {
    let before_ok = taken
        .range(..=a)
        .next_back()
        .is_none_or(|(_, &(end, _))| end <= a);
    let after_ok = taken.range(a..).next().is_none_or(|(&start, _)| b <= start);
    before_ok && after_ok
}

/// Punctuation that reports print either way, folded for the tolerant matcher.
fn fold_punct(c: char) -> char {
    match c {
        '，' | '、' => ',',
        '。' => '.',
        '：' => ':',
        '；' => ';',
        _ => c,
    }
}

/// A tolerant match of a row label in a piece of text: char span, row id, and how good.
#[derive(Debug, Clone, Copy)]
struct FuzzyHit {
    a: usize,
    b: usize,
    id: usize,
    item: Option<char>,
    /// Characters of the variant found (variant length minus edits).
    found: usize,
    ratio: f64,
}

/// `chars` sorted (for [`shared_chars`]).
fn sorted(chars: &[char]) -> Vec<char> {
    let mut v = chars.to_vec();
    v.sort_unstable();
    v
}

/// How many characters two sorted lists share, each counted as often as both hold it.
fn shared_chars(a: &[char], b: &[char]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Best approximate occurrence of `pat` in `t` (Sellers' edit distance, free ends in `t`) among
/// those whose span satisfies `ok(a, b)`: (start, end, edits).
fn approx_find(
    pat: &[char],
    t: &[char],
    ok: &dyn Fn(usize, usize) -> bool,
) -> Option<(usize, usize, usize)> {
    let n = t.len();
    // Column over the pattern, rolled over the text: dist[i] and start[i] for pat[..i].
    let m = pat.len();
    let mut prev_d: Vec<usize> = (0..=m).collect();
    let mut prev_s: Vec<usize> = vec![0; m + 1];
    let mut cur_d = vec![0usize; m + 1];
    let mut cur_s = vec![0usize; m + 1];
    let mut best: Option<(usize, usize, usize)> = None;
    for j in 1..=n {
        cur_d[0] = 0;
        cur_s[0] = j;
        for i in 1..=m {
            let sub = prev_d[i - 1] + usize::from(pat[i - 1] != t[j - 1]);
            let del = cur_d[i - 1] + 1; // a pattern char missing from the text
            let ins = prev_d[i] + 1; // an extra char in the text
            let (d, s) = if sub <= del && sub <= ins {
                (sub, prev_s[i - 1])
            } else if del <= ins {
                (del, cur_s[i - 1])
            } else {
                (ins, prev_s[i])
            };
            cur_d[i] = d;
            cur_s[i] = s;
        }
        let (d, s) = (cur_d[m], cur_s[m]);
        if s < j && ok(s, j) && best.is_none_or(|(_, _, bd)| d < bd) {
            best = Some((s, j, d));
        }
        std::mem::swap(&mut prev_d, &mut cur_d);
        std::mem::swap(&mut prev_s, &mut cur_s);
    }
    best
}

impl LabelFinder {
    /// The unique tolerant row-label match in `t` whose span reaches the values at char `p`
    /// (p inside the span, or nothing but punctuation between the span's end and p).
    fn fuzzy_at(&self, t: &[char], p: usize, budget: &mut usize) -> Option<FuzzyHit> {
        let work = self.fuzzy.iter().map(|f| f.chars.len()).sum::<usize>() * t.len();
        if work > *budget {
            return None;
        }
        *budget -= work;
        let is_word = |c: char| crate::ingest::normalize::is_han(c) || c.is_alphabetic();
        let reaches =
            |a: usize, b: usize| a < p && (b >= p || !t[b..p].iter().any(|c| is_word(*c)));
        let t_sorted = sorted(t);
        // A match of `found` characters pairs that many of the pattern's characters with equal
        // ones of the text, so `found` is at most the characters the two share: a pattern that
        // shares too few cannot pass the ratio (or, for a row, the three characters) below, and
        // its edit distance is not computed. Most fields (a table's header rows) match nothing.
        let may_match = |f: &FuzzyPat| {
            let shared = shared_chars(&f.sorted, &t_sorted);
            (f.id.is_none() || shared >= 3)
                && shared as f64 / f.chars.len() as f64 >= FUZZY_MIN_RATIO
        };
        // A span starts and ends on a word (an edit may have taken the ')' before
        // "政事业性收费" or the '.' of "4.护第三方…" for the label's first character).
        let trimmed = |(mut a, mut b, d): (usize, usize, usize)| {
            while a + 1 < b && !is_word(t[a]) {
                a += 1;
            }
            while b > a + 1 && !is_word(t[b - 1]) && !matches!(t[b - 1], ')' | ']') {
                b -= 1;
            }
            (a, b, d)
        };
        let mut rows: Vec<FuzzyHit> = Vec::new();
        for f in self.fuzzy.iter().filter(|f| f.id.is_some()) {
            let Some(id) = f.id else { continue };
            if !may_match(f) {
                continue;
            }
            let m = f.chars.len();
            let Some((a, b, d)) = approx_find(&f.chars, t, &reaches).map(trimmed) else {
                continue;
            };
            // Digits are values or item numbers, never part of a label matched tolerantly.
            if t[a..b].iter().any(|c| c.is_ascii_digit()) {
                continue;
            }
            let found = m.saturating_sub(d);
            let ratio = found as f64 / m as f64;
            if ratio < FUZZY_MIN_RATIO || found < 3 {
                continue;
            }
            let h = FuzzyHit {
                a,
                b,
                id,
                item: f.item,
                found,
                ratio,
            };
            match rows.iter_mut().find(|r| r.id == id) {
                Some(r) if (r.found, r.ratio) < (found, ratio) => *r = h,
                Some(_) => {}
                None => rows.push(h),
            }
        }
        if rows.is_empty() {
            return None;
        }
        // The header words and headings a row's match competes with (only when there is one).
        let mut rivals: Vec<(usize, usize, usize)> = Vec::new();
        for f in self.fuzzy.iter().filter(|f| f.id.is_none()) {
            if !may_match(f) {
                continue;
            }
            let m = f.chars.len();
            let Some((a, b, d)) = approx_find(&f.chars, t, &|_, _| true).map(trimmed) else {
                continue;
            };
            let found = m.saturating_sub(d);
            if (found as f64 / m as f64) < FUZZY_MIN_RATIO {
                continue;
            }
            rivals.push((a, b, found));
        }
        rows.sort_by(|x, y| {
            y.found.cmp(&x.found).then(
                y.ratio
                    .partial_cmp(&x.ratio)
                    .unwrap_or(std::cmp::Ordering::Equal),
            )
        });
        let best = *rows.first()?;
        // Clearly better than the next row and than any heading it overlaps.
        if rows.get(1).is_some_and(|r| r.found + 1 >= best.found) {
            return None;
        }
        if rivals
            .iter()
            .any(|&(a, b, found)| a < best.b && best.a < b && found >= best.found)
        {
            return None;
        }
        Some(best)
    }
}

/// A label or header word found in a region: byte range in the text, label id (None: header
/// word), and whether it was matched tolerantly.
#[derive(Debug, Clone, Copy)]
struct Mark {
    start: usize,
    end: usize,
    id: Option<usize>,
    fuzzy: bool,
}

/// Text of consecutive unstructured lines joined without white space (and without the values
/// that end a line), each byte mapped back to the text.
#[derive(Default)]
struct Block {
    s: String,
    /// Per byte of `s`: the range in the text of the char it belongs to.
    orig: Vec<(usize, usize)>,
    /// Byte offsets in `s` where a run of values stood.
    values_at: Vec<usize>,
}

impl Block {
    fn push_text(&mut self, t: &str, off: usize) {
        let c = Compact::new(t);
        for (i, ch) in c.s.char_indices() {
            let (a, b) = c.orig(i, i + ch.len_utf8());
            for _ in 0..ch.len_utf8() {
                self.orig.push((off + a, off + b));
            }
        }
        self.s.push_str(&c.s);
    }

    fn push_values(&mut self) {
        if self.values_at.last() != Some(&self.s.len()) {
            self.values_at.push(self.s.len());
        }
    }

    /// Row labels and header words of the block, tolerant matches added: in text offsets.
    fn marks(&self, labels: &LabelFinder, budget: &mut usize, out: &mut Vec<Mark>) {
        if self.s.is_empty() {
            return;
        }
        let s = labels.without_notes(&self.s);
        let exact = labels.exact_marks(&s);
        let mut chosen: std::collections::BTreeMap<usize, (usize, Option<usize>, bool)> = exact
            .iter()
            .map(|&(a, b, id)| (a, (b, id, false)))
            .collect();
        if labels.fuzzy.iter().any(|f| f.id.is_some()) {
            self.fuzzy_marks(&s, labels, &exact, budget, &mut chosen);
        }
        for (a, (b, id, fuzzy)) in chosen {
            out.push(Mark {
                start: self.orig[a].0,
                end: self.orig[b - 1].1,
                id,
                fuzzy,
            });
        }
    }

    /// For each run of values whose text before it holds no exact row label: a unique tolerant
    /// match there becomes a label (header words it overlaps give way).
    fn fuzzy_marks(
        &self,
        s: &str,
        labels: &LabelFinder,
        exact: &[(usize, usize, Option<usize>)],
        budget: &mut usize,
        chosen: &mut std::collections::BTreeMap<usize, (usize, Option<usize>, bool)>,
    ) {
        let rows: Vec<(usize, usize, Option<usize>)> =
            exact.iter().filter(|m| m.2.is_some()).copied().collect();
        let mut taken_to = 0usize;
        for (vi, &p) in self.values_at.iter().enumerate() {
            // The piece: from the previous values or row label to the next ones.
            let prev_v = if vi > 0 { self.values_at[vi - 1] } else { 0 };
            let next_v = self.values_at.get(vi + 1).copied().unwrap_or(s.len());
            let ri = rows.partition_point(|r| r.1 <= p);
            // Values inside an exact label, or right after one: that label's values.
            if rows.get(ri).is_some_and(|r| r.0 < p) {
                continue;
            }
            let prev_r = if ri > 0 { rows[ri - 1].1 } else { 0 };
            let next_r = rows.get(ri).map(|r| r.0).unwrap_or(s.len());
            let lo = prev_v.max(prev_r).max(taken_to);
            let hi = next_v.min(next_r);
            if lo >= p {
                continue;
            }
            let before: Vec<(usize, char)> = s[lo..p].char_indices().collect();
            if before
                .iter()
                .filter(|(_, c)| crate::ingest::normalize::is_han(*c))
                .count()
                < 3
            {
                continue;
            }
            let before = &before[before.len().saturating_sub(FUZZY_BEFORE)..];
            let lo = lo + before.first().map(|x| x.0).unwrap_or(0);
            let mut chars: Vec<(usize, char)> =
                s[lo..p].char_indices().map(|(i, c)| (lo + i, c)).collect();
            let pc = chars.len();
            chars.extend(
                s[p..hi]
                    .char_indices()
                    .take(FUZZY_AFTER)
                    .map(|(i, c)| (p + i, c)),
            );
            let t: Vec<char> = chars.iter().map(|x| fold_punct(x.1)).collect();
            let Some(h) = labels.fuzzy_at(&t, pc, budget) else {
                continue;
            };
            // The rest of the label just before (wrapped, in a form the template does not list
            // in full): that label's values.
            if ri > 0 && rows[ri - 1].2 == Some(h.id) && prev_r >= prev_v {
                continue;
            }
            let a = chars[h.a].0;
            let b = match chars.get(h.b) {
                Some(x) => x.0,
                None => chars.last().map(|x| x.0 + x.1.len_utf8()).unwrap_or(p),
            };
            let a = match h.item {
                Some(k) => extend_item_number(s, a, k).max(lo),
                None => a,
            };
            // Header words inside the match give way to it.
            let inside: Vec<usize> = chosen.range(a..b).map(|(k, _)| *k).collect();
            for k in inside {
                chosen.remove(&k);
            }
            if let Some((&k, &(e, _, _))) = chosen.range(..a).next_back() {
                if e > a {
                    chosen.remove(&k);
                }
            }
            chosen.insert(a, (b, Some(h.id), true));
            taken_to = b;
        }
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
        /// From the label's start to its end, on a later line when it is wrapped.
        range: Range<usize>,
        /// Matched tolerantly (misprinted, or in a form the template does not list).
        tolerant: bool,
    },
    Cell(CellTok),
    /// A cell of text that is neither label nor value: ends the current row, unless it
    /// continues a label that has no values yet (`item_start` false: it does not begin with an
    /// item number of its own).
    Text {
        item_start: bool,
        /// The text is a group's heading cut short by its column (`（五）不`, the rest `予处理`
        /// on the next line): the group's numeral. Printed beside its first row's figures, it
        /// starts no row of its own.
        cut_group: Option<char>,
        /// Where the piece of text starts.
        at: usize,
    },
    /// A row of values without a label (a table row printed apart from its label).
    ValuesRow(Vec<CellTok>),
    /// An item number followed by text that is no label of the template ("2.没有现成信息需要另"
    /// wrapped past recognition): a row starts whose label is not known.
    RowStart(usize),
    /// 总计 or 合计 alone on its line or in its field: the total column's header, or, after the
    /// result rows, the total row printed without its number.
    TotalRow(usize),
    /// A row label the template spells with its item number only, printed bare and alone
    /// ("其他" for "3.其他", `template::REQUEST_BARE_ROWS`: index there): the column's header,
    /// or, right after the rows before it, that row.
    BareRow(usize, usize),
    /// A field of a delimited row printed with digits that is no figure ("1（12.5%）", "2+1",
    /// "5(3)", "↑3"): a cell is there, unread. Dropped, it would move the row's later cells one
    /// column (and a blank of the next line would fill its end): its row is left out instead.
    Unreadable(Range<usize>),
}

/// Units printed after a number in prose (such a number is not a table cell).
pub const PROSE_UNITS: &str = "年月日号时件条个次项人份篇期家%‰倍";

/// How a line of a region is read.
pub(super) enum LineKind {
    /// Blank, chrome, a page footer, a markdown separator.
    Skip,
    /// Split into fields (tabs, pipes): read field by field.
    Structured,
    /// Only values.
    Values,
    /// Empty cells printed as a line of their own: a crawl's `|` alone ([`pipe_closed_cells`]),
    /// or a browser's text of a table a cell a line, tabs and no-break spaces between them
    /// ([`tab_line_cells`]).
    BlankCells(usize),
    /// Text, perhaps ending in a run of values from this offset (the line's end if none).
    Text {
        values_from: usize,
        /// Where a single number glued to the text ends the line ("行政许可447228"): read by
        /// the label before it, and a place where a row's values stand for the tolerant matcher.
        glued: Option<usize>,
    },
}

/// Scan a region into events. `header_words` are compact words after which a glued run of
/// digits is a cell (e.g. "总计000000000000000").
pub fn scan(
    text: &str,
    region: Range<usize>,
    labels: &LabelFinder,
    chrome: &chrome::ChromeLines,
) -> Vec<Event> {
    let slice = &text[region.clone()];
    // Tabs that end or open lines and never stand between two pieces of a line (a copy that
    // left a tab after every line of a one-cell-per-line table, or a tab before each cell's
    // paragraph) separate no columns: dropped, rather than each label line read as a row with
    // one blank cell — and a label wrapped over two such lines read as two rows of nothing.
    let tabs_separate = slice.lines().any(|l| l.trim().contains('\t'));
    let lines: Vec<(usize, &str, LineKind)> = lines_with_offsets(slice)
        .into_iter()
        .map(|(loff, line)| {
            let (off, line) = if tabs_separate {
                (region.start + loff, line)
            } else {
                let line = line.trim_end_matches(['\t', ' ', '\r']);
                let indent = line.len() - line.trim_start_matches('\t').len();
                (region.start + loff + indent, &line[indent..])
            };
            (off, line, line_kind(line, off, chrome))
        })
        .collect();
    let mut lines = pipe_closed_cells(lines, chrome);
    pipe_line_cells(&mut lines);
    if !tabs_separate {
        tab_line_cells(&mut lines, slice, region.start);
        indented_cells(&mut lines, slice, region.start);
        space_line_cells(&mut lines, slice, region.start);
    }

    // Unstructured lines joined into blocks (a structured line ends a block), labels found in
    // each block as a whole.
    let mut marks: Vec<Mark> = Vec::new();
    let mut budget = FUZZY_BUDGET;
    let mut block = Block::default();
    for (off, line, kind) in &lines {
        match kind {
            LineKind::Skip => {}
            LineKind::Structured => {
                block.marks(labels, &mut budget, &mut marks);
                block = Block::default();
            }
            LineKind::Values | LineKind::BlankCells(_) => block.push_values(),
            LineKind::Text { values_from, glued } => {
                let split = glued.unwrap_or(*values_from);
                block.push_text(&line[..split - off], *off);
                if split < *values_from {
                    block.push_values();
                }
                if *values_from < off + line.len() {
                    block.push_values();
                }
            }
        }
    }
    block.marks(labels, &mut budget, &mut marks);
    marks.sort_by_key(|m| m.start);

    let mut events = Vec::new();
    // The serial number of the last row printed with a 序号 column.
    let mut last_serial = None;
    let mut mi = 0usize;
    // A ruled grid's box rows, each read as one row where its lines can be told to be one.
    let plain: Vec<&str> = lines.iter().map(|l| l.1).collect();
    let structured = |i: usize| matches!(lines[i].2, LineKind::Structured);
    let mut groups: Vec<(Range<usize>, grid::Join)> = grid::box_rows(&plain, structured)
        .into_iter()
        .map(|r| (r, grid::Join::Columns))
        .chain(
            grid::asciidoc_rows(&plain)
                .into_iter()
                .map(|(r, n)| (r, grid::Join::Cells(n))),
        )
        .collect();
    groups.sort_by_key(|g| g.0.start);
    let mut next_box = groups.iter().peekable();
    // Blank cells printed as empty paragraphs (one cell per line, an empty line after each).
    let mut blank_runs = super::blank_lines::blank_cells_before(
        &lines,
        text[region.end..].is_empty() || text[region.end..].starts_with('\n'),
        &text[..region.start],
        &text[region.end..],
    )
    .into_iter()
    .peekable();
    // Rows split by tabs whose lines all end with a tab (a copy that closes every row with
    // one): the last tab closes the line and is no empty cell. Read as a cell, it was a
    // blank too many at the row's end, and a row whose first cell is blank was read one
    // column to the left (its blank first cell taken for a merged label's empty field).
    let tab_terminated = {
        let (mut tabbed, mut closed) = (0usize, 0usize);
        for (_, l, k) in &lines {
            let l = l.trim_end_matches('\r');
            if matches!(k, LineKind::Structured) && l.contains('\t') {
                tabbed += 1;
                closed += usize::from(l.ends_with('\t'));
            }
        }
        tabbed >= 4 && closed == tabbed
    };
    // Rows of pipes drawn without an opening border and each closed by a pipe (`规章 | 0 | 0 |
    // 0 |`, as a crawl prints them): nearly every pipe row opens with its first cell's text,
    // so the few that open with a pipe open with an empty first cell. Read as a border, the
    // blank first figure of table 四's row vanished and the row was short of a cell.
    // Rows of pipes between cells only (`规章|13|13|524`, a typist's or an IME's table): a
    // pipe that opens or closes a line stands after an empty first cell or before an empty
    // last one (`|（二）部分公开|3||||||`). Of the lines with pipes, some do not open with
    // one, some do not close with one, and a quarter or more lack one at an end, where a
    // markdown table's rows have both. Read as borders, the blank last cells went and the
    // rows of a table that prints its zeros as nothing were lost.
    let pipe_borders = {
        let (mut piped, mut opened, mut closed) = (0, 0, 0);
        let (mut rows, mut rows_opened, mut rows_closed) = (0, 0, 0);
        for (_, l, k) in &lines {
            let t = l.trim();
            if t.contains('\t') || !t.contains('|') {
                continue;
            }
            let (opens, closes) = (t.starts_with('|'), t.ends_with('|'));
            piped += 1;
            opened += usize::from(opens);
            closed += usize::from(closes);
            if matches!(k, LineKind::Structured) {
                rows += 1;
                rows_opened += usize::from(opens);
                rows_closed += usize::from(closes);
            }
        }
        let unbordered = (piped - opened) + (piped - closed);
        if rows >= 4 && rows_opened * 4 <= rows && rows_closed == rows {
            PipeBorders::Closing
        } else if piped >= 4 && opened < piped && closed < piped && unbordered * 4 >= piped {
            PipeBorders::None
        } else {
            PipeBorders::Markdown
        }
    };
    let mut i = 0;
    while i < lines.len() {
        let (off, line, kind) = &lines[i];
        if let Some((_, n)) = blank_runs.next_if(|r| r.0 == i) {
            let at = lines[i - 1].0;
            for _ in 0..n {
                events.push(Event::Cell(CellTok {
                    kind: CellKind::Blank,
                    range: at..at,
                }));
            }
        }
        // (A group inside one already read is no group.)
        while next_box.next_if(|b| b.0.start < i).is_some() {}
        if let Some((rows, join)) = next_box.next_if(|b| b.0.start == i) {
            let from = events.len();
            let group = &lines[rows.clone()];
            if row_events(text, group, *join, labels, &mut budget, &mut events) {
                drop_serial(&mut events, from, &mut last_serial);
                i = rows.end;
                continue;
            }
        }
        i += 1;
        match kind {
            LineKind::Skip => {}
            LineKind::BlankCells(n) => {
                for _ in 0..*n {
                    events.push(Event::Cell(CellTok {
                        kind: CellKind::Blank,
                        range: *off..*off,
                    }));
                }
            }
            LineKind::Values => field_events(
                text,
                *off..off + line.len(),
                line,
                labels,
                false,
                None,
                &mut events,
            ),
            LineKind::Structured => {
                let from = events.len();
                // A tab that ends every row's line ends the line, no empty last cell.
                let line = match line.strip_suffix('\t') {
                    Some(kept) if tab_terminated => kept,
                    _ => line,
                };
                structured_line(
                    text,
                    *off,
                    line,
                    labels,
                    &mut budget,
                    &mut events,
                    pipe_borders,
                );
                drop_serial(&mut events, from, &mut last_serial);
            }
            LineKind::Text { values_from, glued } => {
                let end = *values_from;
                // A label wrapped around a number glued to it ends, on this line, before it.
                let text_end = glued.unwrap_or(end);
                // Marks that reach into this line's text (a label wrapped from an earlier line
                // continues here without a new label event).
                while mi < marks.len() && marks[mi].end <= *off {
                    mi += 1;
                }
                let mut here: Vec<SegMark> = Vec::new();
                let mut k = mi;
                while k < marks.len() && marks[k].start < text_end {
                    let m = marks[k];
                    if m.end > *off {
                        here.push(SegMark {
                            a: m.start.max(*off) - off,
                            b: m.end.min(text_end) - off,
                            id: m.id,
                            starts: m.start >= *off,
                            tolerant: m.fuzzy,
                            full_end: m.end - off,
                        });
                    }
                    k += 1;
                }
                let t = &text[*off..end];
                let trailing = if end < off + line.len() {
                    trailing_cells(text, end..off + line.len())
                } else {
                    Vec::new()
                };
                let from = events.len();
                let alone = trailing.is_empty() && here.iter().all(|m| m.id.is_none());
                segment_events(*off..end, t, &here, trailing, &mut events);
                // A group's heading of table 三 alone on its line: see `field_events`.
                if alone && events.len() == from {
                    if let Some(numeral) = group_heading(t) {
                        events.push(Event::Text {
                            item_start: true,
                            cut_group: Some(numeral),
                            at: *off,
                        });
                    }
                }
                if t.trim_start().starts_with(|c: char| c.is_ascii_digit()) {
                    drop_serial(&mut events, from, &mut last_serial);
                }
            }
        }
    }
    // Blank cells that end the region.
    if let Some((_, n)) = blank_runs.next() {
        // At an empty line of the run (the region's last piece may be none, or the indent
        // of the next heading's line, no empty line).
        let at = lines
            .iter()
            .rev()
            .find(|l| l.1.trim().is_empty() && l.0 < region.end && text[l.0..].starts_with('\n'))
            .map_or(region.end, |l| l.0);
        for _ in 0..n {
            events.push(Event::Cell(CellTok {
                kind: CellKind::Blank,
                range: at..at,
            }));
        }
    }
    events
}

/// A 序号 column: a row's serial number before its label, first on its line ("1\t规章\t0\t0\t0",
/// "1  规章  0  0  0"), is no cell of the row before. Only 1 or the last serial plus one, so
/// that a value is not taken for one by chance.
fn drop_serial(events: &mut Vec<Event>, from: usize, last_serial: &mut Option<u32>) {
    let Some([Event::Cell(first), Event::Label { .. }]) = events.get(from..from + 2) else {
        return;
    };
    let serial = match &first.kind {
        CellKind::Fixed(v) if v.fract() == 0.0 && (1.0..100.0).contains(v) => *v as u32,
        // Digits printed before text are read as a run of digits that may hold several cells.
        CellKind::Blob(groups) if groups.len() == 1 && groups[0].text.len() <= 2 => {
            match groups[0].text.parse() {
                Ok(n) if n >= 1 => n,
                _ => return,
            }
        }
        _ => return,
    };
    if serial == 1 || Some(serial - 1) == *last_serial {
        *last_serial = Some(serial);
        events.remove(from);
    }
}

pub(super) fn line_kind(line: &str, off: usize, chrome: &chrome::ChromeLines) -> LineKind {
    let t = line.trim();
    if t.is_empty() {
        return LineKind::Skip;
    }
    // A lone "—", "-" or "/" in a table is a cell that has nothing to report, although a page's
    // chrome list and a markdown separator take such a line for a rule elsewhere.
    if is_na(t) {
        return LineKind::Values;
    }
    if chrome.at(off, line)
        || is_page_footer(t)
        || is_md_separator(line)
        || super::form_notes::is_form_note(t)
        || (super::prose_lines::is_prose(t) && field_separator(line).is_none())
    {
        return LineKind::Skip;
    }
    // A line without a separator is one field: not split (most lines of a table are such).
    if field_separator(line).is_some() && split_fields(line, off).len() > 1 {
        return LineKind::Structured;
    }
    if value_cell(t, 0, false).is_some() {
        return LineKind::Values;
    }
    LineKind::Text {
        values_from: off + trailing_values(line),
        glued: glued_number(line).map(|g| off + g),
    }
}

/// A page footer or page number line that PDF text extraction leaves between table rows:
/// "-3-", "- 3 -", "— 3 —", "第3页", "第 3 页 共 6 页", "共6页 第3页", "3/6 页".
pub fn is_page_footer(t: &str) -> bool {
    // A footer is short; a long line is not one (and is not scanned).
    if t.len() > 64 {
        return false;
    }
    // Either form needs a dash or 页: most short lines (a cell per line) have neither, and are
    // not copied.
    if !t.contains(['-', '—', '–', '－', '─', '_', '页']) {
        return false;
    }
    let c = super::text::without_whitespace(t);
    let dash = |ch: char| matches!(ch, '-' | '—' | '–' | '－' | '─' | '_');
    // Dashes around a page number.
    let inner = c.trim_start_matches(dash);
    let lead = c.len() - inner.len();
    let core = inner.trim_end_matches(dash);
    let trail = inner.len() - core.len();
    // One number: figures apart between dash cells (`-\t1\t1\t3\t-`, a row of table 四 that
    // prints its nothing as a dash) are a row, not `- 3 -`.
    let one_number = || {
        t.trim_matches(|ch: char| dash(ch) || ch.is_whitespace())
            .split_whitespace()
            .count()
            == 1
    };
    if lead > 0
        && trail > 0
        && !core.is_empty()
        && core.len() <= 4
        && core.bytes().all(|b| b.is_ascii_digit())
        && one_number()
    {
        return true;
    }
    // 第N页 / 共M页 / N/M页, in any order, with separators.
    let rest = core_page_words(&c);
    rest.is_some_and(|r| r.is_empty())
}

/// What is left of a line after removing 第N页, 共M页, N/M页 and separators, or None when
/// there is no such word.
fn core_page_words(c: &str) -> Option<String> {
    let mut out = String::new();
    let chars: Vec<char> = c.chars().collect();
    let mut i = 0;
    let mut found = false;
    while i < chars.len() {
        let ch = chars[i];
        let digits_from = |j: usize| {
            let mut k = j;
            while k < chars.len() && chars[k].is_ascii_digit() {
                k += 1;
            }
            k
        };
        if ch == '第' || ch == '共' {
            let k = digits_from(i + 1);
            if k > i + 1 && k - i - 1 <= 4 && chars.get(k) == Some(&'页') {
                found = true;
                i = k + 1;
                continue;
            }
        }
        if ch.is_ascii_digit() {
            let k = digits_from(i);
            if chars.get(k) == Some(&'/') {
                let k2 = digits_from(k + 1);
                if k2 > k + 1 && chars.get(k2) == Some(&'页') {
                    found = true;
                    i = k2 + 1;
                    continue;
                }
            }
            out.extend(&chars[i..k]);
            i = k;
            continue;
        }
        if matches!(ch, ',' | '，' | '、' | '/' | '|' | '-' | '—' | '(' | ')') {
            i += 1;
            continue;
        }
        out.push(ch);
        i += 1;
    }
    found.then_some(out)
}

/// Where the run of values that ends a line of text starts (the line's length if none): digit
/// groups separated by white space, the first one after white space, or glued to the text
/// before it when there are at least two groups (normalisation glues "情形） 4" to "情形）4";
/// one glued group is left to the label reading, "行政许可447228").
///
/// A run may hold marks among its figures (`21   —   —   21`, `—   —   —`, `1   无   1`, `〇`: a
/// table that prints its nothing or its zero so, laid out with spaces): where it has three
/// groups or more, the marks are cells of it too. Otherwise a mark ended the run, and the
/// figures before it were read as the label's text.
fn trailing_values(line: &str) -> usize {
    let digits_only = trailing_digit_values(line);
    let t = line.trim_end();
    let mut start = t.len();
    let (mut groups, mut dashes) = (0usize, 0usize);
    // The words from the end, while each is a figure or a dash (a word that opens the line is
    // no cell: the run follows a label).
    let mut end = t.len();
    while end > 0 {
        let word_start = t[..end]
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(p, c)| p + c.len_utf8());
        let word = &t[word_start..end];
        let figure = word.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && word.bytes().any(|b| b.is_ascii_digit())
            && !word.starts_with('.')
            && !word.ends_with('.');
        let dash = is_dash_cell(word);
        if !(figure || dash) || word_start == 0 {
            break;
        }
        groups += 1;
        dashes += usize::from(dash);
        start = word_start;
        end = t[..word_start].trim_end().len();
    }
    if dashes > 0 && groups >= 3 && start < digits_only {
        start
    } else {
        digits_only
    }
}

/// A word without digits that is a cell on a line of text: a dash or 无 for nothing to
/// report, a zero typed 〇 or 零.
fn mark_cell(w: &str) -> Option<CellKind> {
    if w.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    if is_na(w) {
        return Some(CellKind::Na);
    }
    parse_fixed(w).map(CellKind::Fixed)
}

fn is_dash_cell(w: &str) -> bool {
    mark_cell(w).is_some()
}

/// [`trailing_values`] of digit groups alone.
fn trailing_digit_values(line: &str) -> usize {
    let t = line.trim_end();
    let b = t.as_bytes();
    let mut i = t.len();
    let mut start = line.len();
    let mut groups = 0;
    loop {
        let mut k = i;
        while k > 0 && (b[k - 1].is_ascii_digit() || b[k - 1] == b'.') {
            k -= 1;
        }
        let g = &t[k..i];
        if k == i
            || !g.bytes().any(|x| x.is_ascii_digit())
            || g.starts_with('.')
            || g.ends_with('.')
        {
            break;
        }
        let mut j = k;
        while j > 0 && (b[j - 1] == b' ' || b[j - 1] == b'\t') {
            j -= 1;
        }
        if j == k {
            // Glued to what is before it.
            if k > 0
                && groups >= 1
                && !matches!(b[k - 1], b'-' | b'/' | b'+' | b'%')
                && !(b[k - 1] as char).is_ascii_alphanumeric()
            {
                start = k;
            }
            break;
        }
        groups += 1;
        start = k;
        if j == 0 {
            break;
        }
        i = j;
    }
    start
}

/// Where a single number glued to Han text ends a line ("行政事业性收费96171.6").
fn glued_number(line: &str) -> Option<usize> {
    let t = line.trim_end();
    let start = t.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
    let g = &t[start.len()..];
    (g.bytes().any(|b| b.is_ascii_digit())
        && !g.starts_with('.')
        && start
            .chars()
            .last()
            .is_some_and(crate::ingest::normalize::is_han))
    .then_some(start.len())
}

/// The run of values that ends a line, as one cell token.
fn trailing_cells(text: &str, r: Range<usize>) -> Vec<CellTok> {
    let t = text[r.clone()].trim_end();
    let groups: Vec<Group> = split_ws_with_offsets(t)
        .into_iter()
        .map(|(i, w)| Group {
            text: w.to_string(),
            range: r.start + i..r.start + i + w.len(),
        })
        .collect();
    if !groups.iter().any(|g| is_dash_cell(&g.text)) {
        return vec![CellTok {
            kind: CellKind::Blob(groups),
            range: r.start..r.start + t.len(),
        }];
    }
    // Marks among the figures (a dash, 无, 〇): each a cell of its own, the figures between
    // them runs of their own.
    let mut out: Vec<CellTok> = Vec::new();
    let mut run: Vec<Group> = Vec::new();
    let flush = |run: &mut Vec<Group>, out: &mut Vec<CellTok>| {
        if let (Some(first), Some(last)) = (run.first(), run.last()) {
            let range = first.range.start..last.range.end;
            out.push(CellTok {
                kind: CellKind::Blob(std::mem::take(run)),
                range,
            });
        }
    };
    for g in groups {
        if let Some(kind) = mark_cell(&g.text) {
            flush(&mut run, &mut out);
            out.push(CellTok {
                kind,
                range: g.range,
            });
        } else {
            run.push(g);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// What a whole field or line reads as when it is a value cell: a mark for nothing to report,
/// a figure ([`figure`](super::figure)), or digit groups that may be several cells run together.
/// In a delimited row (`delimited`: a tab or pipe field), spaces may group a figure's thousands.
/// (`off`: where `t` is, for the groups' ranges.)
pub(super) fn value_cell(t: &str, off: usize, delimited: bool) -> Option<CellKind> {
    if is_na(t) {
        return Some(CellKind::Na);
    }
    let figure = if delimited {
        delimited_figure(t)
    } else {
        parse_fixed(t)
    };
    if let Some(v) = figure {
        return Some(CellKind::Fixed(v));
    }
    spaced_groups(t, off).map(CellKind::Blob)
}

/// Whether the text right after a digit run glues it to more digits with a character that is
/// neither white space, a Han character nor a cell border: "1?3", "1\u{fffd}3" (a character
/// lost in decoding), "1·3", "1́3", and "1O3" outside a table's rows of figures (in them
/// `lookalike` has read OCR's letters as digits before). Such a number cannot be read; it is
/// left out (its row then lacks a cell and is reported), never read as the digits before it.
/// A run of digits with one minus inside ("35-15", "2648-18538"): table 二's 本年增/减 printed
/// negative and glued to the figure before it. The minus can only be the second figure's sign;
/// a date ("2021-12-31", "2021-12") is not read so.
fn signed_figure_follows(run: &str) -> bool {
    let stretch = &run[..run
        .find(|c: char| !(c.is_ascii_digit() || c == '-'))
        .unwrap_or(run.len())];
    let Some((a, b)) = stretch.split_once('-') else {
        return false;
    };
    let year_month = a.len() == 4 && (a.starts_with("19") || a.starts_with("20")) && b.len() <= 2;
    !a.is_empty()
        && !b.is_empty()
        && !b.contains('-')
        && !year_month
        && !run[stretch.len()..].starts_with('.')
}

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
pub(super) fn field_events(
    text: &str,
    r: Range<usize>,
    t: &str,
    labels: &LabelFinder,
    structured: bool,
    fuzzy: Option<&mut usize>,
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
    if let Some(kind) = value_cell(trimmed, tr.start, structured) {
        out.push(Event::Cell(CellTok { kind, range: tr }));
        return;
    }
    // Text with labels and perhaps glued digit runs.
    let compact = Compact::new(t);
    let cs = labels.without_notes(&compact.s);
    let mut exact = labels.exact_marks(&cs);
    // A header word right after the item number that opens the field is part of a row's label
    // ("2.其他法律行政法规", a label wrapped in its cell, 其他 being a column's name): read as
    // a header word, it hid the item number, and the row started no row.
    exact.retain(|m| m.2.is_some() || !only_item_number(&cs[..m.0]));
    let mut tolerant = None;
    // A field of text before a row's values that holds no label: a misprinted one?
    if let Some(budget) = fuzzy {
        if !exact.iter().any(|m| m.2.is_some()) {
            let chars: Vec<(usize, char)> = cs.char_indices().collect();
            let from = chars.len().saturating_sub(FUZZY_BEFORE);
            let tc: Vec<char> = chars[from..].iter().map(|x| fold_punct(x.1)).collect();
            if let Some(h) = labels.fuzzy_at(&tc, tc.len(), budget) {
                let a = chars[from + h.a].0;
                let b = chars.get(from + h.b).map(|x| x.0).unwrap_or(cs.len());
                let a = match h.item {
                    Some(k) => extend_item_number(&cs, a, k),
                    None => a,
                };
                exact.retain(|m| m.1 <= a || b <= m.0);
                exact.push((a, b, Some(h.id)));
                exact.sort_by_key(|m| m.0);
                tolerant = Some(a);
            }
        }
    }
    let marks: Vec<SegMark> = exact
        .into_iter()
        .map(|(a, b, id)| {
            let (oa, ob) = compact.orig(a, b);
            SegMark {
                a: oa,
                b: ob,
                id,
                starts: true,
                tolerant: tolerant == Some(a) && id.is_some(),
                full_end: ob,
            }
        })
        .collect();
    let before = out.len();
    segment_events(r.clone(), t, &marks, Vec::new(), out);
    // A group's heading of table 三 alone on its line, a cell a line (`(三)不予公开 |`), read as
    // nothing (text opened by a bracket is a note continuing a label): its first row's label
    // lost, the figures after it joined the row before (（二）部分公开 took every figure up to
    // （六） and was left out). It ends that row; printed after its first row's label, it goes
    // on with that row (`cut_group`). Beside figures on its line it stays nothing: the row
    // of values is placed by the rows around it.
    if out.len() == before && !marks.iter().any(|m| m.id.is_some()) {
        if let Some(numeral) = group_heading(t).filter(|_| alone_on_its_line(text, &r)) {
            out.push(Event::Text {
                item_start: true,
                cut_group: Some(numeral),
                at: r.start,
            });
        }
    }
    if structured && out.len() == before && unreadable_figure(trimmed) {
        out.push(Event::Unreadable(tr));
    }
}

/// A label or header word in one line or field: offsets in its text.
struct SegMark {
    a: usize,
    b: usize,
    id: Option<usize>,
    /// The label starts here (false: it continues from an earlier line).
    starts: bool,
    tolerant: bool,
    /// Where the label ends (on a later line when it is wrapped).
    full_end: usize,
}

/// Events of a text `t` at `r` whose labels and header words are `marks`, and a run of values
/// that ends it.
fn segment_events(
    r: Range<usize>,
    t: &str,
    marks: &[SegMark],
    trailing: Vec<CellTok>,
    out: &mut Vec<Event>,
) {
    let has_row_label = marks.iter().any(|m| m.id.is_some());
    let mut events: Vec<Event> = Vec::new();
    // Walk the segments between marks: every segment starts at a boundary (the field's start
    // or a label's end).
    let mut seg_start = 0usize;
    let mut text_seen = false;
    let mut item_start = false;
    let mut cut_group = None;
    for i in 0..=marks.len() {
        let seg_end = marks.get(i).map(|m| m.a).unwrap_or(t.len()).max(seg_start);
        let seg = &t[seg_start..seg_end];
        let runs = glued_runs(seg, r.start + seg_start, true);
        if runs.is_empty() && seg.chars().any(crate::ingest::normalize::is_han) {
            if !text_seen {
                item_start = starts_item(seg);
                cut_group = cut_group_heading(seg);
            }
            text_seen = true;
        }
        let mut starts = unknown_items(seg, r.start + seg_start).peekable();
        for c in runs {
            while let Some(p) = starts.next_if(|p| *p < c.range.start) {
                events.push(Event::RowStart(p));
            }
            events.push(Event::Cell(c));
        }
        events.extend(starts.map(Event::RowStart));
        if let Some(m) = marks.get(i) {
            if let (Some(id), true) = (m.id, m.starts) {
                events.push(Event::Label {
                    id,
                    range: r.start + m.a..r.start + m.full_end,
                    tolerant: m.tolerant,
                });
            }
            seg_start = m.b.max(seg_start);
        }
    }
    // A total row labelled only 总计 or 合计 (no "（七）"), alone on its line, in its field or
    // before its values: the word is also the total column's header, so it is no label; table
    // 三 reads it as a row of its own after the result rows.
    // (A pipe printed on the word's line is no part of it: "| 总计".)
    let word = t.trim().trim_matches(['|', '｜']).trim();
    if events.is_empty() && !word.is_empty() && word.len() <= 6 {
        let at = r.start + t.find(word).unwrap_or(0);
        if matches!(word, "总计" | "合计") {
            events.push(Event::TotalRow(at));
        } else if let Some(i) = crate::model::template::REQUEST_BARE_ROWS
            .iter()
            .position(|(w, _)| *w == word)
        {
            events.push(Event::BareRow(at, i));
        }
    }
    // Text no label reaches before the values that end its line ("其中：网上申请 10 0 0 0 0 0
    // 10", a row the template does not have): it ends the row before, whose values it is not.
    if !trailing.is_empty() && marks.is_empty() && text_seen && events.is_empty() {
        events.push(Event::Text {
            item_start,
            cut_group,
            at: r.start,
        });
    }
    events.extend(trailing.into_iter().map(Event::Cell));
    let no_cells = events.iter().all(|e| !matches!(e, Event::Cell(_)));
    out.extend(events);
    if !has_row_label && no_cells && text_seen && !t.trim().starts_with('(') {
        out.push(Event::Text {
            item_start,
            cut_group,
            at: r.start,
        });
    }
}

/// The groups of table 三's results whose heading is no row of its own (a row's label follows
/// it): `（三）不予公开`, `（四）无法提供`, `（五）不予处理`.
const GROUP_HEADINGS: &[&str] = &["不予公开", "无法提供", "不予处理"];

/// Whether the field at `r` is all its line holds but pipes and white space.
fn alone_on_its_line(text: &str, r: &Range<usize>) -> bool {
    let start = text[..r.start].rfind('\n').map_or(0, |p| p + 1);
    let end = text[r.end..].find('\n').map_or(text.len(), |p| r.end + p);
    let bare = |s: &str| {
        s.chars()
            .all(|c| c.is_whitespace() || matches!(c, '|' | '｜'))
    };
    bare(&text[start..r.start]) && bare(&text[r.end..end])
}

/// A group's heading of table 三 printed whole and alone (`(三)不予公开`, pipes around it
/// aside): the group's numeral.
fn group_heading(t: &str) -> Option<char> {
    let t = t.trim().trim_matches(['|', '｜']).trim();
    let rest = t.strip_prefix(['(', '（'])?;
    let mut it = rest.chars();
    let numeral = it.next().filter(|c| "三四五".contains(*c))?;
    let word = it.as_str().strip_prefix([')', '）'])?.trim();
    GROUP_HEADINGS.contains(&word).then_some(numeral)
}

/// Offsets of item numbers in text that no label covers: one or two digits after a non-digit
/// (or the start), then '.' or '、' (or a comma typed for it), then a Han character
/// ("2.没有现成…", "本5.属于…", "2,申请人逾期…"); or in parentheses ("(2)没有现成…") or as one
/// character ("②没有现成…").
fn unknown_items(seg: &str, off: usize) -> impl Iterator<Item = usize> + '_ {
    let b = seg.as_bytes();
    let han_after = |rest: &str| {
        rest.trim_start_matches(' ')
            .chars()
            .next()
            .is_some_and(crate::ingest::normalize::is_han)
    };
    seg.char_indices().filter_map(move |(i, c)| {
        if enclosed_number(c).is_some() {
            return han_after(&seg[i + c.len_utf8()..]).then_some(off + i);
        }
        let paren = c == '(';
        let first = if paren { i + 1 } else { i };
        if !b.get(first).is_some_and(u8::is_ascii_digit)
            || (!paren && i > 0 && (b[i - 1].is_ascii_digit() || b[i - 1] == b'.'))
        {
            return None;
        }
        let mut j = first;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        if j - first > 2 {
            return None;
        }
        let rest = &seg[j..];
        let rest = if paren {
            rest.strip_prefix(')')?
        } else {
            rest.strip_prefix(['.', '、', ',', '，'])?
        };
        han_after(rest).then_some(off + i)
    })
}

/// A group's heading of table 三 cut short: `(五)` and at most three characters (`(五)不`,
/// `(六)其他`) before the end or a gap; the group's numeral.
fn cut_group_heading(seg: &str) -> Option<char> {
    let rest = seg.trim().strip_prefix(['(', '（'])?;
    let mut it = rest.chars();
    let numeral = it.next().filter(|c| "一二三四五六七".contains(*c))?;
    // (Up to a gap: a layout prints the next column's text on the line, `(六)其  行政机关…`.)
    let rest = it.as_str().strip_prefix([')', '）'])?;
    let rest = rest.split_whitespace().next().unwrap_or("");
    let n = rest.chars().count();
    (n <= 3 && rest.chars().all(crate::ingest::normalize::is_han)).then_some(numeral)
}

/// An item number and nothing else: "2.", "2、", "(2)", "（二）", "②".
fn only_item_number(s: &str) -> bool {
    // (Byte length first: a field may be a whole flattened table, with many header words.)
    if s.len() > 24 {
        return false;
    }
    let s = s.trim();
    let closed = s.ends_with(['.', '、', ')', ',', '．'])
        || (s.chars().count() == 1 && s.chars().next().and_then(enclosed_number).is_some());
    closed && s.chars().count() <= 4 && starts_item(s)
}

/// Text that starts a row of its own: an item number ("5.", "1、", "一、", "(三)").
pub(super) fn starts_item(seg: &str) -> bool {
    let s = seg.trim_start();
    let mut it = s.chars();
    let Some(c) = it.next() else { return false };
    if c == '(' || enclosed_number(c).is_some() {
        return true;
    }
    let num = c.is_ascii_digit() || super::text::chinese_numeral(c).is_some();
    let rest: String = it.take_while(|c| c.is_ascii_digit()).collect();
    let sep = s[c.len_utf8() + rest.len()..].chars().next();
    num && matches!(sep, Some('.' | '、' | ')' | ','))
}

/// Include a printed item number ("2.", "2、", "2,", "(2)", "②") right before a label match at
/// `p`, or before a word or two that open the row's label when the match is the words after
/// them (a long form: "6.属于讨论记录、过程稿…等过程性信息", "3.经补正后申请内容仍不明确").
fn extend_item_number(s: &str, p: usize, k: char) -> usize {
    let mut at = p;
    for _ in 0..=2 {
        let start = extend_item_number_at(s, at, k);
        if start < at {
            return start;
        }
        match s[..at].chars().next_back() {
            Some(c) if crate::ingest::normalize::is_han(c) => at -= c.len_utf8(),
            _ => break,
        }
    }
    p
}

fn extend_item_number_at(s: &str, p: usize, k: char) -> usize {
    let before = &s[..p];
    for sep in ['.', '、', ')', ',', '，'] {
        let pat: String = [k, sep].iter().collect();
        if before.ends_with(&pat) {
            let mut start = p - pat.len();
            if sep == ')' && s[..start].ends_with('(') {
                start -= 1;
            }
            return start;
        }
    }
    match before.chars().next_back() {
        Some(c) if enclosed_number(c).is_some() && enclosed_number(c) == k.to_digit(10) => {
            p - c.len_utf8()
        }
        _ => p,
    }
}

/// An item number printed as one character, as Word's list styles print them: ① … ⑳, ⑴ … ⒇,
/// ⒈ … ⒛.
pub(crate) fn enclosed_number(c: char) -> Option<u32> {
    let n = c as u32;
    [0x2460, 0x2474, 0x2488]
        .iter()
        .find(|&&first| (first..first + 20).contains(&n))
        .map(|first| n - first + 1)
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
            // A dash for "nothing to report" between or after a row's figures ("21 0 0 - 0 0 21",
            // "1 0 0 0 0 0 -"), on its own after a space: a cell of its own, not the end of the
            // run (read as two cells, or as six placed by guess).
            if matches!(c, '-' | '—' | '–' | '－' | '/' | '／') && !out.is_empty() {
                let spaced_before = i > 0 && chars[i - 1].1 == ' ';
                let next = chars.get(i + 1).map(|x| x.1);
                let rest = seg[pos + c.len_utf8()..].trim_start_matches(' ');
                // Before more figures, or last in the segment (the figures after it are the
                // line's trailing run, read on their own).
                let figure_next = rest.is_empty() || rest.starts_with(|d: char| d.is_ascii_digit());
                if spaced_before && next.is_none_or(|n| n == ' ') && figure_next {
                    out.push(CellTok {
                        kind: CellKind::Na,
                        range: off + pos..off + pos + c.len_utf8(),
                    });
                }
            }
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
        let signed_next = signed_figure_follows(&seg[pos..]);
        while j < chars.len() {
            let (p2, d) = chars[j];
            if d.is_ascii_digit() || d == '.' || (d == '-' && p2 == g_start) {
                last_end = p2 + d.len_utf8();
                j += 1;
            } else if d == '-' && signed_next && p2 == last_end && last_end > g_start {
                // "35-15": the minus begins the next figure (本年增/减 -15).
                groups.push(Group {
                    text: seg[g_start..last_end].to_string(),
                    range: off + g_start..off + last_end,
                });
                g_start = p2;
                last_end = p2 + 1;
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
        // One figure in 万 ("行政许可 44.7228万", "1.2万件"): ten thousand times the figure, as
        // a field so printed reads (`figure`); read as printed, it was wrong. (Not 万元, the
        // fees' unit, nor 万 before other words.)
        let wan_unit = next
            .filter(|&n| n == '万' && groups.len() == 1)
            .and_then(|_| {
                let after = &seg[last_end + '万'.len_utf8()..];
                match super::figure::UNITS.iter().find(|u| after.starts_with(**u)) {
                    Some(u) if !u.contains('元') => Some('万'.len_utf8() + u.len()),
                    Some(_) => None,
                    None => (!after
                        .chars()
                        .next()
                        .is_some_and(crate::ingest::normalize::is_han))
                    .then_some('万'.len_utf8()),
                }
            });
        let in_wan = wan_unit.is_some();
        if let Some(len) = wan_unit {
            run_end += len;
        } else if let Some(n) = next {
            if seg[last_end..].starts_with("万元") {
                run_end += "万元".len();
            } else if n == '元' {
                run_end += '元'.len_utf8();
            } else if PROSE_UNITS.contains(n) || glued_to_digits(&seg[last_end..]) {
                unit_ok = false;
            }
        }
        // An item number ("5.要求…", "1、申请人…") starts a label the template may not know
        // (wrapped, misprinted): it is no cell.
        let after = seg[last_end..].trim_start_matches(' ').chars().next();
        let item_no = groups.len() == 1
            && match next {
                Some('、') => true,
                // "5.要求…", "2. 没有…"; "5." right before a label (numbered otherwise than the
                // template numbers it).
                _ => {
                    seg[..last_end].ends_with('.')
                        && after.is_none_or(crate::ingest::normalize::is_han)
                }
            };
        let groups: Vec<Group> = groups
            .into_iter()
            .filter(|g| g.text.chars().any(|c| c.is_ascii_digit()))
            .collect();
        let wan = in_wan
            .then(|| super::figure::parse_fixed(&seg[pos..run_end]))
            .flatten();
        if prev_ok && unit_ok && !item_no && !groups.is_empty() {
            out.push(CellTok {
                kind: wan.map_or(CellKind::Blob(groups), CellKind::Fixed),
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

    /// The events in brief: L<row key>, C<cell as `cell` shows it>, T(ext), R(ow of values),
    /// S(tart of an unknown row).
    fn describe(ev: &[Event], cell: impl Fn(&CellTok) -> String) -> Vec<String> {
        ev.iter()
            .map(|e| match e {
                Event::Label { id, .. } => format!("L{}", REQUEST_ROWS[*id].key),
                Event::Cell(c) => format!("C{}", cell(c)),
                Event::Text { .. } => "T".into(),
                Event::ValuesRow(_) => "R".into(),
                Event::RowStart(_) => "S".into(),
                Event::TotalRow(_) => "Σ".into(),
                Event::BareRow(..) => "B".into(),
                Event::Unreadable(_) => "U".into(),
            })
            .collect()
    }

    #[test]
    fn a_pipe_row_without_borders_keeps_its_blank_last_cell() {
        let texts = |l: &str| -> Vec<String> {
            split_fields(l, 0)
                .iter()
                .map(|(_, t)| t.trim().to_string())
                .collect()
        };
        assert_eq!(
            texts("四、结转 |  | 1 | 0 | "),
            ["四、结转", "", "1", "0", ""]
        );
        assert_eq!(
            texts("四、结转 |  | 1 | 0 |"),
            ["四、结转", "", "1", "0", ""]
        );
        assert_eq!(
            texts("| 四、结转 |  | 1 | 0 | |"),
            ["四、结转", "", "1", "0", ""]
        );
        assert_eq!(texts("| 四、结转 |  | 1 | 0 |"), ["四、结转", "", "1", "0"]);
    }

    #[test]
    fn glued_rows_split_at_the_next_items_number() {
        let t = "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 20000022.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 00000003.其他 0200002";
        let t = crate::ingest::normalize::normalize_str(t);
        let ev = scan(
            &t,
            0..t.len(),
            &LabelFinder::new(&specs(), &[], &[]),
            &chrome::ChromeLines::of(&t),
        );
        let desc = describe(&ev, |c| t[c.range.clone()].to_string());
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

    #[test]
    fn page_footers_are_not_rows() {
        for f in [
            "-3-",
            "- 3 -",
            "— 3 —",
            "－12－",
            "第3页 共6页",
            "共 6 页 第 3 页",
            "第3页",
            "3/6页",
        ] {
            assert!(is_page_footer(f), "{f}");
        }
        for t in [
            "-",
            "-3",
            "3",
            "3 0 0",
            "第二十条第(五)项",
            "- 3 - 4 -x",
            "第三页",
            // Dash cells around figures (table 四's nothing printed as a dash).
            "-\t1\t1\t1\t3\t-\t-",
            "-   1   1   3   -",
        ] {
            assert!(!is_page_footer(t), "{t}");
        }
    }

    #[test]
    fn values_that_end_a_line() {
        fn at(l: &str) -> &str {
            &l[trailing_values(l)..]
        }
        assert_eq!(
            at("正、行政机关不再处理其政府信67        3        0    71"),
            "67        3        0    71"
        );
        assert_eq!(at("3.其他 108 2 0"), "108 2 0");
        assert_eq!(at("行政许可447228"), "");
        assert_eq!(at("5.要求行政机关确认或重新出"), "");
        assert_eq!(at("法提供2."), "");
        assert_eq!(
            glued_number("行政事业性收费96171.6"),
            Some("行政事业性收费".len())
        );
    }

    #[test]
    fn a_label_wrapped_over_lines_around_its_values_is_one_label() {
        let t = "（四）无法提供 1.本机关不掌握相关政府信息 746 12 0 0 10 1 769\n-4-\n\n5.要求行政机关确认或重新出\n  1 0 0 0 0 0 1\n具已获取信息\n";
        let t = crate::ingest::normalize::normalize_str(t);
        let ev = scan(
            &t,
            0..t.len(),
            &LabelFinder::new(&specs(), &[], &[]),
            &chrome::ChromeLines::of(&t),
        );
        let desc = describe(&ev, |c| {
            t[c.range.clone()].split_whitespace().count().to_string()
        });
        assert_eq!(
            desc,
            [
                "Lunavailable_not_held",
                "C7",
                "Lnot_processed_confirmation",
                "C7"
            ]
        );
    }

    #[test]
    fn a_misprinted_label_is_read_when_it_is_unique() {
        let finder = LabelFinder::new(&specs(), &[], crate::model::template::REQUEST_HEADINGS);
        let read = |line: &str| {
            let t = crate::ingest::normalize::normalize_str(line);
            scan(&t, 0..t.len(), &finder, &chrome::ChromeLines::of(&t))
                .iter()
                .find_map(|e| match e {
                    Event::Label { id, tolerant, .. } => Some((REQUEST_ROWS[*id].key, *tolerant)),
                    _ => None,
                })
        };
        assert_eq!(
            read("2.其他法律行政止公开      0     0     0"),
            Some(("withheld_law_prohibited", true))
        );
        assert_eq!(
            read("4.护第三方合法权益 6 0 0 0 0 0 6"),
            Some(("withheld_third_party", true))
        );
        // A heading of the table is no row; nor is text too far from every label.
        assert_eq!(read("（三）不予公开 0 0 0"), None);
        assert_eq!(read("其他情况说明 0 0 0"), None);
    }
}
