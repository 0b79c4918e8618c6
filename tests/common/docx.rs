//! A text report written as a Word document (.docx), the way an agency's officer keeps it:
//! table rows (tab- or pipe-separated lines) as the rows of a Word table, every other line a
//! paragraph. The ways Word itself varies the same document are options: headings numbered by
//! a list instead of typed, text cut into many runs, revisions and hidden text, content
//! controls around the parts, rows typed with tabs instead of a table.

use gongkai::ingest::docx::zip;

const NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

#[derive(Debug, Clone, Copy, Default)]
pub struct Shape {
    /// The headings at these byte offsets of the text (the parse's section headings) lose their
    /// typed `一、`/`（一）` to a list numbered in Chinese counting.
    pub numbered: bool,
    /// Every character its own run, with proofing marks and bookmarks between them.
    pub runs_cut: bool,
    /// A deleted revision before every figure and a run of hidden text in every paragraph.
    pub revisions: bool,
    /// Every table and every paragraph inside a content control.
    pub controls: bool,
    /// Table rows typed as paragraphs, their cells apart by tabs (no Word table).
    pub typed_rows: bool,
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn runs(text: &str, shape: Shape) -> String {
    let mut out = String::new();
    if shape.revisions {
        out.push_str("<w:r><w:rPr><w:vanish/></w:rPr><w:t>（隐藏9）</w:t></w:r>");
    }
    let push = |out: &mut String, piece: &str| {
        if shape.revisions && piece.starts_with(|c: char| c.is_ascii_digit()) {
            out.push_str(
                "<w:del w:id=\"1\" w:author=\"a\"><w:r><w:delText>7</w:delText></w:r></w:del>",
            );
        }
        out.push_str(&format!(
            "<w:r w:rsidR=\"00A1B2C3\"><w:rPr><w:rFonts w:hint=\"eastAsia\"/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>",
            escape(piece)
        ));
    };
    if shape.runs_cut {
        for (i, c) in text.chars().enumerate() {
            push(&mut out, c.encode_utf8(&mut [0; 4]));
            if i % 5 == 2 {
                out.push_str("<w:proofErr w:type=\"gramStart\"/><w:bookmarkStart w:id=\"9\" w:name=\"_Toc1\"/><w:bookmarkEnd w:id=\"9\"/>");
            }
        }
    } else {
        // A figure starts its own run, as where it was typed in after the label.
        let mut piece = String::new();
        let mut digit = false;
        for c in text.chars() {
            let d = c.is_ascii_digit();
            if d != digit && !piece.is_empty() && d {
                push(&mut out, &piece);
                piece.clear();
            }
            digit = d;
            piece.push(c);
        }
        if !piece.is_empty() {
            push(&mut out, &piece);
        }
    }
    out
}

fn controlled(xml: String, shape: Shape) -> String {
    if shape.controls {
        format!("<w:sdt><w:sdtPr><w:id w:val=\"1\"/></w:sdtPr><w:sdtContent>{xml}</w:sdtContent></w:sdt>")
    } else {
        xml
    }
}

/// The list number a heading's line starts with: level 0 for `一、`, 1 for `（一）`, and its
/// number; with the rest of the line.
fn heading_number(line: &str) -> Option<(usize, u32, &str)> {
    const DIGITS: &str = "一二三四五六七八九十";
    let number = |s: &str| -> Option<u32> {
        let n: Vec<u32> = s
            .chars()
            .map(|c| DIGITS.chars().position(|d| d == c).map(|p| p as u32 + 1))
            .collect::<Option<_>>()?;
        match n.as_slice() {
            [d] => Some(*d),
            [10, d] => Some(10 + d),
            _ => None,
        }
    };
    let t = line.trim_start();
    if let Some(rest) = t.strip_prefix('（') {
        let (n, rest) = rest.split_once('）')?;
        return Some((1, number(n)?, rest));
    }
    let (n, rest) = t.split_once('、')?;
    Some((0, number(n)?, rest))
}

const NUMBERING: &str = r#"<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>"#;

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/>\
</Types>";

/// Every cell's borders drawn, as Word's 网格型 (Table Grid) style draws them.
const BORDERS: &str = "<w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/><w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/><w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/><w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/><w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/></w:tblBorders>";

/// The width of the text on an A4 page with Word's default margins, in twips.
const TEXT_WIDTH: usize = 8306;

/// A Word table as Word writes one: its grid of equal columns across the text's width, each
/// cell as wide as its columns, a row short of cells closed by a cell spanning the rest.
fn word_table(rows: &[Vec<String>]) -> String {
    let n = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let col = TEXT_WIDTH / n;
    let mut out = format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"{TEXT_WIDTH}\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/>{BORDERS}</w:tblPr><w:tblGrid>{}</w:tblGrid>",
        format!("<w:gridCol w:w=\"{col}\"/>").repeat(n)
    );
    for row in rows {
        out.push_str("<w:tr>");
        for (i, cell) in row.iter().enumerate() {
            let span = if i + 1 == row.len() {
                n - row.len() + 1
            } else {
                1
            };
            let grid_span = if span > 1 {
                format!("<w:gridSpan w:val=\"{span}\"/>")
            } else {
                String::new()
            };
            out.push_str(&format!(
                "<w:tc><w:tcPr><w:tcW w:w=\"{}\" w:type=\"dxa\"/>{grid_span}</w:tcPr><w:p>{cell}</w:p></w:tc>",
                col * span
            ));
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    out
}

/// `text` as a .docx; `headings` are the byte offsets of the lines that are headings.
pub fn document(text: &str, headings: &[usize], shape: Shape) -> Vec<u8> {
    let mut body = String::new();
    let mut table: Vec<Vec<String>> = Vec::new();
    // Numbering: the list's counters as Word keeps them, and one list instance per heading
    // whose number does not follow (restarted at its own number).
    let mut counters = [0u32; 2];
    let mut nums = String::from(r#"<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#);
    let mut next_num = 2;
    let mut at = 0;
    for line in text.split('\n') {
        let offset = at;
        at += line.len() + 1;
        let cells = match super::page::line_shape(line) {
            super::page::LineShape::Row(cells) => Some(cells),
            super::page::LineShape::Separator => continue,
            super::page::LineShape::Text => None,
        };
        if let (Some(cells), true) = (&cells, shape.typed_rows) {
            let mut p = String::from("<w:p>");
            for (i, c) in cells.iter().enumerate() {
                if i > 0 {
                    p.push_str("<w:r><w:tab/></w:r>");
                }
                p.push_str(&runs(c.trim(), shape));
            }
            p.push_str("</w:p>");
            body.push_str(&controlled(p, shape));
            continue;
        }
        if let Some(cells) = cells {
            table.push(cells.iter().map(|c| runs(c.trim(), shape)).collect());
            continue;
        }
        if !table.is_empty() {
            body.push_str(&controlled(word_table(&table), shape));
            table.clear();
        }
        let line = line.trim_end_matches('\r');
        let heading = headings
            .iter()
            .find(|&&h| shape.numbered && h >= offset && h < offset + line.len())
            .map(|h| h - offset);
        let numbered = heading.and_then(|h| {
            // What stands before the number (an indent, a markdown heading's `#`) is no text.
            let before = &line[..h];
            let marks = |c: char| c.is_whitespace() || matches!(c, '#' | '*');
            if !before.chars().all(marks) {
                return None;
            }
            let (level, n, rest) = heading_number(&line[h..])?;
            Some((level, n, rest.to_string()))
        });
        let paragraph = match numbered {
            Some((level, n, rest)) => {
                let num_id = if counters[level] + 1 == n {
                    1
                } else {
                    nums.push_str(&format!(
                        r#"<w:num w:numId="{next_num}"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{n}"/></w:lvlOverride></w:num>"#
                    ));
                    next_num += 1;
                    next_num - 1
                };
                counters[level] = n;
                if level == 0 {
                    counters[1] = 0;
                }
                format!(
                    "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"{num_id}\"/></w:numPr></w:pPr>{}</w:p>",
                    runs(&rest, shape)
                )
            }
            None => format!("<w:p>{}</w:p>", runs(line, shape)),
        };
        body.push_str(&controlled(paragraph, shape));
    }
    if !table.is_empty() {
        body.push_str(&controlled(word_table(&table), shape));
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document {NS}><w:body>{body}<w:sectPr/></w:body></w:document>"
    );
    let numbering =
        format!("<?xml version=\"1.0\"?><w:numbering {NS}>{NUMBERING}{nums}</w:numbering>");
    let rels = "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";
    let doc_rels = "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/></Relationships>";
    zip::stored(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", rels.as_bytes()),
        ("word/document.xml", document.as_bytes()),
        ("word/_rels/document.xml.rels", doc_rels.as_bytes()),
        ("word/numbering.xml", numbering.as_bytes()),
    ])
}
