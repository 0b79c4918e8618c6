//! PDF → text laid out like poppler's `pdftotext -layout`, from the glyphs' positions on the page.
//!
//! `pdf-extract` (on `lopdf`) walks each page's content stream and hands over every glyph with
//! its text-rendering matrix, font size and advance, decoded through the font's ToUnicode CMap
//! (Identity-H CID fonts included). From those this module rebuilds the printed lines:
//!
//! - glyphs are grouped into lines by baseline (top to bottom), and sorted left to right;
//! - within a line, a gap wider than 1.5 em becomes a tab (a cell separator for the table
//!   parser), a narrower visible gap one space;
//! - a glyph drawn twice at (nearly) the same place, as fake bold does, is kept once;
//! - page numbers (`-3-`, `- 3 -`, `— 3 —`, `第3页 共6页`, `3/6`) in the top or bottom margin are
//!   dropped, and so are running headers and footers (`running_lines`) and watermarks in large
//!   type repeated over every page (`watermarks`);
//! - pages are separated by a form feed (`\u{c}`), as pdftotext does.
//!
//! The text is the document's `source`, so provenance offsets point into it; [`PdfText::lines`]
//! keeps, for every line of it, its page and line on the page.
//!
//! Every call into the PDF crates runs under `catch_unwind` (they `unwrap` on some malformed
//! input): a panic is a one-line error for the file, or a page left out, never a crash.

use pdf_extract::{ColorSpace, MediaBox, OutputDev, OutputError, Path, PathOp, Transform};
use std::panic::{catch_unwind, AssertUnwindSafe};

mod columns;
mod footnote_marks;
mod grid;
mod info;
pub mod ofd;
mod rotation;
mod running_lines;
mod watermarks;
mod xref_repair;

use rotation::Turn;
use running_lines::PageLine;

/// A gap between two glyphs wider than this many em is a cell separator (a tab).
const CELL_GAP_EM: f64 = 1.5;
/// A gap wider than this many em (and not a cell gap) is a space.
const SPACE_GAP_EM: f64 = 0.2;
/// Top and bottom bands of the page where page numbers are looked for (share of its height).
const MARGIN_SHARE: f64 = 0.12;

/// The extracted text and where each of its lines was printed.
#[derive(Debug, Clone, Default)]
pub struct PdfText {
    pub text: String,
    pub map: PdfMap,
    /// What reading the file repaired (a lost cross-reference table), for the report's warnings.
    pub warnings: Vec<String>,
    /// The title of its document information (`/Info` `/Title`), where it has Han characters.
    pub title: Option<String>,
}

/// Where each line of an extracted text was printed.
#[derive(Debug, Clone, Default)]
pub struct PdfMap {
    /// One entry per line of the text, in order: (byte offset of the line, page, line on the
    /// page), pages and lines counted from 1. A page's first line starts at the form feed
    /// before it.
    pub lines: Vec<(usize, u32, u32)>,
    /// Number of pages in the file.
    pub pages: u32,
}

impl PdfMap {
    /// The (page, line on the page) of a byte offset of the text.
    pub fn location(&self, offset: usize) -> Option<(u32, u32)> {
        let i = match self.lines.binary_search_by_key(&offset, |l| l.0) {
            Ok(i) => i,
            Err(0) => return None,
            Err(i) => i - 1,
        };
        let (_, page, line) = self.lines[i];
        Some((page, line))
    }
}

/// Whether bytes are a PDF file: they start with `%PDF-`, or (for a file named .pdf) have it
/// within the first KB, as readers accept.
pub fn is_pdf(bytes: &[u8], named_pdf: bool) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    bytes.starts_with(b"%PDF-") || (named_pdf && head.windows(5).any(|w| w == b"%PDF-"))
}

/// One glyph: its baseline origin (x, y; PDF user space, y up), advance width, size, text.
#[derive(Debug, Clone)]
struct Glyph {
    x: f64,
    y: f64,
    w: f64,
    size: f64,
    text: String,
    /// The shown string it came from, counted on its page: the glyphs of one string stay in one
    /// table cell even when wrong font widths push the later ones past the cell's border.
    word: u32,
}

#[derive(Default)]
struct Collector {
    pages: Vec<Page>,
    /// The `/Rotate` of the page being read.
    rotation: i64,
}

struct Page {
    number: u32,
    /// The media box as the page is shown (turned by its `/Rotate`).
    box_: (f64, f64, f64, f64),
    /// From the page's own space to the page as shown.
    turn: Turn,
    /// Glyphs shown that decode to no text (a font without a Unicode map).
    undecoded: usize,
    glyphs: Vec<Glyph>,
    /// Vertical rules (table borders): x, bottom y, top y.
    rules: Vec<(f64, f64, f64)>,
    /// Horizontal rules: y, left x, right x.
    hrules: Vec<(f64, f64, f64)>,
    /// Index in `glyphs` of the first glyph of the string being shown.
    word_start: usize,
    /// Strings shown so far.
    words: u32,
}

