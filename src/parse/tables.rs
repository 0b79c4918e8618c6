//! The three statistical tables: rows found by label in the cell stream, cells fitted to the
//! template's columns, rows printed apart from their labels placed by the template's row order
//! between labelled rows, and the template (2019/2021) decided from the tables themselves.

mod column_numbers;
mod extra_columns;
mod fewer_columns;
mod figures_above;
mod figures_by_column;
mod figures_in_pieces;
mod review_groups;
mod review_list;
mod review_staircase;
mod review_totals;

use super::cells::{self, CellKind, CellTok, Event, LabelFinder, LabelSpec};
use super::columns::{self, HeaderOrder};
use super::layout;
use super::lookalike;
use super::sections::Outline;
use super::split::{self, Fit, Resolved};
use crate::model::template::{self, RowDef};
use crate::model::{Num, SectionKind, Table, Tables, Template};
use extra_columns::{
    disclosure_header_columns, repeated_total_column, review_extra_columns, subtotal_column,
    HeaderLines,
};
use std::ops::Range;
use std::sync::OnceLock;

/// What the table parser found.
pub struct ParsedTables {
    pub tables: Tables,
    pub template: Option<Template>,
    /// Every printed cell: dotted key and where/how it is printed.
    pub cells: Vec<(String, Resolved)>,
    pub warnings: Vec<String>,
}

/// A labelled row as printed: which row, the tokens that followed its label, and whether the
/// label was matched tolerantly (its printed range then).
struct RowAcc {
    def: usize,
    items: Vec<CellTok>,
    tolerant: Option<Range<usize>>,
    label_start: usize,
    label_end: usize,
    /// A row whose label is not known started after this label, before the next label.
    unknown_after: bool,
    /// Its values were printed as a line of values, or on its label's line: the row is complete
    /// at the end of that line.
    complete: bool,
    /// A cell of its line is no figure (`Event::Unreadable`): its cells are not known by
    /// position, the row is left out.
    void: bool,
}

impl RowAcc {
    fn push(&mut self, text: &str, c: CellTok) {
        // (A cell printed before its label, a line of figures above it, is on no label's line;
        // nor is a figure alone on a line between a wrapped label's lines, as text extracted
        // in reading order prints the first cell beside a two-line label.)
        let between_label_lines = c.range.start < self.label_end
            && (alone_on_line(text, &c.range) || text[c.range.end..self.label_end].contains('\n'));
        if row_line(&c)
            || (self.items.is_empty()
                && c.range.start >= self.label_start
                && !between_label_lines
                && !text[self.label_end.min(c.range.start)..c.range.start].contains('\n'))
        {
            self.complete = true;
        }
        self.items.push(c);
    }
}

/// A line of several values (a row printed on one line).
fn row_line(c: &CellTok) -> bool {
    matches!(&c.kind, CellKind::Blob(g) if g.len() > 1)
}

struct Stream {
    accs: Vec<RowAcc>,
    /// Rows of values printed without a label: (number of labelled rows before it, cells).
    orphans: Vec<(usize, Vec<CellTok>)>,
    strays: usize,
    /// Cells printed after a group's heading of table 三 whose parts' labels were lost: (number
    /// of labelled rows before them, cells), split into rows by [`group_rows`] where the
    /// table's header is the template's seven columns.
    group_runs: Vec<(usize, Vec<CellTok>)>,
    /// Cells printed with digits but no figure: the row they void (its template row, None for
    /// a row without a label) and the cell as printed.
    unreadable: Vec<(Option<usize>, String)>,
}

/// The events of a table as rows. Values go to the label before them, unless several labels
/// are pending (printed since the last values, none of them the heading of the next) and the
/// values are not on the last label's line: then which label they belong to is not known, and
/// they are a row without a label (placed by the template's row order, or left out).
fn assemble(
    text: &str,
    events: Vec<Event>,
    heads: &dyn Fn(usize, usize) -> bool,
    table_three: bool,
) -> Stream {
    let mut s = Stream {
        accs: Vec::new(),
        orphans: Vec::new(),
        strays: 0,
        group_runs: Vec::new(),
        unreadable: Vec::new(),
    };
    // The rest of a line that holds an unreadable cell: its cells and labels are not read.
    let mut skip: Range<usize> = 0..0;
    let mut skip_cell = String::new();
    let mut cur: Option<usize> = None;
    // Labels since the last values (indices into accs; None: a row whose label is unknown).
    let mut pending: Vec<Option<usize>> = Vec::new();
    // Cells of a row without a label being collected (one cell per line).
    let mut orphan_open = false;
    // The row without a label being collected holds a line of several values.
    let mut orphan_has_row = false;
    // An unknown row started: the next values are its row, without a label.
    let mut after_unknown = false;
    // Cells after a group's heading of table 三 alone on its line, its parts' labels lost
    // (`（三）不予公开 |` then a cell a line): the parts' rows, split by `group_rows`.
    let mut group_run: Option<Vec<CellTok>> = None;
    // Do values starting at `at` belong to the current label?
    let owner = |s: &Stream, pending: &[Option<usize>], cur: usize, at: usize| -> bool {
        let label_end = s.accs[cur].label_end;
        if label_end <= at && !text[label_end..at].contains('\n') {
            // Values on the label's line are its own, unless another row with nothing printed
            // after its label started on that line too (a body flattened into one line): then the rows are
            // counted as below, as they are when the values are on a line of their own.
            let row_before_on_line =
                pending
                    .iter()
                    .rev()
                    .nth(1)
                    .copied()
                    .flatten()
                    .is_some_and(|a| {
                        // Nothing but the label itself: no line break, no figure, however unreadable.
                        let between = &text[s.accs[a].label_end.min(s.accs[cur].label_start)
                            ..s.accs[cur].label_start];
                        s.accs[a].items.is_empty()
                            && !between.contains(|c: char| c == '\n' || c.is_ascii_digit())
                    });
            if !row_before_on_line {
                return true;
            }
        }
        // Count the rows started, from the last: a label followed by one of its sub-rows is
        // their heading. Linear: the rows seen later are at most the template's rows.
        let mut later: Vec<usize> = Vec::new();
        let mut rows = 0;
        for p in pending.iter().rev() {
            match *p {
                None => rows += 1,
                Some(a) => {
                    let d = s.accs[a].def;
                    if !later.iter().any(|&b| heads(d, b)) {
                        rows += 1;
                    }
                    if !later.contains(&d) {
                        later.push(d);
                    }
                }
            }
            if rows > 1 {
                return false;
            }
        }
        true
    };
    // Where the result rows start: a lone 总计 after one of them starts the total row.
    let first_result = template::REQUEST_ROWS
        .iter()
        .position(|r| r.key == "disclosed")
        .expect("the template has the result rows");
    for ev in events {
        let ev = match ev {
            Event::Cell(c) if skip.contains(&c.range.start) => continue,
            Event::TotalRow(p) if s.accs.iter().any(|a| a.def >= first_result) => {
                Event::RowStart(p)
            }
            Event::TotalRow(_) => continue,
            // A bare "其他" starts its row (3.其他) only right after the row before it in the
            // template, read with its figures (a header's 其他 column comes before the rows).
            Event::BareRow(p, i) if table_three => {
                let key = template::REQUEST_BARE_ROWS[i].1;
                let def = template::REQUEST_ROWS.iter().position(|r| r.key == key);
                let fits = def.is_some_and(|d| {
                    s.accs
                        .last()
                        .is_some_and(|a| a.def + 1 == d && !a.items.is_empty())
                });
                if !fits {
                    continue;
                }
                Event::RowStart(p)
            }
            Event::BareRow(..) => continue,
            ev => ev,
        };
        // (Only cells that would be read as no row's: a row without a label begun before the
        // heading goes on taking its cells.)
        let unowned = cur.is_none() && !orphan_open && !after_unknown && !last_row_blank(&s);
        match (&ev, group_run.take()) {
            (Event::Cell(c), Some(mut run)) if unowned => {
                run.push(c.clone());
                group_run = Some(run);
                continue;
            }
            (_, Some(run)) => s.group_runs.push((s.accs.len(), run)),
            (_, None) => {}
        }
        match ev {
            Event::Label {
                id,
                range,
                tolerant,
            } => {
                let void = skip.contains(&range.start);
                s.accs.push(RowAcc {
                    def: id,
                    items: Vec::new(),
                    tolerant: tolerant.then(|| range.clone()),
                    label_start: range.start,
                    label_end: range.end,
                    unknown_after: false,
                    complete: false,
                    void,
                });
                if void {
                    s.unreadable.push((Some(id), skip_cell.clone()));
                    cur = None;
                    pending.clear();
                    continue;
                }
                cur = Some(s.accs.len() - 1);
                pending.push(Some(s.accs.len() - 1));
                orphan_open = false;
                after_unknown = false;
            }
            Event::TotalRow(_) | Event::BareRow(..) => {
                unreachable!("made a RowStart or skipped above")
            }
            // A second such cell on a line already left out.
            Event::Unreadable(r) if skip.contains(&r.start) => {}
            Event::Unreadable(r) => {
                let same_line = |at: usize| !text[at.min(r.start)..r.start].contains('\n');
                // The row the cell is printed in: the current one when its label or its last
                // cell is on this line, or its values are still to come.
                let owner = cur.filter(|&i| {
                    let a = &s.accs[i];
                    a.items.is_empty()
                        || same_line(a.label_end)
                        || a.items.last().is_some_and(|c| same_line(c.range.end))
                });
                if let Some(i) = owner {
                    s.accs[i].items.clear();
                    s.accs[i].void = true;
                } else if orphan_open
                    && s.orphans
                        .last()
                        .and_then(|(_, o)| o.last())
                        .is_some_and(|c| same_line(c.range.end))
                {
                    s.orphans.pop();
                }
                skip_cell = text[r.clone()].to_string();
                s.unreadable
                    .push((owner.map(|i| s.accs[i].def), skip_cell.clone()));
                let line_end = text[r.end..].find('\n').map_or(text.len(), |p| r.end + p);
                skip = r.end..line_end;
                cur = None;
                orphan_open = false;
                after_unknown = false;
                pending.clear();
            }
            Event::RowStart(_) => {
                // The values that follow may be this unknown row's: no label owns them.
                if let Some(last) = s.accs.last_mut() {
                    last.unknown_after = true;
                }
                pending.push(None);
                cur = None;
                orphan_open = false;
                after_unknown = true;
            }
            Event::Cell(c) => {
                // A line of several values is a row of its own: it starts another row without
                // a label rather than join the one before.
                if orphan_open {
                    if row_line(&c) && orphan_has_row {
                        s.orphans.push((s.accs.len(), vec![c]));
                    } else {
                        orphan_has_row |= row_line(&c);
                        s.orphans.last_mut().unwrap().1.push(c);
                    }
                    continue;
                }
                to_wrapped_part(&s, &mut cur, &mut pending, heads);
                match cur {
                    // A row printed as a line of values (or with its values on its label's
                    // line) is complete: a lone number on a line of its own after it is no cell
                    // of it (a page number without dashes).
                    Some(i)
                        if s.accs[i].complete
                            && matches!(c.kind, CellKind::Fixed(_))
                            && alone_on_line(text, &c.range) =>
                    {
                        s.strays += 1;
                        cur = None;
                    }
                    // A lone number before a line of values, both after a label: the number
                    // was a page number between the label and its values.
                    Some(i)
                        if row_line(&c)
                            && s.accs[i].items.len() == 1
                            && matches!(s.accs[i].items[0].kind, CellKind::Fixed(_))
                            && alone_on_line(text, &s.accs[i].items[0].range) =>
                    {
                        s.strays += 1;
                        s.accs[i].items.clear();
                        s.accs[i].push(text, c);
                    }
                    Some(i) if !s.accs[i].items.is_empty() => s.accs[i].push(text, c),
                    Some(i) if matches!(c.kind, CellKind::Blank) => {
                        // An empty paragraph of a table a cell a line is a cell printed: the
                        // row's values have begun, the labels before it are no longer pending
                        // (a blank tab field may be a tab that ends the label's line).
                        if super::blank_lines::is_empty_paragraph(text, &c.range) {
                            pending.clear();
                        }
                        s.accs[i].push(text, c)
                    }
                    Some(i) => {
                        if owner(&s, &pending, i, c.range.start) {
                            s.accs[i].push(text, c);
                        } else {
                            orphan_has_row = row_line(&c);
                            s.orphans.push((s.accs.len(), vec![c]));
                            orphan_open = true;
                            cur = None;
                        }
                        pending.clear();
                    }
                    // Or after a row printed with every cell blank, under a line of text (the
                    // rest of its label): its figures, the row broken across a page.
                    None if (after_unknown || last_row_blank(&s))
                        && !matches!(c.kind, CellKind::Blank) =>
                    {
                        orphan_has_row = row_line(&c);
                        s.orphans.push((s.accs.len(), vec![c]));
                        orphan_open = true;
                        after_unknown = false;
                        pending.clear();
                    }
                    None => {
                        if !matches!(c.kind, CellKind::Blank) {
                            s.strays += 1
                        }
                    }
                }
            }
            Event::Text {
                item_start,
                cut_group,
                ..
            } => {
                orphan_open = false;
                // Text after a label that has no values yet, not starting a row of its own, is
                // the rest of a wrapped label (or a heading beside it): the row goes on. So is
                // the row's own group's heading cut short beside its figures.
                let own_group = |i: usize| {
                    table_three
                        && cut_group.is_some()
                        && template::request_row_group(s.accs[i].def) == cut_group
                };
                match cur {
                    Some(i) if s.accs[i].items.is_empty() && (!item_start || own_group(i)) => {}
                    _ => {
                        cur = None;
                        if table_three && cut_group.is_some() {
                            group_run = Some(Vec::new());
                        }
                    }
                }
            }
            Event::ValuesRow(cells) => {
                orphan_open = false;
                after_unknown = false;
                let at = cells.first().map(|c| c.range.start).unwrap_or(0);
                to_wrapped_part(&s, &mut cur, &mut pending, heads);
                match cur {
                    Some(i) if s.accs[i].items.is_empty() && owner(&s, &pending, i, at) => {
                        s.accs[i].items = cells;
                        s.accs[i].complete = true;
                    }
                    _ => {
                        s.orphans.push((s.accs.len(), cells));
                        cur = None;
                    }
                }
                pending.clear();
            }
        }
    }
    if let Some(run) = group_run {
        s.group_runs.push((s.accs.len(), run));
    }
    s
}

