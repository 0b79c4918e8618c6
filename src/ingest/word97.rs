//! Word 97–2003 documents (.doc, and WPS's .wps in the same format): the main text read through
//! the piece table, its tables through the paragraph properties that mark each row's end, and
//! written as the web page a browser would show (as a .docx is, [`super::docx`]).
//!
//! In the binary format a cell ends with U+0007 and a row with one more U+0007 in a paragraph of
//! its own, the row's end mark; an empty cell is also a lone U+0007, so only the paragraph's
//! properties (`sprmPFTtp`) tell the two apart. The row's end mark also carries the row's cell
//! boundaries and merge flags (`sprmTDefTable`): cells are placed on the grid those boundaries
//! make, a cell merged across as its `colspan`, one merged down as its `rowspan`.

use std::io::Read;

use super::docx::escape_into;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn stream(file: &mut cfb::CompoundFile<std::io::Cursor<&[u8]>>, name: &str) -> Option<Vec<u8>> {
    let mut s = file.open_stream(name).ok()?;
    let mut out = Vec::new();
    s.read_to_end(&mut out).ok()?;
    Some(out)
}

/// Whether bytes are a Word 97–2003 document: a compound file named as one (.doc, .dot, or
/// WPS's .wps and .wpt, which share the format), or one holding a Word document stream
/// whatever its name, unless it is named as a spreadsheet or slides. One that cannot be read
/// is then reported as a damaged Word document.
pub fn is_word97(ext: &str, bytes: &[u8]) -> bool {
    if !bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return false;
    }
    match ext {
        "doc" | "dot" | "wps" | "wpt" => true,
        "xls" | "xlt" | "et" | "ett" | "ppt" | "pps" | "dps" => false,
        _ => cfb::CompoundFile::open(std::io::Cursor::new(bytes))
            .is_ok_and(|f| f.is_stream("WordDocument")),
    }
}

/// Whether bytes are an Office document saved with a password (.docx, .xlsx: the package is
/// encrypted inside a compound file): no text can be read without it.
pub fn is_encrypted_package(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
        && cfb::CompoundFile::open(std::io::Cursor::new(bytes))
            .is_ok_and(|f| f.is_stream("EncryptedPackage"))
}

/// A paragraph's table properties, from its paragraph properties.
#[derive(Debug, Clone, Default)]
struct TableProps {
    in_table: bool,
    row_end: bool,
    /// The row's cell boundaries (twips) and each cell's merge flags, from the row's end mark.
    cells: Option<(Vec<i16>, Vec<u16>)>,
    /// The paragraph's list instance (1-based; 0: none) and level.
    list: (u16, u8),
}

/// The document as a web page.
pub fn to_html(bytes: &[u8]) -> Result<String, String> {
    let damaged = |what: &str| format!("damaged Word 97–2003 document: {what}");
    let mut file = cfb::CompoundFile::open(std::io::Cursor::new(bytes))
        .map_err(|e| damaged(&e.to_string()))?;
    let word = stream(&mut file, "WordDocument").ok_or(
        "not a Word 97–2003 document (no WordDocument stream); save it as .docx, PDF or text",
    )?;
    if u16_at(&word, 0) != Some(0xA5EC) {
        return Err(damaged("not a Word 97 file information block"));
    }
    let flags = u16_at(&word, 0x0A).unwrap_or(0);
    if flags & 0x0100 != 0 {
        return Err("encrypted Word document; save it without a password".into());
    }
    let table_name = if flags & 0x0200 != 0 {
        "1Table"
    } else {
        "0Table"
    };
    let table = stream(&mut file, table_name).ok_or_else(|| damaged("no table stream"))?;
    let fc_lcb = |i: usize| -> (usize, usize) {
        let at = 0x9A + i * 8;
        (
            u32_at(&word, at).unwrap_or(0) as usize,
            u32_at(&word, at + 4).unwrap_or(0) as usize,
        )
    };
    let text_len = u32_at(&word, 0x4C).unwrap_or(0) as usize;
    let (clx_at, clx_len) = fc_lcb(33);
    let clx = table
        .get(clx_at..clx_at + clx_len)
        .ok_or_else(|| damaged("the piece table runs past its stream"))?;
    let chars = text(&word, clx, text_len).ok_or_else(|| damaged("no piece table"))?;
    let (papx_at, papx_len) = fc_lcb(13);
    // Paragraph properties too large for their page are in the Data stream (sprmPHugePapx).
    let data = stream(&mut file, "Data").unwrap_or_default();
    let plc = table.get(papx_at..papx_at + papx_len).unwrap_or(&[]);
    let props = paragraph_props(&word, plc, &data);
    let props_at = |fc: u32| -> TableProps {
        let i = props.partition_point(|(start, _, _)| *start <= fc);
        match i.checked_sub(1).map(|i| &props[i]) {
            Some((_, end, p)) if fc < *end => p.clone(),
            _ => TableProps::default(),
        }
    };
    // The lists' levels follow their definitions, past the length the FIB gives.
    let (lst_at, _) = fc_lcb(73);
    let (lfo_at, lfo_len) = fc_lcb(74);
    let mut lists = super::word97_lists::Lists::read(
        table.get(lst_at..).unwrap_or(&[]),
        table.get(lfo_at..lfo_at + lfo_len).unwrap_or(&[]),
    );
    Ok(page(&chars, props_at, &mut lists))
}

