//! A report saved as a crawler's JSON record: `{"url": …, "title": "某局2023年…年度报告",
//! "content": "<p>一、总体情况</p>…"}` (scrapy's items, a dataset's JSON lines, an API's answer).
//! Read as text, the whole report was one string of escapes (`\n`, `\"`, `\u4e00`): its title
//! began with the record's quote (`"广州市医疗保障局`), and no table was read. The record's body
//! is its longest string under a body's key (`content`, `html`, `text`, `正文` …), else its
//! longest string of Han text; read as a page where it holds markup, as text otherwise; its
//! title is the record's `title`. Every character keeps the bytes that spell it in the file.

use super::scripted::{entities_decoded, has_markup, literal};
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

/// Whether a decoded text is a JSON record: an object, an array holding objects, or JSON
/// Lines (an object a line).
pub fn is_record(text: &str) -> bool {
    let t = text.trim_start_matches('\u{feff}').trim();
    if !(t.starts_with('{') || t.starts_with('[')) {
        return false;
    }
    let object_or_array = |v: serde_json::Value| {
        v.is_object()
            || v.as_array()
                .is_some_and(|a| a.iter().any(|e| e.is_object()))
    };
    if serde_json::from_str::<serde_json::Value>(t).is_ok_and(object_or_array) {
        return true;
    }
    // JSON Lines: every line an object (the first thousand looked at).
    let mut lines = t
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(1000);
    lines.all(|l| {
        l.starts_with('{')
            && serde_json::from_str::<serde_json::Value>(l).is_ok_and(|v| v.is_object())
    })
}

/// Why a `.json` file gives no report.
pub const NO_REPORT: &str =
    "a JSON file with no report's text in it (no string of 300 Han characters)";