/// The rows of the cells printed after a group's heading of table 三 whose parts' labels were
/// lost (a crawl that dropped the column of `1.属于国家秘密` …, each cell on a line of its own):
/// `width` cells each. They stay rows without a label, which the template's order places only
/// where their count is the count of rows missing there and each row's sum holds. Split only
/// where it cannot be mistaken: single figures, blank cells only between rows (a crawl's
/// filler `|` lines), never inside one, and nothing left over; otherwise None (left unread).
fn group_rows(run: &[CellTok], width: usize) -> Option<Vec<Vec<CellTok>>> {
    let mut rows: Vec<Vec<CellTok>> = Vec::new();
    let mut row: Vec<CellTok> = Vec::new();
    for c in run {
        match c.kind {
            CellKind::Blank if row.is_empty() || row.len() == width => {}
            CellKind::Fixed(_) | CellKind::Na => {}
            _ => return None,
        }
        if row.len() == width {
            rows.push(std::mem::take(&mut row));
        }
        if !matches!(c.kind, CellKind::Blank) {
            row.push(c.clone());
        }
    }
    match row.len() {
        0 => {}
        n if n == width => rows.push(row),
        _ => return None,
    }
    Some(rows)
}

/// A group's heading (`（六）其他处理`) read after the label of one of its parts, with nothing
/// read for that part yet: the heading is printed beside the part's row, centred on the cell it
/// spans, and the part's label wraps around it (`1.申请人无正当理由逾` / `期不补正、行政机关不` /
/// `（六）其他处理  0  0 …` / `再处理其政府信息公开申请`, a borderless table printed to PDF). The
/// values that follow are the part's.
fn part_wrapped_around(
    s: &Stream,
    pending: &[Option<usize>],
    heading: usize,
    heads: &dyn Fn(usize, usize) -> bool,
) -> Option<usize> {
    let whole = s.accs[heading].def;
    pending
        .iter()
        .rev()
        .skip_while(|p| **p == Some(heading))
        .take_while(|p| p.is_some())
        .flatten()
        .copied()
        .find(|&a| {
            let part = &s.accs[a];
            a < heading && part.items.is_empty() && !part.void && heads(whole, part.def)
        })
}

/// Values about to be read for a group's heading that has nothing yet go to the part wrapped
/// around it ([`part_wrapped_around`]): it becomes the current row, no label left pending.
fn to_wrapped_part(
    s: &Stream,
    cur: &mut Option<usize>,
    pending: &mut Vec<Option<usize>>,
    heads: &dyn Fn(usize, usize) -> bool,
) {
    let Some(i) = cur.filter(|&i| s.accs[i].items.is_empty()) else {
        return;
    };
    if let Some(part) = part_wrapped_around(s, pending, i, heads) {
        *cur = Some(part);
        pending.clear();
    }
}

/// One warning per row left out for a cell printed with digits that is no figure.
fn unreadable_warnings<'a>(
    table: &str,
    stream: &Stream,
    label: impl Fn(usize) -> &'a str,
) -> Vec<String> {
    let mut seen: Vec<Option<usize>> = Vec::new();
    let mut out = Vec::new();
    for (def, cell) in &stream.unreadable {
        if def.is_some() && seen.contains(def) {
            continue;
        }
        seen.push(*def);
        let row = def.map_or("a row without a label".to_string(), |d| {
            format!("row {}", label(d))
        });
        out.push(format!(
            "table {table}: {row} has a cell printed '{cell}' that is no figure; its cells cannot be placed by position, the row is left out"
        ));
    }
    out
}

/// Is `r` all that its line holds (but white space)? Looks no further than the white space
/// around it.
fn alone_on_line(text: &str, r: &Range<usize>) -> bool {
    let bare = |c: Option<char>| c.is_none_or(|c| c == '\n');
    let before = text[..r.start]
        .chars()
        .rev()
        .find(|c| *c == '\n' || !c.is_whitespace());
    let after = text[r.end..]
        .chars()
        .find(|c| *c == '\n' || !c.is_whitespace());
    bare(before) && bare(after)
}

/// Where a table is printed: the rows of a table found without its heading; the body of its
/// section, or, when that holds no figures ("详见附表1")
/// or the report has no such section, the table printed again after 五/六 under its own heading
/// or as an appendix after the report ("附表1：主动公开政府信息情况" up to the next 附表 or the
/// end).
fn region(text: &str, outline: &Outline, kind: SectionKind) -> Option<Range<usize>> {
    // A table printed without its heading: just its rows (its section runs on to the next
    // heading, over the text after it).
    if let Some((_, r)) = outline.tables_unheaded.iter().find(|(k, _)| *k == kind) {
        return Some(r.clone());
    }
    let body = outline
        .sections
        .iter()
        .find(|s| s.kind == kind)
        .map(|s| s.body.clone());
    // A handful of digits is a reference ("详见附表1"), not a table's figures; nor are the
    // digits of a page's footer or header that falls inside the reference ("Page 9 of 30",
    // "- 9 -", a printed page's address and date).
    if body.as_ref().is_some_and(|b| {
        super::text::split_lines(&text[b.clone()])
            .filter(|&(off, l)| !outline.chrome.at(b.start + off, l))
            .flat_map(|(_, l)| l.bytes())
            .filter(|c| c.is_ascii_digit())
            .nth(3)
            .is_some()
    }) {
        return body;
    }
    let again = outline
        .tables_again
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, r)| r.clone());
    again
        .or_else(|| appendix_table(text, outline, kind))
        .or(body)
}

/// A table printed after the report under an appendix heading ("附表2：收到和处理政府信息公开
/// 申请情况", "附件1 …"): from after that line to the last figure before the next appendix
/// heading.
fn appendix_table(text: &str, outline: &Outline, kind: SectionKind) -> Option<Range<usize>> {
    let subject: &[&str] = match kind {
        SectionKind::DisclosureTable => &["主动公开"],
        SectionKind::RequestsTable => &["申请"],
        SectionKind::ReviewLitigationTable => &["复议", "诉讼"],
        _ => return None,
    };
    // Appendices follow the report's last section heading.
    let from = outline.sections.last().map_or(0, |s| s.start);
    let is_appendix = |l: &str| {
        let t = l.trim().trim_start_matches(['#', '*']).trim_start();
        (t.starts_with("附表") || t.starts_with("附件")) && t.chars().count() <= 40
    };
    let lines = super::text::lines_with_offsets(&text[from..]);
    let at = lines.iter().position(|(_, l)| {
        is_appendix(l) && subject.iter().all(|w| l.contains(w)) && !l.contains("详见")
    })?;
    let start = from + lines[at].0 + lines[at].1.len();
    let next = at
        + 1
        + lines[at + 1..]
            .iter()
            .take_while(|(_, l)| !is_appendix(l))
            .count();
    // Up to its last line with a figure: what follows the last appendix is the page's chrome
    // ("相关附件", "扫一扫在手机打开", a lone "-").
    let end = lines[at + 1..next]
        .iter()
        .rev()
        .find(|(_, l)| l.bytes().any(|b| b.is_ascii_digit()))
        .map(|&(o, l)| from + o + l.len())?;
    (start < end).then_some(start..end)
}

/// The labels of table 三's rows (both templates), ids indexing `template::REQUEST_ROWS`.
pub fn request_label_specs() -> Vec<LabelSpec<'static>> {
    template::REQUEST_ROWS
        .iter()
        .enumerate()
        .map(|(i, r)| LabelSpec {
            id: i,
            variants: r.variants,
            item: r.item,
        })
        .collect()
}

/// The label finders of the three tables, built once per process.
struct Finders {
    requests: OnceLock<LabelFinder>,
    disclosure_2019: OnceLock<LabelFinder>,
    disclosure_2021: OnceLock<LabelFinder>,
    review: OnceLock<LabelFinder>,
}

fn finders() -> &'static Finders {
    static F: Finders = Finders {
        requests: OnceLock::new(),
        disclosure_2019: OnceLock::new(),
        disclosure_2021: OnceLock::new(),
        review: OnceLock::new(),
    };
    &F
}