#[derive(Clone, Copy)]
struct Pt {
    x: f64,
    y: f64,
}

impl Page {
    fn new(number: u32, box_: (f64, f64, f64, f64)) -> Page {
        Page {
            number,
            box_,
            turn: Turn::new(0, box_),
            undecoded: 0,
            glyphs: Vec::new(),
            rules: Vec::new(),
            hrules: Vec::new(),
            word_start: 0,
            words: 0,
        }
    }

    /// The vertical and horizontal segments of a stroked line or a thin filled rectangle, in
    /// page space.
    /// The rules a path draws: its straight segments along an axis, its thin rectangles, and
    /// (`stroked`) the four sides of a rectangle outlined (a cell's border drawn as `re S`, as
    /// some writers draw every cell; a filled one is shading, not a border).
    fn add_rules(&mut self, ctm: &Transform, path: &Path, stroked: bool) {
        let ctm = &self.turn.apply(ctm);
        let pt = |x: f64, y: f64| Pt {
            x: ctm.m11 * x + ctm.m21 * y + ctm.m31,
            y: ctm.m12 * x + ctm.m22 * y + ctm.m32,
        };
        let (rules, hrules) = (&mut self.rules, &mut self.hrules);
        let segment = |rules: &mut Vec<_>, hrules: &mut Vec<_>, a: Pt, p: Pt| {
            if (p.x - a.x).abs() < 1.0 && (p.y - a.y).abs() > 2.0 {
                rules.push(((a.x + p.x) / 2.0, a.y.min(p.y), a.y.max(p.y)));
            } else if (p.y - a.y).abs() < 1.0 && (p.x - a.x).abs() > 2.0 {
                hrules.push(((a.y + p.y) / 2.0, a.x.min(p.x), a.x.max(p.x)));
            }
        };
        let (mut at, mut start) = (None, None);
        for op in &path.ops {
            match *op {
                PathOp::MoveTo(x, y) => {
                    at = Some(pt(x, y));
                    start = at;
                }
                PathOp::LineTo(x, y) => {
                    let p = pt(x, y);
                    if let Some(a) = at {
                        segment(rules, hrules, a, p);
                    }
                    at = Some(p);
                }
                PathOp::Rect(x, y, w, h) => {
                    let (a, b) = (pt(x, y), pt(x + w, y + h));
                    let (x0, x1) = (a.x.min(b.x), a.x.max(b.x));
                    let (y0, y1) = (a.y.min(b.y), a.y.max(b.y));
                    if x1 - x0 < 2.0 && y1 - y0 > 2.0 {
                        rules.push(((x0 + x1) / 2.0, y0, y1));
                    } else if y1 - y0 < 2.0 && x1 - x0 > 2.0 {
                        hrules.push(((y0 + y1) / 2.0, x0, x1));
                    } else if stroked && x1 - x0 > 2.0 && y1 - y0 > 2.0 {
                        rules.extend([(x0, y0, y1), (x1, y0, y1)]);
                        hrules.extend([(y0, x0, x1), (y1, x0, x1)]);
                    }
                }
                PathOp::CurveTo(.., x, y) => at = Some(pt(x, y)),
                // A closed outline's last side (`m l l l h S`).
                PathOp::Close => {
                    if let (Some(a), Some(s), true) = (at, start, stroked) {
                        segment(rules, hrules, a, s);
                    }
                    at = start;
                }
            }
        }
    }

