//! Ingest: a report file → a [`Document`]: the decoded source text, and the normalised text the
//! parser reads, with a map from every normalised character back to its bytes in the source.
//!
//! The map is what makes provenance cheap: a figure found at a range of the normalised text is
//! printed at `doc.src_range(range)` of the decoded source, whatever decoding, HTML extraction,
//! traditional→simplified conversion or folding happened in between.

mod asciidoc;
mod blank_cell_breaks;
mod broken_cells;
mod compat_ideographs;
mod csv;
pub mod decode;
mod delimited;
mod div_tables;
pub mod docx;
mod expanded_tabs;
mod feed;
mod form_fields;
mod gfm;
pub mod html;
mod html_grid;
mod html_sheet;
mod image_text;
mod index_column;
mod item_numbers;
mod json_record;
mod latex;
mod letter_spacing;
mod line_numbers;
mod md_escapes;
mod merged_zeros;
pub(crate) mod mhtml;
mod mixed;
mod mojibake;
mod named_cells;
pub mod normalize;
mod odt;
mod page_numbers;
pub mod pdf;
mod quoted;
mod quoted_cells;
mod rtf;
mod scripted;
mod stray_markup;
pub mod t2s;
mod utf8_as_gbk;
mod word97;
mod word97_lists;

use std::ops::Range;
use std::path::Path;

/// Reports larger than this are refused before they are read: no annual report is this big.
pub const DEFAULT_MAX_BYTES: u64 = 32 * 1024 * 1024;

/// A character of extracted text and the byte range `s..e` of the source it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MChar {
    pub c: char,
    pub s: u32,
    pub e: u32,
}

/// The lines of `chars` as (start, end) indices, the end at the line's '\n' (or the end).
pub(crate) fn line_ranges(chars: &[MChar]) -> Vec<(usize, usize)> {
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    for (i, m) in chars.iter().enumerate() {
        if m.c == '\n' {
            lines.push((start, i));
            start = i + 1;
        }
    }
    lines.push((start, chars.len()));
    lines
}

/// Drop the characters of `ranges` (indices into `chars`; in any order, overlapping or not):
/// what a step finds to be no text of the report's, found first and dropped in one pass.
pub(crate) fn drop_ranges(chars: &mut Vec<MChar>, ranges: Vec<Range<usize>>) {
    if ranges.is_empty() {
        return;
    }
    let mut keep = vec![true; chars.len()];
    for r in ranges {
        keep[r].iter_mut().for_each(|k| *k = false);
    }
    let mut k = keep.iter();
    chars.retain(|_| *k.next().unwrap_or(&true));
}

/// The ranges of `chars` between the `sep` characters (each line without its line break, each
/// page without its form feed), the last one to the end.
pub(crate) fn pieces(chars: &[MChar], sep: char) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, m) in chars.iter().enumerate() {
        if m.c == sep {
            out.push(start..i);
            start = i + 1;
        }
    }
    out.push(start..chars.len());
    out
}

/// A step on mapped characters applied to `s`, for the steps' tests.
#[cfg(test)]
pub(crate) fn applied(step: fn(&mut Vec<MChar>), s: &str) -> String {
    let mut chars = MChar::of(s);
    step(&mut chars);
    chars.iter().map(|m| m.c).collect()
}

impl MChar {
    /// The characters of `s`, each mapped to its own bytes (text that needs no extraction).
    pub fn of(s: &str) -> Vec<MChar> {
        // Sized exactly (counting characters is fast): collected from `char_indices`, whose
        // estimate is a quarter of the bytes, the vector of a Chinese text was grown and copied.
        let mut out = Vec::with_capacity(s.chars().count());
        out.extend(
            s.char_indices()
                .map(|(i, c)| MChar::new(c, i, i + c.len_utf8())),
        );
        out
    }

    pub fn new(c: char, s: usize, e: usize) -> Self {
        MChar {
            c,
            s: s as u32,
            e: e as u32,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    /// A PDF's text layer, laid out like `pdftotext -layout` ([`pdf`]).
    Pdf,
}

/// A report that could not be read: the file and a one-line reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub path: String,
    pub reason: String,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.reason)
    }
}