impl Finders {
    fn requests(&self) -> &LabelFinder {
        self.requests.get_or_init(|| {
            LabelFinder::new(
                &request_label_specs(),
                template::REQUEST_HEADER_WORDS,
                template::REQUEST_HEADINGS,
            )
        })
    }

    fn disclosure(&self, t: Template) -> &LabelFinder {
        let cell = match t {
            Template::Y2019 => &self.disclosure_2019,
            Template::Y2021 => &self.disclosure_2021,
        };
        cell.get_or_init(|| {
            let specs: Vec<LabelSpec> = template::disclosure_rows(t)
                .iter()
                .enumerate()
                .map(|(i, r)| LabelSpec {
                    id: i,
                    variants: r.variants,
                    item: None,
                })
                .collect();
            let mut words: Vec<&str> = template::DISCLOSURE_HEADER_WORDS.to_vec();
            words.push("本年收费金额");
            LabelFinder::new(&specs, &words, &[])
        })
    }

    fn review(&self) -> &LabelFinder {
        self.review
            .get_or_init(|| LabelFinder::new(&[], template::REVIEW_HEADER_WORDS, &[]))
    }
}

pub fn parse_tables(text: &str, outline: &Outline, printed: &layout::Printed) -> ParsedTables {
    let mut warnings = Vec::new();
    let req_region = region(text, outline, SectionKind::RequestsTable);
    let dis_region = region(text, outline, SectionKind::DisclosureTable);
    let review_region = region(text, outline, SectionKind::ReviewLitigationTable);
    // Letters that OCR read for digits in the figures ("1O3"), read as digits in place (the
    // text keeps its length: every offset still holds).
    let regions: Vec<Range<usize>> = [&req_region, &dis_region, &review_region]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    let (repaired, repairs) = lookalike::repair(text, &regions);
    let text: &str = &repaired;
    // A first column numbering table 三's rows (序号) is blanked in place: read, its numbers
    // would join the rows before them.
    let unindexed = req_region
        .clone()
        .and_then(|r| columns::without_index_column(text, r));
    if unindexed.is_some() {
        warnings.push(
            "table 三: a first column numbering its rows (序号) is no column of figures; left out"
                .to_string(),
        );
    }
    let text: &str = unindexed.as_deref().unwrap_or(text);
    // The three standard tables hold about 200 cells: allocated once rather than grown and
    // copied seven times.
    let mut cells: Vec<(String, Resolved)> = Vec::with_capacity(256);

    // Table 三 with the rows of both templates: which （六） shape is printed tells the template.
    let req_stream = req_region.clone().map(|r| {
        let heads = |a: usize, b: usize| {
            template::heads(template::REQUEST_ROWS[a].key, template::REQUEST_ROWS[b].key)
        };
        let mut stream = assemble(
            text,
            figures_above::labels_below_figures(
                text,
                figures_in_pieces::rows_in_pieces(
                    text,
                    figures_by_column::rows_from_columns(
                        text,
                        cells::scan(text, r.clone(), finders().requests(), &outline.chrome),
                        &heads,
                    ),
                    &|_| template::REQUEST_COLUMNS.len(),
                    true,
                    !printed.pdf,
                ),
                &heads,
            ),
            &heads,
            true,
        );
        requests_blank_cells(text, printed, r.start, &mut stream, &mut warnings);
        stream
    });
    let template = decide_template(text, dis_region.clone(), req_stream.as_ref(), &mut warnings);

    let mut tables = Tables::default();
    let Some(template) = template else {
        // No table 二 or 三 to tell the template: table 四, the same in both, is read alone
        // where its own header is printed (never a pre-2019 report's 复议诉讼 prose).
        if let Some(r) = review_region.filter(|r| {
            !outline.pre2019
                && ["未经复议直接起诉", "复议后起诉"]
                    .iter()
                    .any(|w| super::text::compact_str(&text[r.clone()]).contains(w))
        }) {
            tables.review_litigation =
                review_table(text, r, outline, printed, false, &mut warnings, &mut cells);
            if tables.review_litigation.is_some() {
                warnings.push(
                    "template: no table 二 or 三 tells 2019 from 2021; table 四, the same in both, is read alone".into(),
                );
            }
        }
        return ParsedTables {
            tables,
            template: None,
            cells,
            warnings,
        };
    };

    // The prose of sections 一…: figures it states are evidence for ambiguous runs only.
    let prose_cell = std::cell::OnceCell::new();
    let prose_text = || -> &str {
        prose_cell.get_or_init(|| {
            let text: Vec<String> = outline
                .sections
                .iter()
                .filter(|s| (SectionKind::Overview..=SectionKind::Oversight).contains(&s.kind))
                .map(|s| super::sections::body_text(text, s.body.clone(), &outline.chrome))
                .collect();
            text.join("\n")
        })
    };

    // Table 二.
    if let Some(r) = dis_region {
        let claims = std::cell::OnceCell::new();
        let claims = || {
            claims
                .get_or_init(|| split::disclosure_prose_figures(prose_text()))
                .as_slice()
        };
        let rows = template::disclosure_rows(template);
        let stream = assemble(
            text,
            figures_by_column::single_figure_rows(
                text,
                figures_in_pieces::rows_in_pieces(
                    text,
                    cells::scan(
                        text,
                        r.clone(),
                        finders().disclosure(template),
                        &outline.chrome,
                    ),
                    &|def| rows.get(def).map_or(0, |d| d.columns.len()),
                    false,
                    false,
                ),
                &|def| rows.get(def).map_or(0, |d| d.columns.len()),
            ),
            &|_, _| false,
            false,
        );
        let mut table = Table::default();
        let mut done = vec![false; rows.len()];
        let mut headers = HeaderLines::default();
        for acc in &stream.accs {
            let def = &rows[acc.def];
            if acc.items.is_empty() || done[acc.def] {
                continue;
            }
            // The header over the row naming columns the template does not have (上年…,
            // 同比…) or its columns in another order: each cell is read under the column named
            // over it, the extra ones left out, before the row is read by position.
            let kept: Vec<CellTok>;
            let items: &[CellTok] = match disclosure_header_columns(
                &text[r.start.min(acc.label_start)..acc.label_start],
                def,
                &mut headers,
            ) {
                Some((columns, names)) if acc.items.len() == columns.len() => {
                    if !names.is_empty() {
                        warnings.push(format!(
                            "table 二: row {}: column {} is not in the template; left out",
                            def.label,
                            names.join(", ")
                        ));
                    }
                    let mut placed: Vec<Option<CellTok>> = vec![None; def.columns.len()];
                    for (c, col) in acc.items.iter().zip(&columns) {
                        if let Some(j) = col {
                            placed[*j] = Some(c.clone());
                        }
                    }
                    if columns.iter().flatten().enumerate().any(|(i, &j)| i != j) {
                        warnings.push(format!(
                            "table 二: row {}: its header names the columns in another order than the template's; each figure is read under the column named over it",
                            def.label
                        ));
                    }
                    kept = placed.into_iter().flatten().collect();
                    &kept
                }
                _ => &acc.items,
            };
            // More cells than columns, blank ones among them: read under the header's fields.
            let aligned: Vec<CellTok>;
            let items: &[CellTok] = if items.len() > def.columns.len()
                && items.iter().any(|c| matches!(c.kind, CellKind::Blank))
            {
                let at = line_start(text, acc.label_start);
                match extra_columns::disclosure_fields(text, &text[..at], at, def, items) {
                    Some(cells) => {
                        aligned = cells;
                        &aligned
                    }
                    None => items,
                }
            } else {
                items
            };
            let (mut pinned, mut warning) = split::disclosure_row(items, def, &claims);
            if warning.is_some() {
                let header = r.start.min(acc.label_start)..line_start(text, acc.label_start);
                if let Some(laid) =
                    disclosure_blank_cells(text, printed, header, def, items, &pinned, &claims)
                {
                    pinned = laid;
                    warning = Some(format!(
                        "table 二: row {} leaves cells blank; its figures are placed in the columns they are printed under",
                        def.label
                    ));
                }
            }
            warnings.extend(warning);
            if def.key == "fees" {
                let head = &text[r.start.min(acc.label_start)..acc.label_start];
                warnings.extend(fees_in_yuan(text, head, def, &mut pinned));
            }
            if pinned.iter().any(|c| c.is_some()) {
                done[acc.def] = true;
                if let Some(r) = &acc.tolerant {
                    warnings.push(format!(
                        "table 二: row label printed as '{}' read as {} (the closest label of the template)",
                        squash(&text[r.clone()]),
                        def.label
                    ));
                }
                put_pinned(
                    &mut table,
                    &mut cells,
                    "disclosure",
                    def,
                    def.columns.iter().map(|c| c.key),
                    pinned,
                );
            }
        }
        warnings.extend(unreadable_warnings("二", &stream, |d| rows[d].label));
        match disclosure_orphans(text, &stream, rows, &done) {
            Ok(placed) => {
                for (d, res) in placed {
                    put_pinned(
                        &mut table,
                        &mut cells,
                        "disclosure",
                        &rows[d],
                        rows[d].columns.iter().map(|c| c.key),
                        res.into_iter().map(Some).collect(),
                    );
                }
            }
            Err(w) => warnings.push(w),
        }
        if !table.is_empty() {
            tables.disclosure = Some(order_rows(table, rows.iter().map(|r| r.key)));
        } else {
            warnings.push(
                "table 二 (主动公开政府信息情况): heading found but no figures could be read"
                    .into(),
            );
        }
    }

    // Table 三.
    if let Some(stream) = req_stream {
        // The number of applications the prose states: evidence for ambiguous runs only.
        let prose = || crate::analyze::checks::prose_request_count_in(prose_text());
        let start = req_region.as_ref().map_or(0, |r| r.start);
        let header = &text[request_header(text, start, &stream)];
        let table = requests_table(
            text,
            header,
            stream,
            template,
            &mut cells,
            &mut warnings,
            &prose,
        );
        if !table.is_empty() {
            let keys: Vec<&str> =
                template::request_rows_as_printed(template, |k| table.contains_key(k))
                    .iter()
                    .map(|r| r.key)
                    .collect();
            tables.requests = Some(order_rows(table, keys.into_iter()));
        } else {
            warnings.push("table 三 (收到和处理政府信息公开申请情况): heading found but no figures could be read".into());
        }
    }

    // Table 四.
    if let Some(r) = review_region {
        let others_read = tables.disclosure.is_some() || tables.requests.is_some();
        tables.review_litigation = review_table(
            text,
            r,
            outline,
            printed,
            others_read,
            &mut warnings,
            &mut cells,
        );
    }
    warnings.extend(look_alike_warnings(&repairs, &cells, template));
    ParsedTables {
        tables,
        template: Some(template),
        cells,
        warnings,
    }
}