    /// Whether a vertical rule runs between x0 and x1 at the height of a glyph on baseline y.
    fn rule_between(&self, x0: f64, x1: f64, y: f64, size: f64) -> bool {
        self.rules
            .iter()
            .any(|&(x, y0, y1)| x > x0 && x < x1 && y0 < y + 0.7 * size && y1 > y)
    }
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        let turn = Turn::new(
            self.rotation,
            (media_box.llx, media_box.lly, media_box.urx, media_box.ury),
        );
        let mut page = Page::new(page_num, turn.shown_box());
        page.turn = turn;
        self.pages.push(page);
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        let Some(page) = self.pages.last_mut() else {
            return Ok(());
        };
        let trm = &page.turn.apply(trm);
        // Horizontal text only: rotated stamps and diagonal watermarks are not report text.
        let (a, b, c, d) = (trm.m11, trm.m12, trm.m21, trm.m22);
        if b.abs() > 0.05 * a.abs() || c.abs() > 0.05 * d.abs() || a <= 0.0 || d <= 0.0 {
            return Ok(());
        }
        let size = font_size * (a * d - b * c).abs().sqrt();
        let w = width * font_size * a;
        let (x, y) = (trm.m31, trm.m32);
        if !(x.is_finite() && y.is_finite() && size.is_finite() && w.is_finite()) || size <= 0.0 {
            return Ok(());
        }
        let text: String = text
            .chars()
            .filter(|c| !c.is_control() && *c != '\u{FEFF}')
            .collect();
        if text.is_empty() {
            page.undecoded += 1;
            return Ok(());
        }
        // Spaces are kept until the string ends (they give the advance of the glyph before
        // them), then dropped: gaps make the spaces of the laid-out text.
        page.glyphs.push(Glyph {
            x,
            y,
            w: w.max(0.0),
            size,
            text,
            word: page.words,
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        if let Some(p) = self.pages.last_mut() {
            p.word_start = p.glyphs.len();
            p.words += 1;
        }
        Ok(())
    }

    /// A shown string ends: its glyphs' advances are the distances between them (font widths
    /// are sometimes wrong, e.g. a whole em for a digit); the last glyph's is capped at the
    /// widest of those.
    fn end_word(&mut self) -> Result<(), OutputError> {
        let Some(p) = self.pages.last_mut() else {
            return Ok(());
        };
        let start = p.word_start.min(p.glyphs.len());
        let word = &mut p.glyphs[start..];
        let mut widest: f64 = 0.0;
        for i in 1..word.len() {
            let (a, b) = (&word[i - 1], &word[i]);
            let adv = b.x - a.x;
            if (a.y - b.y).abs() < 0.1 * a.size && adv > 0.0 && adv < 2.0 * a.size {
                word[i - 1].w = adv;
                widest = widest.max(adv);
            }
        }
        if let Some(last) = word.last_mut() {
            if widest > 0.0 {
                last.w = last.w.min(widest);
            }
        }
        // Blank glyphs of this string go; only the string's own glyphs are looked at (a
        // `retain` over the page made each string cost the whole page so far).
        let mut kept = start;
        for i in start..p.glyphs.len() {
            if !p.glyphs[i].text.trim().is_empty() {
                p.glyphs.swap(kept, i);
                kept += 1;
            }
        }
        p.glyphs.truncate(kept);
        p.word_start = p.glyphs.len();
        Ok(())
    }

    fn stroke(
        &mut self,
        ctm: &Transform,
        _colorspace: &ColorSpace,
        _color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        if let Some(p) = self.pages.last_mut() {
            p.add_rules(ctm, path, true);
        }
        Ok(())
    }

    fn fill(
        &mut self,
        ctm: &Transform,
        _colorspace: &ColorSpace,
        _color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        // A filled thin rectangle is a rule as much as a stroked line.
        if let Some(p) = self.pages.last_mut() {
            p.add_rules(ctm, path, false);
        }
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// Run `f`, turning a panic into `None` without printing it (the PDF crates panic on some
/// malformed files; that is an unreadable file, not a crash to report).
fn quietly<T>(f: impl FnOnce() -> T) -> Option<T> {
    silence_pdf_panics();
    QUIET.with(|q| q.set(q.get() + 1));
    let r = catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(q.get() - 1));
    r.ok()
}

thread_local! {
    static QUIET: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Install (once) a panic hook that stays silent on a thread inside [`quietly`] and defers to
/// the previous hook everywhere else.
fn silence_pdf_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let prev = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if QUIET.with(|q| q.get()) == 0 {
                prev(info);
            }
        }));
    });
}

/// Extract the text of a PDF. Errors are one-line reasons for the user.
pub fn extract(bytes: &[u8]) -> Result<PdfText, String> {
    let mut warnings = Vec::new();
    let doc = match quietly(|| pdf_extract::Document::load_mem(bytes)) {
        Some(Ok(doc)) => doc,
        refused => {
            let reason = match refused {
                Some(Err(e)) => load_error(&e),
                _ => "broken PDF (cannot be parsed)".into(),
            };
            // A table of objects lost or stale (a download cut short, a tool's edit): read
            // again from the objects themselves, as PDF viewers do.
            let rebuilt = xref_repair::rebuilt(bytes)
                .and_then(|fixed| quietly(|| pdf_extract::Document::load_mem(&fixed)))
                .and_then(Result::ok);
            match rebuilt {
                Some(doc) if !reason.starts_with("encrypted") => {
                    warnings.push(format!(
                        "PDF: {reason}; read from its objects with the cross-reference table rebuilt (a file cut short or damaged: pages may be missing)"
                    ));
                    doc
                }
                _ => return Err(reason),
            }
        }
    };
    if doc.is_encrypted() {
        // lopdf already tries the empty user password (most "protected" reports only restrict
        // printing or copying); still encrypted means a password is needed.
        return Err("encrypted PDF (needs a password); save an unprotected copy first".into());
    }
    let repaired = !warnings.is_empty();
    let mut text = text_of(&doc).map_err(|reason| {
        // What is missing from a file read without its table is missing because the file is
        // cut short or damaged, not because it was scanned.
        if !repaired {
            return reason;
        }
        let what = match reason.strip_prefix("broken PDF (") {
            Some(inner) => inner.trim_end_matches(')').to_string(),
            None => "no text could be read from its objects".to_string(),
        };
        format!("broken PDF (cut short or damaged: its cross-reference table is lost, and {what})")
    })?;
    text.warnings = warnings;
    text.title = info::title(&doc);
    Ok(text)
}

