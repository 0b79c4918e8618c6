//! Section 五 split into problem items and improvement items: the improvement part starts at the
//! first sentence that announces measures (改进措施, 下一步, 针对上述问题…, a sentence about the time
//! to come: `improvement_cues`) or, failing that, after a problems' sub-heading's part, at the
//! second paragraph, or where a list printed one item a line ends; each part is split on 一是/二是,
//! 1./2., 1）/2）, （一）/（二）, (1), ①, 第一，, 其一，, 问题一：, 首先…最后, 一方面…另一方面, bullets,
//! or ；/;.

use super::improvement_cues::{cue_starts, CueStart, IMPROVEMENT_CUES};
use super::text::join_han_wraps;
use crate::model::Problems;
use regex::Regex;
use std::sync::OnceLock;
use unicode_width::UnicodeWidthChar;

pub fn split_problems(body: &str) -> Problems {
    split_problems_of_year(body, None)
}

/// [`split_problems`] for a report of `year` (when known): a sentence about a later year
/// opens the improvements even with no cue word.
pub fn split_problems_of_year(body: &str, year: Option<i32>) -> Problems {
    // Characters a decoder could not read (U+FFFD, a text whose bytes were once read in another
    // encoding) may be the marks between the items (。；一是): their count is not known. (Not a
    // stray one or two in a long part: a file with a damaged byte keeps its items.)
    let unread = body.matches('\u{fffd}').count();
    if unread >= 2 && unread * 100 >= body.chars().count() {
        return Problems::default();
    }
    let text = join_hard_wraps(body);
    let cut = improvement_start(&text, year);
    let (p, i) = text.split_at(cut);
    Problems {
        problems: items(p, true),
        improvements: items(i, false),
    }
}

/// A hard-wrapped body (a text browser's dump, a copy wrapped at a fixed width) with each
/// paragraph's wrapped lines joined: an item cut by a wrap ("丰富多" / "样;二是…") would
/// otherwise end at the line break. A line break stays where the line before is not full (a
/// paragraph's last line, a heading), ends a sentence, or the next line starts an item of its
/// own (一是, 1., (一), a bullet).
fn join_hard_wraps(body: &str) -> String {
    let width = |l: &str| -> usize { l.chars().filter_map(|c| c.width()).sum() };
    let lines: Vec<&str> = body.split('\n').collect();
    let max_chars = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let max_width = lines.iter().map(|l| width(l)).max().unwrap_or(0);
    let full = |l: &str| l.chars().count() + 3 >= max_chars || width(l) + 4 >= max_width;
    let joins: Vec<bool> = (0..lines.len())
        .map(|i| {
            let (l, next) = (lines[i], lines.get(i + 1).copied().unwrap_or(""));
            !l.trim().is_empty()
                && !next.trim().is_empty()
                && full(l)
                && !l.trim_end().ends_with(['。', '；', '：', ':', '！', '？'])
                && line_marker(next.trim_start()).is_none()
        })
        .collect();
    // Wrapped: two full lines at least that break mid-sentence (a wrap width of 20 characters
    // or more), or the whole text reads as wrapped.
    let wrapped = max_chars >= 20 && joins.iter().filter(|&&j| j).count() >= 2;
    if !wrapped && !super::is_hard_wrapped(body) {
        return body.to_string();
    }
    let mut out = String::with_capacity(body.len());
    for (i, l) in lines.iter().enumerate() {
        out.push_str(l);
        let Some(next) = lines.get(i + 1) else { break };
        if !joins[i] {
            out.push('\n');
        } else if l.ends_with(|c: char| c.is_ascii_alphanumeric())
            && next.starts_with(|c: char| c.is_ascii_alphanumeric())
        {
            out.push(' ');
        }
    }
    out
}

