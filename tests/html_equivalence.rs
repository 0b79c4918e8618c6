//! Browser equivalence: HTML pages that a browser renders the same must read the same. Each keyed
//! HTML report, and every keyed text report served as a site page (its table rows as `<tr>`s),
//! is rewritten the ways real pages differ in markup — omitted end tags, upper-case tags,
//! unquoted attributes, attributes holding '>', comments and MSO conditional comments holding
//! tags, scripts and styles holding `</td>` or '<', CDATA, `<br>` in cells, entities with and
//! without ';', `<th>` for `<td>`, `<tbody>` left out or added, layout tables, a `<form>` around
//! the page, an unclosed `<head>`, GBK and UTF-16, text hidden by `display:none`, `hidden` and
//! `visibility:hidden` (digits inside figures, whole cells, copies of headings), each cell's
//! content wrapped in a table of one cell — and every fact
//! right on the page as it was must stay right, with none wrong.

use crate::common;

use common::page::served;
use common::{keyed_reports, regressions, score, Keyed, Score};
use regex::Regex;

/// A page with an answer key, and how the parser scores on it as it is.
struct Page {
    name: String,
    html: String,
    key: serde_json::Value,
    baseline: Score,
}

fn pages() -> Vec<Page> {
    keyed_reports()
        .into_iter()
        .map(|k: Keyed| {
            let (name, html) = if k.name.ends_with(".html") {
                (k.name.clone(), k.source.clone())
            } else {
                (format!("{}.html", k.name), served(&k.source))
            };
            let report = gongkai::report_from_bytes(&name, html.as_bytes()).unwrap();
            let baseline = score(&report, &k.key);
            Page {
                name,
                html,
                key: k.key,
                baseline,
            }
        })
        .collect()
}

type Transform = fn(&str) -> Vec<u8>;

fn re(p: &str) -> Regex {
    Regex::new(p).unwrap()
}

fn omit_end_tags(h: &str) -> Vec<u8> {
    re(r"(?i)</(td|th|tr|p|li)>")
        .replace_all(h, "")
        .into_owned()
        .into_bytes()
}

fn upper_case_tags(h: &str) -> Vec<u8> {
    re(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)")
        .replace_all(h, |c: &regex::Captures| {
            format!("<{}{}", &c[1], c[2].to_ascii_uppercase())
        })
        .into_owned()
        .into_bytes()
}