/// Table 四 read in `r`: it is the same in both templates, so it is read whether or not table
/// 二 or 三 told the template (a page of a flip-book printing 四 alone, 二 and 三 printed as
/// pictures). `others_read`: table 二 or 三 was read (a 四 without figures is then worth a
/// warning).
fn review_table(
    text: &str,
    r: Range<usize>,
    outline: &Outline,
    printed: &layout::Printed,
    others_read: bool,
    warnings: &mut Vec<String>,
    cells: &mut Vec<(String, Resolved)>,
) -> Option<Table> {
    // The table written as a list, each figure after its column's name, is read by the
    // names; else as a table.
    let items = match review_list::review_list_items(text, r.clone()) {
        Some(listed) => {
            warnings.push(
                "table 四: written as a list, not a table; each figure is read after its column's name".into(),
            );
            Some(listed)
        }
        None => match review_list::header_blocks(text, r.clone()) {
            Some(blocks) => {
                warnings.push(
                    "table 四: printed as a table a group, its columns' names before each group's figures; read group by group".into(),
                );
                Some(blocks)
            }
            None => review_items_as_table(text, r.clone(), &outline.chrome, printed, warnings),
        },
    };
    // No figure, and a row of 15 blank cells: the table printed blank.
    let items = match items {
        Some(i) if i.iter().all(|c| matches!(c.kind, CellKind::Blank)) => {
            review_list::blank_row(text, r.clone()).or(Some(i))
        }
        other => other,
    };
    // (A row numbering the columns under the header is no row of figures.)
    let items = items.map(|i| column_numbers::without_column_numbers(text, i));
    // Printed without the groups' 总计: placed with a blank for each, then left out.
    let totals_unprinted = items
        .as_ref()
        .is_some_and(|i| review_totals::unprinted(text, r.clone(), i));
    let items = match items {
        Some(i) if totals_unprinted => {
            warnings.push(
                "table 四: printed without the groups' 总计 columns; each group's four results are read, its 总计 is not printed".into(),
            );
            Some(review_totals::with_total_places(i))
        }
        other => other,
    };
    match items {
        Some(items) if !items.is_empty() => {
            let (mut pinned, warning) = split::review_row(&items);
            warnings.extend(warning);
            // Groups in another order, their figures run together on each line (a table
            // laid out with spaces): told from where the cells split out of the runs are.
            // (Figures read one by one were put in their groups above: they no longer
            // stand in printed order.)
            let printed: Option<Vec<Range<usize>>> = pinned
                .iter()
                .map(|c| c.as_ref().map(|c| c.range.clone()))
                .collect();
            if let Some(order) = printed
                .and_then(|cells| review_groups::printed_group_order(text, r.clone(), &cells))
            {
                let mut placed: Vec<Option<split::Resolved>> = vec![None; 15];
                for (i, c) in pinned.drain(..).enumerate() {
                    placed[order[i / 5] * 5 + i % 5] = c;
                }
                pinned = placed;
                warnings.push(group_order_warning(order));
            }
            if totals_unprinted {
                for total in pinned.iter_mut().skip(4).step_by(5) {
                    *total = None;
                }
            }
            if pinned.iter().any(|c| c.is_some()) {
                let mut table = Table::default();
                let mut it = pinned.into_iter();
                for g in template::REVIEW_GROUPS {
                    for c in template::REVIEW_COLUMNS {
                        let Some(r) = it.next().unwrap() else {
                            continue;
                        };
                        let row = table.entry(g.key.to_string()).or_default();
                        row.insert(c.key.to_string(), r.value.map(Num));
                        cells.push((format!("review_litigation.{}.{}", g.key, c.key), r));
                    }
                }
                return Some(table);
            }
        }
        // (None: left out, with its own warning.)
        Some(_) if others_read => {
            warnings.push("table 四 (行政复议、行政诉讼情况): no figures found".into());
        }
        _ => {}
    }
    None
}

/// The warning for table 四's groups read in the order `order` names them.
fn group_order_warning(order: [usize; 3]) -> String {
    let names: Vec<&str> = order
        .iter()
        .map(|&g| template::REVIEW_GROUPS[g].label)
        .collect();
    format!(
        "table 四: its groups are printed in another order than the template's ({}); each group's figures are read under the group named for them",
        names.join(", ")
    )
}

/// Whether each group of a placed table 四 row (five cells: 维持, 纠正, 其他, 未审结, 总计)
/// adds up, a blank cell counted as 0.
fn groups_add_up(items: &[CellTok]) -> bool {
    let value = |c: &CellTok| match c.kind {
        CellKind::Fixed(v) => Some(v),
        CellKind::Blank | CellKind::Na => Some(0.0),
        CellKind::Blob(_) => None,
    };
    items.chunks(5).all(|g| {
        let v: Option<Vec<f64>> = g.iter().map(value).collect();
        v.is_some_and(|v| v.len() == 5 && (v[..4].iter().sum::<f64>() - v[4]).abs() < 1e-6)
    })
}

/// Whether the figures of a table 四 row (its cells not blank, in order; at most 15)
/// can stand in the 15 cells so that every group adds up (blanks counted as 0).
fn some_placement_adds_up(items: &[CellTok]) -> bool {
    let values: Option<Vec<f64>> = items
        .iter()
        .filter(|c| !matches!(c.kind, CellKind::Blank))
        .map(|c| match c.kind {
            CellKind::Fixed(v) => Some(v),
            CellKind::Na => Some(0.0),
            _ => None,
        })
        .collect();
    let Some(values) = values else {
        return false;
    };
    // Groups left to fill and the figures left: each group takes the next m figures in m of
    // its five cells, in order.
    fn fits(groups: usize, values: &[f64]) -> bool {
        if groups == 0 {
            return values.is_empty();
        }
        for m in 0..=values.len().min(5) {
            for slots in 0u32..32 {
                if slots.count_ones() as usize != m {
                    continue;
                }
                let mut cells = [0.0; 5];
                let mut next = values.iter();
                for (k, cell) in cells.iter_mut().enumerate() {
                    if slots & (1 << k) != 0 {
                        *cell = *next.next().expect("m figures for m cells");
                    }
                }
                let adds_up = (cells[..4].iter().sum::<f64>() - cells[4]).abs() < 1e-6;
                if adds_up && fits(groups - 1, &values[m..]) {
                    return true;
                }
            }
        }
        false
    }
    values.len() <= 15 && fits(3, &values)
}

/// Table 四's cells as a table prints them (rows of figures under a header), after the rules
/// that tell its figures from what is printed around them; None where its column headers are
/// printed between its figures (left out, with a warning).
fn review_items_as_table(
    text: &str,
    r: Range<usize>,
    chrome: &super::chrome::ChromeLines,
    printed: &layout::Printed,
    warnings: &mut Vec<String>,
) -> Option<Vec<CellTok>> {
    let events = cells::scan(text, r.clone(), finders().review(), chrome);
    let mut items: Vec<CellTok> = Vec::new();
    // Blank cells that open a row of values: the label column left empty under a merged
    // label (行政诉讼 over its two groups), or a first figure printed blank.
    let mut leading_blanks: Vec<usize> = Vec::new();
    // Blank cells that close a row of values: an empty column after the figures (a
    // converter's trailing `|  |`).
    let mut trailing_blanks: Vec<usize> = Vec::new();
    let mut unreadable: Option<String> = None;
    // How many cells were read when text first followed the table's 15 or more: a table of
    // the agency's own printed after 四 ("附表：政务公开平台情况 / 政府网站 1") is none of it.
    let mut text_after: Option<usize> = None;
    // The printed rows of values, as ranges of `items` (a staircase's rows: below).
    let mut value_rows: Vec<Range<usize>> = Vec::new();
    for e in events {
        match e {
            Event::Text { .. } if text_after.is_none() && items.len() >= 15 => {
                text_after = Some(items.len());
            }
            Event::Unreadable(r) => {
                unreadable.get_or_insert_with(|| text[r].to_string());
            }
            Event::ValuesRow(c) => {
                let lead = c
                    .iter()
                    .take_while(|c| matches!(c.kind, CellKind::Blank))
                    .count();
                leading_blanks.extend(items.len()..items.len() + lead);
                let trail = c[lead..]
                    .iter()
                    .rev()
                    .take_while(|c| matches!(c.kind, CellKind::Blank))
                    .count();
                trailing_blanks.extend(items.len() + c.len() - trail..items.len() + c.len());
                value_rows.push(items.len()..items.len() + c.len());
                items.extend(c);
            }
            // An empty paragraph of a table printed one cell per line is a blank cell.
            Event::Cell(c)
                if !matches!(c.kind, CellKind::Blank)
                    || super::blank_lines::is_empty_paragraph(text, &c.range) =>
            {
                items.push(c)
            }
            _ => {}
        }
    }
    // Empty paragraphs of the header (merged header cells, a table printed one cell per line
    // with an empty line after each): printed before a column's name that comes before the
    // first figure, they are no cells.
    let first_figure = items
        .iter()
        .position(|c| !matches!(c.kind, CellKind::Blank))
        .unwrap_or(items.len());
    if first_figure < items.len() && leading_blanks.iter().all(|&i| i >= first_figure) {
        let figure_at = items[first_figure].range.start;
        let header_blanks = items[..first_figure]
            .iter()
            .take_while(|c| {
                let between = super::text::compact_str(&text[c.range.end..figure_at]);
                template::REVIEW_COLUMN_WORDS
                    .iter()
                    .any(|w| between.contains(w))
            })
            .count();
        items.drain(..header_blanks);
        for i in leading_blanks.iter_mut().chain(trailing_blanks.iter_mut()) {
            *i = i.saturating_sub(header_blanks);
        }
        text_after = text_after.map(|k| k.saturating_sub(header_blanks));
    }
    // (Blank cells closing the table before the text, a border's empty field, are none.)
    let text_after = text_after.map(|mut k| {
        while k > 15 && matches!(items[k - 1].kind, CellKind::Blank) {
            k -= 1;
        }
        k
    });
    if text_after == Some(15)
        && items.len() > 15
        && items
            .iter()
            .all(|c| !matches!(&c.kind, CellKind::Blob(g) if g.len() > 1))
    {
        warnings.push(format!(
            "table 四: {} figure(s) printed after its 15 cells and a line of text are none of its cells; left out",
            items.len() - 15
        ));
        items.truncate(15);
    }
    // A row a group, each in its own columns, the other groups' cells blank: laid over one
    // another, they are the table's row.
    // (Only under a header naming the columns in the template's order: one in another order
    // is followed below, for a row of 15 figures only.)
    let template_order = |first: &CellTok| {
        let header = r.start..line_start(text, first.range.start).max(r.start);
        review_header_order(&text[header]).is_none()
    };
    if unreadable.is_none() && items.first().is_some_and(template_order) {
        if let Some(row) = review_staircase::overlaid(&items, &value_rows) {
            warnings.push(
                "table 四: each group printed on a row of its own, the other groups' cells blank; read as one row".into(),
            );
            return Some(row);
        }
    }
    // A cell printed with digits that is no figure: the others cannot be placed by position.
    if let Some(cell) = unreadable {
        warnings.push(format!(
            "table 四: a cell printed '{cell}' is no figure; its cells cannot be placed by position, the table is left out"
        ));
        items.clear();
        leading_blanks.clear();
    }
    // One cell a figure, and the table's 15 only without those blanks: they were the label
    // column.
    // The same for blanks closing each row (an empty last column), or both.
    let single = items.iter().all(|c| !matches!(c.kind, CellKind::Blob(_)));
    if single && items.len() != 15 {
        let both: Vec<usize> = leading_blanks
            .iter()
            .chain(&trailing_blanks)
            .copied()
            .collect();
        let drop = [&leading_blanks, &trailing_blanks, &both]
            .into_iter()
            .find(|d| items.len() - d.len() == 15);
        if let Some(drop) = drop {
            let mut i = 0;
            items.retain(|_| {
                i += 1;
                !drop.contains(&(i - 1))
            });
        }
    }
    // Lines of several values holding the table's 15, with lone numbers besides: the lone
    // ones are page numbers.
    let lone = |c: &CellTok| matches!(c.kind, CellKind::Fixed(_)) && alone_on_line(text, &c.range);
    let in_lines: usize = items
        .iter()
        .filter(|c| row_line(c))
        .map(|c| match &c.kind {
            CellKind::Blob(g) => g.len(),
            _ => 0,
        })
        .sum();
    if in_lines >= 15 && items.iter().any(lone) {
        let n = items.len();
        items.retain(|c| !lone(c));
        warnings.push(format!(
            "table 四: {} number(s) alone on a line beside the rows of values were ignored (page numbers)",
            n - items.len()
        ));
    }
    // A 序号 column before the figures, an overall 合计 after them: no cells of the template.
    if let Some(first) = items.first() {
        let header = r.start..line_start(text, first.range.start).max(r.start);
        if let Some((lead, trail)) = review_extra_columns(&text[header], &items) {
            items.truncate(items.len() - trail);
            items.drain(..lead);
            warnings.push(format!(
                "table 四: {} left out: the header names columns the template does not have",
                match (lead, trail) {
                    (1, 1) => "the row's number (序号) and the overall total (合计) were",
                    (1, _) => "the row's number (序号) was",
                    _ => "the overall total (合计) after the three groups was",
                }
            ));
        }
    }
    // A row laid out with spaces that leaves cells blank: placed by the header's columns.
    if let Some(first) = items.first() {
        let names: Vec<&str> = template::REVIEW_GROUPS
            .iter()
            .flat_map(|_| template::REVIEW_COLUMNS.iter().map(|c| c.label))
            .collect();
        let header = r.start..line_start(text, first.range.start).max(r.start);
        let as_read = items.clone();
        if layout::place_blank_cells(text, printed, header, &names, 15, &mut [&mut items]) > 0 {
            if groups_add_up(&items) || !some_placement_adds_up(&items) {
                warnings.push(
                    "table 四: its row leaves cells blank; its figures are placed in the columns they are printed under".into(),
                );
            } else {
                // Placed so, a group's total is not its four results' sum, where another
                // placement of the same figures adds up: the header's names stand apart from
                // the figures' columns (a narrow table's wrapped names, the figures centred in
                // their cells), and the places are not known. (Where no placement adds up, the
                // report's own figures do not, and the layout's is kept: the checks say so.)
                items = as_read;
                warnings.push(
                    "table 四: its row leaves cells blank and its figures' columns are not clear from the header; left out".into(),
                );
            }
        }
    }
    // Groups printed in another order than the template's (行政诉讼 first; three labelled rows
    // in any order), read from the figures as printed (before any column is moved): each
    // group's five figures go to the group named over or beside them, below.
    let group_order = (items.len() == 15
        && items.iter().all(|c| !matches!(c.kind, CellKind::Blob(_))))
    .then(|| {
        let cells: Vec<Range<usize>> = items.iter().map(|c| c.range.clone()).collect();
        review_groups::printed_group_order(text, r.clone(), &cells)
    })
    .flatten();
    // A header that names the columns in another order than the template's (总计 first,
    // 尚未审结 before 其他结果): each figure goes to the column named over it. Only a header
    // read whole (every group's five names, each once) is followed; figures run together
    // cannot be moved, so such a table is left out rather than read by position.
    if let Some(first) = items.first() {
        let header = r.start..line_start(text, first.range.start).max(r.start);
        if let Some(order) = review_header_order(&text[header]) {
            let single = items.iter().all(|c| !matches!(c.kind, CellKind::Blob(_)));
            if single && items.len() == 15 {
                let mut placed: Vec<Option<CellTok>> = vec![None; 15];
                for (i, c) in items.drain(..).enumerate() {
                    placed[order[i]] = Some(c);
                }
                items = placed.into_iter().flatten().collect();
                warnings.push(
                    "table 四: its header names the columns in another order than the template's; each figure is read under the column named over it".into(),
                );
            } else {
                warnings.push(
                    "table 四: its header names the columns in another order than the template's, and its figures cannot be placed one by one; left out".into(),
                );
                items.clear();
            }
        }
    }
    if let Some(order) = group_order.filter(|_| items.len() == 15) {
        let mut placed: Vec<Option<CellTok>> = vec![None; 15];
        for (i, c) in items.drain(..).enumerate() {
            placed[order[i / 5] * 5 + i % 5] = Some(c);
        }
        items = placed.into_iter().flatten().collect();
        warnings.push(group_order_warning(order));
    }
    if review_headers_interleaved(text, &items) {
        warnings.push(
            "table 四: its column headers are printed between its figures (transposed, or text out of order); left out"
                .into(),
        );
        return None;
    }
    Some(items)
}

