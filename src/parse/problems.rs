//! Section 五 split into problem items and improvement items: the improvement part starts at the
//! first sentence that announces measures (改进措施, 下一步, 针对上述问题…) or, failing that, at the
//! second paragraph, or where a list printed one item a line ends; each part is split on 一是/二是,
//! 1./2., （一）/（二）, (1), ①, 第一，, 首先…最后, 一方面…另一方面, bullets, or ；.

use super::text::join_han_wraps;
use crate::model::Problems;
use regex::Regex;
use std::sync::OnceLock;

/// Words that open the improvement part.
const IMPROVEMENT_CUES: &[&str] = &[
    "改进措施",
    "改进情况",
    "改进方向",
    "整改措施",
    "整改情况",
    "下一步",
    "将采取以下措施",
    "采取以下措施",
    "采取如下措施",
    "加以改进",
    "工作计划",
    "工作打算",
    "努力方向",
    "改进举措",
    // "2025年，将重点从以下方面做好改进：一是…" in the problems' own paragraph
    "做好改进",
    "从以下方面",
    "从以下几个方面",
    "从以下几方面",
];

pub fn split_problems(body: &str) -> Problems {
    let text = body.to_string();
    let cut = improvement_start(&text);
    let (p, i) = text.split_at(cut);
    Problems {
        problems: items(p, true),
        improvements: items(i, false),
    }
}

fn improvement_start(t: &str) -> usize {
    static RE: OnceLock<Regex> = OnceLock::new();
    let targeted = RE.get_or_init(|| Regex::new(r"针对[^。；\n]{0,20}问题").unwrap());
    let mut best: Option<usize> = None;
    for cue in IMPROVEMENT_CUES {
        if let Some(p) = t.find(cue) {
            best = Some(best.map_or(p, |b| b.min(p)));
        }
    }
    if let Some(m) = targeted.find(t) {
        best = Some(best.map_or(m.start(), |b| b.min(m.start())));
    }
    if let Some(p) = best {
        // Back up to the start of the sentence or line that holds the cue.
        let head = &t[..p];
        let start = head
            .rfind(['。', '\n', '；'])
            .map(|q| q + head[q..].chars().next().unwrap().len_utf8())
            .unwrap_or(0);
        // The cue must leave some problem text before it, unless the part is only a heading.
        if t[..start].chars().filter(|c| !c.is_whitespace()).count() > 0 || start > 0 {
            return start;
        }
    }
    // No cue, the problems one a line: their list ends where its numbering starts again, or,
    // in text not hard-wrapped, at the first paragraph without a marker after two items.
    if let Some(end) = end_of_item_lines(t) {
        return end;
    }
    // Else the first paragraph holds the problems, the rest the improvements.
    // That is the first line break after the first marker or "问题" ends (found once: testing
    // the text before every line break would be quadratic in the number of lines).
    let Some(first_end) = ["一是", "1.", "(一)", "问题"]
        .iter()
        .filter_map(|w| t.find(w).map(|p| p + w.len()))
        .min()
    else {
        return t.len();
    };
    match t[first_end..].find('\n') {
        Some(p) => first_end + p + 1,
        None => t.len(),
    }
}

/// Where a list of items printed one a line ends (see [`improvement_start`]), when the text
/// has such a list.
fn end_of_item_lines(t: &str) -> Option<usize> {
    let wrapped = super::is_hard_wrapped(t);
    let mut items = 0;
    let mut pos = 0;
    let mut prev_ended = true;
    for line in t.split_inclusive('\n') {
        let l = line.trim();
        if !l.is_empty() {
            // The first item may follow an intro on its line ("存在的主要问题：一是…").
            let after_intro = || {
                let c = l.find([':', '：'])?;
                line_marker(l[c..].trim_start_matches([':', '：']).trim_start())
            };
            match line_marker(l).or_else(after_intro) {
                Some(1) if items >= 2 => return Some(pos),
                Some(_) => items += 1,
                None if items >= 2 && !wrapped && prev_ended => return Some(pos),
                None => {}
            }
            prev_ended = l.ends_with(['。', '；', ';', '！']);
        }
        pos += line.len();
    }
    None
}

