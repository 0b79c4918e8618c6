//! Section 五 split into problem items and improvement items: the improvement part starts at the
//! first sentence that announces measures (改进措施, 下一步, 针对上述问题…) or, failing that, at the
//! second paragraph; each part is split on 一是/二是, 1./2., （一）/（二） or ；.

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
    // No cue: the first paragraph holds the problems, the rest the improvements.
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
}