/// One warning per row whose figures were printed with letters for digits and read
/// ([`lookalike`]): the row's label and each figure as printed and as read.
fn look_alike_warnings(
    repairs: &[lookalike::Repair],
    cells: &[(String, Resolved)],
    template: Template,
) -> Vec<String> {
    let mut rows: Vec<(&str, Vec<String>)> = Vec::new();
    for rep in repairs {
        let Some((key, _)) = cells.iter().find(|(_, r)| {
            r.range.start < rep.range.end && rep.range.start < r.range.end.max(r.range.start + 1)
        }) else {
            continue;
        };
        let row = key.rsplit_once('.').map_or(key.as_str(), |(row, _)| row);
        let read = format!("'{}' as {}", rep.printed, rep.read);
        match rows.iter_mut().find(|(r, _)| *r == row) {
            Some((_, v)) => v.push(read),
            None => rows.push((row, vec![read])),
        }
    }
    rows.into_iter()
        .map(|(row, read)| {
            let (table, key) = row.split_once('.').unwrap_or(("", row));
            let (name, label) = match table {
                "disclosure" => (
                    "二",
                    template::disclosure_rows(template)
                        .iter()
                        .find(|r| r.key == key)
                        .map(|r| r.label),
                ),
                "requests" => (
                    "三",
                    template::REQUEST_ROWS
                        .iter()
                        .find(|r| r.key == key)
                        .map(|r| r.label),
                ),
                _ => (
                    "四",
                    template::REVIEW_GROUPS
                        .iter()
                        .find(|g| g.key == key)
                        .map(|g| g.label),
                ),
            };
            format!(
                "table {name}: row {}: figures printed with letters for digits (OCR) read as digits: {}",
                label.unwrap_or(key),
                read.join(", ")
            )
        })
        .collect()
}

/// Table 二's rows printed without their labels, as a PDF viewer copies a table: the labels
/// first, then the figures row by row. They go to the labelled rows printed with no figures
/// right before them, in the labels' printed order — only when the figures are exactly those
/// rows' cells, a line per row (each line all its row's cells, none blank): a cell printed as
/// nothing would shift every figure after it, and a copy column by column prints them in
/// another order, so then none is placed (Err: the warning). Ok(empty) when there is nothing
/// to place.
fn disclosure_orphans(
    text: &str,
    stream: &Stream,
    rows: &[RowDef],
    done: &[bool],
) -> Result<Vec<(usize, Vec<Resolved>)>, String> {
    let Some(&(at, _)) = stream.orphans.first() else {
        return Ok(Vec::new());
    };
    let refuse = |why: &str| {
        Err(format!(
            "table 二: figures printed apart from their row labels ({why}); left out rather than placed by order"
        ))
    };
    if stream.orphans.iter().any(|(p, _)| *p != at) {
        return refuse("labels printed between them");
    }
    // The labels without figures right before them, in their printed order.
    let first = stream.accs[..at]
        .iter()
        .rposition(|a| !a.items.is_empty())
        .map_or(0, |i| i + 1);
    // (Not a label a sub-table's heading follows before the figures: `行政规范性文件` then
    // `第二十条第（五）项`, `信息内容`, `行政许可`, `10690` is a row of blank cells, and the
    // figures are the next sub-table's.)
    let sub_table = stream.orphans[0]
        .1
        .first()
        .zip(stream.accs[first..at].first())
        .and_then(|(figure, a)| {
            let figures_at = figure.range.start;
            let from = a.label_end.min(figures_at);
            text[from..figures_at].rfind("第二十条").map(|p| from + p)
        })
        .unwrap_or(0);
    let mut targets: Vec<usize> = Vec::new();
    for a in &stream.accs[first..at] {
        if !done[a.def] && !targets.contains(&a.def) && a.label_start >= sub_table {
            targets.push(a.def);
        }
    }
    if targets.is_empty() {
        return Ok(Vec::new());
    }
    // The figures line by line: one line per row (a copy that prints a table column by column
    // puts each figure on a line of its own, in another order: never placed).
    let mut lines: Vec<Vec<CellTok>> = Vec::new();
    let mut last_end: Option<usize> = None;
    for c in stream.orphans.iter().flat_map(|(_, o)| o) {
        let same_line =
            last_end.is_some_and(|e| e <= c.range.start && !text[e..c.range.start].contains('\n'));
        match lines.last_mut() {
            Some(l) if same_line => l.push(c.clone()),
            _ => lines.push(vec![c.clone()]),
        }
        last_end = Some(c.range.end);
    }
    if lines.len() != targets.len() {
        return refuse(&format!(
            "{} lines of figures for {} rows",
            lines.len(),
            targets.len()
        ));
    }
    let mut placed = Vec::new();
    for (d, row) in targets.into_iter().zip(lines) {
        let def = &rows[d];
        match split::disclosure_row_exact(&row, def) {
            Some(res) => placed.push((d, res)),
            None => return refuse(&format!("{} cannot be read as its cells", def.label)),
        }
    }
    Ok(placed)
}

fn put_row<'a>(
    table: &mut Table,
    cells: &mut Vec<(String, Resolved)>,
    tname: &str,
    def: &RowDef,
    cols: impl Iterator<Item = &'a str>,
    res: Vec<Resolved>,
) {
    let row = table.entry(def.key.to_string()).or_default();
    for (c, r) in cols.zip(res) {
        row.insert(c.to_string(), r.value.map(Num));
        // Not format!: this runs for every cell of every report.
        let mut key = String::with_capacity(tname.len() + def.key.len() + c.len() + 2);
        for part in [tname, ".", def.key, ".", c] {
            key.push_str(part);
        }
        cells.push((key, r));
    }
}