fn key_is(key: &[MChar], names: &[&str]) -> bool {
    let k: String = key
        .iter()
        .map(|m| m.c)
        .filter(|c| !matches!(c, '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect();
    names.contains(&k.as_str())
}

/// A string value of the record: the key it is under (the last key seen), the object it is
/// in (its innermost `{`), its characters.
struct Value {
    key: Vec<MChar>,
    object: usize,
    chars: Vec<MChar>,
}

/// What a record gives: the report's characters, its title, and what was left out.
pub struct Record {
    pub chars: Vec<MChar>,
    pub title: Option<String>,
    pub warning: Option<String>,
}

/// Han characters of a string as it reads: its character references decoded (an HTML body
/// may spell every Han character `&#19968;`).
fn han(v: &[MChar]) -> usize {
    if v.iter().any(|m| m.c == '&') {
        entities_decoded(v).iter().filter(|m| is_han(m.c)).count()
    } else {
        v.iter().filter(|m| is_han(m.c)).count()
    }
}

/// The record's body as the report's characters (a page's text where it holds markup), its
/// title (from the body's own object), and a warning when several records hold a report; None
/// when no string, and no object's strings together, hold a report's text.
pub fn extract(src: &str) -> Option<Record> {
    let chars = MChar::of(src);
    let mut values: Vec<Value> = Vec::new();
    let mut key: Vec<MChar> = Vec::new();
    let mut objects: Vec<usize> = Vec::new();
    let mut opened = 0;
    let mut i = 0;
    while i < chars.len() {
        match chars[i].c {
            '{' => {
                opened += 1;
                objects.push(opened);
            }
            '}' => {
                objects.pop();
            }
            '"' => {
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
                    values.push(Value {
                        key: key.clone(),
                        object: objects.last().copied().unwrap_or(0),
                        chars: lit,
                    });
                }
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    let sizes: Vec<usize> = values.iter().map(|v| han(&v.chars)).collect();
    let reports = |body_key: bool| {
        values
            .iter()
            .zip(&sizes)
            .filter(move |(v, &n)| n >= MIN_HAN && (!body_key || key_is(&v.key, BODY_KEYS)))
    };
    let chosen = reports(true)
        .max_by_key(|(_, &n)| n)
        .or_else(|| reports(false).max_by_key(|(_, &n)| n))
        .map(|(v, _)| v);
    // Or an object's strings together (a body of paragraphs, each its own string).
    let (body, object): (Vec<MChar>, usize) = match chosen {
        Some(v) => (v.chars.clone(), v.object),
        None => {
            let mut per_object: Vec<(usize, usize)> = Vec::new();
            for (v, &n) in values.iter().zip(&sizes) {
                match per_object.iter_mut().find(|(o, _)| *o == v.object) {
                    Some((_, total)) => *total += n,
                    None => per_object.push((v.object, n)),
                }
            }
            let (object, total) = per_object.into_iter().max_by_key(|&(_, n)| n)?;
            if total < MIN_HAN {
                return None;
            }
            let mut joined: Vec<MChar> = Vec::new();
            for v in values
                .iter()
                .filter(|v| v.object == object && !v.chars.is_empty())
            {
                if let (Some(first), false) = (v.chars.first(), joined.is_empty()) {
                    joined.push(MChar::new('\n', first.s as usize, first.s as usize));
                }
                joined.extend_from_slice(&v.chars);
            }
            (joined, object)
        }
    };
    let title = values
        .iter()
        .find(|v| {
            v.object == object
                && key_is(&v.key, TITLE_KEYS)
                && !v.chars.is_empty()
                && v.chars.len() <= 200
        })
        .map(|v| {
            v.chars
                .iter()
                .map(|m| m.c)
                .collect::<String>()
                .trim()
                .to_string()
        })
        .filter(|t| !t.is_empty());
    let mut with_reports: Vec<usize> = reports(false).map(|(v, _)| v.object).collect();
    with_reports.sort_unstable();
    with_reports.dedup();
    let warning = (with_reports.len() > 1).then(|| {
        format!(
            "JSON: {} records hold a report's text; the longest is read, the others are left out (one report a file)",
            with_reports.len()
        )
    });
    if !has_markup(&body) {
        return Some(Record {
            chars: body,
            title,
            warning,
        });
    }
    // A page: its text read from the decoded HTML, each character mapped back through the
    // escapes that spell it.
    let (out, head) = html::page_of_chars(&body, true);
    Some(Record {
        chars: out,
        title: title.or(head),
        warning,
    })
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
        let r = extract(&src).unwrap();
        assert_eq!(
            r.title.as_deref(),
            Some("某局2023年政府信息公开工作年度报告")
        );
        assert!(text(&r.chars).starts_with("一、总体情况\n本机关"));
        assert!(r.warning.is_none());
        // The line break maps to the two bytes of its escape.
        let nl = r.chars.iter().find(|m| m.c == '\n').unwrap();
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
        let t = text(&extract(&src).unwrap().chars);
        assert!(t.contains("一、总体情况") && t.contains("规章\t3"), "{t}");
        assert!(!t.contains("<p>"));
    }

    #[test]
    fn json_lines_and_arrays_of_records() {
        let report = |title: &str, n: usize| {
            format!(
                "{{\"title\": \"{title}\", \"content\": \"{}\"}}",
                "本机关认真贯彻落实条例。".repeat(n)
            )
        };
        // JSON Lines, the second record the longer: its body and its own title.
        let lines = format!(
            "{}\n{}\n",
            report("甲局2022年报", 30),
            report("乙局2023年报", 40)
        );
        assert!(is_record(&lines));
        let r = extract(&lines).unwrap();
        assert_eq!(r.title.as_deref(), Some("乙局2023年报"));
        assert!(r.warning.unwrap().starts_with("JSON: 2 records"));
        // A site's title in another object is not the record's.
        let nested = format!(
            "{{\"site\": {{\"title\": \"某市门户网站\"}}, \"content\": \"{}\"}}",
            "本机关认真贯彻落实条例。".repeat(30)
        );
        assert_eq!(extract(&nested).unwrap().title, None);
        // A body of paragraphs, each under 300 Han characters: the object's strings together.
        let paragraphs = format!(
            "{{\"title\": \"丙局2023年报\", \"paragraphs\": [\"{0}\", \"{0}\", \"{0}\"]}}",
            "本机关认真贯彻落实条例。".repeat(10)
        );
        let r = extract(&paragraphs).unwrap();
        // (The title is one of the object's strings: its first line.)
        let t = text(&r.chars);
        assert_eq!(t.lines().count(), 4);
        assert!(t.starts_with("丙局2023年报\n本机关"));
        assert_eq!(r.title.as_deref(), Some("丙局2023年报"));
        // Han characters spelt as references count.
        let entities = format!(
            "{{\"html\": \"<p>{}</p>\"}}",
            "&#26412;&#26426;&#20851;".repeat(110)
        );
        assert!(extract(&entities).is_some());
    }

    #[test]
    fn not_a_record() {
        assert!(!is_record("{一、总体情况}"));
        assert!(!is_record("[1, 2, 3]"));
        assert!(extract("{\"title\": \"短\", \"content\": \"不到三百字\"}").is_none());
    }
}