impl std::error::Error for InputError {}

/// A decoded and normalised report.
pub struct Document {
    pub path: String,
    pub format: Format,
    pub encoding: &'static str,
    /// The decoded source (UTF-8), before any other change: provenance offsets point here.
    pub source: String,
    /// The normalised text the parser reads.
    pub text: String,
    /// Per normalised character: (byte offset in `text`, source start, source end).
    spans: Vec<(u32, u32, u32)>,
    src_line_starts: Vec<usize>,
    /// For a PDF: the page and line on the page of every line of `source`.
    pdf: Option<pdf::PdfMap>,
    /// For a web page: its `<title>`, normalised as the text is (read for the metadata only
    /// when the page prints no title of its own).
    pub head_title: Option<String>,
    /// For a PDF: the title its document information gives (`/Title`); for a Word document:
    /// its properties' `dc:title`; normalised as the text is. Read for the metadata last, with
    /// the file's name: only for what the text never says.
    pub info_title: Option<String>,
    /// What reading the file repaired (an encoding mixed or mangled), for the report's warnings.
    pub warnings: Vec<String>,
}

impl Document {
    /// Read, decode and normalise a file, refusing files over `max_bytes`.
    pub fn read(path: &Path, max_bytes: u64) -> Result<Document, InputError> {
        let bytes = read_file(path, max_bytes)?;
        Document::from_bytes(&crate::index::files::display(path), &bytes)
    }

