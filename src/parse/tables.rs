//! The three statistical tables: rows found by label in the cell stream, cells fitted to the
//! template's columns, rows printed apart from their labels placed by the template's row order
//! between labelled rows, and the template (2019/2021) decided from the tables themselves.

use super::cells::{self, CellKind, CellTok, Event, LabelFinder, LabelSpec};
use super::sections::Outline;
use super::split::{self, Fit, Resolved};
use super::text::Compact;
use crate::model::template::{self, RowDef};
use crate::model::{Num, SectionKind, Table, Tables, Template};
use indexmap::IndexMap;
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

/// A labelled row as printed: which row, and the tokens that followed its label.
struct RowAcc {
    def: usize,
    items: Vec<CellTok>,
}

struct Stream {
    accs: Vec<RowAcc>,
    /// Rows of values printed without a label: (number of labelled rows before it, cells).
    orphans: Vec<(usize, Vec<CellTok>)>,
    strays: usize,
}

fn assemble(events: Vec<Event>) -> Stream {
    let mut s = Stream {
        accs: Vec::new(),
        orphans: Vec::new(),
        strays: 0,
    };
    let mut cur: Option<usize> = None;
    for ev in events {
        match ev {
            Event::Label { id, .. } => {
                s.accs.push(RowAcc {
                    def: id,
                    items: Vec::new(),
                });
                cur = Some(s.accs.len() - 1);
            }
            Event::Cell(c) => match cur {
                Some(i) => s.accs[i].items.push(c),
                None => {
                    if !matches!(c.kind, CellKind::Blank) {
                        s.strays += 1
                    }
                }
            },
            Event::Text => cur = None,
            Event::ValuesRow(cells) => match cur {
                Some(i) if s.accs[i].items.is_empty() => s.accs[i].items = cells,
                _ => {
                    s.orphans.push((s.accs.len(), cells));
                    cur = None;
                }
            },
        }
    }
    s
}

fn region(outline: &Outline, kind: SectionKind) -> Option<Range<usize>> {
    outline
        .sections
        .iter()
        .find(|s| s.kind == kind)
        .map(|s| s.body.clone())
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
            LabelFinder::new(&request_label_specs(), template::REQUEST_HEADER_WORDS)
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
            LabelFinder::new(&specs, &words)
        })
    }

    fn review(&self) -> &LabelFinder {
        self.review
            .get_or_init(|| LabelFinder::new(&[], template::REVIEW_HEADER_WORDS))
    }
}

pub fn parse_tables(text: &str, outline: &Outline) -> ParsedTables {
    let mut warnings = Vec::new();
    let mut cells: Vec<(String, Resolved)> = Vec::new();

    // Table 三 with the rows of both templates: which （六） shape is printed tells the template.
    let req_region = region(outline, SectionKind::RequestsTable);
    let req_stream = req_region
        .clone()
        .map(|r| assemble(cells::scan(text, r, finders().requests())));
    let dis_region = region(outline, SectionKind::DisclosureTable);
    let template = decide_template(text, dis_region.clone(), req_stream.as_ref(), &mut warnings);

    let mut tables = Tables::default();
    let Some(template) = template else {
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
                .map(|s| super::sections::body_text(text, s.body.clone()))
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
        let stream = assemble(cells::scan(text, r, finders().disclosure(template)));
        let mut table: Table = IndexMap::new();
        let mut done = vec![false; rows.len()];
        for acc in &stream.accs {
            let def = &rows[acc.def];
            if acc.items.is_empty() || done[acc.def] {
                continue;
            }
            let (pinned, warning) = split::disclosure_row(&acc.items, def, &claims);
            warnings.extend(warning);
            if pinned.iter().any(|c| c.is_some()) {
                done[acc.def] = true;
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
        let table = requests_table(stream, template, &mut cells, &mut warnings, &prose);
        if !table.is_empty() {
            let keys: Vec<&str> = template::request_rows(template)
                .iter()
                .map(|r| r.key)
                .collect();
            tables.requests = Some(order_rows(table, keys.into_iter()));
        } else {
            warnings.push("table 三 (收到和处理政府信息公开申请情况): heading found but no figures could be read".into());
        }
    }

    // Table 四.
    if let Some(r) = region(outline, SectionKind::ReviewLitigationTable) {
        let events = cells::scan(text, r, finders().review());
        let mut items: Vec<CellTok> = Vec::new();
        for e in events {
            match e {
                Event::ValuesRow(c) => items.extend(c),
                Event::Cell(c) if !matches!(c.kind, CellKind::Blank) => items.push(c),
                _ => {}
            }
        }
        if !items.is_empty() {
            let (pinned, warning) = split::review_row(&items);
            warnings.extend(warning);
            if pinned.iter().any(|c| c.is_some()) {
                let mut table: Table = IndexMap::new();
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
                tables.review_litigation = Some(table);
            }
        } else if tables.disclosure.is_some() || tables.requests.is_some() {
            warnings.push("table 四 (行政复议、行政诉讼情况): no figures found".into());
        }
    }
    ParsedTables {
        tables,
        template: Some(template),
        cells,
        warnings,
    }
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
        cells.push((format!("{tname}.{}.{c}", def.key), r));
    }
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
    let mut out: Table = IndexMap::new();
    for k in keys {
        if let Some(v) = table.shift_remove(k) {
            out.insert(k.to_string(), v);
        }
    }
    out.extend(table);
    out
}

fn requests_table(
    stream: Stream,
    template: Template,
    cells: &mut Vec<(String, Resolved)>,
    warnings: &mut Vec<String>,
    prose: &dyn Fn() -> Option<(String, f64)>,
) -> Table {
    let order: Vec<&RowDef> = template::request_rows(template);
    let pos_of = |def: usize| {
        order
            .iter()
            .position(|r| r.key == template::REQUEST_ROWS[def].key)
    };
    let mut table: Table = IndexMap::new();
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
        } else if reading.mismatch() {
            late.push((
                p,
                format!(
                    "table 三: row {} has {} cells where 7 are expected; left out",
                    def.label, reading.found
                ),
            ));
        } else if !pending.iter().any(|(q, _)| *q == p) {
            // Several readings: decided below, with the whole table.
            pending.push((p, reading));
        }
    }
    // Unlabelled rows: fill the template rows missing between two labelled rows, when the count
    // of printed rows there equals the count of missing rows.
    let mut placed: Vec<(usize, Vec<Resolved>)> = Vec::new();
    let mut i = 0;
    while i < stream.orphans.len() {
        let at = stream.orphans[i].0;
        let mut j = i;
        while j < stream.orphans.len() && stream.orphans[j].0 == at {
            j += 1;
        }
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
    table
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
    let mut any_figures = false;
    if let Some(r) = dis {
        let c = Compact::new(&text[r]);
        y21 += template::DISCLOSURE_HEADERS_2021
            .iter()
            .filter(|w| c.s.contains(*w))
            .count();
        y19 += template::DISCLOSURE_HEADERS_2019
            .iter()
            .filter(|w| c.s.contains(*w))
            .count();
        let has_digit = c.s.chars().any(|ch| ch.is_ascii_digit());
        any_figures |= has_digit
            && (y21 + y19 > 0
                || ["规章", "行政许可", "行政处罚"]
                    .iter()
                    .any(|w| c.s.contains(w)));
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
        std::cmp::Ordering::Equal => {
            warnings.push(
                "template: the tables do not tell 2019 from 2021 format; read as 2021".into(),
            );
            Some(Template::Y2021)
        }
    }
}