/// The number of the item marker a line starts with: 一是, 1. / 1、, (一), (1), ①, 第一，;
/// a bullet (●, ■, ◆, •) counts as 2 (an item, never the first of a new list).
fn line_marker(l: &str) -> Option<u32> {
    let mut it = l.chars();
    let c = it.next()?;
    if is_bullet(c) {
        return Some(2);
    }
    if let Some(n) = circled(c) {
        return Some(n);
    }
    let rest = it.as_str();
    if let Some(d) = c.to_digit(10) {
        let tail = rest.trim_start_matches(|c: char| c.is_ascii_digit());
        let n: u32 = l[..l.len() - tail.len()].parse().ok()?;
        return (d > 0 && tail.starts_with(['.', '、', '．'])).then_some(n);
    }
    if c == '(' {
        let close = rest.find(')')?;
        let inner = &rest[..close];
        return inner.parse().ok().or_else(|| numeral_value(inner));
    }
    if let Some(n) = l.find('是').and_then(|p| numeral_value(&l[..p])) {
        return Some(n);
    }
    let di = l.strip_prefix('第')?;
    let end = di.find(['，', '、', ','])?;
    numeral_value(&di[..end])
}

/// A bullet that opens an item (●, ■, ◆, •, ▪, ◇, □, ○).
fn is_bullet(c: char) -> bool {
    "●■◆•▪◇□○".contains(c)
}

/// "一" … "二十" → 1 … 20.
fn numeral_value(s: &str) -> Option<u32> {
    NUMERALS
        .iter()
        .position(|n| !n.is_empty() && *n == s)
        .map(|i| i as u32)
}

/// ① … ⑳ → 1 … 20.
fn circled(c: char) -> Option<u32> {
    ('\u{2460}'..='\u{2473}')
        .contains(&c)
        .then(|| c as u32 - 0x2460 + 1)
}

/// Split a part into items.
fn items(part: &str, is_problems: bool) -> Vec<String> {
    let mut part = part.trim().to_string();
    // Drop a leading sub-heading: "(一)主要问题。", "(二)改进措施", "存在的主要问题:".
    static HEAD: OnceLock<Regex> = OnceLock::new();
    let head = HEAD.get_or_init(|| {
        Regex::new(r"^(?:\([一二三四五六七八九十]\)\s*)?[^。：:\n]{0,24}(?:问题|措施|情况|改进|计划|方向)[。：:]?\s*(?:\n|$|[。：:])").unwrap()
    });
    if let Some(m) = head.find(&part) {
        part = part[m.end()..].trim().to_string();
    } else {
        static HEAD2: OnceLock<Regex> = OnceLock::new();
        let h2 = HEAD2
            .get_or_init(|| Regex::new(r"^\([一二三四五六七八九十]\)[^。\n]{0,20}\n").unwrap());
        if let Some(m) = h2.find(&part) {
            part = part[m.end()..].trim().to_string();
        }
    }
    if part.is_empty() {
        return Vec::new();
    }
    for splitter in [
        split_shi as fn(&str) -> Option<Vec<String>>,
        split_arabic,
        split_paren,
        split_paren_arabic,
        split_circled,
        split_di,
        split_sequence_words,
        split_bullets,
    ] {
        if let Some(v) = splitter(&part) {
            return v;
        }
    }
    // No numbering: "；" separates items, else the text after an intro colon is one item.
    let body = match part.find(['：', ':']) {
        Some(p) if p < 120 && is_problems => part
            [p + part[p..].chars().next().unwrap().len_utf8()..]
            .trim()
            .to_string(),
        _ => part.clone(),
    };
    let semi: Vec<String> = body
        .split('；')
        .map(clean)
        .filter(|s| !s.is_empty())
        .collect();
    if semi.len() >= 2 {
        return semi;
    }
    if is_problems {
        vec![clean(&body)]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect()
    } else {
        body.split('\n')
            .map(clean)
            .filter(|s| !s.is_empty())
            .collect()
    }
}