/// The fees' amount (本年收费金额) is in 万元 by the template. An agency that prints it in 元 —
/// a figure ending "元" that is not "万元", or under a header of its own in 元 ("（单位：元）",
/// after the last 第二十条 heading) — is read in 万元, with a warning: left as printed, it
/// would be ten thousand times too large. A figure printed with 万 alone ("4068.2万"), which
/// the cell readers take as ten thousand times the figure, is the amount in 万元 as printed.
fn fees_in_yuan(
    text: &str,
    head: &str,
    def: &RowDef,
    pinned: &mut [Option<Resolved>],
) -> Option<String> {
    let col = def.columns.iter().position(|c| c.key == "amount")?;
    let cell = pinned.get_mut(col)?.as_mut()?;
    let value = cell.value?;
    let printed = text.get(cell.range.clone())?.trim();
    // "4068.2万": the template's 万元 without its 元, read as ten thousand times the figure.
    if super::figure::printed_in_wan(printed) {
        cell.value = Some(value / 10_000.0);
        return None;
    }
    // The unit inside the cell, or just after the figure read (a run on a line of text).
    let unit_after = text[cell.range.end..].trim_start_matches([' ', '\u{3000}']);
    let in_yuan = |s: &str| s.starts_with('元') || (s.contains('元') && !s.contains("万元"));
    let printed_yuan =
        in_yuan(printed.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.'))
            || (!printed.ends_with('元') && unit_after.starts_with('元'));
    let head = head.rsplit_once("第二十条").map_or(head, |(_, h)| h);
    // A header letter-spaced as a PDF justifies it ("（单 位：万 元）") names its unit all the same.
    let head: String = head
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect();
    if !(printed_yuan || in_yuan(&head) && !head.contains("万元")) {
        return None;
    }
    cell.value = Some(value / 10_000.0);
    Some(format!(
        "table 二: {}'s amount is printed in 元 ({printed}); read as {} 万元, the template's unit",
        def.label,
        value / 10_000.0
    ))
}

/// Like `put_row`, for a row of which only some cells are pinned (None: left out).
fn put_pinned<'a>(
    table: &mut Table,
    cells: &mut Vec<(String, Resolved)>,
    tname: &str,
    def: &RowDef,
    cols: impl Iterator<Item = &'a str>,
    res: Vec<Option<Resolved>>,
) {
    let (cols, res): (Vec<&str>, Vec<Resolved>) =
        cols.zip(res).filter_map(|(c, r)| Some((c, r?))).unzip();
    put_row(table, cells, tname, def, cols.into_iter(), res);
}

fn order_rows<'a>(mut table: Table, keys: impl Iterator<Item = &'a str>) -> Table {
    let mut out = Table::default();
    for k in keys {
        if let Some(v) = table.shift_remove(k) {
            out.insert(k.to_string(), v);
        }
    }
    out.extend(table);
    out
}

/// The cells of a row without the blank cells before and after its figures (a tab-separated
/// row's empty label column, a trailing tab).
fn figure_cells(items: &[CellTok]) -> Range<usize> {
    let blank = |t: &CellTok| matches!(t.kind, CellKind::Blank);
    let lo = items.iter().take_while(|t| blank(t)).count();
    let hi = items.len() - items[lo..].iter().rev().take_while(|t| blank(t)).count();
    lo..hi
}

/// A row of table 二 laid out with spaces that leaves cells blank (`规章   1            11`),
/// which the run's readings could not settle: its figures placed in the columns its header
/// prints them under (see `layout`). Taken only where the row so placed reads more cells than
/// before and every cell read before keeps its value.
fn disclosure_blank_cells<'p>(
    text: &str,
    printed: &layout::Printed,
    header: Range<usize>,
    def: &RowDef,
    items: &[CellTok],
    pinned: &[Option<Resolved>],
    claims: &dyn Fn() -> &'p [split::ProseFigure],
) -> Option<Vec<Option<Resolved>>> {
    let n = def.columns.len();
    if n < 2 || header.is_empty() {
        return None;
    }
    let names: Vec<&str> = def.columns.iter().map(|c| c.label).collect();
    // A layout pads its columns: a header of names one space apart is a line of text (pdftotext
    // `-raw`), whose positions say nothing of the columns.
    let prefixes: Vec<String> = names.iter().map(|n| n.chars().take(2).collect()).collect();
    let header_line = text[header.clone()]
        .lines()
        .rev()
        .find(|l| prefixes.iter().any(|p| l.contains(p.as_str())))?;
    if !header_line.trim().contains("  ") {
        return None;
    }
    let mut laid = items.to_vec();
    if layout::place_blank_cells(text, printed, header, &names, n, &mut [&mut laid]) == 0 {
        return None;
    }
    let (again, warning) = split::disclosure_row(&laid, def, claims);
    let count = |p: &[Option<Resolved>]| p.iter().filter(|c| c.is_some()).count();
    let kept = pinned
        .iter()
        .zip(&again)
        .all(|(before, now)| match (before, now) {
            (Some(b), Some(a)) => b.value == a.value,
            (Some(_), None) => false,
            _ => true,
        });
    (warning.is_none() && kept && count(&again) > count(pinned)).then_some(again)
}

/// Rows of table 三 laid out with spaces that leave cells blank: their figures placed in the
/// columns they are printed under (see `layout`), before the rows are read.
fn requests_blank_cells(
    text: &str,
    printed: &layout::Printed,
    start: usize,
    stream: &mut Stream,
    warnings: &mut Vec<String>,
) {
    if first_figure(stream).is_none() {
        return;
    }
    let names: Vec<&str> = template::REQUEST_COLUMNS.iter().map(|c| c.label).collect();
    let header = request_header(text, start, stream);
    let mut rows = rows_of(stream);
    let placed = layout::place_blank_cells(text, printed, header, &names, 7, &mut rows);
    if placed > 0 {
        adopt_orphans(text, stream);
    }
    if placed > 0 && stream.orphans.is_empty() {
        // In a table that prints blank cells as nothing, a labelled row followed by no figures
        // and no row of its own is a row of blanks.
        // (Not a label printed again with its figures: a heading over the row.)
        let with_figures: Vec<usize> = stream
            .accs
            .iter()
            .filter(|a| !a.items.is_empty())
            .map(|a| a.def)
            .collect();
        for a in stream.accs.iter_mut().filter(|a| {
            a.items.is_empty() && !a.unknown_after && !a.void && !with_figures.contains(&a.def)
        }) {
            let at = a.label_end;
            a.items = vec![
                CellTok {
                    kind: CellKind::Blank,
                    range: at..at,
                };
                7
            ];
        }
    }
    if placed > 0 {
        warnings.push(format!(
            "table 三: {placed} row(s) leave cells blank; their figures are placed in the columns they are printed under"
        ));
    }
}

/// In a table that prints blank cells as nothing, a label followed by no figures is a row of
/// blanks, not a row whose figures come later: a row printed without a label after several
/// such labels (`3.要求提供公开出版物` / `4.无正当理由…` / `5.要求行政机关确认或重新出` /
/// `1   1` / `具已获取信息`) is the last one's. Taken only for a row of every cell (placed)
/// after a label of its own with nothing read and nothing printed between them but white
/// space (not a label's row of dashes, nor another label the table could not read).
fn adopt_orphans(text: &str, stream: &mut Stream) {
    let mut kept = Vec::with_capacity(stream.orphans.len());
    let orphans = std::mem::take(&mut stream.orphans);
    let shared = |at: usize| orphans.iter().filter(|(a, _)| *a == at).count() > 1;
    for (at, cells) in &orphans {
        let owner = at
            .checked_sub(1)
            .filter(|_| cells.len() == 7 && !shared(*at))
            .filter(|&i| {
                let a = &stream.accs[i];
                // (A label wrapped around the row ends after it; or its rest, wrapped past
                // what was matched, stands before the figures: `（二）部分公开（区分处理` /
                // `的，只计这一情形，不计其    4    4`.)
                let apart = cells.first().is_some_and(|c| {
                    text.get(a.label_end..c.range.start)
                        .is_none_or(|b| b.trim().is_empty() || rest_of_a_label(b))
                });
                a.items.is_empty() && !a.void && apart
            });
        match owner {
            Some(i) => stream.accs[i].items = cells.clone(),
            None => kept.push((*at, cells.clone())),
        }
    }
    stream.orphans = kept;
}

/// Text that can only be the rest of a wrapped label: no digit, field separator, colon or
/// `其中` (a sub-row's name), and no line of it opening with an item number (`2.`, `三、`,
/// `（三）`, `②`) of a row of its own.
fn rest_of_a_label(between: &str) -> bool {
    let numbered = |line: &str| {
        let l = line.trim_start();
        let mut it = l.chars();
        match it.next() {
            // (Digits are refused outright: `2.` is no rest of a label.)
            Some('(' | '（') => it
                .next()
                .is_some_and(|c| "一二三四五六七八九十".contains(c)),
            // `三、`: a numeral then its separator.
            Some(c) if "一二三四五六七八九十".contains(c) => it
                .next()
                .is_some_and(|s| matches!(s, '、' | '.' | '．' | ',' | '，')),
            Some(c) => super::cells::enclosed_number(c).is_some(),
            None => false,
        }
    };
    !between.contains(|c: char| c.is_ascii_digit() || matches!(c, '\t' | '|' | '：' | ':'))
        && !between.contains("其中")
        && between.lines().all(|l| !numbered(l))
        && between.chars().any(crate::ingest::normalize::is_han)
}

/// Every printed row's cells, labelled or not.
fn rows_of(stream: &mut Stream) -> Vec<&mut Vec<CellTok>> {
    stream
        .accs
        .iter_mut()
        .map(|a| &mut a.items)
        .chain(stream.orphans.iter_mut().map(|(_, o)| o))
        .collect()
}

/// Where table 三's first figure is printed.
fn first_figure(stream: &Stream) -> Option<usize> {
    stream
        .accs
        .iter()
        .map(|a| &a.items)
        .chain(stream.orphans.iter().map(|(_, o)| o))
        .filter_map(|items| items.first().map(|c| c.range.start))
        .min()
}

/// Table 三's header: what its region (from `start`) prints above the line of its first
/// figures.
fn request_header(text: &str, start: usize, stream: &Stream) -> Range<usize> {
    match first_figure(stream) {
        Some(first) => start..line_start(text, first).max(start),
        None => start..start,
    }
}

/// The start of the line that holds byte `at`.
fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |p| p + 1)
}

/// The stream index of the labelled row whose figures a lone unlabelled row after it holds: the
/// row before it in the template was read with every cell blank and no template row is missing
/// between the two (so the figures are no other row's).
fn broken_row(
    anchors: &[(usize, usize)],
    resolved: &[Option<Vec<Resolved>>],
    prev: Option<usize>,
    missing: &[usize],
    group: &[(usize, Vec<CellTok>)],
) -> Option<usize> {
    let prev = prev?;
    let &(_, ai) = anchors.iter().find(|(p, _)| *p == prev)?;
    let cells = resolved[ai].as_ref()?;
    let blank = cells.iter().all(|c| c.value.is_none());
    // A whole row of figures, not a page number after the blank row.
    let row = &group.first()?.1;
    let whole = row.len() >= 7 || row.iter().any(row_line);
    (missing.is_empty() && group.len() == 1 && blank && whole).then_some(ai)
}

/// Whether the last labelled row of a stream was printed with cells, every one blank.
fn last_row_blank(s: &Stream) -> bool {
    s.accs.last().is_some_and(|a| {
        !a.items.is_empty() && a.items.iter().all(|t| matches!(t.kind, CellKind::Blank))
    })
}