/// The main text's characters, each with the file offset it was stored at (where its
/// paragraph's properties are looked up); field codes left out, their results kept.
fn text(word: &[u8], clx: &[u8], text_len: usize) -> Option<Vec<(char, u32)>> {
    // Skip the formatting runs (Prc, type 1) before the piece table (Pcdt, type 2).
    let mut at = 0;
    while clx.get(at) == Some(&1) {
        at += 3 + u16_at(clx, at + 1)? as usize;
    }
    if clx.get(at) != Some(&2) {
        return None;
    }
    let len = u32_at(clx, at + 1)? as usize;
    let plc = clx.get(at + 5..at + 5 + len)?;
    let n = len.checked_sub(4)? / 12;
    // The claimed length is the file's word; the pieces are what the text is.
    let mut out = Vec::with_capacity(text_len.min(word.len()));
    for i in 0..n {
        let (start, end) = (
            u32_at(plc, i * 4)? as usize,
            u32_at(plc, i * 4 + 4)? as usize,
        );
        let end = end.min(text_len);
        if start >= end {
            continue;
        }
        let fc = u32_at(plc, (n + 1) * 4 + i * 8 + 2)?;
        let compressed = fc & 0x4000_0000 != 0;
        for k in 0..end - start {
            if compressed {
                let off = ((fc & !0x4000_0000) / 2).checked_add(u32::try_from(k).ok()?)?;
                let b = *word.get(off as usize)?;
                out.push((cp1252(b), off));
            } else {
                let off = fc.checked_add(u32::try_from(2 * k).ok()?)?;
                let u = u16_at(word, off as usize)?;
                out.push((char::from_u32(u32::from(u)).unwrap_or('\u{FFFD}'), off));
            }
        }
    }
    // Surrogate pairs stored as two units are joined.
    let mut joined: Vec<(char, u32)> = Vec::with_capacity(out.len());
    let mut fields: Vec<bool> = Vec::new(); // per open field: still in its code
    for (c, fc) in out {
        match c {
            '\u{13}' => fields.push(true),
            '\u{14}' => {
                if let Some(last) = fields.last_mut() {
                    *last = false;
                }
            }
            '\u{15}' => {
                fields.pop();
            }
            _ if fields.iter().any(|&code| code) => {}
            c => joined.push((c, fc)),
        }
    }
    Some(joined)
}

/// A byte of an 8-bit piece (Windows-1252).
fn cp1252(b: u8) -> char {
    let byte = [b];
    let (c, _, _) = encoding_rs::WINDOWS_1252.decode(&byte);
    c.chars().next().unwrap_or('\u{FFFD}')
}

/// The table properties of every paragraph run: (first file offset, end, properties), in order.
fn paragraph_props(word: &[u8], plc: &[u8], data: &[u8]) -> Vec<(u32, u32, TableProps)> {
    let mut out = Vec::new();
    let n = plc.len().saturating_sub(4) / 8;
    for i in 0..n {
        let Some(pn) = u32_at(plc, (n + 1) * 4 + i * 4) else {
            break;
        };
        let page_at = (pn & 0x3F_FFFF) as usize * 512;
        let Some(page) = word.get(page_at..page_at + 512) else {
            continue;
        };
        let runs = page[511] as usize;
        for r in 0..runs {
            let (Some(start), Some(end)) = (u32_at(page, r * 4), u32_at(page, r * 4 + 4)) else {
                break;
            };
            let bx = (runs + 1) * 4 + r * 13;
            let offset = *page.get(bx).unwrap_or(&0) as usize * 2;
            let props = if offset == 0 {
                TableProps::default()
            } else {
                let cb = *page.get(offset).unwrap_or(&0) as usize;
                let grpprl = if cb == 0 {
                    let cb2 = *page.get(offset + 1).unwrap_or(&0) as usize;
                    page.get(offset + 2..offset + 2 + 2 * cb2)
                } else {
                    page.get(offset + 1..offset + 2 * cb)
                };
                // The style index (2 bytes) comes before the properties.
                sprms(grpprl.and_then(|g| g.get(2..)).unwrap_or(&[]), data)
            };
            out.push((start, end, props));
        }
    }
    out.sort_by_key(|(start, _, _)| *start);
    out
}