/// The text of a loaded, readable PDF, page by page.
fn text_of(doc: &pdf_extract::Document) -> Result<PdfText, String> {
    // One reader for every page: each font and its ToUnicode CMap are read once per document.
    let no_resources = pdf_extract::Dictionary::new();
    let (mut reader, page_numbers) = quietly(|| {
        let pages: Vec<(u32, i64)> = doc
            .get_pages()
            .into_iter()
            .map(|(n, id)| (n, rotation::page_rotation(doc, id)))
            .collect();
        (pdf_extract::PageReader::new(doc, &no_resources), pages)
    })
    .ok_or_else(|| "broken PDF (page tree unreadable)".to_string())?;
    if page_numbers.is_empty() {
        return Err("broken PDF (no pages)".into());
    }
    let mut pages = Vec::with_capacity(page_numbers.len());
    let mut failed = 0;
    for &(n, rotation) in &page_numbers {
        let mut c = Collector {
            rotation,
            ..Collector::default()
        };
        let ok = quietly(|| reader.output_page(&mut c, n).is_ok()).unwrap_or(false);
        match c.pages.pop() {
            Some(p) if ok || !p.glyphs.is_empty() => pages.push(p),
            _ => {
                failed += 1;
                pages.push(Page::new(n, (0.0, 0.0, 0.0, 0.0)))
            }
        }
    }
    if failed == pages.len() {
        return Err("broken PDF (no page could be read)".into());
    }
    let glyphs: usize = pages.iter().map(|p| p.glyphs.len()).sum();
    // A scan may carry a few characters of text (a scanner's stamp, a page number): a report's
    // text layer has hundreds a page.
    let undecodable =
        || Err("text layer cannot be decoded (fonts without a Unicode map); OCR it first".into());
    let few = |n: usize| n < 20 || n < 15 * pages.len();
    if few(glyphs) {
        // Glyphs shown but decoding to nothing: text there, in fonts without a Unicode map.
        let undecoded: usize = pages.iter().map(|p| p.undecoded).sum();
        if !few(undecoded) {
            return undecodable();
        }
        return Err("no text layer (a scanned PDF?); OCR it first".into());
    }
    let (mut readable, mut han, mut latin) = (0, 0, 0);
    for g in pages.iter().flat_map(|p| p.glyphs.iter()) {
        readable += usize::from(g.text.chars().all(plausible));
        han += usize::from(g.text.chars().any(is_han));
        latin += usize::from(g.text.chars().any(is_accented_latin));
    }
    // A font without a Unicode map read through a one-byte encoding gives accented Latin
    // letters and symbols (`:EãÄb‘õ˝;cŽ8`) where a Chinese report has Han characters.
    if readable * 2 < glyphs || (han * 10 < glyphs && latin * 4 > glyphs) {
        return undecodable();
    }
    watermarks::drop_watermarks(&mut pages);
    Ok(layout(&pages))
}

fn load_error(e: &pdf_extract::Error) -> String {
    let msg = e.to_string();
    let lower = msg.to_ascii_lowercase();
    if lower.contains("decrypt") || lower.contains("encrypt") || lower.contains("password") {
        "encrypted PDF (needs a password); save an unprotected copy first".into()
    } else {
        let msg = msg.lines().next().unwrap_or("").trim();
        format!("broken PDF ({msg})")
    }
}

/// A character a text layer of a Chinese report plausibly has (not a private-use or
/// replacement character left by a font without a Unicode map).
fn plausible(c: char) -> bool {
    !matches!(c, '\u{FFFD}' | '\u{E000}'..='\u{F8FF}' | '\u{0}'..='\u{1F}')
}

/// A Han character (CJK unified ideographs and extension A).
fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// A letter or sign of Latin-1 and the Latin extensions (`ã`, `Ž`, `˝`), which a Chinese
/// report has few of.
fn is_accented_latin(c: char) -> bool {
    matches!(c, '\u{A1}'..='\u{2FF}')
}

/// A printed line: baseline, and its glyphs left to right.
struct Line<'a> {
    y: f64,
    size: f64,
    glyphs: Vec<&'a Glyph>,
}

