//! A text report served as a site page, the way a CMS publishes one: a page head with a script,
//! a menu, the article (table rows, tab- or pipe-separated lines, as `<tr>`s; every other line a
//! `<p>`) and a site footer.

pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

pub const HEAD: &str = "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \
\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n<html>\n<head>\n\
<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\n<title>政府信息公开工作年度报告</title>\n\
<script type=\"text/javascript\">var n = 1 < 2 ? \"a\" : \"b\";</script>\n</head>\n<body>\n\
<div class=\"top-nav\"><ul><li><a href=\"/\">首页</a></li><li><a href=\"/zwgk/\">政务公开</a></li></ul></div>\n\
<div class=\"article\">\n";
pub const FOOT: &str = "</div>\n<div class=\"footer\"><p>版权所有：某某市人民政府 网站标识码1234000000</p></div>\n</body>\n</html>\n";

/// How a text report's line is served: a table row's cells (a tab- or pipe-separated line), a
/// markdown separator row (no row of its own), or a line of text.
pub enum LineShape<'a> {
    Row(Vec<&'a str>),
    Separator,
    Text,
}

pub fn line_shape(line: &str) -> LineShape<'_> {
    if line.contains('\t') {
        return LineShape::Row(line.split('\t').collect());
    }
    if !line.trim_start().starts_with('|') {
        return LineShape::Text;
    }
    let t = line.trim();
    let inner = t.strip_prefix('|').unwrap_or(t);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    if inner.chars().all(|c| matches!(c, '-' | ':' | '|' | ' ')) {
        LineShape::Separator
    } else {
        LineShape::Row(inner.split('|').collect())
    }
}

/// A keyed report as a page: the shipped web page as it is, a text report [`served`].
pub fn as_page(k: &super::Keyed) -> String {
    if k.name.ends_with(".html") {
        k.source.clone()
    } else {
        served(&k.source)
    }
}

/// A text report as a site page: table rows (tab- or pipe-separated lines) as `<tr>`s of one
/// table, every other line a `<p>`.
pub fn served(text: &str) -> String {
    let mut page = String::from(HEAD);
    let mut in_table = false;
    for line in text.lines() {
        let cells = match line_shape(line) {
            LineShape::Row(cells) => Some(cells),
            LineShape::Separator => continue,
            LineShape::Text => None,
        };
        match cells {
            Some(cells) => {
                if !in_table {
                    page.push_str("<table border=\"1\" cellspacing=\"0\">\n");
                    in_table = true;
                }
                page.push_str("<tr>");
                for c in cells {
                    page.push_str(&format!("<td>{}</td>", escape(c.trim())));
                }
                page.push_str("</tr>\n");
            }
            None => {
                if in_table {
                    page.push_str("</table>\n");
                    in_table = false;
                }
                if !line.trim().is_empty() {
                    page.push_str(&format!("<p>{}</p>\n", escape(line)));
                }
            }
        }
    }
    if in_table {
        page.push_str("</table>\n");
    }
    page.push_str(FOOT);
    page
}