/// The table properties a paragraph's property modifiers set.
fn sprms(g: &[u8], data: &[u8]) -> TableProps {
    let mut p = TableProps::default();
    read_sprms(g, data, &mut p, true);
    p
}

fn read_sprms(mut g: &[u8], data: &[u8], p: &mut TableProps, outer: bool) {
    while g.len() >= 2 {
        let sprm = u16::from_le_bytes([g[0], g[1]]);
        g = &g[2..];
        let operand_len = match sprm >> 13 {
            0 | 1 => 1,
            2 | 4 | 5 => 2,
            3 => 4,
            7 => 3,
            _ if sprm == 0xD608 => {
                // sprmTDefTable: a two-byte size, one more than the bytes that follow it.
                let cb = u16_at(g, 0).unwrap_or(0) as usize;
                if let Some(def) = g.get(2..2 + cb.saturating_sub(1)) {
                    p.cells = table_definition(def);
                }
                2 + cb.saturating_sub(1)
            }
            _ => 1 + *g.first().unwrap_or(&0) as usize,
        };
        let operand = g.get(..operand_len.min(g.len())).unwrap_or(&[]);
        let on = operand.first().is_some_and(|&b| b != 0);
        match sprm {
            0x2416 => p.in_table |= on, // sprmPFInTable
            0x2417 => p.row_end |= on,  // sprmPFTtp
            0x6649 => p.in_table |= u32_at(operand, 0).unwrap_or(0) > 0, // sprmPItap
            0x460B => p.list.0 = u16_at(operand, 0).unwrap_or(0), // sprmPIlfo
            0x260A => p.list.1 = operand.first().copied().unwrap_or(0), // sprmPIlvl
            0x6646 if outer => {
                // sprmPHugePapx: the properties are in the Data stream, after their size.
                let at = u32_at(operand, 0).unwrap_or(u32::MAX) as usize;
                let len = u16_at(data, at).unwrap_or(0) as usize;
                if let Some(huge) = data.get(at + 2..at + 2 + len) {
                    read_sprms(huge, data, p, false);
                }
            }
            _ => {}
        }
        g = g.get(operand_len..).unwrap_or(&[]);
    }
}

/// sprmTDefTable's operand: the cell count, the cells' boundaries and each cell's flags.
fn table_definition(def: &[u8]) -> Option<(Vec<i16>, Vec<u16>)> {
    let count = *def.first()? as usize;
    let bounds: Vec<i16> = (0..=count)
        .map(|i| u16_at(def, 1 + i * 2).map(|v| v as i16))
        .collect::<Option<_>>()?;
    let flags_at = 1 + (count + 1) * 2;
    // A cell's properties (TC80) are 20 bytes, flags first; they may be left out.
    let flags = (0..count)
        .map(|i| u16_at(def, flags_at + i * 20).unwrap_or(0))
        .collect();
    Some((bounds, flags))
}

/// A row's cells: its text, and the row's definition from its end mark.
pub(super) struct Row {
    pub(super) cells: Vec<String>,
    pub(super) def: Option<(Vec<i16>, Vec<u16>)>,
}

/// The web page a document's text is written as: its paragraphs, and each table from its rows
/// (a table ends at the first paragraph outside it). The RTF reader writes with it too.
pub(super) struct PageWriter {
    html: String,
    rows: Vec<Row>,
}

impl PageWriter {
    pub(super) fn new() -> PageWriter {
        PageWriter {
            html: String::from(
                "<!DOCTYPE html>\n<html>\n<head><meta charset=\"utf-8\"></head>\n<body>\n",
            ),
            rows: Vec::new(),
        }
    }