fn clean(s: &str) -> String {
    let t = super::text::squash_ws(&join_han_wraps(s));
    t.trim()
        .trim_start_matches(['，', ',', '：', ':', '、', '.'])
        .trim_end_matches(['；', ';', '，', ',', '。', ' '])
        .trim()
        .to_string()
}

/// Split at markers found in sequence (first, second, …); `make` builds the marker for n.
fn split_seq(
    s: &str,
    make: &dyn Fn(usize) -> Vec<String>,
    prev_ok: &dyn Fn(Option<char>) -> bool,
) -> Option<Vec<String>> {
    let mut cuts: Vec<(usize, usize)> = Vec::new(); // (marker start, marker end)
    let mut from = 0;
    for n in 1..=20 {
        let mut found = None;
        for m in make(n) {
            let mut search = from;
            while let Some(p) = s[search..].find(&m) {
                let at = search + p;
                if prev_ok(s[..at].chars().last()) {
                    found = Some(found.map_or((at, at + m.len()), |f: (usize, usize)| {
                        if at < f.0 {
                            (at, at + m.len())
                        } else {
                            f
                        }
                    }));
                    break;
                }
                search = at + m.len();
            }
        }
        match found {
            Some(f) => {
                cuts.push(f);
                from = f.1;
            }
            None => break,
        }
    }
    if cuts.len() < 2 {
        return None;
    }
    let mut out = Vec::new();
    for (i, &(_, e)) in cuts.iter().enumerate() {
        let end = cuts.get(i + 1).map(|c| c.0).unwrap_or(s.len());
        let item = clean(&s[e..end]);
        if !item.is_empty() {
            out.push(item);
        }
    }
    Some(out)
}

const NUMERALS: [&str; 21] = [
    "", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
    "十五", "十六", "十七", "十八", "十九", "二十",
];

fn boundary(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => !crate::ingest::normalize::is_han(c) || "，。；：、".contains(c),
    }
}

fn split_shi(s: &str) -> Option<Vec<String>> {
    split_seq(s, &|n| vec![format!("{}是", NUMERALS[n])], &boundary)
}

fn split_arabic(s: &str) -> Option<Vec<String>> {
    split_seq(s, &|n| vec![format!("{n}."), format!("{n}、")], &|c| {
        boundary(c) && !c.is_some_and(|c| c.is_ascii_digit() || c == '.')
    })
}

fn split_paren(s: &str) -> Option<Vec<String>> {
    split_seq(s, &|n| vec![format!("({})", NUMERALS[n])], &|_| true)
}

fn split_paren_arabic(s: &str) -> Option<Vec<String>> {
    split_seq(s, &|n| vec![format!("({n})")], &|_| true)
}

fn split_circled(s: &str) -> Option<Vec<String>> {
    split_seq(
        s,
        &|n| {
            char::from_u32(0x2460 + n as u32 - 1)
                .map(|c| vec![c.to_string()])
                .unwrap_or_default()
        },
        &|_| true,
    )
}

fn split_di(s: &str) -> Option<Vec<String>> {
    split_seq(
        s,
        &|n| {
            ["，", "、", ","]
                .iter()
                .map(|sep| format!("第{}{sep}", NUMERALS[n]))
                .collect()
        },
        &boundary,
    )
}

/// 首先…其次…再次…最后, 一方面…另一方面.
fn split_sequence_words(s: &str) -> Option<Vec<String>> {
    for words in [
        &["首先", "其次", "再次", "最后"][..],
        &["一方面", "另一方面"][..],
    ] {
        let v = split_seq(
            s,
            &|n| {
                // 最后 may come second or third: after 首先 or 其次.
                match n {
                    2 => vec![words.get(1), words.get(3)]
                        .into_iter()
                        .flatten()
                        .map(|w| w.to_string())
                        .collect(),
                    3 => vec![words.get(2), words.get(3)]
                        .into_iter()
                        .flatten()
                        .map(|w| w.to_string())
                        .collect(),
                    4 if words.len() == 4 => vec!["最后".to_string()],
                    n => words
                        .get(n - 1)
                        .map(|w| vec![w.to_string()])
                        .unwrap_or_default(),
                }
            },
            &boundary,
        );
        if v.is_some() {
            return v;
        }
    }
    None
}