fn improvement_start(t: &str, year: Option<i32>) -> usize {
    // Every cue's first place, earliest first: a cue that leaves no problem text before it
    // ("下一步" in the part's own heading) gives way to the next one.
    for cue in cue_starts(t, year) {
        let (p, clause) = match cue {
            CueStart::Sentence(p) => (p, false),
            CueStart::Clause(p) => (p, true),
        };
        let head = &t[..p];
        // A cue that opens a clause of the problems' own sentence ("…内容公开不够全面，下步打算
        // 将…", "…；三是…不够，下一步将…") starts there.
        if clause && head.trim_end().ends_with(['，', ',']) && !head.trim().is_empty() {
            return p;
        }
        // Back up to the start of the sentence or line that holds the cue.
        let start = head
            .rfind(['。', '\n', '；'])
            .map(|q| q + head[q..].chars().next().unwrap().len_utf8())
            .unwrap_or(0);
        // The cue must leave some problem text before it.
        if start > 0 {
            return start;
        }
        // The problems' own sentence may close on the cue and so announce the measures that
        // follow ("…的及时性、全面性等都还需要在今后的工作中加以改进。\n1、进一步梳理…").
        if let Some(end) = sentence_closed_by_cue(t, p) {
            return end;
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
    // A sub-heading of the problems alone on its line ("(一)存在问题"): the outline says where
    // they end, at the next sub-heading ("(二)…") or with the text.
    let first_line = t.trim_start().lines().next().unwrap_or("");
    if is_sub_heading(first_line) {
        return t
            .match_indices('\n')
            .map(|(i, _)| i + 1)
            .find(|&i| t[i..].trim_start().starts_with("(二)"))
            .unwrap_or(t.len());
    }
    match t[first_end..].find('\n') {
        Some(p) => first_end + p + 1,
        None => t.len(),
    }
}

/// Is `s` only a sub-heading of the problems ("(一)存在问题", "存在的主要问题：")?
fn is_sub_heading(s: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(
            r"^(?:\([一二三四五六七八九十]\)\s*)?[^。：:\n，,；]{0,16}(?:问题|不足)[。：:]?$",
        )
        .unwrap()
    });
    let s = s.trim();
    re.is_match(s) && !names_problems(s)
}

/// Where the sentence holding the cue at `p` ends, when the cue closes it ("…加以改进。") and the
/// sentence is one of text (with clauses, not a heading) followed by more text. A sentence that
/// itself announces the measures ("2023年，我区将采取以下措施加以改进。") names no problem.
fn sentence_closed_by_cue(t: &str, p: usize) -> Option<usize> {
    if t[..p].contains('将') || t[..p].contains("以下") {
        return None;
    }
    let rest = &t[p..];
    let stop = rest.find('。')?;
    let sentence_end = p + stop + '。'.len_utf8();
    let cue_ends_it = IMPROVEMENT_CUES
        .iter()
        .any(|c| rest.starts_with(c) && rest[c.len()..].starts_with('。'));
    (cue_ends_it && t[..p].contains(['，', ',']) && !t[sentence_end..].trim().is_empty())
        .then_some(sentence_end)
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

/// The number of the item marker a line starts with: 一是, 1. / 1、 / 1), (一), (1), ①, 第一，
/// / 其一，/ 问题一：;
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
        return (d > 0 && tail.starts_with(['.', '、', '．', ')'])).then_some(n);
    }
    if c == '(' {
        let close = rest.find(')')?;
        let inner = &rest[..close];
        return inner.parse().ok().or_else(|| numeral_value(inner));
    }
    if let Some(n) = l.find('是').and_then(|p| numeral_value(&l[..p])) {
        return Some(n);
    }
    // 问题一：/ 措施1：, an item named as the text's problem or measure.
    if let Some(named) = ["问题", "不足", "措施"]
        .iter()
        .find_map(|w| l.strip_prefix(w))
    {
        let end = named.find(['：', ':', '、', '，'])?;
        let num = &named[..end];
        return num.parse().ok().or_else(|| numeral_value(num));
    }
    let di = l.strip_prefix('第').or_else(|| l.strip_prefix('其'))?;
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
    // A sub-heading run into the first item ("(二)改进措施一是重点推进…").
    static RUN_IN: OnceLock<Regex> = OnceLock::new();
    let run_in = RUN_IN.get_or_init(|| {
        Regex::new(r"^(?:\([一二三四五六七八九十]\)\s*)?[^。：:\n，,；]{0,12}(?:问题|措施|情况|改进|计划|方向|打算)\s*").unwrap()
    });
    // A heading that introduces what follows ("主要存在问题：").
    let mut colon_head = false;
    if let Some(m) = head.find(&part).filter(|m| !names_problems(m.as_str())) {
        colon_head = m.as_str().trim_end().ends_with([':', '：']);
        part = part[m.end()..].trim().to_string();
    } else if let Some(m) = run_in
        .find(&part)
        .filter(|m| line_marker(&part[m.end()..]) == Some(1))
    {
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
        split_named,
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
    let mut semi: Vec<String> = body
        .split(['；', ';'])
        .map(clean)
        .filter(|s| !s.is_empty())
        .collect();
    // The first problem after a lead-in clause of its paragraph ("2024年，…取得了新进展，但在
    // 工作中仍有不足，如工作机制有待完善；…"): the problem starts after 如 / 主要是 / 主要表现在.
    if is_problems {
        if let Some(first) = semi.first_mut() {
            if let Some(rest) = after_lead_in(first) {
                *first = rest;
            }
        }
    }
    if semi.len() >= 2 {
        return semi;
    }
    if is_problems {
        let one = clean(&body);
        // After an intro colon ("主要存在问题：A有待…，B有待…"), as after a lead-in.
        let introduced = colon_head || body.len() < part.len();
        match after_lead_in(&one).or_else(|| introduced.then(|| one.clone())) {
            // "…仍存在一定差距。如A有待提高、B有待提升、C有待加强等": the examples it lists.
            Some(rest) => {
                listed_examples(&rest).unwrap_or_else(|| vec![after_lead_in(&one).unwrap_or(one)])
            }
            // "…还存在一定的差距，A不够全面，B不够丰富，C不足。": a lead-in that names a
            // measure of shortcomings then a comma lists them, where every clause is one.
            None => after_measured_lead_in(&one)
                .and_then(listed_examples)
                .unwrap_or_else(|| vec![one]),
        }
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

/// Does a short sentence ending on 问题 name the problems ("信息公开工作主要存在公开不及时、缺乏
/// 专人员管理等问题。") rather than head them ("存在的主要问题。")? A heading lists nothing:
/// "等问题" closes a list.
fn names_problems(s: &str) -> bool {
    s.contains("等问题") || s.contains("等不足") || s.contains("等方面问题")
}

/// The text after a lead-in clause that says there are shortcomings and then names them
/// ("…，但在工作中仍有不足，如…", "…存在一些问题，主要是…"), when what follows is long enough to be
/// a problem.
fn after_lead_in(item: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^[^；。]{0,80}?(?:不足|问题|差距|短板|薄弱环节)[^；。，,]{0,8}?[，,。]\s*(?:主要表现在|主要表现为|具体表现为|表现在|主要是|主要有|比如|例如|如)[：:，,]?").unwrap()
    });
    let m = re.find(item)?;
    let rest = clean(&item[m.end()..]);
    (rest.chars().count() >= 4).then_some(rest)
}