/// Glyphs grouped into lines (top to bottom, each line left to right): one line while the
/// baseline stays within 40% of an em of the line's lowest so far (cells of one table row,
/// centred vertically in fonts of different heights, step down a little).
fn lines_of<'a>(glyphs: &[&'a Glyph]) -> Vec<Line<'a>> {
    let mut glyphs = glyphs.to_vec();
    glyphs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<Line> = Vec::new();
    for g in glyphs {
        if let Some(l) = lines.last_mut() {
            if (l.y - g.y).abs() <= 0.4 * l.size.min(g.size) {
                l.glyphs.push(g);
                l.size = l.size.max(g.size);
                l.y = g.y;
                continue;
            }
        }
        lines.push(Line {
            y: g.y,
            size: g.size,
            glyphs: vec![g],
        });
    }
    for l in &mut lines {
        l.glyphs.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
    lines
}

/// Lay out every page and join them with form feeds.
fn layout(pages: &[Page]) -> PdfText {
    let mut out = PdfText::default();
    out.map.pages = pages.len() as u32;
    let mut page_texts: Vec<Vec<PageLine>> = pages.iter().map(page_lines).collect();
    let numbers: Vec<u32> = pages.iter().map(|p| p.number).collect();
    running_lines::drop_bare_page_numbers(&mut page_texts, &numbers);
    running_lines::drop_running_lines(&mut page_texts);
    for (i, (page, lines)) in pages.iter().zip(page_texts).enumerate() {
        if i > 0 {
            out.text.push('\u{c}');
        }
        for (k, line) in lines.iter().enumerate() {
            let start = if k == 0 && i > 0 {
                out.text.len() - 1
            } else {
                out.text.len()
            };
            out.map.lines.push((start, page.number, k as u32 + 1));
            out.text.push_str(&line.text);
            // A line of a wrapped one-line body goes on into the next one.
            if !line.continues || k + 1 == lines.len() {
                out.text.push('\n');
            }
        }
        if lines.is_empty() {
            let start = out.text.len().saturating_sub(usize::from(i > 0));
            out.map.lines.push((start, page.number, 0));
        }
    }
    out
}

/// The lines of one page, top to bottom, page numbers in the margins dropped.
fn page_lines(page: &Page) -> Vec<PageLine> {
    let glyphs: Vec<&Glyph> = page
        .glyphs
        .iter()
        .filter(|g| !g.text.trim().is_empty())
        .collect();
    let glyphs = footnote_marks::without_marks(glyphs);
    // Ruled table rows first (one line a row, whatever wraps inside its cells); the rest line
    // by line.
    let (mut rows, glyphs) = grid::table_rows(page, &glyphs);
    // Tables without vertical rules next: columns from where their figures lie.
    let (unruled, glyphs) = columns::table_rows(page, &glyphs);
    rows.extend(unruled);
    let lines = lines_of(&glyphs);
    let (_, lly, _, ury) = page.box_;
    let height = (ury - lly).max(1.0);
    // (height, text, whether it is a ruled table's row)
    let mut texts: Vec<(f64, String, bool)> = lines
        .iter()
        .map(|l| (l.y, line_text(page, &l.glyphs), false))
        .chain(rows.into_iter().map(|(y, t)| (y, t, true)))
        .collect();
    // Where each line of text ends on the right, and its type's size, by its height.
    let ends: Vec<(f64, f64, f64)> = lines
        .iter()
        .filter_map(|l| {
            let right = l.glyphs.iter().map(|g| g.x + g.w).fold(f64::MIN, f64::max);
            (right > f64::MIN).then_some((l.y, right, l.size))
        })
        .collect();
    // A table row goes by its top border: above the baseline of its cells' first line, below
    // that of the line before the table.
    texts.sort_by(|a, b| b.0.total_cmp(&a.0));
    // Page numbers and a browser's print header and footer: among the first two and last two
    // lines, those in the margin band — never a row of a ruled table (a table broken across
    // pages leaves a row of one figure, `1`, at the top or the foot of a page).
    let n = texts.len();
    let mut drop = vec![false; n];
    let mut margin = vec![false; n];
    for i in (0..n.min(2)).chain(n.saturating_sub(2)..n) {
        let (y, ref t, in_table) = texts[i];
        if in_table {
            continue;
        }
        let in_margin = y < lly + MARGIN_SHARE * height || y > ury - MARGIN_SHARE * height;
        // A table's last row of figures at the foot of the page (`0\t1\t1\t0\t2`) is all digits
        // too: a footer has at most two parts (`第3页\t共6页`).
        let parts = t.split('\t').filter(|p| !p.trim().is_empty()).count();
        // A bare number (`3`) may as well be a figure of a table printed a cell a line: it is
        // told over the whole document (`running_lines::drop_bare_page_numbers`).
        let numbered = (parts <= 2 && is_page_number(t)) || is_browser_margin(t);
        if in_margin && bare_number(t).is_none() && numbered {
            drop[i] = true;
        }
        margin[i] = in_margin;
    }
    let kept: Vec<(f64, String, bool, bool)> = texts
        .into_iter()
        .enumerate()
        .filter(|&(i, _)| !drop[i])
        .map(|(i, (y, text, in_table))| (y, text, in_table, margin[i]))
        .collect();
    let continues = wrapped_runs(&kept, &ends);
    kept.into_iter()
        .zip(continues)
        .map(|((_, text, in_table, in_margin), continues)| PageLine {
            bare_number: (in_margin && !in_table)
                .then(|| bare_number(&text))
                .flatten(),
            text,
            in_table,
            in_margin,
            continues,
        })
        .collect()
}