    pub(super) fn row(&mut self, row: Row) {
        self.rows.push(row);
    }

    pub(super) fn paragraph(&mut self, text: &str) {
        self.end_table();
        paragraph(&mut self.html, text);
    }

    fn end_table(&mut self) {
        if !self.rows.is_empty() {
            table(&mut self.html, &std::mem::take(&mut self.rows));
        }
    }

    /// The page, its last paragraph `last` (text after the last paragraph mark).
    pub(super) fn finish(mut self, last: &str) -> String {
        self.end_table();
        if !last.trim().is_empty() {
            paragraph(&mut self.html, last);
        }
        self.html.push_str("</body>\n</html>\n");
        self.html
    }
}

/// The text as a web page: paragraphs, and tables from their rows.
fn page(
    chars: &[(char, u32)],
    props_at: impl Fn(u32) -> TableProps,
    lists: &mut super::word97_lists::Lists,
) -> String {
    let mut page = PageWriter::new();
    let mut para = String::new();
    let mut cells: Vec<String> = Vec::new();
    let mut cell = String::new();
    for &(c, fc) in chars {
        match c {
            '\r' | '\u{7}' => {
                let p = props_at(fc);
                // The list number Word prints before the paragraph.
                if p.list.0 > 0 && p.list.0 < 0xF000 && !(c == '\u{7}' && p.row_end) {
                    if let Some(label) = lists.label(p.list.0, p.list.1) {
                        para.insert_str(0, &label);
                    }
                }
                if c == '\u{7}' && p.row_end {
                    page.row(Row {
                        cells: std::mem::take(&mut cells),
                        def: p.cells,
                    });
                } else if c == '\u{7}' {
                    cell.push_str(&para);
                    cells.push(std::mem::take(&mut cell));
                } else if p.in_table {
                    cell.push_str(&para);
                    cell.push('\n');
                } else {
                    page.paragraph(&para);
                }
                para.clear();
            }
            '\u{b}' => para.push('\n'),
            '\u{c}' | '\u{e}' => para.push('\n'),
            '\u{1e}' => para.push('-'),
            '\u{1f}' => {}
            c if (c as u32) < 0x20 && c != '\t' => {}
            c => para.push(c),
        }
    }
    page.finish(&para)
}

/// A paragraph of the page; one with tabs (a table typed without one) as preformatted text,
/// which keeps them (see [`super::docx`]).
fn paragraph(html: &mut String, text: &str) {
    let tag = if text.contains('\t') { "pre" } else { "p" };
    html.push_str(&format!("<{tag}>"));
    escape_into(html, text);
    html.push_str(&format!("</{tag}>\n"));
}

