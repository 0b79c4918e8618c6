//! Shapes of reports found by the sixth generality hunt, made from every keyed report (the
//! shipped corpus and, where present, the pdftotext extractions of `../shared/corpus-pdf`) and
//! scored against its key: every fact right on the original stays right, none becomes wrong.
//!
//! - A report delivered in a news feed, as a crawler saves the feed: RSS 2.0 with the page's
//!   HTML escaped in `<description>`, the same in a CDATA section, and Atom with it escaped in
//!   `<content type="html">`. Before, an escaped feed lost every fact but the year (read as a
//!   page, the escaped markup was one paragraph) or read the markup's attribute numbers as
//!   table figures (`width="150"`: 11 wrong values on shanghai-gov-office-2019 as Atom).

mod common;

use common::page;
use common::{keyed_reports, regressions, score, Keyed};

/// The report's page body: an HTML report's `<body>`, a text report served as a page.
fn page_body(k: &Keyed) -> String {
    let html = if k.name.ends_with(".html") {
        k.source.clone()
    } else {
        page::served(&k.source)
    };
    let lower = html.to_ascii_lowercase();
    let start = lower
        .find("<body")
        .and_then(|b| lower[b..].find('>').map(|g| b + g + 1))
        .unwrap_or(0);
    let end = lower.rfind("</body>").unwrap_or(html.len());
    html[start..end].to_string()
}

#[derive(Clone, Copy, Debug)]
enum Feed {
    RssEscaped,
    RssCdata,
    AtomEscaped,
}

fn in_feed(k: &Keyed, feed: Feed) -> String {
    let body = page_body(k);
    let title = "政府信息公开工作年度报告";
    match feed {
        Feed::RssEscaped | Feed::RssCdata => {
            let content = match feed {
                Feed::RssCdata => format!("<![CDATA[{body}]]>"),
                _ => page::escape(&body),
            };
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\">\n<channel>\n\
                 <title>政府信息公开年报</title>\n<link>http://www.example.gov.cn/</link>\n\
                 <description>年报</description>\n<item>\n<title>{title}</title>\n\
                 <link>http://www.example.gov.cn/art/1.html</link>\n\
                 <pubDate>Mon, 29 Jan 2024 08:00:00 +0800</pubDate>\n\
                 <description>{content}</description>\n</item>\n</channel>\n</rss>\n"
            )
        }
        Feed::AtomEscaped => format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
             <feed xmlns=\"http://www.w3.org/2005/Atom\">\n<title>年报</title>\n\
             <id>urn:uuid:1</id>\n<updated>2024-01-29T08:00:00+08:00</updated>\n<entry>\n\
             <title>{title}</title>\n<id>urn:uuid:2</id>\n\
             <updated>2024-01-29T08:00:00+08:00</updated>\n\
             <content type=\"html\">{}</content>\n</entry>\n</feed>\n",
            page::escape(&body)
        ),
    }
}

#[test]
fn reports_inside_news_feeds_read_as_their_pages() {
    let reports = keyed_reports();
    let mut failures = Vec::new();
    let mut ran = 0;
    for k in &reports {
        for feed in [Feed::RssEscaped, Feed::RssCdata, Feed::AtomEscaped] {
            let xml = in_feed(k, feed);
            let name = format!("{}.xml", k.name);
            let r = gongkai::report_from_bytes(&name, xml.as_bytes()).unwrap();
            ran += 1;
            let lost = regressions(k, &score(&r, &k.key));
            if !lost.is_empty() {
                failures.push(format!("{} as {feed:?}:\n  {}", k.name, lost.join("\n  ")));
            }
        }
    }
    assert!(ran >= 30, "only {ran} variants");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The figures of a feed's report point at their bytes in the feed: an escaped cell's figure
/// is the digits between its escaped tags.
#[test]
fn figures_in_a_feed_point_at_the_feed() {
    let k = keyed_reports()
        .into_iter()
        .find(|k| k.name == "guangzhou-ybj-2022.txt")
        .unwrap();
    let xml = in_feed(&k, Feed::AtomEscaped);
    let r = gongkai::report_from_bytes("g.xml", xml.as_bytes()).unwrap();
    let mut checked = 0;
    for (key, c) in &r.provenance.cells {
        let printed = &xml[c.offset..c.offset + c.raw.len()];
        assert_eq!(printed, c.raw, "{key}");
        checked += 1;
    }
    assert!(checked > 50, "{checked}");
}