/// The text after a lead-in clause that says there is some measure of shortcomings (`…还存在
/// 一定的差距，`, `…与要求相比，仍有一些不足，`) and names none; a clause naming one (`政策解读仍有不足，`)
/// is a problem itself, so the measure (一定, 一些, 不少 …) must be there.
fn after_measured_lead_in(item: &str) -> Option<&str> {
    // (The measure's words first, by memchr: most items have none, and the regex scans.)
    if !["一定", "一些", "些许", "不少", "诸多"]
        .iter()
        .any(|w| item.contains(w))
    {
        return None;
    }
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^[^；。：:]{0,80}?(?:存在|有)(?:一定的?|一些|些许|不少|诸多)(?:差距|不足|问题|短板|薄弱环节)(?:之处)?[，,]").unwrap()
    });
    re.find(item).map(|m| &item[m.end()..])
}

/// The problems a lead-in lists as examples separated by 、 ("依申请公开工作规范性还有待提高、
/// 政务公开内容的深度和广度还有待提升、政务公开队伍建设有待加强等"): only where every piece is a
/// whole problem, ending on what is lacking (有待提高, 不够及时, 不足, 欠缺, …的情况仍然存在 …); a list of subjects
/// sharing one predicate ("政务公开、政策解读等工作有待加强") is one problem.
fn listed_examples(rest: &str) -> Option<Vec<String>> {
    static LACKING: OnceLock<Regex> = OnceLock::new();
    let lacking = LACKING.get_or_init(|| {
        Regex::new(
            r"(?:(?:有待|亟待|仍需|还需|尚需|需要|需)\p{Han}{1,6}|不足|不够\p{Han}{0,4}|不强|不高|不深|不到位|不及时|不全面|不规范|不完善|不健全|欠缺|滞后|薄弱|较少|较弱|单一|(?:情况|现象|问题)\p{Han}{0,8}存在)$",
        )
        .unwrap()
    });
    let body = rest
        .trim_end_matches(['。', '；', ';'])
        .trim_end_matches("等方面的问题")
        .trim_end_matches("等方面问题")
        .trim_end_matches("等问题")
        .trim_end_matches("的问题")
        .trim_end_matches("等不足")
        .trim_end_matches('等');
    let whole = |p: &&str| p.chars().count() >= 4 && lacking.is_match(p);
    // Clauses apart by commas, likewise ("如认识程度需要进一步提高，公开内容需进一步拓展，…"),
    // unless one goes on from the one before ("…认识不足，导致相关工作相对滞后": one problem).
    const GOES_ON: &[&str] = &[
        "导致", "造成", "致使", "以致", "从而", "进而", "使得", "影响",
    ];
    [&['、'][..], &['，', ',']].iter().find_map(|seps| {
        let pieces: Vec<&str> = body.split(*seps).map(str::trim).collect();
        // (A piece of several sentences, or of several clauses in a list by 、, is no item.)
        let clauses = seps.contains(&'、');
        let goes_on = |p: &&str| {
            GOES_ON.iter().any(|w| p.starts_with(w))
                || p.contains('。')
                || (clauses && p.contains(['，', ',']))
        };
        (pieces.len() >= 2 && pieces.iter().all(whole) && !pieces.iter().any(goes_on))
            .then(|| pieces.iter().map(|p| p.to_string()).collect())
    })
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
    // (And "1）", a list's half bracket; not the "1)" of "(1)".)
    split_seq(
        s,
        &|n| vec![format!("{n}."), format!("{n}、"), format!("{n})")],
        &|c| boundary(c) && !c.is_some_and(|c| c.is_ascii_digit() || c == '.' || c == '('),
    )
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
            // (And 其一，其二，.)
            ["，", "、", ","]
                .iter()
                .flat_map(|sep| ["第", "其"].map(|w| format!("{w}{}{sep}", NUMERALS[n])))
                .collect()
        },
        &boundary,
    )
}

