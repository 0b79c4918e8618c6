//! A report saved as a crawler's JSON record: `{"url": …, "title": "某局2023年…年度报告",
//! "content": "<p>一、总体情况</p>…"}` (scrapy's items, a dataset's JSON lines, an API's answer).
//! Read as text, the whole report was one string of escapes (`\n`, `\"`, `\u4e00`): its title
//! began with the record's quote (`"广州市医疗保障局`), and no table was read. The record's body
//! is its longest string under a body's key (`content`, `html`, `text`, `正文` …), else its
//! longest string of Han text; read as a page where it holds markup, as text otherwise; its
//! title is the record's `title`. Every character keeps the bytes that spell it in the file.

use super::scripted::{has_markup, literal};
use super::{html, normalize::is_han, MChar};

/// Keys whose value is the record's body, as crawlers and APIs name it (compared without case,
/// `_` and `-`).
const BODY_KEYS: &[&str] = &[
    "content",
    "contenthtml",
    "html",
    "body",
    "text",
    "article",
    "articlecontent",
    "detail",
    "maintext",
    "正文",
    "内容",
];

/// Keys whose value is the record's title.
const TITLE_KEYS: &[&str] = &["title", "headline", "subject", "标题", "题名"];

/// Han characters a string must hold to be a report's body.
const MIN_HAN: usize = 300;

/// Whether a decoded text is one JSON record (an object, or an array holding objects).
pub fn is_record(text: &str) -> bool {
    let t = text.trim_start_matches('\u{feff}').trim();
    (t.starts_with('{') || t.starts_with('['))
        && serde_json::from_str::<serde_json::Value>(t).is_ok_and(|v| {
            v.is_object()
                || v.as_array()
                    .is_some_and(|a| a.iter().any(|e| e.is_object()))
        })
}

/// Why a `.json` file gives no report: several records a line each (JSON Lines), or no
/// string holding a report's text.
pub fn why_not(text: &str) -> String {
    let records = text
        .lines()
        .filter(|l| l.trim_start().starts_with('{'))
        .take(1000)
        .filter(|l| serde_json::from_str::<serde_json::Value>(l).is_ok())
        .count();
    if records > 1 {
        format!(
            "JSON Lines of {records}{} records: gongkai reads one report a file; write each record to a file of its own",
            if records == 1000 { " or more" } else { "" }
        )
    } else {
        "a JSON file with no report's text in it (no string of 300 Han characters)".into()
    }
}

fn key_is(key: &[MChar], names: &[&str]) -> bool {
    let k: String = key
        .iter()
        .map(|m| m.c)
        .filter(|c| !matches!(c, '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect();
    names.contains(&k.as_str())
}

/// The record's body as the report's characters (a page's text where it holds markup), and its
/// title; None when no string holds a report's text (the file is read as it is).
pub fn extract(src: &str) -> Option<(Vec<MChar>, Option<String>)> {
    let chars = MChar::of(src);
    // Each string value and the key it is under (the last key seen).
    let mut values: Vec<(Vec<MChar>, Vec<MChar>)> = Vec::new();
    let mut key: Vec<MChar> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].c != '"' {
            i += 1;
            continue;
        }
        let (lit, end) = literal(&chars, i);
        // (A string left open: no record after all.)
        let lit = lit?;
        let next = chars[end..]
            .iter()
            .find(|m| !m.c.is_whitespace())
            .map(|m| m.c);
        if next == Some(':') {
            key = lit;
        } else {
            values.push((key.clone(), lit));
        }
        i = end;
    }
    let han = |v: &[MChar]| v.iter().filter(|m| is_han(m.c)).count();
    let body = values
        .iter()
        .filter(|(k, v)| key_is(k, BODY_KEYS) && han(v) >= MIN_HAN)
        .max_by_key(|(_, v)| han(v))
        .or_else(|| {
            values
                .iter()
                .filter(|(_, v)| han(v) >= MIN_HAN)
                .max_by_key(|(_, v)| han(v))
        })
        .map(|(_, v)| v)?;
    let title = values
        .iter()
        .find(|(k, v)| key_is(k, TITLE_KEYS) && !v.is_empty() && v.len() <= 200)
        .map(|(_, v)| v.iter().map(|m| m.c).collect::<String>().trim().to_string())
        .filter(|t| !t.is_empty());
    if !has_markup(body) {
        return Some((body.clone(), title));
    }
    // A page: its text read from the decoded HTML, each character mapped back through the
    // escapes that spell it.
    let mut page = String::with_capacity(body.len() * 3);
    let mut map: Vec<(u32, u32)> = Vec::with_capacity(body.len() * 3);
    for m in body {
        page.push(m.c);
        map.extend(std::iter::repeat_n((m.s, m.e), m.c.len_utf8()));
    }
    let (text, head) = html::extract_page(&page);
    let out = text
        .into_iter()
        .map(|m| {
            let (s, e) = if m.e > m.s {
                (map[m.s as usize].0, map[(m.e - 1) as usize].1)
            } else {
                let at = map
                    .get(m.s as usize)
                    .map_or(map.last().map_or(0, |l| l.1), |x| x.0);
                (at, at)
            };
            MChar::new(m.c, s as usize, e.max(s) as usize)
        })
        .collect();
    Some((out, title.or(head)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(chars: &[MChar]) -> String {
        chars.iter().map(|m| m.c).collect()
    }

    #[test]
    fn a_records_body_is_its_report() {
        let body = "一、总体情况\\n".to_string() + &"本机关认真贯彻落实条例。".repeat(40);
        let src = format!(
            "{{\"url\": \"http://x\", \"title\": \"某局2023年政府信息公开工作年度报告\", \"content\": \"{body}\"}}"
        );
        assert!(is_record(&src));
        let (chars, title) = extract(&src).unwrap();
        assert_eq!(title.as_deref(), Some("某局2023年政府信息公开工作年度报告"));
        assert!(text(&chars).starts_with("一、总体情况\n本机关"));
        // The line break maps to the two bytes of its escape.
        let nl = chars.iter().find(|m| m.c == '\n').unwrap();
        assert_eq!(&src[nl.s as usize..nl.e as usize], "\\n");
    }

    #[test]
    fn a_records_html_is_read_as_a_page() {
        let cells = "<tr><td>规章</td><td>3</td></tr>";
        let body = format!(
            "<p>一、总体情况</p><p>{}</p><table>{cells}</table>",
            "本机关认真贯彻落实条例。".repeat(40)
        )
        .replace('"', "\\\"");
        let src = format!("[{{\"html\": \"{body}\", \"pubDate\": \"2024-01-20\"}}]");
        let (chars, _) = extract(&src).unwrap();
        let t = text(&chars);
        assert!(t.contains("一、总体情况") && t.contains("规章\t3"), "{t}");
        assert!(!t.contains("<p>"));
    }

    #[test]
    fn json_lines_are_named_as_such() {
        let two = "{\"content\": \"一\"}\n{\"content\": \"二\"}\n";
        assert!(!is_record(two));
        assert!(why_not(two).starts_with("JSON Lines of 2 records"));
        assert!(why_not("{\"name\": \"x\"}").contains("no report's text"));
    }

    #[test]
    fn not_a_record() {
        assert!(!is_record("{一、总体情况}"));
        assert!(!is_record("[1, 2, 3]"));
        assert!(extract("{\"title\": \"短\", \"content\": \"不到三百字\"}").is_none());
    }
}