fn unquoted_attributes(h: &str) -> Vec<u8> {
    re(r#"([a-zA-Z-]+)="([^"\s'=<>`]+)""#)
        .replace_all(h, "$1=$2")
        .into_owned()
        .into_bytes()
}

fn attributes_holding_gt(h: &str) -> Vec<u8> {
    re(r"(?i)<(td|tr|p|table)([\s>])")
        .replace_all(h, "<$1 title=\"a > b\" data-x='1>0'$2")
        .into_owned()
        .into_bytes()
}

fn comments_holding_tags(h: &str) -> Vec<u8> {
    re(r"(?i)<tr([\s>])")
        .replace_all(
            h,
            "<!-- <tr><td>99</td></tr> --><!--[if gte mso 9]><xml><o:p>8</o:p></xml><![endif]--><!----><!--><tr$1",
        )
        .into_owned()
        .into_bytes()
}

fn scripts_and_styles(h: &str) -> Vec<u8> {
    let h = re(r"(?i)<body([^>]*)>").replace(
        h,
        "<body$1><script>if (a < b && c > d) document.write(\"</td><td>7</td></tr>\");</script>\
         <style>td > p { margin: 0 } /* </td> */</style>",
    );
    re(r"(?i)<table([^>]*)>")
        .replace_all(
            &h,
            "<script type=\"text/javascript\">var s = '<table><tr><td>5</td>';</script><table$1>",
        )
        .into_owned()
        .into_bytes()
}

fn cdata(h: &str) -> Vec<u8> {
    re(r"(?i)<(table|p)([\s>])")
        .replace_all(h, "<![CDATA[ it's \"quoted\" ]]><$1$2")
        .into_owned()
        .into_bytes()
}

fn br_in_cells(h: &str) -> Vec<u8> {
    re(r"(?i)</td>")
        .replace_all(h, "<br/></td>")
        .into_owned()
        .into_bytes()
}

fn entities_without_semicolon(h: &str) -> Vec<u8> {
    // Han characters of paragraphs as numeric references, hex and decimal, some without ';'.
    let mut n = 0;
    let h = re(r"<p>([^<]*)</p>").replace_all(h, |c: &regex::Captures| {
        let mut out = String::from("<p>");
        for ch in c[1].chars() {
            n += 1;
            if ('\u{4e00}'..='\u{9fff}').contains(&ch) && n % 5 == 0 {
                out.push_str(&format!("&#x{:x};", ch as u32));
            } else if ('\u{4e00}'..='\u{9fff}').contains(&ch) && n % 7 == 0 {
                out.push_str(&format!("&#{};", ch as u32));
            } else {
                out.push(ch);
            }
        }
        out.push_str("</p>");
        out
    });
    h.replace("&nbsp;", "&nbsp")
        .replace("&amp;", "&amp")
        .into_bytes()
}

fn th_for_td(h: &str) -> Vec<u8> {
    re(r"(?i)<(/?)td([\s>])")
        .replace_all(h, "<${1}th$2")
        .into_owned()
        .into_bytes()
}

fn tbody_toggled(h: &str) -> Vec<u8> {
    if re(r"(?i)<tbody").is_match(h) {
        re(r"(?i)</?tbody[^>]*>")
            .replace_all(h, "")
            .into_owned()
            .into_bytes()
    } else {
        let h = re(r"(?i)(<table[^>]*>)").replace_all(h, "$1<tbody>");
        re(r"(?i)</table>")
            .replace_all(&h, "</tbody></table>")
            .into_owned()
            .into_bytes()
    }
}

fn layout_table(h: &str) -> Vec<u8> {
    let h = re(r"(?i)<body([^>]*)>").replace(
        h,
        "<body$1><table width=\"100%\"><tr><td class=\"side\">栏目导航</td><td><table><tr><td>",
    );
    re(r"(?i)</body>")
        .replace(&h, "</td></tr></table></td></tr></table></body>")
        .into_owned()
        .into_bytes()
}

/// A page laid out as a table whose first column lists other reports (another agency's, other
/// years', each with its date) beside the report: a browser shows each link on its line.
fn related_reports_beside_the_report(h: &str) -> Vec<u8> {
    let h = re(r"(?i)<body([^>]*)>").replace(
        h,
        "<body$1><table width=\"100%\"><tr><td class=\"side\"><h3>相关报告</h3><ul>\
         <li><a href=\"/a.html\">某市交通运输局2018年政府信息公开工作年度报告</a> <span>2019-01-20</span></li>\
         <li><a href=\"/b.html\">某市交通运输局2017年政府信息公开工作年度报告</a> <span>2018-01-22</span></li>\
         </ul></td><td>",
    );
    re(r"(?i)</body>")
        .replace(&h, "</td></tr></table></body>")
        .into_owned()
        .into_bytes()
}

/// Spans written with a unit (`colspan="3px"`), which a browser reads as the digits that open
/// them.
fn spans_with_a_unit(h: &str) -> Vec<u8> {
    re(r#"(?i)(colspan|rowspan)\s*=\s*"?(\d+)"?"#)
        .replace_all(h, "${1}=\"${2}px\"")
        .into_owned()
        .into_bytes()
}

fn form_around(h: &str) -> Vec<u8> {
    let h = re(r"(?i)<body([^>]*)>").replace(
        h,
        "<body$1><form name=\"form1\" method=\"post\" action=\"./show.aspx?id=1\" id=\"form1\">\
         <input type=\"hidden\" name=\"__VIEWSTATE\" value=\"/wEPDwUKMTY1\">",
    );
    re(r"(?i)</body>")
        .replace(&h, "</form></body>")
        .into_owned()
        .into_bytes()
}

/// Text a browser does not show, where pages put it: a digit inside or before a cell's figure
/// (an anti-copying trick: "2<span style=display:none>7</span>1" shows 21), a whole cell at the
/// start of every row, a copy of the section headings above the report.
fn hidden_digit_display_none(h: &str) -> Vec<u8> {
    hidden_digit(h, "<span style=\"DISPLAY: none\">7</span>")
}

fn hidden_digit_attribute(h: &str) -> Vec<u8> {
    hidden_digit(h, "<font hidden>9</font>")
}

fn hidden_digit_visibility(h: &str) -> Vec<u8> {
    hidden_digit(h, "<span style=\"color:red; visibility : hidden\">8</span>")
}

/// Text set in no size or far off the page (anti-copying text a browser does not show).
fn hidden_digit_no_size(h: &str) -> Vec<u8> {
    hidden_digit(h, "<span style=\"font-size: 0px\">7</span>")
}

fn hidden_digit_off_page(h: &str) -> Vec<u8> {
    hidden_digit(
        h,
        "<span style=\"position:absolute; left:-9999px\">8</span>",
    )
}

fn hidden_digit_tiny(h: &str) -> Vec<u8> {
    hidden_digit(h, "<font style=\"font-size:1px\">7</font>")
}

/// Text hidden by a class of the page's own style sheet (`display: none`, or no size by a
/// descendant rule), where a later rule shows other elements of the same class.
fn hidden_digit_by_a_sheet_class(h: &str) -> Vec<u8> {
    with_style(
        &hidden_digit_text(h, "<span class=\"wz\">8</span>"),
        "/* anti-copy */ .wz { display : none } .wz.on { display: inline }\
         @media print { td { display: none } }",
    )
}

fn hidden_digit_by_a_descendant_rule(h: &str) -> Vec<u8> {
    with_style(
        &hidden_digit_text(h, "<b class=\"t\">8</b>"),
        "body td .t, .never{font-size:0;color:#fff}",
    )
}

/// Text set in white on the white page, inside figures and row labels.
fn white_watermark(h: &str) -> Vec<u8> {
    let figures = hidden_digit_text(h, "<font color=\"#FFFFFF\">8</font>");
    re(r"(?i)(<t[dh](?:\s[^>]*)?>\s*)([\p{Han}]{2})([\p{Han}])")
        .replace_all(
            &figures,
            "${1}${2}<span style=\"color: white\">版权所有</span>${3}",
        )
        .into_owned()
        .into_bytes()
}

/// The page with a `<style>` sheet in its head (or before it, for a page with none).
fn with_style(h: &str, css: &str) -> Vec<u8> {
    let sheet = format!("<style type=\"text/css\">{css}</style>");
    let head = re(r"(?i)<head(?:\s[^>]*)?>");
    let page = if head.is_match(h) {
        head.replace(h, format!("${{0}}{sheet}").as_str())
            .into_owned()
    } else {
        format!("{sheet}{h}")
    };
    page.into_bytes()
}

fn hidden_digit(h: &str, hidden: &str) -> Vec<u8> {
    hidden_digit_text(h, hidden).into_bytes()
}

fn hidden_digit_text(h: &str, hidden: &str) -> String {
    re(r"(?i)(<t[dh](?:\s[^>]*)?>\s*)(\d)")
        .replace_all(h, format!("${{1}}{hidden}${{2}}").as_str())
        .into_owned()
}

fn hidden_cells(h: &str) -> Vec<u8> {
    re(r"(?i)(<tr(?:\s[^>]*)?>)")
        .replace_all(h, "${1}<td style=\"display:none !important\">0</td>")
        .into_owned()
        .into_bytes()
}

fn hidden_headings(h: &str) -> Vec<u8> {
    re(r"(?i)<body([^>]*)>")
        .replace(
            h,
            "<body$1><div style=\"display:none\" class=\"print-copy\"><p>三、收到和处理政府信息公开申请情况</p>\
             <p>二、主动公开政府信息情况</p><p>四、存在的主要问题及改进情况</p></div>",
        )
        .into_owned()
        .into_bytes()
}

/// Every cell's content wrapped in a table of one cell, as some editors write it.
fn cells_wrapped_in_tables(h: &str) -> Vec<u8> {
    re(r"(?is)(<td(?:\s[^>]*)?>)(.*?)</td>")
        .replace_all(
            h,
            "${1}<table width=\"100%\"><tbody><tr><td>${2}</td></tr></tbody></table></td>",
        )
        .into_owned()
        .into_bytes()
}

/// Each subsection heading in bold at the start of its text's paragraph ("<p><strong>(一)主动
/// 公开</strong>2023年，本机关…"): the heading's words are its kind, not the text's.
fn headings_run_into_their_text(h: &str) -> Vec<u8> {
    // Only before text (a table of one cell a paragraph has "(一)予以公开" before its figures).
    re(r"<p>\s*([（(][一二三四五六][)）][^<。，]{2,20})</p>\s*<p>(\p{Han}|20\d\d年)")
        .replace_all(h, "<p><strong>${1}</strong>${2}")
        .into_owned()
        .into_bytes()
}

/// A title set apart from its text only by white space ("主动公开  拓宽…") printed in bold
/// with no space at all ("<p><strong>主动公开</strong>拓宽…"): a browser shows the same
/// heading, by its weight.
fn bold_titles_run_into_their_text(h: &str) -> Vec<u8> {
    re(r"<p>(\s*(?:[（(][一二三四五六][)）])?\s*\p{Han}{2,12})(?:\s|&nbsp;|\x{3000})+(\p{Han})")
        .replace_all(h, "<p><strong>${1}</strong>${2}")
        .into_owned()
        .into_bytes()
}

fn unclosed_head(h: &str) -> Vec<u8> {
    re(r"(?i)</head>|<body>")
        .replace_all(h, "")
        .into_owned()
        .into_bytes()
}

fn gbk_with_meta(h: &str) -> Vec<u8> {
    let h = re(r"(?i)charset=utf-8").replace_all(h, "charset=gbk");
    let (b, _, _) = encoding_rs::GB18030.encode(&h);
    b.into_owned()
}

fn utf16_with_bom(h: &str) -> Vec<u8> {
    let mut b = vec![0xff, 0xfe];
    for u in h.encode_utf16() {
        b.extend_from_slice(&u.to_le_bytes());
    }
    b
}

fn tags_on_their_own_lines(h: &str) -> Vec<u8> {
    re(r">\s*<")
        .replace_all(h, ">\r\n    <")
        .into_owned()
        .into_bytes()
}

const TRANSFORMS: &[(&str, Transform)] = &[
    ("omit_end_tags", omit_end_tags),
    ("upper_case_tags", upper_case_tags),
    ("unquoted_attributes", unquoted_attributes),
    ("attributes_holding_gt", attributes_holding_gt),
    ("comments_holding_tags", comments_holding_tags),
    ("scripts_and_styles", scripts_and_styles),
    ("cdata", cdata),
    ("br_in_cells", br_in_cells),
    ("entities_without_semicolon", entities_without_semicolon),
    ("th_for_td", th_for_td),
    ("tbody_toggled", tbody_toggled),
    ("layout_table", layout_table),
    ("form_around", form_around),
    ("unclosed_head", unclosed_head),
    ("gbk_with_meta", gbk_with_meta),
    ("utf16_with_bom", utf16_with_bom),
    ("tags_on_their_own_lines", tags_on_their_own_lines),
    ("hidden_digit_display_none", hidden_digit_display_none),
    ("hidden_digit_attribute", hidden_digit_attribute),
    ("hidden_digit_visibility", hidden_digit_visibility),
    ("hidden_digit_no_size", hidden_digit_no_size),
    ("hidden_digit_off_page", hidden_digit_off_page),
    ("hidden_digit_tiny", hidden_digit_tiny),
    (
        "hidden_digit_by_a_sheet_class",
        hidden_digit_by_a_sheet_class,
    ),
    (
        "hidden_digit_by_a_descendant_rule",
        hidden_digit_by_a_descendant_rule,
    ),
    ("white_watermark", white_watermark),
    (
        "related_reports_beside_the_report",
        related_reports_beside_the_report,
    ),
    ("spans_with_a_unit", spans_with_a_unit),
    ("hidden_cells", hidden_cells),
    ("hidden_headings", hidden_headings),
    ("cells_wrapped_in_tables", cells_wrapped_in_tables),
    ("headings_run_into_their_text", headings_run_into_their_text),
    (
        "bold_titles_run_into_their_text",
        bold_titles_run_into_their_text,
    ),
];

#[test]
fn pages_that_render_the_same_read_the_same() {
    let pages = pages();
    let mut failures = Vec::new();
    let mut ran = 0;
    for p in &pages {
        let as_keyed = Keyed {
            name: p.name.clone(),
            source: String::new(),
            key: p.key.clone(),
            baseline: Score {
                right: p.baseline.right.clone(),
                wrong: p.baseline.wrong.clone(),
                missing: p.baseline.missing.clone(),
            },
        };
        for (tname, t) in TRANSFORMS {
            ran += 1;
            let bytes = t(&p.html);
            let report = match gongkai::report_from_bytes(&p.name, &bytes) {
                Ok(r) => r,
                Err(e) => {
                    failures.push(format!("{tname} × {}: not read: {e}", p.name));
                    continue;
                }
            };
            let r = regressions(&as_keyed, &score(&report, &p.key));
            if !r.is_empty() {
                failures.push(format!(
                    "{tname} × {}: {} facts\n    {}",
                    p.name,
                    r.len(),
                    r.iter().take(6).cloned().collect::<Vec<_>>().join("\n    ")
                ));
            }
        }
    }
    eprintln!("{ran} variants, {} with regressions", failures.len());
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Serving a text report as a page keeps what the text gives: the pages are a fair base.
#[test]
fn served_pages_read_as_their_text() {
    let mut failures = Vec::new();
    for k in keyed_reports() {
        if k.name.ends_with(".html") {
            continue;
        }
        let name = format!("{}.html", k.name);
        let report = gongkai::report_from_bytes(&name, served(&k.source).as_bytes()).unwrap();
        let r = regressions(&k, &score(&report, &k.key));
        if !r.is_empty() {
            failures.push(format!("{}: {}", k.name, r.join("\n    ")));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