/// 问题一：…问题二：… (or 问题1：, 问题一、): each item named as the text's problem or measure.
fn split_named(s: &str) -> Option<Vec<String>> {
    split_seq(
        s,
        &|n| {
            ["问题", "不足", "措施"]
                .iter()
                .flat_map(|w| {
                    ["：", ":", "、", "，"].iter().flat_map(move |sep| {
                        [NUMERALS[n].to_string(), n.to_string()].map(|num| format!("{w}{num}{sep}"))
                    })
                })
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
    /// A body wrapped at a fixed width (w3m at 80 columns, a copy wrapped at 40 characters):
    /// an item cut by a wrap is still one item, the next item after it is found, and items
    /// printed one a line stay apart.
    #[test]
    fn hard_wrapped_items_are_joined_before_splitting() {
        let wrapped = "2022年市医保局政府信息公开工作存在的主要问题:一是政策文件解读形式还需更加丰富多\n样;二是政府信息公开的队伍建设有待加强。\n\n2022年我局将围绕社会广泛关注、事关群众切实利益的重要政策,主动加强政策解读的针对\n性、时效性和可读性。同时,强化政府信息公开教育和培训力度,通过举办业务讲座、开展\n集中研学等方式,不断提高政府信息公开工作队伍的业务水平。";
        let p = split_problems(wrapped);
        assert_eq!(
            p.problems,
            [
                "政策文件解读形式还需更加丰富多样",
                "政府信息公开的队伍建设有待加强"
            ]
        );
        // Items on lines of their own, each a full line: not joined.
        let listed = "存在的主要问题如下，现列举说明本机关政府信息公开工作中的不足之处：\n一是政策文件解读形式还需更加丰富多样，解读渠道仍然较为单一有待拓展\n二是政府信息公开的队伍建设有待加强，业务培训的频次和深度仍然不足够\n三是依申请公开办理的规范化水平有待提高，答复文书格式尚需统一完善好\n四是政务新媒体的信息发布还不够及时，互动回应的效率仍然需要再提升\n下一步，我们将针对上述问题逐项整改落实。";
        let q = split_problems(listed);
        assert_eq!(q.problems.len(), 4, "{:?}", q.problems);
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
    /// Older reports (平潭 2011–2013) lead the improvements in with a count of the respects
    /// ("因此，我们考虑从以下三个方面作进一步的改进：（一）…"), not only 几.
    #[test]
    fn improvements_led_in_by_a_count_of_respects() {
        for n in [
            "两个方面",
            "三个方面",
            "四个方面",
            "几个方面",
            "几方面",
            "方面",
        ] {
            let p = split_problems(&format!(
                "仍存在一些不足。一是人员流动性大；二是属性界定不准确。因此，我们考虑从以下{n}作进一步的改进：(一)深化公开内容。(二)拓展公开形式。(三)规范公开行为。"
            ));
            assert_eq!(p.problems, ["人员流动性大", "属性界定不准确"], "{n}");
            assert_eq!(
                p.improvements,
                ["深化公开内容", "拓展公开形式", "规范公开行为"],
                "{n}"
            );
        }
    }

    /// A part whose text still holds its heading's tail ("及下一步工作计划 目前…"): the cue in
    /// it leaves no problem before it, so the next cue opens the improvements.
    #[test]
    fn a_cue_with_no_problem_before_it_gives_way_to_the_next() {
        let p = split_problems(
            "及下一步工作计划 目前仍存在一些不足。一是人员流动性大；二是属性界定不准确。因此，我区计划从以下几个方面作进一步的改进： (一)深化公开内容。 (二)规范公开行为。",
        );
        assert_eq!(p.problems, ["人员流动性大", "属性界定不准确"]);
        assert_eq!(p.improvements, ["深化公开内容", "规范公开行为"]);
    }

    /// A sub-heading run into the improvements' first item, as a one-line crawl prints it
    /// ("（二）改进措施一是重点推进…", 平潭 2015): the heading is no item.
    #[test]
    fn run_in_sub_heading_is_stripped() {
        let p = split_problems(
            "(一)存在问题虽然取得了一定成效，但主要还存在以下问题：一是人员流动性较大；二是属性界定不准确。(二)改进措施一是重点推进政府信息公开。二是建立健全电子公文流转管理机制。三是抓好巡查工作。四是开展培训。",
        );
        assert_eq!(p.problems, ["人员流动性较大", "属性界定不准确"]);
        assert_eq!(
            p.improvements,
            [
                "重点推进政府信息公开",
                "建立健全电子公文流转管理机制",
                "抓好巡查工作",
                "开展培训"
            ]
        );
    }

    /// The plan for the next year written as a plain sentence after the problems, with no cue
    /// word ("2015年，我区将进一步规范…", 平潭 2014): it opens the improvements; a year no later
    /// than the problems' own is no plan.
    #[test]
    fn next_year_sentence_opens_the_improvements() {
        let p = split_problems(
            "但主要还存在以下问题：一是工作基础需进一步夯实。二是公开范围有待拓展。三是公开制度有待完善。 2015年，我区将进一步规范政府信息主动公开与依申请公开，进一步提高我区政府信息公开水平。",
        );
        assert_eq!(p.problems.len(), 3, "{:?}", p.problems);
        assert_eq!(p.problems[2], "公开制度有待完善");
        assert_eq!(
            p.improvements,
            ["2015年，我区将进一步规范政府信息主动公开与依申请公开，进一步提高我区政府信息公开水平"]
        );
        // The report's own year is no plan.
        let own = "但主要还存在以下问题：一是工作基础需进一步夯实。二是公开范围有待拓展。 2015年，我区将进一步规范政府信息公开。";
        assert!(split_problems_of_year(own, Some(2015))
            .improvements
            .is_empty());
        assert_eq!(
            split_problems_of_year(own, Some(2014)).improvements.len(),
            1
        );
        let q = split_problems(
            "2014年，我区工作中存在以下问题：一是工作基础需进一步夯实。二是公开范围有待拓展。2014年，将有新的规定出台但尚未落实。",
        );
        assert!(q.improvements.is_empty(), "{:?}", q.improvements);
    }

    /// A problems paragraph that opens with the year's achievements and then names the
    /// shortcomings after 如 / 主要是 (平潭 2024): the first problem is the shortcoming, not the
    /// lead-in.
    #[test]
    fn first_problem_starts_after_its_lead_in() {
        let p = split_problems(
            "2024年，实验区政府信息公开工作取得了新进展新成果，但在工作中仍在不足，如新时代政府信息公开工作机制有待进一步调整和完善；政策解读形式仍需创新。",
        );
        assert_eq!(
            p.problems,
            [
                "新时代政府信息公开工作机制有待进一步调整和完善",
                "政策解读形式仍需创新"
            ]
        );
        let q = split_problems("工作中还存在一些问题，主要是公开内容不够全面。");
        assert_eq!(q.problems, ["公开内容不够全面"]);
    }
}
