//! A template document ([`super::template_doc`]) typeset on A4 pages as an OFD (GB/T 33190)
//! writer lays it out: the title centred, paragraphs wrapped to the measure with a two-character
//! indent, tables ruled cell by cell with their merged cells, a table kept off a page break
//! between the rows a merged cell holds together; each line of text a `TextObject` placed in
//! millimetres from the page's top left.

use super::template_doc::{Block, Table};
use gongkai::ingest::docx::zip;

/// How the writer stores text and borders, and how it builds the package.
#[derive(Clone, Copy, Debug, Default)]
pub struct Shape {
    pub text: Runs,
    /// Each cell's border one closed outline (`M L L L C`), or four separate strokes.
    pub outlines: bool,
    /// Labels shaded: a grey filled rectangle (`Fill="true" Stroke="false"`) behind their words.
    pub shading: bool,
    /// Each page's whole content on a page template of its own, the page itself empty.
    pub on_template: bool,
    /// How pages are located from the document.
    pub locs: Locs,
    /// XML parts in GB18030, as their declarations say (the standard asks for UTF-8).
    pub gb18030: bool,
    /// Path coordinates apart by commas (`M 0,0 L 10,0`).
    pub commas: bool,
}

/// A page's `BaseLoc`: from the document's folder, with `./`, or from the package's root.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum Locs {
    #[default]
    Relative,
    Dot,
    Root,
}

#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub enum Runs {
    /// A text object per line, each character's advance in `DeltaX` (`g N v` for repeats).
    #[default]
    Line,
    /// A table row's cells in one run, the gaps between them advances of the run.
    Row,
    /// A text object per character (as converters from PDF write them), no advances.
    Char,
    /// A text object per line of size 1, scaled by its matrix (`CTM="4.2 0 0 4.2 0 0"`).
    Scaled,
}

const PAGE: (f64, f64) = (210.0, 297.0);
const LEFT: f64 = 25.0;
const TOP: f64 = 30.0;
const BOTTOM: f64 = 272.0;
const MEASURE: f64 = 160.0;
const BODY: f64 = 4.2;
const BODY_LEAD: f64 = 7.0;
const CELL: f64 = 3.2;
const CELL_LEAD: f64 = 4.6;
const PAD: f64 = 1.2;

fn advance(c: char, size: f64) -> f64 {
    if c.is_ascii() {
        size / 2.0
    } else {
        size
    }
}

fn width(s: &str, size: f64) -> f64 {
    s.chars().map(|c| advance(c, size)).sum()
}

