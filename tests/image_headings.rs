//! Part headings printed as pictures. Some sites set a report's headings as images
//! (`<img src="h1.png" alt="一、总体情况">`): the reader sees them, a browser's text of the page
//! has none of them, and a report read without its headings had no sections and no tables
//! (1,971 facts lost on 15 variants of the keyed reports). The alternative text of an image
//! that reads as a heading is now a line of the page's text; a logo, a QR code or a chart's
//! picture is still no text.

use crate::common;

use common::page::{escape, served};
use common::{keyed_reports, lost_line, regressions, score};
use regex::Regex;

/// Part and sub-part headings as the keyed reports print them: 一、总体情况, （一）主动公开.
fn heading_line() -> Regex {
    Regex::new(r"^\s*(?:[一二三四五六]、|（[一二三四五六七八九]）)\S.{0,30}$").unwrap()
}

/// A text report served as a site page, each heading line an image captioned by `img`.
fn with_image_headings(source: &str, img: impl Fn(&str) -> String) -> (String, usize) {
    let heading = heading_line();
    let mut n = 0;
    let marked: String = source
        .lines()
        .map(|l| {
            if heading.is_match(l) && !l.contains('\t') && !l.contains('|') {
                n += 1;
                format!("@@IMG@@{}", l.trim())
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let page = served(&marked);
    let mut out = String::with_capacity(page.len());
    for l in page.lines() {
        match l
            .strip_prefix("<p>@@IMG@@")
            .and_then(|r| r.strip_suffix("</p>"))
        {
            Some(t) => out.push_str(&img(t)),
            None => out.push_str(l),
        }
        out.push('\n');
    }
    (out, n)
}

fn keeps_every_fact(what: &str, img: impl Fn(&str) -> String) -> usize {
    let mut made = 0;
    let mut failures = Vec::new();
    for k in keyed_reports() {
        if k.name.ends_with(".html") {
            continue;
        }
        let (page, headings) = with_image_headings(&k.source, &img);
        if headings < 5 {
            continue;
        }
        made += 1;
        let name = format!("{}.html", k.name);
        let r = gongkai::report_from_bytes(&name, page.as_bytes()).unwrap();
        let lost = regressions(&k, &score(&r, &k.key));
        if !lost.is_empty() {
            failures.push(lost_line(&format!("{name} {what}"), &lost));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    made
}

#[test]
fn headings_as_images_keep_every_fact() {
    let made = keeps_every_fact("alt and title", |t| {
        format!(
            "<p style=\"text-align:center\"><img src=\"/images/h.png\" alt=\"{t}\" title=\"{t}\"/></p>"
        )
    });
    assert!(made >= 8, "only {made} reports");
}

/// Upper-case markup, the caption only in `title`, the image inline in a paragraph of its own.
#[test]
fn headings_as_images_captioned_by_title_keep_every_fact() {
    let made = keeps_every_fact("title only", |t| {
        format!("<P><span><IMG SRC=h.png ALT=\"\" TITLE=\"{t}\" width=300></span></P>")
    });
    assert!(made >= 8, "only {made} reports");
}

/// Pictures that are no heading (a logo, a QR code, a chart, a numbered photo caption of a
/// few characters) leave the report exactly as it reads without them.
#[test]
fn other_images_are_no_text() {
    let pictures = [
        "<p><img src=\"logo.png\" alt=\"某某市人民政府\"></p>",
        "<p><img src=\"qr.png\" alt=\"微信公众号二维码\" title=\"扫一扫\"></p>",
        "<p><img src=\"c.png\" alt=\"2023年依申请公开数量图\"></p>",
        "<p><img src=\"p.jpg\" alt=\"1\"><img src=\"p2.jpg\" alt=\"一\"></p>",
    ];
    let mut compared = 0;
    for k in keyed_reports() {
        if k.name.ends_with(".html") {
            continue;
        }
        let page = served(&k.source);
        let name = format!("{}.html", k.name);
        let plain = gongkai::report_from_bytes(&name, page.as_bytes()).unwrap();
        // The pictures after the title's paragraph and before the footer.
        let at = page.find("<p>").unwrap();
        let end = page.rfind("</div>\n<div class=\"footer\"").unwrap();
        let with = format!(
            "{}{}{}{}{}",
            &page[..at],
            pictures[..2].join(""),
            &page[at..end],
            pictures[2..].join(""),
            &page[end..]
        );
        let r = gongkai::report_from_bytes(&name, with.as_bytes()).unwrap();
        let text = |r: &gongkai::model::Report| {
            r.sections
                .iter()
                .map(|s| format!("{:?}|{}", s.kind, s.text))
                .collect::<Vec<_>>()
        };
        assert_eq!(text(&r), text(&plain), "{name}");
        assert_eq!(r.agency, plain.agency, "{name}");
        assert_eq!(r.year, plain.year, "{name}");
        compared += 1;
    }
    assert!(compared >= 8, "only {compared} reports");
}

/// Provenance points at the image: a heading read from an alt text is found on the image's line.
#[test]
fn a_heading_from_an_image_points_at_the_image() {
    let k = keyed_reports()
        .into_iter()
        .find(|k| k.name == "taishan-ybj-2021.txt")
        .expect("taishan-ybj-2021.txt is shipped");
    let (page, _) = with_image_headings(&k.source, |t| {
        format!("<p><img src=\"h.png\" alt=\"{}\"></p>", escape(t))
    });
    let r = gongkai::report_from_bytes("taishan-ybj-2021.html", page.as_bytes()).unwrap();
    let problems = r
        .provenance
        .sections
        .iter()
        .find(|s| s.kind == gongkai::model::SectionKind::Problems)
        .expect("a problems section");
    let line = page.lines().nth(problems.line - 1).unwrap();
    assert!(
        line.starts_with("<p><img src=\"h.png\" alt=\"五、"),
        "{line}"
    );
}