    /// Decode and normalise bytes; `path` names the report (its extension picks the format).
    pub fn from_bytes(path: &str, bytes: &[u8]) -> Result<Document, InputError> {
        let err = |reason: String| InputError {
            path: path.to_string(),
            reason,
        };
        let named_pdf = decode::extension(path) == "pdf";
        let mut warnings = Vec::new();
        let mut info_title = None;
        let (format, encoding, source, pdf) = if pdf::is_pdf(bytes, named_pdf) {
            let t = pdf::extract(bytes).map_err(err)?;
            warnings = t.warnings;
            info_title = t.title.map(|t| normalize::normalize_str(&t));
            (Format::Pdf, "PDF", t.text, Some(t.map))
        } else if pdf::ofd::is_ofd(&decode::extension(path), bytes) {
            let t = pdf::ofd::extract(bytes).map_err(err)?;
            (Format::Pdf, "OFD", t.text, Some(t.map))
        } else if odt::is_odt(bytes) {
            (Format::Html, "ODT", odt::to_html(bytes).map_err(err)?, None)
        } else if docx::is_docx(&decode::extension(path), bytes) {
            let html = docx::to_html(bytes).map_err(err)?;
            info_title = docx::core_title(bytes).map(|t| normalize::normalize_str(&t));
            (Format::Html, "DOCX", html, None)
        } else if word97::is_encrypted_package(bytes) {
            return Err(err(
                "encrypted document (saved with a password); save it without one".into(),
            ));
        } else if rtf::is_rtf(bytes) {
            (Format::Html, "RTF", rtf::to_html(bytes).map_err(err)?, None)
        } else if mhtml::is_mhtml(bytes) {
            (
                Format::Html,
                "MHTML",
                mhtml::page(bytes).map_err(err)?,
                None,
            )
        } else if word97::is_word97(&decode::extension(path), bytes) {
            (
                Format::Html,
                "DOC",
                word97::to_html(bytes).map_err(err)?,
                None,
            )
        } else {
            if let Some(reason) = decode::unsupported(path, bytes) {
                return Err(err(reason));
            }
            if named_pdf {
                return Err(err("named .pdf but not a PDF (no %PDF- header)".into()));
            }
            let decoded = decode::decode(bytes).map_err(err)?;
            warnings = decoded.warnings;
            let format = detect_format(path, &decoded.text);
            (format, decoded.encoding, decoded.text, None)
        };
        let feed = (format != Format::Pdf && feed::is_feed(&source))
            .then(|| feed::extract(&source))
            .flatten();
        // A crawler's JSON record: its body (a page or a text) and its title.
        let record = (format != Format::Pdf && feed.is_none() && json_record::is_record(&source))
            .then(|| json_record::extract(&source))
            .flatten();
        if record.is_none() && matches!(decode::extension(path).as_str(), "json" | "jsonl") {
            return Err(err(json_record::NO_REPORT.into()));
        }
        let format = if feed.is_some() { Format::Html } else { format };
        let (raw, head_title) = match (format, feed, record) {
            (_, Some((chars, title)), _) => (chars, title.map(|t| normalize::normalize_str(&t))),
            (
                _,
                None,
                Some(json_record::Record {
                    chars,
                    title,
                    warning,
                }),
            ) => {
                warnings.extend(warning);
                // A text body is read as a text file's characters are.
                let chars = md_escapes::without_hard_breaks(asciidoc::with_asciidoc_tables(
                    latex::with_latex_tables(chars),
                ));
                let chars = quoted_cells::joined(chars);
                let chars =
                    blank_cell_breaks::joined(broken_cells::joined(stray_markup::resolved(chars)));
                let chars = gfm::with_borders(chars);
                (
                    delimited::with_delimited_tables(chars),
                    title.map(|t| normalize::normalize_str(&t)),
                )
            }
            (Format::Html, None, None) => {
                let (chars, title) = html::extract_page(&source);
                (chars, title.map(|t| normalize::normalize_str(&t)))
            }
            _ if decode::extension(path) == "csv" => (csv::as_tab_rows(&source), None),
            (Format::Markdown, None, None) => {
                let chars = expanded_tabs::with_tabs_restored(with_html_tables(&source));
                let chars = latex::with_latex_tables(chars);
                let chars = md_escapes::without_hard_breaks(chars);
                let chars = asciidoc::with_asciidoc_tables(chars);
                let chars = md_escapes::unescaped(quoted_cells::joined(chars));
                let chars =
                    blank_cell_breaks::joined(broken_cells::joined(stray_markup::resolved(chars)));
                (
                    delimited::with_delimited_tables(gfm::with_borders(chars)),
                    None,
                )
            }
            (Format::Text, None, None) => {
                let chars = expanded_tabs::with_tabs_restored(with_html_tables(&source));
                let chars = latex::with_latex_tables(chars);
                let chars = md_escapes::without_hard_breaks(chars);
                let chars = asciidoc::with_asciidoc_tables(chars);
                let chars = quoted_cells::joined(chars);
                let chars =
                    blank_cell_breaks::joined(broken_cells::joined(stray_markup::resolved(chars)));
                let chars = gfm::with_borders(chars);
                (delimited::with_delimited_tables(chars), None)
            }
            _ => (with_html_tables(&source), None),
        };
        let chars = letter_spacing::collapsed(normalize::normalize(raw));
        let mut text = String::with_capacity(chars.len() * 3);
        let mut spans = Vec::with_capacity(chars.len());
        for m in &chars {
            spans.push((text.len() as u32, m.s, m.e));
            text.push(m.c);
        }
        if text.trim().is_empty() {
            return Err(InputError {
                path: path.to_string(),
                reason: "no text in file".into(),
            });
        }
        let mut src_line_starts = vec![0];
        // The memchr crate's vector search: `match_indices` was 2% of reading a report.
        src_line_starts.extend(memchr::memchr_iter(b'\n', source.as_bytes()).map(|i| i + 1));
        Ok(Document {
            path: path.to_string(),
            format,
            encoding,
            source,
            text,
            spans,
            src_line_starts,
            pdf,
            head_title,
            info_title,
            warnings,
        })
    }