/// Lines shorter than this (of a page's text) never make a run of a wrapped body.
const WRAPPED_RUN: usize = 6;

/// For each line, whether it goes on into the next one without a break: a run of lines that
/// fill the page's width (within 1.5 em of the rightmost text), six or more, holding five runs
/// of five digits or more. That is a body crawled into one line and printed (pingtan 2019's):
/// its table's rows glued together (`数量0000000二、上年…`) are cut wherever the line is full,
/// labels and runs of digits alike, and read as lines they are pieces. Prose wraps so too but
/// prints few such numbers; a table's rows never fill a page's width. `ends`: (height, right edge, size) of
/// each line of text.
fn wrapped_runs(lines: &[(f64, String, bool, bool)], ends: &[(f64, f64, f64)]) -> Vec<bool> {
    let mut out = vec![false; lines.len()];
    // (Looked up by height once per line: a linear search per line was quadratic on a page
    // of thousands of lines, as an OFD's page may be.)
    let mut by_height: rustc_hash::FxHashMap<u64, (f64, f64)> = rustc_hash::FxHashMap::default();
    for e in ends {
        by_height.entry((e.0 + 0.0).to_bits()).or_insert((e.1, e.2));
    }
    let end_of = |y: f64| by_height.get(&(y + 0.0).to_bits()).copied();
    let right = ends.iter().map(|e| e.1).fold(f64::MIN, f64::max);
    // Full: ending within 1.5 em of the right, or of where the next line's first word (a run
    // of digits or Latin letters, which a line never cuts) would have ended.
    let full: Vec<bool> = (0..lines.len())
        .map(|k| {
            let (y, text, in_table, _) = &lines[k];
            let word = lines.get(k + 1).map_or(0, |n| {
                n.1.chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | ','))
                    .count()
            });
            !*in_table
                && !text.contains('\t')
                && end_of(*y)
                    .is_some_and(|(r, size)| right - r <= 1.5 * size + 0.6 * size * word as f64)
        })
        .collect();
    let mut i = 0;
    while i < lines.len() {
        if !full[i] {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < lines.len() && full[j] {
            j += 1;
        }
        // Lines i..j are full; each goes on into the next (the run's last into the line after).
        let last = j.min(lines.len() - 1);
        // A table's rows glued together: runs of five digits or more (`0000000`, a row's
        // cells), five of them at least; prose prints few such numbers.
        let long_runs: usize = lines[i..=last]
            .iter()
            .map(|l| {
                l.1.split(|c: char| !c.is_ascii_digit())
                    .filter(|r| r.len() >= 5)
                    .count()
            })
            .sum();
        if j - i >= WRAPPED_RUN && long_runs >= 5 {
            for c in &mut out[i..last] {
                *c = true;
            }
        }
        i = j;
    }
    out
}

/// A line that is a number alone (`3`, up to four digits): a page number, or a figure.
fn bare_number(line: &str) -> Option<u32> {
    let t = line.trim();
    (!t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit()))
        .then(|| t.parse().ok())
        .flatten()
}

/// The text of a line's glyphs (sorted by x): tabs at wide gaps and across table rules, spaces
/// at narrow gaps next to a Latin letter or digit (Chinese text spaced out to justify it gets
/// none, as in pdftotext).
fn line_text(page: &Page, glyphs: &[&Glyph]) -> String {
    let mut s = String::new();
    let mut prev: Option<&Glyph> = None;
    for &g in glyphs {
        if let Some(p) = prev {
            let em = p.size.min(g.size);
            // Fake bold and shadows: the same glyph again within a fraction of an em.
            if g.text == p.text && (g.x - p.x).abs() < 0.3 * em && (g.y - p.y).abs() < 0.3 * em {
                continue;
            }
            let gap = g.x - (p.x + p.w);
            let latin = |t: &str| t.chars().any(|c| c.is_ascii_alphanumeric());
            if gap > CELL_GAP_EM * em
                || (gap > 0.0 && page.rule_between(p.x + p.w * 0.5, g.x, g.y, em))
            {
                s.push('\t');
            } else if gap > SPACE_GAP_EM * em && (latin(&p.text) || latin(&g.text)) {
                s.push(' ');
            }
        }
        s.push_str(&g.text);
        prev = Some(g);
    }
    s
}

