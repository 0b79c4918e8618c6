use super::*;

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

/// A .docx of a document part's body, with optional numbering.
pub(crate) fn docx(body: &str, numbering: Option<&str>) -> Vec<u8> {
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}</w:body></w:document>"#
    );
    let mut parts: Vec<(&str, Vec<u8>)> = vec![
        ("[Content_Types].xml", b"<Types/>".to_vec()),
        ("word/document.xml", document.into_bytes()),
    ];
    if let Some(n) = numbering {
        parts.push((
            "word/numbering.xml",
            format!(r#"<w:numbering {W}>{n}</w:numbering>"#).into_bytes(),
        ));
    }
    let parts: Vec<(&str, &[u8])> = parts.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    zip::stored(&parts)
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
}

fn tc(props: &str, text: &str) -> String {
    format!("<w:tc><w:tcPr>{props}</w:tcPr>{}</w:tc>", p(text))
}

#[test]
fn paragraphs_runs_and_what_is_not_printed() {
    let body = format!(
        "{}<w:p><w:r><w:t>主动</w:t></w:r><w:proofErr/><w:r><w:t>公开</w:t></w:r>\
         <w:del><w:r><w:delText>删去</w:delText></w:r></w:del>\
         <w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>\
         <w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>\
         <w:hyperlink><w:r><w:t>链接</w:t></w:r></w:hyperlink>\
         <w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr><w:t>1</w:t></w:r></w:p>",
        p("标题 &amp; &lt;")
    );
    let html = to_html(&docx(&body, None)).unwrap();
    assert!(html.contains("<p>标题 &amp; &lt;</p>"), "{html}");
    assert!(html.contains("<p>主动公开链接<sup>1</sup></p>"), "{html}");
}

#[test]
fn merged_cells_become_spans() {
    // The template's table 三 corner: a cell merged 3 across and 2 down, then a row under it.
    let body = format!(
        "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr><w:tr>{}{}{}{}</w:tr></w:tbl>",
        tc(
            r#"<w:gridSpan w:val="3"/><w:vMerge w:val="restart"/>"#,
            "角"
        ),
        tc(r#"<w:gridSpan w:val="2"/>"#, "申请人情况"),
        tc(r#"<w:gridSpan w:val="3"/><w:vMerge/>"#, ""),
        tc("", "自然人") + &tc("", "总计"),
        tc(r#"<w:gridSpan w:val="2"/>"#, "一、本年新收"),
        tc("", "x"),
        tc("", "5"),
        tc("", "5"),
    );
    let html = to_html(&docx(&body, None)).unwrap();
    assert!(
        html.contains(r#"<tr><td colspan="3" rowspan="2"><p>角</p></td><td colspan="2"><p>申请人情况</p></td></tr>"#),
        "{html}"
    );
    assert!(
        html.contains("<tr><td><p>自然人</p></td><td><p>总计</p></td></tr>"),
        "{html}"
    );
}

#[test]
fn grid_before_keeps_the_columns() {
    let body = format!(
        "<w:tbl><w:tr>{}{}</w:tr><w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>{}</w:tr></w:tbl>",
        tc("", "a"),
        tc("", "b"),
        tc("", "2")
    );
    let html = to_html(&docx(&body, None)).unwrap();
    assert!(
        html.contains(r#"<tr><td colspan="1"></td><td><p>2</p></td></tr>"#),
        "{html}"
    );
}

#[test]
fn list_numbers_are_printed() {
    let numbering = r#"<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#;
    let heading = |t: &str| {
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>"#
        )
    };
    let body = heading("总体情况") + &p("正文") + &heading("主动公开政府信息情况");
    let html = to_html(&docx(&body, Some(numbering))).unwrap();
    assert!(html.contains("<p>一、总体情况</p>"), "{html}");
    assert!(html.contains("<p>二、主动公开政府信息情况</p>"), "{html}");
}

#[test]
fn text_boxes_are_read_once() {
    let boxed = format!("<w:txbxContent>{}</w:txbxContent>", p("框中"));
    let body = format!(
        "<w:p><w:r><mc:AlternateContent xmlns:mc=\"mc\"><mc:Choice><w:drawing>{boxed}</w:drawing></mc:Choice>\
         <mc:Fallback><w:pict>{boxed}</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    );
    let html = to_html(&docx(&body, None)).unwrap();
    assert_eq!(html.matches("框中").count(), 1, "{html}");
}

#[test]
fn not_a_document_is_an_error() {
    let zip = zip::stored(&[("word/other.xml", b"<x/>")]);
    assert!(to_html(&zip).unwrap_err().contains("no document part"));
    let broken = zip::stored(&[(
        "word/document.xml",
        b"<w:document><w:body><w:p a=\"></w:body>",
    )]);
    assert!(to_html(&broken)
        .unwrap_err()
        .contains("damaged Word document"));
}

#[test]
fn alternate_content_in_a_paragraph_is_read_once() {
    let body = "<w:p><mc:AlternateContent xmlns:mc=\"mc\"><mc:Choice Requires=\"w14\"><w:r><w:t>新</w:t></w:r></mc:Choice>\
         <mc:Fallback><w:r><w:t>新</w:t></w:r></mc:Fallback></mc:AlternateContent><w:r><w:t>文</w:t></w:r></w:p>";
    let html = to_html(&docx(body, None)).unwrap();
    assert!(html.contains("<p>新文</p>"), "{html}");
}

/// A .docx of a body and a styles part.
fn docx_styled(body: &str, styles: &str) -> Vec<u8> {
    let document = format!(r#"<w:document {W}><w:body>{body}</w:body></w:document>"#);
    let styles = format!(r#"<w:styles {W}>{styles}</w:styles>"#);
    zip::stored(&[
        ("[Content_Types].xml", b"<Types/>".as_slice()),
        ("word/document.xml", document.as_bytes()),
        ("word/styles.xml", styles.as_bytes()),
    ])
}

#[test]
fn text_hidden_by_a_style_and_a_table_of_contents_are_not_printed() {
    let styles = r#"<w:style w:type="character" w:styleId="Hid"><w:rPr><w:vanish/></w:rPr></w:style>
        <w:style w:type="paragraph" w:styleId="HidP"><w:rPr><w:vanish/></w:rPr></w:style>
        <w:style w:type="paragraph" w:styleId="11"><w:name w:val="toc 1"/></w:style>"#;
    let body = r#"<w:p><w:pPr><w:pStyle w:val="11"/></w:pPr><w:r><w:t>一、总体情况</w:t></w:r><w:r><w:tab/></w:r><w:r><w:rPr><w:webHidden/></w:rPr><w:t>1</w:t></w:r></w:p>
        <w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>
        <w:p><w:r><w:rPr><w:rStyle w:val="Hid"/></w:rPr><w:t>9</w:t></w:r><w:r><w:t>24</w:t></w:r></w:p>
        <w:p><w:pPr><w:pStyle w:val="HidP"/></w:pPr><w:r><w:t>隐藏段</w:t></w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>显示</w:t></w:r></w:p>
        <w:p><w:r><w:rPr><w:webHidden/></w:rPr><w:t>印出</w:t></w:r></w:p>"#;
    let html = to_html(&docx_styled(body, styles)).unwrap();
    // The contents' entry is gone, the heading itself stays.
    assert_eq!(html.matches("一、总体情况").count(), 1, "{html}");
    assert!(html.contains("<p>24</p>"), "{html}");
    assert!(
        html.contains("<p>显示</p>") && !html.contains("隐藏段"),
        "{html}"
    );
    // Hidden in Web Layout only: printed.
    assert!(html.contains("<p>印出</p>"), "{html}");
}