/// A table's rows, each cell placed on the grid of every row's boundaries.
fn table(html: &mut String, rows: &[Row]) {
    let mut grid: Vec<i16> = rows
        .iter()
        .filter_map(|r| r.def.as_ref())
        .flat_map(|(bounds, _)| bounds.iter().copied())
        .collect();
    grid.sort_unstable();
    grid.dedup();
    let column = |x: i16| grid.partition_point(|&g| g < x);
    // Each cell: (first grid column, span, vertical merge: 0 none, 1 restart, 2 continue).
    let placed: Vec<Vec<(usize, usize, u8)>> = rows
        .iter()
        .map(|r| {
            (0..r.cells.len())
                .map(|i| match &r.def {
                    Some((bounds, flags)) if i + 1 < bounds.len() => {
                        let (a, b) = (column(bounds[i]), column(bounds[i + 1]));
                        let f = flags.get(i).copied().unwrap_or(0);
                        let vertical = match (f & 0x20 != 0, f & 0x40 != 0) {
                            (true, true) => 1,
                            (true, false) => 2,
                            _ => 0,
                        };
                        (a, b.saturating_sub(a).max(1), vertical)
                    }
                    _ => (i, 1, 0),
                })
                .collect()
        })
        .collect();
    html.push_str("<table border=\"1\">\n");
    for (r, row) in rows.iter().enumerate() {
        html.push_str("<tr>");
        let mut col = 0;
        for (i, text) in row.cells.iter().enumerate() {
            let (at, span, vertical) = placed[r][i];
            if vertical == 2 && r > 0 && placed[..r].iter().any(|p| p.iter().any(|c| c.0 == at)) {
                col = at + span;
                continue;
            }
            if at > col {
                html.push_str(&format!("<td colspan=\"{}\"></td>", at - col));
            }
            html.push_str("<td");
            if span > 1 {
                html.push_str(&format!(" colspan=\"{span}\""));
            }
            if vertical == 1 {
                let down = placed[r + 1..]
                    .iter()
                    .take_while(|p| p.iter().any(|c| c.0 == at && c.2 == 2))
                    .count();
                if down > 0 {
                    html.push_str(&format!(" rowspan=\"{}\"", down + 1));
                }
            }
            html.push('>');
            for (k, line) in text.trim_end_matches('\n').split('\n').enumerate() {
                if k > 0 {
                    html.push_str("<br>");
                }
                escape_into(html, line);
            }
            html.push_str("</td>");
            col = at + span;
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</table>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// sprmTDefTable for cells at these boundaries, with these flags.
    fn tdef(bounds: &[i16], flags: &[u16]) -> Vec<u8> {
        let mut def = vec![(bounds.len() - 1) as u8];
        for b in bounds {
            def.extend_from_slice(&b.to_le_bytes());
        }
        for f in flags {
            def.extend_from_slice(&f.to_le_bytes());
            def.extend_from_slice(&[0; 18]);
        }
        let mut g = 0xD608u16.to_le_bytes().to_vec();
        g.extend_from_slice(&((def.len() + 1) as u16).to_le_bytes());
        g.extend(def);
        g
    }

    #[test]
    fn a_password_protected_package_says_so() {
        use std::io::Write;
        let mut file = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
        file.create_stream("EncryptedPackage")
            .unwrap()
            .write_all(&[1, 2, 3])
            .unwrap();
        file.flush().unwrap();
        let bytes = file.into_inner().into_inner();
        assert!(is_encrypted_package(&bytes));
        assert!(!is_word97("docx", &bytes));
        let e = crate::ingest::Document::from_bytes("r.docx", &bytes)
            .err()
            .unwrap();
        assert_eq!(
            e.to_string(),
            "r.docx: encrypted document (saved with a password); save it without one"
        );
    }

    #[test]
    fn row_ends_and_cell_definitions_from_paragraph_properties() {
        let mut g = vec![0x16, 0x24, 1, 0x17, 0x24, 1]; // sprmPFInTable, sprmPFTtp
        g.extend(tdef(&[0, 100, 300], &[0x60, 0]));
        let p = sprms(&g, &[]);
        assert!(p.in_table && p.row_end);
        assert_eq!(p.cells, Some((vec![0, 100, 300], vec![0x60, 0])));
        // The same properties in the Data stream, named by sprmPHugePapx.
        let mut data = vec![0u8; 7];
        data.extend_from_slice(&(g.len() as u16).to_le_bytes());
        data.extend_from_slice(&g);
        let huge = [0x46, 0x66, 7, 0, 0, 0];
        let p = sprms(&huge, &data);
        assert!(p.in_table && p.row_end && p.cells.is_some());
    }

    #[test]
    fn an_empty_cell_is_no_row_end() {
        // Row 1: "角" merged down over two rows and "申请人" across two columns; row 2: the
        // merged cell's continuation (empty) and two cells; each row closed by its end mark.
        let text = "前\r角\u{7}申请人\u{7}\u{7}\u{7}自然人\u{7}\u{7}\u{7}\u{7}后\r";
        let row1: Vec<i16> = vec![0, 100, 300];
        let row2: Vec<i16> = vec![0, 100, 200, 300];
        let chars: Vec<(char, u32)> = text
            .chars()
            .enumerate()
            .map(|(i, c)| (c, i as u32))
            .collect();
        let ends = [8u32, 15];
        let mut lists = crate::ingest::word97_lists::Lists::default();
        let html = page(
            &chars,
            |fc| TableProps {
                list: (0, 0),
                in_table: (2..16).contains(&fc),
                row_end: ends.contains(&fc),
                cells: match fc {
                    8 => Some((row1.clone(), vec![0x60, 0])),
                    15 => Some((row2.clone(), vec![0x20, 0, 0])),
                    _ => None,
                },
            },
            &mut lists,
        );
        assert!(
            html.contains(
                "<tr><td rowspan=\"2\">角</td><td colspan=\"2\">申请人</td></tr>\n\
             <tr><td>自然人</td><td></td></tr>"
            ),
            "{html}"
        );
        assert!(
            html.contains("<p>前</p>") && html.contains("<p>后</p>"),
            "{html}"
        );
    }
}