    fn span_at(&self, norm_off: usize) -> usize {
        match self.spans.binary_search_by_key(&(norm_off as u32), |s| s.0) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// The source byte range of a normalised byte range (first char's start .. last char's end).
    pub fn src_range(&self, r: Range<usize>) -> Range<usize> {
        if self.spans.is_empty() {
            return 0..0;
        }
        let a = self.span_at(r.start);
        if r.end <= r.start {
            let s = self.spans[a].1 as usize;
            return s..s;
        }
        let b = self.span_at(r.end - 1);
        let start = self.spans[a].1 as usize;
        let end = (self.spans[b].2 as usize).max(start);
        start..end
    }

    /// For a PDF, the page and the line on that page (both from 1) where the line of `source`
    /// holding byte `src_off` was printed; `None` for other formats.
    pub fn pdf_location(&self, src_off: usize) -> Option<(u32, u32)> {
        self.pdf.as_ref()?.location(src_off)
    }

    /// For a PDF, its number of pages.
    pub fn pdf_pages(&self) -> Option<u32> {
        self.pdf.as_ref().map(|p| p.pages)
    }

    /// 1-based line number of a source byte offset.
    pub fn src_line(&self, src_off: usize) -> usize {
        match self.src_line_starts.binary_search(&src_off) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }
}

/// The characters of a text or markdown report, where `<table>` elements written into it (a
/// markdown converter keeps a table with merged cells as HTML) are read as a browser shows
/// them, each on lines of its own; their characters still map to their source bytes.
fn with_html_tables(source: &str) -> Vec<MChar> {
    let tables = html_table_spans(source);
    if tables.is_empty() {
        return MChar::of(source);
    }
    let mut out = Vec::with_capacity(source.len() / 2);
    let mut at = 0;
    for r in tables {
        out.extend(
            source[at..r.start]
                .char_indices()
                .map(|(i, c)| MChar::new(c, at + i, at + i + c.len_utf8())),
        );
        out.push(MChar::new('\n', r.start, r.start));
        out.extend(
            html::extract(&source[r.clone()])
                .into_iter()
                .map(|m| MChar {
                    s: m.s + r.start as u32,
                    e: m.e + r.start as u32,
                    ..m
                }),
        );
        out.push(MChar::new('\n', r.end, r.end));
        at = r.end;
    }
    out.extend(
        source[at..]
            .char_indices()
            .map(|(i, c)| MChar::new(c, at + i, at + i + c.len_utf8())),
    );
    out
}

/// Byte ranges of the outermost `<table …>…</table>` elements of a text (tags in any case;
/// nested tables inside; an unclosed one runs to the end).
fn html_table_spans(source: &str) -> Vec<Range<usize>> {
    let lower_has = |s: &str, tag: &str| {
        s.len() >= tag.len() && s.as_bytes()[..tag.len()].eq_ignore_ascii_case(tag.as_bytes())
    };
    let mut spans = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, _) in source.match_indices('<') {
        let rest = &source[i..];
        let opens = lower_has(rest, "<table")
            && rest[6..].starts_with(|c: char| c == '>' || c.is_ascii_whitespace());
        if opens {
            if depth == 0 {
                start = i;
            }
            depth += 1;
        } else if depth > 0 && lower_has(rest, "</table") {
            depth -= 1;
            if depth == 0 {
                let end = rest.find('>').map_or(source.len(), |e| i + e + 1);
                spans.push(start..end);
            }
        }
    }
    if depth > 0 {
        spans.push(start..source.len());
    }
    spans
}