fn requests_table(
    text: &str,
    header: &str,
    mut stream: Stream,
    template: Template,
    cells: &mut Vec<(String, Resolved)>,
    warnings: &mut Vec<String>,
    prose: &dyn Fn() -> Option<(String, f64)>,
) -> Table {
    let seven_columns = !columns::has_remarks_column(header)
        && !columns::names_subtotal(header)
        && matches!(columns::request_header_order(header), HeaderOrder::Template);
    if columns::has_remarks_column(header) {
        let width = 7 + usize::from(columns::names_subtotal(header));
        let remarks = columns::drop_remarks(text, &mut rows_of(&mut stream), width);
        if remarks.dropped > 0 {
            warnings.push(format!(
                "table 三: a last column of remarks (备注) holds figures in {} row(s); they are no cells of the table and are left out",
                remarks.dropped
            ));
        }
        if remarks.left_out > 0 {
            warnings.push(format!(
                "table 三: {} row(s) end in a figure under the remarks (备注) with a blank first cell: which cells are figures is not known; left out",
                remarks.left_out
            ));
        }
    }
    let subtotal = subtotal_column(&stream, columns::names_subtotal(header));
    let seven_columns = seven_columns && subtotal.is_none() && !repeated_total_column(&stream);
    if let Some(k) = subtotal {
        let printed = stream.accs.iter_mut().map(|a| &mut a.items);
        for items in printed.chain(stream.orphans.iter_mut().map(|(_, o)| o)) {
            // A row with blank cells at its ends prints eight cells all the same (its 总计
            // blank after its figures, or its 自然人 before them): its subtotal is as much a
            // cell to leave out. (Read as the 总计 or the 自然人, it was.)
            let core = figure_cells(items);
            if core.len() == 8 {
                items.remove(core.start + k);
            } else if items.len() == 8 {
                items.remove(k);
            } else if items.len() - core.start == 8 {
                items.remove(core.start + k);
            }
        }
        warnings.push(
            "table 三: a column of the organisations' subtotals (小计), which the template does not have, is left out"
                .to_string(),
        );
    }
    if repeated_total_column(&stream) {
        let printed = stream.accs.iter_mut().map(|a| &mut a.items);
        for items in printed.chain(stream.orphans.iter_mut().map(|(_, o)| o)) {
            let core = figure_cells(items);
            if core.len() == 8 {
                items.remove(core.end - 1);
            }
        }
        warnings.push(
            "table 三: a last column repeating the 总计 (合计), which the template does not have, is left out"
                .to_string(),
        );
    }
    // The applicant columns a header of fewer columns than the template's does not print.
    let mut unprinted: Vec<&str> = Vec::new();
    match columns::request_header_order(header) {
        HeaderOrder::Template => {}
        HeaderOrder::Only(only) => {
            if let Some((cols, left_out)) = fewer_columns::spread(&mut rows_of(&mut stream), &only)
            {
                let names: Vec<&str> = only
                    .iter()
                    .map(|c| {
                        c.map_or("法人或其他组织", |i| {
                            template::REQUEST_COLUMNS[i].label
                        })
                    })
                    .collect();
                warnings.push(format!(
                    "table 三: it prints only the columns {}; each figure is read under the column named over it, the others are not printed{}",
                    names.join(" "),
                    if only.contains(&None) {
                        " (the organisations' sum has no cell of its own in the template)"
                    } else {
                        ""
                    }
                ));
                if left_out > 0 {
                    warnings.push(format!(
                        "table 三: {left_out} row(s) of another number of cells than its header's columns are left out"
                    ));
                }
                unprinted = cols;
            } else if only
                .windows(2)
                .any(|w| w[0].unwrap_or(1) >= w[1].unwrap_or(1))
            {
                // Rows that are not the header's cells, under a header out of the template's
                // order: not placed by position.
                for items in rows_of(&mut stream) {
                    items.clear();
                }
                warnings.push(
                    "table 三: its header names some columns out of the template's order and its rows are not those columns; its figures are left out rather than read by position".into(),
                );
            }
        }
        HeaderOrder::Permuted(order) => {
            let left_out = columns::reorder_rows(&mut rows_of(&mut stream), &order);
            let names: Vec<&str> = order
                .iter()
                .map(|&i| template::REQUEST_COLUMNS[i].label)
                .collect();
            warnings.push(format!(
                "table 三: its columns are printed in another order than the template's ({}); its figures are read by its header",
                names.join(" ")
            ));
            if left_out > 0 {
                warnings.push(format!(
                    "table 三: {left_out} row(s) whose cells cannot be matched to the header's columns are left out"
                ));
            }
        }
        HeaderOrder::Missing(col) => {
            // A row of exactly the six printed cells, none of them blank at an end (where a
            // blank may be a label's empty column or a cell: not known), gets a blank cell in
            // the missing column; any other row is read as before.
            let blank = |t: &CellTok| matches!(t.kind, CellKind::Blank);
            let mut filled = 0;
            for items in rows_of(&mut stream) {
                let single = items.iter().all(|t| !matches!(t.kind, CellKind::Blob(_)));
                let six = template::REQUEST_COLUMNS.len() - 1;
                if single
                    && items.len() == six
                    && !items.first().is_some_and(blank)
                    && !items.last().is_some_and(blank)
                {
                    let at = items[col.min(six) - usize::from(col == six)].range.end;
                    items.insert(
                        col,
                        CellTok {
                            kind: CellKind::Blank,
                            range: at..at,
                        },
                    );
                    filled += 1;
                }
            }
            if filled > 0 {
                warnings.push(format!(
                    "table 三: its header has no {} column; that cell of its {filled} row(s) of six figures is blank",
                    template::REQUEST_COLUMNS[col].label
                ));
            }
        }
        HeaderOrder::Conflict(why) => {
            for items in rows_of(&mut stream) {
                items.clear();
            }
            warnings.push(format!(
                "table 三: {why}; its figures are left out rather than read by position"
            ));
        }
    }
    // The parts of a group printed without their labels, as rows without a label: only under
    // the template's own seven columns (a subtotal, remarks or repeated total column, or fewer
    // columns, would split them wrong).
    let runs = std::mem::take(&mut stream.group_runs);
    for (at, run) in runs {
        let rows = group_rows(&run, template::REQUEST_COLUMNS.len()).filter(|_| seven_columns);
        match rows {
            Some(rows) => {
                let i = stream.orphans.partition_point(|(o, _)| *o <= at);
                stream
                    .orphans
                    .splice(i..i, rows.into_iter().map(|r| (at, r)));
            }
            None => {
                stream.strays += run
                    .iter()
                    .filter(|c| !matches!(c.kind, CellKind::Blank))
                    .count()
            }
        }
    }
    // The same for a group's heading that is a row of the other template (（六）其他处理 of
    // 2019), printed alone with its parts' figures after it (exactly its parts' rows), or
    // beside its first part's figures with the other parts' rows after it, without labels.
    if seven_columns {
        let in_template = template::request_rows(template);
        for (ai, acc) in stream.accs.iter_mut().enumerate() {
            let key = template::REQUEST_ROWS[acc.def].key;
            let Some(g) = template::REQUEST_ROW_GROUPS.iter().find(|g| g.whole == key) else {
                continue;
            };
            if in_template.iter().any(|r| r.key == g.whole) {
                continue;
            }
            let at = ai + 1;
            let after = stream.orphans.iter().filter(|(o, _)| *o == at).count();
            let Some(rows) = group_rows(&acc.items, template::REQUEST_COLUMNS.len())
                .filter(|rows| rows.len() + after == g.parts.len() && g.parts.len() > 1)
            else {
                continue;
            };
            acc.items.clear();
            // No row of its own: the parts are printed (see `printed` below).
            acc.unknown_after = true;
            let i = stream.orphans.partition_point(|(o, _)| *o < at);
            stream
                .orphans
                .splice(i..i, rows.into_iter().map(|r| (at, r)));
        }
    }
    // A row is printed when its label is followed by values, or by no row of unknown label
    // (its values may be printed apart, the row is there).
    let printed = |key: &str| {
        stream.accs.iter().any(|a| {
            template::REQUEST_ROWS[a.def].key == key && (!a.items.is_empty() || !a.unknown_after)
        })
    };
    let order: Vec<&RowDef> = template::request_rows_as_printed(template, printed);
    let pos_of = |def: usize| {
        order
            .iter()
            .position(|r| r.key == template::REQUEST_ROWS[def].key)
    };
    // Values read for a group's heading the printed template has no row for (`（六）其他处理`
    // of a table printed with its three parts): its part's label wrapped around the heading was
    // not read, so they are that part's row, printed without a label (placed below by the
    // template's order).
    let before_unknown: Vec<bool> = stream.accs.iter().map(|a| a.unknown_after).collect();
    for (ai, acc) in stream.accs.iter_mut().enumerate() {
        let whole = template::REQUEST_ROWS[acc.def].key;
        let parts_printed = order.iter().any(|r| template::heads(whole, r.key));
        // Only after a row begun by an item number whose label was not read: a subtotal row
        // printed over the parts is the heading's own, no part's.
        let part_begun = ai > 0 && before_unknown[ai - 1];
        if pos_of(acc.def).is_none() && parts_printed && part_begun && !acc.items.is_empty() {
            let at = stream.orphans.partition_point(|(o, _)| *o <= ai);
            stream
                .orphans
                .insert(at, (ai, std::mem::take(&mut acc.items)));
        }
    }
    let mut table = Table::default();
    // Resolved rows: template position → index of the labelled row in the stream.
    let mut anchors: Vec<(usize, usize)> = Vec::new();
    let mut resolved: Vec<Option<Vec<Resolved>>> = (0..stream.accs.len()).map(|_| None).collect();
    let mut done = vec![false; order.len()];
    // Warnings about rows that unlabelled rows may still fill: (template position, message).
    let mut late: Vec<(usize, String)> = Vec::new();
    let mut pending: Vec<(usize, split::RowReading)> = Vec::new();
    for (ai, acc) in stream.accs.iter().enumerate() {
        let Some(p) = pos_of(acc.def) else { continue };
        if acc.items.is_empty() {
            continue;
        }
        let def = order[p];
        let reading = split::read_row(
            &acc.items,
            7,
            Some(&[split::ColKind::Count; 7]),
            false,
            Some(7),
            &split::requests_row_sum,
        );
        if let Some(res) = reading.unique() {
            if done[p] {
                continue;
            }
            done[p] = true;
            anchors.push((p, ai));
            resolved[ai] = Some(res.clone());
            if let Some(r) = &acc.tolerant {
                warnings.push(format!(
                    "table 三: row label printed as '{}' read as {} (the closest label of the template)",
                    squash(&text[r.clone()]),
                    def.label
                ));
            }
        } else if reading.mismatch() {
            late.push((
                p,
                match reading.unfit {
                    Some(_) => format!(
                        "table 三: row {} {}; left out",
                        def.label,
                        reading.left_out_because(7)
                    ),
                    None => format!(
                        "table 三: row {} has {} cells where 7 are expected; left out",
                        def.label, reading.found
                    ),
                },
            ));
        } else if !pending.iter().any(|(q, _)| *q == p) {
            // Several readings: decided below, with the whole table.
            pending.push((p, reading));
        }
    }
    // Unlabelled rows: fill the template rows missing between two labelled rows, when the count
    // of printed rows there equals the count of missing rows.
    // Unlabelled rows between the same two read rows form one group (labels printed apart
    // from their rows in between do not split it: they were not read).
    let mut placed: Vec<(usize, Vec<Resolved>)> = Vec::new();
    let gap = |at: usize| {
        let prev = anchors
            .iter()
            .filter(|(_, ai)| *ai < at)
            .map(|(p, _)| *p)
            .max();
        let next = anchors
            .iter()
            .filter(|(_, ai)| *ai >= at)
            .map(|(p, _)| *p)
            .min();
        (prev, next)
    };
    let mut i = 0;
    while i < stream.orphans.len() {
        let (prev, next) = gap(stream.orphans[i].0);
        let mut j = i;
        while j < stream.orphans.len() && gap(stream.orphans[j].0) == (prev, next) {
            j += 1;
        }
        let lo = prev.map(|p| p + 1).unwrap_or(0);
        let hi = next.unwrap_or(order.len());
        let missing: Vec<usize> = (lo..hi.max(lo)).filter(|p| !done[*p]).collect();
        let group = &stream.orphans[i..j];
        if !missing.is_empty() && missing.len() == group.len() {
            let mut ok = true;
            let mut fitted = Vec::new();
            for (k, (_, row)) in group.iter().enumerate() {
                match split::fit(row, 7, &split::requests_row_sum) {
                    Fit::Ok(res) => fitted.push((missing[k], res)),
                    _ => ok = false,
                }
            }
            if ok {
                for (p, res) in fitted {
                    done[p] = true;
                    placed.push((p, res));
                }
            } else {
                warnings.push(format!(
                    "table 三: {} row(s) printed without a label could not be read; left out",
                    group.len()
                ));
            }
        } else if let Some(ai) = broken_row(&anchors, &resolved, prev, &missing, group) {
            // A row broken across a page (Word's default): its label and blank cells at the
            // foot of one page, its figures (and the rest of its label) atop the next.
            let (_, row) = &group[0];
            if let Fit::Ok(res) = split::fit(row, 7, &split::requests_row_sum) {
                resolved[ai] = Some(res);
                warnings.push(format!(
                    "table 三: row {} printed blank with its figures on a line of their own after it (a row broken across a page); they are read as its",
                    order[prev.expect("a broken row has a row before")].label
                ));
            }
        } else {
            let labels: Vec<&str> = missing.iter().map(|p| order[*p].label).collect();
            warnings.push(format!(
                "table 三: {} row(s) printed without a label could not be placed (rows missing there: {})",
                group.len(),
                if labels.is_empty() { "none".to_string() } else { labels.join(", ") }
            ));
        }
        i = j;
    }
    // Rows with several readings: table 三 read as a whole (split::solve_requests).
    let mut partial: Vec<(usize, Vec<Option<Resolved>>)> = Vec::new();
    pending.retain(|(p, _)| !done[*p]);
    if !pending.is_empty() {
        let mut readings: Vec<Option<split::RowReading>> = (0..order.len()).map(|_| None).collect();
        for (p, ai) in &anchors {
            readings[*p] = resolved[*ai].clone().map(split::RowReading::fixed);
        }
        for (p, res) in &placed {
            readings[*p] = Some(split::RowReading::fixed(res.clone()));
        }
        for (p, r) in pending {
            readings[p] = Some(r);
        }
        let prose = prose();
        let (solved, w) = split::solve_requests(
            &order,
            &readings,
            prose.as_ref().map(|(s, v)| (s.as_str(), *v)),
        );
        warnings.extend(w);
        for (p, s) in solved.into_iter().enumerate() {
            if let Some(s) = s {
                done[p] = true;
                partial.push((p, s.cells));
            }
        }
    }
    // A labelled row that could not be read is reported unless an unlabelled row filled it.
    warnings.extend(late.into_iter().filter(|(p, _)| !done[*p]).map(|(_, w)| w));
    warnings.extend(unreadable_warnings("三", &stream, |d| {
        template::REQUEST_ROWS[d].label
    }));
    if stream.strays > 0 {
        warnings.push(format!(
            "table 三: {} stray value(s) outside any row were ignored",
            stream.strays
        ));
    }
    let rows: Vec<(usize, Vec<Resolved>)> = anchors
        .iter()
        .map(|(p, ai)| (*p, resolved[*ai].take().unwrap()))
        .chain(placed)
        .collect();
    let mut rows: Vec<(usize, Vec<Option<Resolved>>)> = rows
        .into_iter()
        .map(|(p, res)| (p, res.into_iter().map(Some).collect()))
        .chain(partial)
        .collect();
    rows.sort_by_key(|(p, _)| *p);
    for (p, res) in rows {
        put_pinned(
            &mut table,
            cells,
            "requests",
            order[p],
            template::REQUEST_COLUMNS.iter().map(|c| c.key),
            res,
        );
    }
    let missing: Vec<&str> = order
        .iter()
        .enumerate()
        .filter(|(p, _)| !done[*p])
        .map(|(_, r)| r.label)
        .collect();
    if !table.is_empty() && !missing.is_empty() {
        warnings.push(format!("table 三: rows not found: {}", missing.join(", ")));
    }
    if !unprinted.is_empty() {
        fewer_columns::drop_unprinted(&mut table, cells, &unprinted);
    }
    table
}