/// The header or footer a browser prints on every page of a web page saved as PDF: the date
/// and time, then the page's title (`12/3/26, 8:18 AM\t…年度报告`, `2026/12/3 08:18\t…`); the
/// address, then the page number (`https://…/t2023.html\t1/3`).
fn is_browser_margin(line: &str) -> bool {
    let parts: Vec<&str> = line
        .split('\t')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let (Some(first), Some(last)) = (parts.first(), parts.last()) else {
        return false;
    };
    if parts.len() > 2 {
        return false;
    }
    let address = first.contains("://") && !first.contains(char::is_whitespace);
    if address {
        return parts.len() == 1 || is_page_number(last);
    }
    // A print date and time: digits with date and time separators only.
    let bare = ["AM", "PM", "上午", "下午"]
        .iter()
        .fold(first.to_string(), |s, m| s.replace(m, ""));
    bare.contains(':')
        && bare.contains(['/', '-', '.'])
        && bare.chars().filter(|c| c.is_ascii_digit()).count() >= 5
        && bare
            .chars()
            .all(|c| c.is_ascii_digit() || "/-.:, ".contains(c))
}

/// A page number or page count as printed in a header or footer: `-3-`, `- 3 -`, `— 3 —`,
/// `第3页`, `第3页 共6页`, `共6页 第3页`, `3/6`, `3`, `Page 3 of 6`.
pub fn is_page_number(line: &str) -> bool {
    let t: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() || t.chars().count() > 16 || !t.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let dashes = |c: char| "-—–－~～_·•.".contains(c);
    let core = t.trim_matches(dashes);
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if digits(core) {
        return true;
    }
    if let Some((a, b)) = core.split_once('/') {
        return digits(a) && digits(b);
    }
    let lower = core.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("page") {
        return rest.split("of").all(digits);
    }
    // 第3页, 第3页共6页, 共6页第3页, 第 3 页 / 共 6 页
    let mut rest = core;
    let mut parts = 0;
    while !rest.is_empty() {
        let Some(r) = rest.strip_prefix('第').or_else(|| rest.strip_prefix('共')) else {
            return false;
        };
        let end = r.find(|c: char| !c.is_ascii_digit()).unwrap_or(r.len());
        if end == 0 {
            return false;
        }
        let Some(r) = r[end..].strip_prefix('页') else {
            return false;
        };
        rest = r.trim_start_matches([',', '，', '、', '/']);
        parts += 1;
    }
    parts > 0
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// Glyphs of `text`, one per char, `size` wide, from x on baseline y (one shown string).
    pub(super) fn run(text: &str, x: f64, y: f64, size: f64) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                x: x + i as f64 * size,
                y,
                w: size,
                size,
                text: c.to_string(),
                word: (y * 1000.0 + x) as u32,
            })
            .collect()
    }

    /// The texts of a page's lines.
    pub(super) fn page_lines(page: &Page) -> Vec<String> {
        super::page_lines(page)
            .into_iter()
            .map(|l| l.text)
            .collect()
    }

    #[test]
    fn lines_cells_and_footers_by_position() {
        let mut glyphs = Vec::new();
        glyphs.extend(run("-2-", 290.0, 40.0, 10.5)); // footer, drawn first
        glyphs.extend(run("二、上年结转", 72.0, 500.2, 12.0)); // cells a hair off the baseline
        glyphs.extend(run("34", 300.0, 499.8, 12.0));
        glyphs.extend(run("0", 400.0, 500.0, 12.0));
        glyphs.extend(run("一、总体情况", 72.0, 700.0, 16.0));
        // Fake bold: the title drawn twice, 0.3 pt apart.
        glyphs.extend(run("一、总体情况", 72.3, 700.0, 16.0));
        let mut words = run("ab", 72.0, 600.0, 12.0);
        words.extend(run("cd", 72.0 + 2.0 * 12.0 + 4.0, 600.0, 12.0)); // a third of an em
        glyphs.extend(words);
        let mut page = Page::new(2, (0.0, 0.0, 595.0, 842.0));
        page.glyphs = glyphs;
        assert_eq!(
            page_lines(&page),
            ["一、总体情况", "ab cd", "二、上年结转\t34\t0"]
        );
    }

    #[test]
    fn a_body_crawled_into_one_line_and_wrapped_by_print_is_one_line_again() {
        // The flattened table of a one-line crawl, printed 12 characters a line: labels and
        // runs of digits cut wherever a line is full; a run too long for a line's end goes
        // whole onto the next, leaving the line short by it.
        let body = [
            "一、本年新收政府信息公",
            "开申请数量1000001二、",
            "上年结转政府信息公开申",
            "请数量0000000三、本",
            "年度办理结果（一）予以",
            "公开7000007（二）部",
            "分公开（区分处理）",
            "1000001（三）不予公",
            "开0000000",
        ];
        let mut page = Page::new(1, (0.0, 0.0, 595.0, 842.0));
        for (i, line) in body.iter().enumerate() {
            let mut x = 72.0;
            for c in line.chars() {
                let w = if c.is_ascii() { 6.0 } else { 12.0 };
                page.glyphs.push(Glyph {
                    x,
                    y: 700.0 - 18.0 * i as f64,
                    w,
                    size: 12.0,
                    text: c.to_string(),
                    word: i as u32,
                });
                x += w;
            }
        }
        assert_eq!(layout(&[page]).text, format!("{}\n", body.concat()));
        // Prose wrapped so, with few long numbers, keeps its lines.
        let mut prose = Page::new(1, (0.0, 0.0, 595.0, 842.0));
        for i in 0..8 {
            prose.glyphs.extend(run(
                "本年度共公开信息十二条，答复申请五件。",
                72.0,
                700.0 - 18.0 * i as f64,
                12.0,
            ));
        }
        assert_eq!(layout(&[prose]).text.lines().count(), 8);
    }

    #[test]
    fn a_lone_number_is_dropped_only_in_the_margin() {
        let mut glyphs = run("正文第一行", 72.0, 700.0, 12.0);
        glyphs.extend(run("25", 72.0, 400.0, 12.0)); // a body line that is a number
        glyphs.extend(run("3", 297.0, 30.0, 10.0));
        let mut page = Page::new(3, (0.0, 0.0, 595.0, 842.0));
        page.glyphs = glyphs;
        // The page keeps its bare number; the document drops it, as the page's own number.
        assert_eq!(page_lines(&page), ["正文第一行", "25", "3"]);
        assert_eq!(layout(&[page]).text, "正文第一行\n25\n");
    }

    #[test]
    fn a_row_of_figures_at_the_foot_of_the_page_is_not_a_page_number() {
        let mut glyphs = run("正文第一行", 72.0, 700.0, 12.0);
        for (i, d) in ["0", "1", "1", "0", "2"].iter().enumerate() {
            glyphs.extend(run(d, 72.0 + 40.0 * i as f64, 60.0, 10.0));
        }
        glyphs.extend(run("-3-", 290.0, 30.0, 10.0));
        let mut page = Page::new(3, (0.0, 0.0, 595.0, 842.0));
        page.glyphs = glyphs;
        assert_eq!(page_lines(&page), ["正文第一行", "0\t1\t1\t0\t2"]);
    }

    #[test]
    fn locations_of_offsets() {
        let t = PdfText::default();
        assert_eq!(t.map.location(0), None);
        let page = |n, text: &str| {
            let mut p = Page::new(n, (0.0, 0.0, 595.0, 842.0));
            p.glyphs = run(text, 72.0, 700.0, 12.0);
            p
        };
        let t = layout(&[page(1, "甲"), page(2, "乙")]);
        assert_eq!(t.text, "甲\n\u{c}乙\n");
        assert_eq!(t.map.location(0), Some((1, 1)));
        assert_eq!(t.map.location(4), Some((2, 1)));
        assert_eq!(t.map.location(5), Some((2, 1)));
    }

    #[test]
    fn browser_print_headers_and_footers() {
        for t in [
            "12/3/26, 8:18 AM\t广州市医疗保障局2022年政府信息公开工作年度报告",
            "2026/12/3 08:18\t某某区2023年政府信息公开工作年度报告",
            "2026-12-03 下午8:18",
            "\u{FB01}le:///tmp/x.html\t1/3",
            "https://www.gz.gov.cn/zwgk/t2023.html\t2/3",
            "https://www.gz.gov.cn/zwgk/t2023.html",
        ] {
            assert!(is_browser_margin(t), "{t}");
        }
        for t in [
            "2023年1月1日至12月31日",
            "发布日期：2023-01-29",
            "12:30",
            "网址：https://www.gz.gov.cn 电话：12345",
            "一、总体情况\t3/6",
            "0\t1\t1\t0\t2",
        ] {
            assert!(!is_browser_margin(t), "{t}");
        }
    }

    #[test]
    fn page_numbers() {
        for t in [
            "-3-",
            "- 3 -",
            "— 3 —",
            "－ 12 －",
            "3",
            "第3页",
            "第 3 页 共 6 页",
            "共6页第3页",
            "3/6",
            "Page 3 of 6",
        ] {
            assert!(is_page_number(t), "{t}");
        }
        for t in [
            "3119",
            "一、总体情况",
            "2024年",
            "第三条",
            "合计 3",
            "- a -",
        ] {
            // A lone number is a page number only by its place (the margin band).
            assert_eq!(is_page_number(t), t == "3119", "{t}");
        }
    }
}