/// The bytes of a report file: only a regular file (after symlinks) is read, so a FIFO cannot
/// block and a device cannot fill memory, and the size limit holds while reading, whatever the
/// file system said the size was.
pub fn read_file(path: &Path, max_bytes: u64) -> Result<Vec<u8>, InputError> {
    use std::io::Read;
    let err = |reason: String| InputError {
        path: crate::index::files::display(path),
        reason,
    };
    let meta = std::fs::metadata(path).map_err(|e| err(io_reason(&e)))?;
    if let Some(kind) = not_regular(&meta.file_type()) {
        return Err(err(format!("{kind}, not a regular file; not read")));
    }
    let too_large = |len: u64| {
        err(format!(
            "file too large to be a report ({} MB; limit {} MB)",
            len / (1024 * 1024),
            max_bytes / (1024 * 1024)
        ))
    };
    if meta.len() > max_bytes {
        return Err(too_large(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(|e| err(io_reason(&e)))?;
    // The path may have been swapped between the two looks: judge the file that was opened.
    let opened = file.metadata().map_err(|e| err(io_reason(&e)))?;
    if let Some(kind) = not_regular(&opened.file_type()) {
        return Err(err(format!("{kind}, not a regular file; not read")));
    }
    let mut bytes = Vec::with_capacity(opened.len().min(max_bytes) as usize);
    file.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| err(io_reason(&e)))?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// What a file that is not a regular file is, in words.
pub fn not_regular(t: &std::fs::FileType) -> Option<&'static str> {
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
        if t.is_socket() {
            return Some("a socket");
        }
    }
    Some("a special file")
}

pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

fn detect_format(path: &str, text: &str) -> Format {
    let lower = path.to_ascii_lowercase();
    if [
        ".html", ".htm", ".shtml", ".xhtml", ".jsp", ".asp", ".aspx", ".php",
    ]
    .iter()
    .any(|e| lower.ends_with(e))
    {
        return Format::Html;
    }
    let markdown = lower.ends_with(".md") || lower.ends_with(".markdown");
    // Markup opens the text: only then is its head copied to be read (a text report's first
    // 2,000 characters were copied for every file).
    let text = text.trim_start();
    let plain = if markdown {
        Format::Markdown
    } else {
        Format::Text
    };
    if !text.starts_with('<') {
        return plain;
    }
    let head: String = text
        .chars()
        .take(2000)
        .collect::<String>()
        .to_ascii_lowercase();
    let tagged = ["<html", "<body", "<p", "<div", "<table", "<!doctype"]
        .iter()
        .any(|t| head.contains(t));
    // Markdown may hold HTML blocks among its own lines (a table with merged cells): it is a
    // page only where it opens as a whole page does, or markup opens nearly every line (a CMS's
    // article field saved as .md).
    let whole_page = head.starts_with("<!doctype html") || head.starts_with("<html");
    if tagged && (!markdown || whole_page || lines_open_with_markup(text)) {
        return Format::Html;
    }
    plain
}

/// Whether four in five of the first 200 non-empty lines of `text` open with a tag.
fn lines_open_with_markup(text: &str) -> bool {
    let (tagged, all) = text
        .lines()
        .map(str::trim_start)
        .filter(|l| !l.is_empty())
        .take(200)
        .fold((0, 0), |(t, a), l| {
            (t + usize::from(l.starts_with('<')), a + 1)
        });
    tagged * 5 >= all * 4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_normalised_text_back_to_source() {
        let src = "行政許可\u{3000}１２ 件";
        let doc = Document::from_bytes("x.txt", src.as_bytes()).unwrap();
        assert_eq!(doc.text, "行政许可12件");
        let p = doc.text.find("12").unwrap();
        let r = doc.src_range(p..p + 2);
        assert_eq!(&doc.source[r], "１２");
    }

    #[test]
    fn invisible_characters_written_as_html_references() {
        let src =
            "<p>收到申请2&#8203;1件，2&#x2060;2件，2&shy;3件，無正當理由大量反&#8203;覆申請</p>";
        let doc = Document::from_bytes("x.html", src.as_bytes()).unwrap();
        assert!(
            doc.text.contains("收到申请21件，22件，23件"),
            "{}",
            doc.text
        );
        let p = doc.text.find("21").unwrap();
        assert_eq!(&doc.source[doc.src_range(p..p + 2)], "2&#8203;1");
    }

    #[test]
    fn traditional_phrase_maps_back_to_its_source() {
        let src = "4.無正當理由大量反覆申請\t0\n";
        let doc = Document::from_bytes("x.txt", src.as_bytes()).unwrap();
        assert_eq!(doc.text, "4.无正当理由大量反复申请\t0\n");
        let p = doc.text.find("反复").unwrap();
        assert_eq!(&doc.source[doc.src_range(p..p + "反复".len())], "反覆");
    }
}