/// Table 四's columns in the order its header names them, when that is not the template's:
/// for each printed position (15), the template position it is (group × 5 + column). The
/// header's compact text is read as a sequence of column names (`REVIEW_COLUMN_NAMES`); it
/// must be three groups of the five names, or one group repeated for all three, each group
/// naming every column once. Anything else (a PDF's header wrapped in columns, words missing)
/// gives None: the figures are read in the template's order, as before.
fn review_header_order(header: &str) -> Option<Vec<usize>> {
    let compact = super::text::without_whitespace(&super::text::compact_str(header));
    let mut names: Vec<usize> = Vec::new();
    let mut at = 0;
    while at < compact.len() {
        let rest = &compact[at..];
        let hit = (template::REVIEW_COLUMN_NAMES.iter().enumerate())
            .flat_map(|(col, ns)| ns.iter().map(move |n| (col, *n)))
            .filter(|(_, n)| rest.starts_with(n))
            .max_by_key(|(_, n)| n.len());
        match hit {
            Some((col, n)) => {
                names.push(col);
                at += n.len();
            }
            None => at += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    let groups: Vec<&[usize]> = match names.len() {
        5 => vec![&names[..]; 3],
        15 => names.chunks(5).collect(),
        _ => return None,
    };
    let is_permutation = |g: &[usize]| (0..5).all(|c| g.iter().filter(|&&x| x == c).count() == 1);
    if !groups.iter().all(|g| is_permutation(g)) {
        return None;
    }
    let order: Vec<usize> = (groups.iter().enumerate())
        .flat_map(|(gi, g)| g.iter().map(move |&c| gi * 5 + c))
        .collect();
    (order != (0..15).collect::<Vec<_>>()).then_some(order)
}

/// Whether table 四's column words (维持, 纠正, 其他结果, 尚未审结, 总计) stand between its
/// figures other than as a header over each group of five: a table printed transposed (results
/// as rows, "结果维持 0 0 0") or read out of order (a PDF's text in drawing order). Its figures
/// cannot be placed by their order. A header repeated over each group's five figures is fine.
fn review_headers_interleaved(text: &str, items: &[CellTok]) -> bool {
    if items.iter().any(|c| matches!(c.kind, CellKind::Blob(_))) {
        return false;
    }
    // Figures all the same (most tables 四 are all zeros): their order does not matter.
    let value = |c: &CellTok| match c.kind {
        CellKind::Fixed(v) => Some(v),
        _ => None,
    };
    if items
        .iter()
        .all(|c| value(c).is_some() && value(c) == value(&items[0]))
    {
        return false;
    }
    let mut run = 1;
    let mut headed = false;
    for pair in items.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if a.range.end >= b.range.start {
            run += 1;
            continue;
        }
        let between = super::text::compact_str(&text[a.range.end..b.range.start]);
        if template::REVIEW_COLUMN_WORDS
            .iter()
            .any(|w| between.contains(w))
        {
            if run % 5 != 0 {
                return true;
            }
            run = 1;
            headed = true;
        } else {
            run += 1;
        }
    }
    headed && run % 5 != 0
}

/// 2019 or 2021, from table 二's column headers and the shape of table 三's （六）其他处理.
fn decide_template(
    text: &str,
    dis: Option<Range<usize>>,
    req: Option<&Stream>,
    warnings: &mut Vec<String>,
) -> Option<Template> {
    let mut y21 = 0;
    let mut y19 = 0;
    // Table 二's header words of each format: they name the columns its figures are read under.
    let mut headers = (0, 0);
    let mut any_figures = false;
    if let Some(r) = dis {
        let c = super::text::compact_str(&text[r]);
        headers = (
            template::DISCLOSURE_HEADERS_2019
                .iter()
                .filter(|w| c.contains(*w))
                .count(),
            template::DISCLOSURE_HEADERS_2021
                .iter()
                .filter(|w| c.contains(*w))
                .count(),
        );
        y19 += headers.0;
        y21 += headers.1;
        let has_digit = c.chars().any(|ch| ch.is_ascii_digit());
        let has_rows = ["规章", "行政许可", "行政处罚"]
            .iter()
            .any(|w| c.contains(w));
        any_figures |= has_digit && (y21 + y19 > 0 || has_rows);
        // The rows tell more than the headers (left out, or printed short) and than table 三's
        // （六）, which reports print in either shape: a table 二 with figures but without the
        // 2019 rows is in the 2021 format.
        if has_digit
            && has_rows
            && !template::DISCLOSURE_ROWS_ONLY_2019
                .iter()
                .any(|w| c.contains(w))
        {
            y21 += 3;
        }
    }
    if let Some(s) = req {
        for acc in &s.accs {
            if acc.items.is_empty() {
                continue;
            }
            any_figures = true;
            let def = &template::REQUEST_ROWS[acc.def];
            if def.in_2021 && !def.in_2019 {
                y21 += 2;
            } else if def.in_2019 && !def.in_2021 {
                y19 += 2;
            }
        }
        any_figures |= !s.orphans.is_empty();
    }
    if !any_figures {
        return None;
    }
    match y21.cmp(&y19) {
        std::cmp::Ordering::Greater => Some(Template::Y2021),
        std::cmp::Ordering::Less => Some(Template::Y2019),
        // Rows that tell nothing (a page cut inside table 二 before its 2019-only rows) against
        // a header of one format only: the header names the columns (本年新制作数量 is no
        // 本年制发件数), so its format is the table's.
        std::cmp::Ordering::Equal if headers.0 > 0 && headers.1 == 0 => {
            warnings.push(
                "template: the rows do not tell 2019 from 2021 format; read as 2019, the format of table 二's column headers".into(),
            );
            Some(Template::Y2019)
        }
        std::cmp::Ordering::Equal => {
            warnings.push(
                "template: the tables do not tell 2019 from 2021 format; read as 2021".into(),
            );
            Some(Template::Y2021)
        }
    }
}

/// A label as printed, for a warning: its first line (and "…" when it is wrapped).
fn squash(s: &str) -> String {
    let mut lines = s.lines();
    let first: String = lines.next().unwrap_or("").split_whitespace().collect();
    if lines.next().is_some() {
        format!("{first}…")
    } else {
        first
    }
}