/// `s` broken into lines no wider than `measure` (the first `indent` narrower).
fn wrap(s: &str, size: f64, measure: f64, indent: f64) -> Vec<String> {
    let mut lines = vec![String::new()];
    let mut used = indent;
    for c in s.chars() {
        let w = advance(c, size);
        if used + w > measure + 0.01 && !lines.last().unwrap().is_empty() {
            lines.push(String::new());
            used = 0.0;
        }
        lines.last_mut().unwrap().push(c);
        used += w;
    }
    lines
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

struct Writer {
    shape: Shape,
    pages: Vec<String>,
    y: f64,
    id: u32,
    target: Option<usize>,
}

impl Writer {
    /// The page being drawn on: the last, or the one a table's row was placed on.
    fn page(&mut self) -> &mut String {
        match self.target {
            Some(i) => &mut self.pages[i],
            None => self.pages.last_mut().unwrap(),
        }
    }

    fn new_page(&mut self) {
        self.pages.push(String::new());
        self.y = TOP;
    }

    fn next_id(&mut self) -> u32 {
        self.id += 1;
        self.id
    }

    /// A line of text with its top-left corner at (x, top).
    fn text(&mut self, x: f64, top: f64, s: &str, size: f64) {
        let base = size * 0.88;
        match self.shape.text {
            Runs::Char => {
                let mut cx = x;
                for c in s.chars() {
                    let id = self.next_id();
                    let w = advance(c, size);
                    if !c.is_whitespace() {
                        let obj = format!(
                            "<ofd:TextObject ID=\"{id}\" Boundary=\"{cx:.3} {top:.3} {w:.3} {:.3}\" Font=\"3\" Size=\"{size:.3}\"><ofd:TextCode X=\"0\" Y=\"{base:.3}\">{}</ofd:TextCode></ofd:TextObject>",
                            size * 1.2,
                            escape(&c.to_string())
                        );
                        self.page().push_str(&obj);
                    }
                    cx += w;
                }
            }
            Runs::Line | Runs::Row | Runs::Scaled => {
                let scale = if self.shape.text == Runs::Scaled {
                    size
                } else {
                    1.0
                };
                let advances: Vec<f64> = s.chars().map(|c| advance(c, size) / scale).collect();
                let delta = deltas(&advances[..advances.len().saturating_sub(1)]);
                let id = self.next_id();
                let (font_size, ctm) = if self.shape.text == Runs::Scaled {
                    (1.0, format!(" CTM=\"{size:.4} 0 0 {size:.4} 0 0\""))
                } else {
                    (size, String::new())
                };
                let delta_attr = if delta.is_empty() {
                    String::new()
                } else {
                    format!(" DeltaX=\"{delta}\"")
                };
                let obj = format!(
                    "<ofd:TextObject ID=\"{id}\" Boundary=\"{x:.3} {top:.3} {:.3} {:.3}\" Font=\"3\" Size=\"{font_size:.4}\"{ctm}><ofd:FillColor Value=\"0 0 0\"/><ofd:TextCode X=\"0\" Y=\"{:.4}\"{delta_attr}>{}</ofd:TextCode></ofd:TextObject>",
                    width(s, size) + 1.0,
                    size * 1.2,
                    base / scale,
                    escape(s)
                );
                self.page().push_str(&obj);
            }
        }
    }

    /// A stroked path at (x, y) of its data.
    fn path(&mut self, x: f64, y: f64, w: f64, h: f64, data: &str) {
        self.path_with((x, y, w, h), data, " LineWidth=\"0.25\"", "");
    }

    /// A path object with these attributes and children before its data.
    fn path_with(
        &mut self,
        (x, y, w, h): (f64, f64, f64, f64),
        data: &str,
        attrs: &str,
        kids: &str,
    ) {
        let id = self.next_id();
        let data = if self.shape.commas {
            with_commas(data)
        } else {
            data.to_string()
        };
        let obj = format!(
            "<ofd:PathObject ID=\"{id}\" Boundary=\"{x:.3} {y:.3} {:.3} {:.3}\"{attrs}>{kids}<ofd:AbbreviatedData>{data}</ofd:AbbreviatedData></ofd:PathObject>",
            w.max(0.5),
            h.max(0.5)
        );
        self.page().push_str(&obj);
    }

    /// Grey shading behind a label's words (Word's character shading): a filled, unstroked
    /// rectangle.
    fn shade(&mut self, x: f64, y: f64, w: f64, h: f64) {
        self.path_with(
            (x, y, w, h),
            &format!("M 0 0 L {w:.3} 0 L {w:.3} {h:.3} L 0 {h:.3} C"),
            " Fill=\"true\" Stroke=\"false\"",
            "<ofd:FillColor Value=\"217 217 217\"/>",
        );
    }

    fn cell_border(&mut self, x: f64, y: f64, w: f64, h: f64) {
        if self.shape.outlines {
            self.path(
                x,
                y,
                w,
                h,
                &format!("M 0 0 L {w:.3} 0 L {w:.3} {h:.3} L 0 {h:.3} C"),
            );
        } else {
            self.path(x, y, w, 0.0, &format!("M 0 0 L {w:.3} 0"));
            self.path(x, y + h, w, 0.0, &format!("M 0 0 L {w:.3} 0"));
            self.path(x, y, 0.0, h, &format!("M 0 0 L 0 {h:.3}"));
            self.path(x + w, y, 0.0, h, &format!("M 0 0 L 0 {h:.3}"));
        }
    }

    fn lines(&mut self, lines: &[String], size: f64, lead: f64, x_of: &dyn Fn(usize, &str) -> f64) {
        for (i, l) in lines.iter().enumerate() {
            if self.y + lead > BOTTOM {
                self.new_page();
            }
            let x = x_of(i, l);
            let y = self.y;
            self.text(x, y, l, size);
            self.y += lead;
        }
    }

    fn table(&mut self, t: &Table) {
        let cols = t
            .first()
            .map_or(1, |r| r.iter().map(|c| c.cols).sum::<usize>())
            .max(1);
        let col_w = MEASURE / cols as f64;
        // Where each cell stands: (row, col, rows, cols, text).
        let mut taken: Vec<Vec<bool>> = Vec::new();
        let mut cells = Vec::new();
        for (r, row) in t.iter().enumerate() {
            let mut c = 0;
            for cell in row {
                while taken
                    .get(r)
                    .and_then(|x| x.get(c))
                    .copied()
                    .unwrap_or(false)
                {
                    c += 1;
                }
                for i in 0..cell.rows {
                    while taken.len() <= r + i {
                        taken.push(vec![false; cols]);
                    }
                    for j in 0..cell.cols {
                        if let Some(x) = taken[r + i].get_mut(c + j) {
                            *x = true;
                        }
                    }
                }
                cells.push((r, c, cell.rows, cell.cols, cell.text.clone()));
                c += cell.cols;
            }
        }
        let n_rows = taken.len().max(t.len());
        let lines_of = |text: &str, span_cols: usize| {
            wrap(text, CELL, span_cols as f64 * col_w - 2.0 * PAD, 0.0)
        };
        let mut heights = vec![CELL_LEAD + 2.0 * PAD; n_rows];
        for &(r, _, rows, cols_, ref text) in &cells {
            if rows == 1 {
                let need = lines_of(text, cols_).len() as f64 * CELL_LEAD + 2.0 * PAD;
                heights[r] = heights[r].max(need);
            }
        }
        for &(r, _, rows, cols_, ref text) in &cells {
            if rows > 1 {
                let need = lines_of(text, cols_).len() as f64 * CELL_LEAD + 2.0 * PAD;
                let have: f64 = heights[r..(r + rows).min(n_rows)].iter().sum();
                if need > have {
                    heights[(r + rows - 1).min(n_rows - 1)] += need - have;
                }
            }
        }
        // Rows a merged cell holds together stay on one page.
        let mut group_end: Vec<usize> = (0..n_rows).collect();
        for &(r, _, rows, ..) in &cells {
            for g in group_end.iter_mut().take((r + rows).min(n_rows)).skip(r) {
                *g = (*g).max(r + rows - 1);
            }
        }
        let mut tops = vec![0.0; n_rows];
        let mut pages = vec![0usize; n_rows];
        let mut r = 0;
        while r < n_rows {
            let mut end = r;
            let mut k = r;
            while k <= end {
                end = end.max(group_end[k]);
                k += 1;
            }
            let h: f64 = heights[r..=end].iter().sum();
            if self.y + h > BOTTOM && self.y > TOP + 1.0 {
                self.new_page();
            }
            for i in r..=end {
                tops[i] = self.y;
                pages[i] = self.pages.len();
                self.y += heights[i];
            }
            r = end + 1;
        }
        let current = self.pages.len();
        let mut row_runs: Vec<(usize, f64, f64, String)> = Vec::new();
        for (r, c, rows, cols_, text) in cells {
            let last = (r + rows - 1).min(n_rows - 1);
            let (x, y) = (LEFT + c as f64 * col_w, tops[r]);
            let w = cols_ as f64 * col_w;
            let h: f64 = heights[r..=last].iter().sum();
            // Cells are drawn on the page their row is on.
            self.target = Some(pages[r] - 1);
            let figure = text.chars().all(|c| c.is_ascii_digit() || c == '.');
            self.cell_border(x, y, w, h);
            let lines = lines_of(&text, cols_);
            let block = lines.len() as f64 * CELL_LEAD;
            let top = y + (h - block) / 2.0;
            for (i, l) in lines.iter().enumerate() {
                let lx = if figure {
                    x + (w - width(l, CELL)) / 2.0
                } else {
                    x + PAD
                };
                let ly = top + i as f64 * CELL_LEAD + (CELL_LEAD - CELL) / 2.0;
                if self.shape.shading && !figure {
                    self.shade(lx - 0.6, ly - 0.3, width(l, CELL) + 1.2, CELL + 0.6);
                }
                if self.shape.text == Runs::Row {
                    if !l.is_empty() {
                        row_runs.push((pages[r] - 1, ly, lx, l.clone()));
                    }
                } else {
                    self.text(lx, ly, l, CELL);
                }
            }
            self.target = None;
        }
        // A row's cells on one baseline as one run: its gaps are advances of the run.
        row_runs.sort_by(|a, b| (a.0, a.1, a.2).partial_cmp(&(b.0, b.1, b.2)).unwrap());
        let mut k = 0;
        while k < row_runs.len() {
            let (page, ly) = (row_runs[k].0, row_runs[k].1);
            let mut j = k;
            while j < row_runs.len() && row_runs[j].0 == page && (row_runs[j].1 - ly).abs() < 1e-6 {
                j += 1;
            }
            let mut text = String::new();
            let mut advances: Vec<f64> = Vec::new();
            for (n, (_, _, lx, l)) in row_runs[k..j].iter().enumerate() {
                let mut adv: Vec<f64> = l.chars().map(|c| advance(c, CELL)).collect();
                if let (Some(last), Some(next)) = (adv.last_mut(), row_runs[k..j].get(n + 1)) {
                    *last = next.2 - (lx + width(l, CELL) - *last);
                }
                advances.extend(adv);
                text.push_str(l);
            }
            advances.pop();
            let id = self.next_id();
            let x0 = row_runs[k].2;
            let obj = format!(
                "<ofd:TextObject ID=\"{id}\" Boundary=\"{x0:.3} {ly:.3} {:.3} {:.3}\" Font=\"3\" Size=\"{CELL:.3}\"><ofd:TextCode X=\"0\" Y=\"{:.4}\" DeltaX=\"{}\">{}</ofd:TextCode></ofd:TextObject>",
                MEASURE,
                CELL * 1.2,
                CELL * 0.88,
                deltas(&advances),
                escape(&text)
            );
            self.pages[page].push_str(&obj);
            k = j;
        }
        debug_assert_eq!(current, self.pages.len());
        self.y += BODY_LEAD / 2.0;
    }
}

/// Path data with each point's coordinates joined by a comma (`M 0,0 L 10,0`).
fn with_commas(data: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut pending: Vec<&str> = Vec::new();
    for w in data.split_whitespace() {
        if w.chars().all(|c| c.is_ascii_alphabetic()) {
            out.extend(pending.chunks(2).map(|p| p.join(",")));
            pending.clear();
            out.push(w.to_string());
        } else {
            pending.push(w);
        }
    }
    out.extend(pending.chunks(2).map(|p| p.join(",")));
    out.join(" ")
}

/// Advances as `DeltaX` writes them: a run of three or more equal ones as `g N v`.
fn deltas(v: &[f64]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < v.len() {
        let mut j = i;
        while j < v.len() && (v[j] - v[i]).abs() < 1e-9 {
            j += 1;
        }
        if j - i >= 3 {
            out.push(format!("g {} {}", j - i, fmt(v[i])));
        } else {
            out.extend(v[i..j].iter().map(|&x| fmt(x)));
        }
        i = j;
    }
    out.join(" ")
}

fn fmt(x: f64) -> String {
    let s = format!("{x:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The document as an OFD package.
pub fn ofd(doc: &[Block], shape: Shape) -> Vec<u8> {
    let mut w = Writer {
        shape,
        pages: vec![String::new()],
        y: TOP,
        id: 10,
        target: None,
    };
    for b in doc {
        match b {
            Block::Title(t) => {
                let size = 6.0;
                let lines = wrap(t, size, MEASURE, 0.0);
                w.lines(&lines, size, 10.0, &|_, l| {
                    LEFT + (MEASURE - width(l, size)) / 2.0
                });
                w.y += 4.0;
            }
            Block::Heading(_, t) => {
                let lines = wrap(t, BODY, MEASURE, 2.0 * BODY);
                w.lines(&lines, BODY, BODY_LEAD, &|i, _| {
                    LEFT + if i == 0 { 2.0 * BODY } else { 0.0 }
                });
            }
            Block::Para(t) => {
                let lines = wrap(t, BODY, MEASURE, 2.0 * BODY);
                w.lines(&lines, BODY, BODY_LEAD, &|i, _| {
                    LEFT + if i == 0 { 2.0 * BODY } else { 0.0 }
                });
            }
            Block::SignOff(t) => {
                w.lines(std::slice::from_ref(t), BODY, BODY_LEAD, &|_, l| {
                    LEFT + MEASURE - width(l, BODY)
                });
            }
            Block::Table(t) => w.table(t),
        }
    }
    let ns = "xmlns:ofd=\"http://www.ofdspec.org/2016\"";
    let root = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:OFD {ns} Version=\"1.1\" DocType=\"OFD\"><ofd:DocBody><ofd:DocInfo><ofd:DocID>6b2a</ofd:DocID><ofd:Creator>gongkai tests</ofd:Creator></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"
    );
    let loc = |i: usize| match shape.locs {
        Locs::Relative => format!("Pages/Page_{i}/Content.xml"),
        Locs::Dot => format!("./Pages/Page_{i}/Content.xml"),
        Locs::Root => format!("Doc_0/Pages/Page_{i}/Content.xml"),
    };
    let page_list: String = (0..w.pages.len())
        .map(|i| format!("<ofd:Page ID=\"{}\" BaseLoc=\"{}\"/>", i + 1, loc(i)))
        .collect();
    let templates: String = if shape.on_template {
        (0..w.pages.len())
            .map(|i| {
                format!(
                    "<ofd:TemplatePage ID=\"{}\" BaseLoc=\"Tpls/Tpl_{i}/Content.xml\"/>",
                    5000 + i
                )
            })
            .collect()
    } else {
        String::new()
    };
    let decl = if shape.gb18030 {
        "<?xml version=\"1.0\" encoding=\"GB18030\"?>"
    } else {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    };
    let root = format!(
        "{decl}{}",
        root.trim_start_matches("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
    );
    let document = format!(
        "{decl}<ofd:Document {ns}><ofd:CommonData><ofd:MaxUnitID>{}</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 {} {}</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>{templates}</ofd:CommonData><ofd:Pages>{page_list}</ofd:Pages></ofd:Document>",
        w.id, PAGE.0, PAGE.1
    );
    let res = format!(
        "{decl}<ofd:Res {ns} BaseLoc=\"Res\"><ofd:Fonts><ofd:Font ID=\"3\" FontName=\"宋体\" FamilyName=\"宋体\"/></ofd:Fonts></ofd:Res>"
    );
    let mut contents: Vec<(String, String)> = Vec::new();
    for (i, objs) in w.pages.iter().enumerate() {
        let layer = format!(
            "<ofd:Content><ofd:Layer ID=\"{}\" Type=\"Body\">{objs}</ofd:Layer></ofd:Content>",
            i + 2
        );
        if shape.on_template {
            contents.push((
                format!("Doc_0/Tpls/Tpl_{i}/Content.xml"),
                format!("{decl}<ofd:Page {ns}>{layer}</ofd:Page>"),
            ));
            contents.push((
                format!("Doc_0/Pages/Page_{i}/Content.xml"),
                format!(
                    "{decl}<ofd:Page {ns}><ofd:Template TemplateID=\"{}\" ZOrder=\"Background\"/><ofd:Content/></ofd:Page>",
                    5000 + i
                ),
            ));
        } else {
            contents.push((
                format!("Doc_0/Pages/Page_{i}/Content.xml"),
                format!("{decl}<ofd:Page {ns}>{layer}</ofd:Page>"),
            ));
        }
    }
    let encode = |xml: &str| -> Vec<u8> {
        if shape.gb18030 {
            encoding_rs::GB18030.encode(xml).0.into_owned()
        } else {
            xml.as_bytes().to_vec()
        }
    };
    let mut owned: Vec<(String, Vec<u8>)> = vec![
        ("OFD.xml".into(), encode(&root)),
        ("Doc_0/Document.xml".into(), encode(&document)),
        ("Doc_0/PublicRes.xml".into(), encode(&res)),
    ];
    for (name, xml) in &contents {
        owned.push((name.clone(), encode(xml)));
    }
    let parts: Vec<(&str, &[u8])> = owned
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    zip::stored(&parts)
}
