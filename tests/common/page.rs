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

/// A text report as a site page: table rows (tab- or pipe-separated lines) as `<tr>`s of one
/// table, every other line a `<p>`.
pub fn served(text: &str) -> String {
    let mut page = String::from(HEAD);
    let mut in_table = false;
    for line in text.lines() {
        let cells: Option<Vec<&str>> = if line.contains('\t') {
            Some(line.split('\t').collect())
        } else if line.trim_start().starts_with('|') {
            let t = line.trim();
            let inner = t.strip_prefix('|').unwrap_or(t);
            let inner = inner.strip_suffix('|').unwrap_or(inner);
            if inner.chars().all(|c| matches!(c, '-' | ':' | '|' | ' ')) {
                continue; // a markdown separator row
            }
            Some(inner.split('|').collect())
        } else {
            None
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