/// Items behind bullets (●, ■, ◆, •) at the start of a line or after a sentence; an item may
/// wrap onto lines of its own.
fn split_bullets(s: &str) -> Option<Vec<String>> {
    let mut cuts: Vec<usize> = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in s.char_indices() {
        if is_bullet(c) && prev.is_none_or(|p| p.is_whitespace() || "。；;：:".contains(p)) {
            cuts.push(i);
        }
        prev = Some(c);
    }
    if cuts.len() < 2 {
        return None;
    }
    let items: Vec<String> = cuts
        .iter()
        .enumerate()
        .map(|(k, &a)| {
            let end = cuts.get(k + 1).copied().unwrap_or(s.len());
            let a = a + s[a..].chars().next().map_or(0, char::len_utf8);
            clean(&s[a..end])
        })
        .filter(|l| !l.is_empty())
        .collect();
    Some(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_problems_and_improvements() {
        let p = split_problems(
            "2022年存在的主要问题:一是解读形式单一;二是队伍建设有待加强。\n2023年我局将加强解读。",
        );
        assert_eq!(p.problems, vec!["解读形式单一", "队伍建设有待加强"]);
        assert_eq!(p.improvements, vec!["2023年我局将加强解读".to_string()]);
        let q = split_problems("（一）主要问题。1.互动较少。2.解读形式有待丰富。3.认识不强。\n（二）改进措施。1.拓展渠道。2.加强解读。");
        assert_eq!(q.problems.len(), 3);
        assert_eq!(q.improvements.len(), 2);
    }
    /// The problems and the improvements in one paragraph, the improvements led in by what
    /// the agency "will improve in these respects" (a real 2024 report's wording).
    #[test]
    fn improvements_led_in_within_the_paragraph() {
        let p = split_problems(
            "2024年，工作中仍有不足，如工作机制有待进一步完善；政策解读形式仍需创新；智能化手段运用还不够充分等。2025年，将重点从以下方面做好改进：一是优化主动公开目录。二是增强政策解读效果。三是加快数字化转型。",
        );
        assert_eq!(p.problems.len(), 3, "{:?}", p.problems);
        assert!(
            p.problems[1].starts_with("政策解读形式仍需创新"),
            "{:?}",
            p.problems
        );
        assert_eq!(
            p.improvements,
            ["优化主动公开目录", "增强政策解读效果", "加快数字化转型"]
        );
    }

    /// Items as reports number them: ①②, 第一，第二，, (1)(2), 首先…最后, 一方面…另一方面,
    /// bullets; one a line after an intro, with the improvements in a paragraph and no cue word.
    #[test]
    fn items_however_numbered() {
        let improve = "\n我局将加强政策解读，强化队伍培训。";
        for items in [
            "①解读形式单一；②队伍建设有待加强。",
            "第一，解读形式单一；第二，队伍建设有待加强。",
            "(1)解读形式单一；(2)队伍建设有待加强。",
            "首先，解读形式单一；其次，队伍建设有待加强。",
            "首先，解读形式单一；最后，队伍建设有待加强。",
            "一方面解读形式单一，另一方面队伍建设有待加强。",
            "\n●解读形式单一；\n●队伍建设有待加强。",
            "●解读形式单一；\n●队伍建设有待加强。",
            "一是解读形式单一；\n二是队伍建设有待加强。",
            "1.解读形式单一；\n2.队伍建设有待加强。",
        ] {
            let p = split_problems(&format!("存在的主要问题：{items}{improve}"));
            assert_eq!(p.problems, ["解读形式单一", "队伍建设有待加强"], "{items}");
            assert_eq!(
                p.improvements,
                ["我局将加强政策解读，强化队伍培训"],
                "{items}"
            );
        }
        // One a line from the start; the improvements numbered again from 1.
        let p =
            split_problems("1.解读形式单一。\n2.队伍建设有待加强。\n1.加强解读。\n2.强化培训。");
        assert_eq!(p.problems, ["解读形式单一", "队伍建设有待加强"]);
        assert_eq!(p.improvements, ["加强解读", "强化培训"]);
    }
}
